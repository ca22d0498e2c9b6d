package ui

import (
	tea "charm.land/bubbletea/v2"
)

// Run starts the reader on the terminal and returns when the user quits.
func Run(opts Options) error {
	p := tea.NewProgram(New(opts), tea.WithFPS(120))
	final, err := p.Run()
	if m, ok := final.(Model); ok {
		m.cancel()
		if m.store != nil {
			m.store.Close()
		}
	}
	return err
}
