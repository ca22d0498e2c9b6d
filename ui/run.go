package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Run starts the reader on the terminal and returns when the user quits.
func Run(opts Options) error {
	// lipgloss worked out stdout's colour profile when it was loaded (inside tmux that means
	// running `tmux info`); handing it over saves Bubble Tea doing the same again before the
	// first frame.
	p := tea.NewProgram(New(opts), tea.WithFPS(120), tea.WithColorProfile(lipgloss.Writer.Profile))
	final, err := p.Run()
	if m, ok := final.(Model); ok {
		m.cancel()
		// A load stops at once when cancelled; a snapshot being written is let finish, so
		// that no half-written file is left in the cache.
		select {
		case <-m.loadDone:
		case <-time.After(time.Second):
		}
		m.writes.Wait()
		if m.store != nil {
			m.store.Close()
		} else {
			m.flushPending()
		}
	}
	return err
}
