package ui

import (
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
		m.writes.Wait()
		if m.store != nil {
			m.store.Close()
		} else {
			m.flushPending()
		}
	}
	return err
}
