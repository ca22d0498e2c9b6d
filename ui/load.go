package ui

import (
	"context"
	"math"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"

	"newsread/library"
	"newsread/loader"
)

// batchMsg is one batch of the library, already in the index.
type batchMsg struct {
	warnings []library.Warning
	found    int
	cached   int
	done     bool
}

// startLoad fills the index in the background (from a snapshot when the library is
// unchanged, else parsing and indexing as it goes) and reports each step with a batchMsg.
func (m Model) startLoad(ctx context.Context) tea.Cmd {
	lib, ix, feed, opt, done := m.lib, m.ix, m.feed, loader.Options{CacheDir: m.opts.CacheDir}, m.endLoad
	head := m.loadHead()
	go func() {
		defer done()
		if head > 0 {
			select {
			case <-time.After(head):
			case <-ctx.Done():
				return
			}
		}
		loader.Fill(ctx, lib, ix, opt, func(p loader.Progress) {
			select {
			case feed <- batchMsg{warnings: p.Warnings, found: p.Found, cached: p.Cached, done: p.Done}:
			case <-ctx.Done():
			}
		})
		settleMemory()
	}()
	return receive(ctx, feed)
}

// firstFrameHead is how long the load of folders waits before it starts when no frame was
// drawn before Bubble Tea started (paintFirst), so that the first frame (the status line,
// "loading…") is drawn before the load takes both CPUs: Bubble Tea
// writes a frame on the tick of a ticker started with the program (8.3 ms at 120 FPS), and a
// load already listing, reading and decoding kept that tick's goroutine and the first View
// waiting for a CPU (100k stories, raw medians in tmux: first frame 79–99 → 61–72 ms from a
// snapshot, 56–71 → 50–52 ms without). A small folder's stories show a frame later than they
// could.
const firstFrameHead = 10 * time.Millisecond

// loadHead is how long the load waits before it starts: firstFrameHead for folders when no
// frame is on the screen yet; the embedded stories load at once, into the first frame.
func (m Model) loadHead() time.Duration {
	if m.painted || m.lib.Roots() == nil {
		return 0
	}
	return firstFrameHead
}

// takeBatch shows what a batch brought (the stories themselves are already in the index) and
// returns the search of the filter over them.
func (m *Model) takeBatch(msg batchMsg) tea.Cmd {
	m.syncStories()
	if len(msg.warnings) > 0 {
		m.warnings = append(m.warnings, msg.warnings...)
		m.fileNote = m.fileProblems()
	}
	m.refreshHelp()
	m.found, m.cached, m.loading = msg.found, msg.cached, !msg.done
	return m.refresh()
}

// receive waits for the next message on ch (a batch of the load, the opened store), or for
// the end of the program.
func receive[T tea.Msg](ctx context.Context, ch <-chan T) tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-ch:
			return msg
		case <-ctx.Done():
			return nil
		}
	}
}

// memoryLimit is a soft limit for the Go heap once a library is loaded: without it the
// collector lets the heap grow to twice what is live (with 100,000 stories, about 170 MB). It
// leaves room above the loaded index (about 85 MB) for rendering a huge story: at 120 MiB the
// collector ran almost without pause then, and keys took 14 ms instead of 0.5. It is not set
// while loading, where it would slow the load by a third.
const memoryLimit = 160 << 20

// settleMemory gives the memory a load churned through back to the system, and from then on
// keeps the heap under memoryLimit (unless GOMEMLIMIT is set).
func settleMemory() {
	debug.FreeOSMemory()
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(memoryLimit)
	}
}
