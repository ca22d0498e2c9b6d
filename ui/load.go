package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"newsread/library"
)

// batchMsg is one batch of the library, already in the index.
type batchMsg struct {
	warnings []library.Warning
	found    int
	done     bool
}

// startLoad loads the library in the background: batches go into the index off the UI
// goroutine, and each one is reported with a batchMsg.
func (m Model) startLoad(ctx context.Context) tea.Cmd {
	lib, ix, feed := m.lib, m.ix, m.feed
	go func() {
		lib.Load(ctx, func(b library.Batch) {
			ix.Add(b.Stories)
			msg := batchMsg{warnings: b.Warnings, found: b.Found, done: b.Done}
			select {
			case feed <- msg:
			case <-ctx.Done():
			}
		})
	}()
	return waitBatch(feed)
}

func waitBatch(feed <-chan batchMsg) tea.Cmd {
	return func() tea.Msg { return <-feed }
}
