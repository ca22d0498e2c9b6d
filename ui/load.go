package ui

import (
	"context"
	"math"
	"runtime/debug"

	tea "charm.land/bubbletea/v2"

	"newsread/index"
	"newsread/library"
)

// batchMsg is one batch of the library, already in the index.
type batchMsg struct {
	warnings []library.Warning
	found    int
	done     bool
}

// startLoad loads the library in the background: parsing and indexing run in goroutines of
// their own, so they overlap, and each batch indexed is reported with a batchMsg.
func (m Model) startLoad(ctx context.Context) tea.Cmd {
	lib, ix, feed := m.lib, m.ix, m.feed
	parsed := make(chan library.Batch, 4)
	go func() {
		defer close(parsed)
		lib.Load(ctx, func(b library.Batch) {
			select {
			case parsed <- b:
			case <-ctx.Done():
			}
		})
	}()
	go func() {
		for b := range parsed {
			ix.Add(b.Stories)
			if b.Done {
				settleMemory(ix)
			}
			msg := batchMsg{warnings: b.Warnings, found: b.Found, done: b.Done}
			select {
			case feed <- msg:
			case <-ctx.Done():
				return
			}
		}
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

// settleMemory trims the index after a load, gives the memory the load churned through back to
// the system, and from then on keeps the heap under memoryLimit (unless GOMEMLIMIT is set).
func settleMemory(ix *index.Index) {
	ix.Compact()
	debug.FreeOSMemory()
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(memoryLimit)
	}
}
