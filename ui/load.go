package ui

import (
	"context"
	"math"
	"runtime/debug"

	tea "charm.land/bubbletea/v2"

	"newsread/library"
	"newsread/loader"
)

// batchMsg is one batch of the library, already in the index.
type batchMsg struct {
	warnings []library.Warning
	found    int
	done     bool
}

// startLoad fills the index in the background (from a snapshot when the library is
// unchanged, else parsing and indexing as it goes) and reports each step with a batchMsg.
func (m Model) startLoad(ctx context.Context) tea.Cmd {
	lib, ix, feed, opt, done := m.lib, m.ix, m.feed, loader.Options{CacheDir: m.opts.CacheDir}, m.loadDone
	go func() {
		defer close(done)
		loader.Fill(ctx, lib, ix, opt, func(p loader.Progress) {
			select {
			case feed <- batchMsg{warnings: p.Warnings, found: p.Found, done: p.Done}:
			case <-ctx.Done():
			}
		})
		settleMemory()
	}()
	return waitBatch(ctx, feed)
}

// waitBatch waits for the next batch, or for the end of the program.
func waitBatch(ctx context.Context, feed <-chan batchMsg) tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-feed:
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
