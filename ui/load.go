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
				ix.Compact()
			}
			msg := batchMsg{warnings: b.Warnings, found: b.Found, done: b.Done}
			select {
			case feed <- msg:
			case <-ctx.Done():
				return
			}
		}
	}()
	return waitBatch(feed)
}

func waitBatch(feed <-chan batchMsg) tea.Cmd {
	return func() tea.Msg { return <-feed }
}
