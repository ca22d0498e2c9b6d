package ui

import (
	"math"
	"runtime/debug"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// memoryLimit is a soft limit for the Go heap: without it the collector lets the heap grow to
// twice what is live, which with 100,000 stories is twice the budget of resident memory.
const memoryLimit = 120 << 20

// Run starts the reader on the terminal and returns when the user quits.
func Run(opts Options) error {
	if debug.SetMemoryLimit(-1) == math.MaxInt64 { // unless GOMEMLIMIT says otherwise
		debug.SetMemoryLimit(memoryLimit)
	}
	// lipgloss worked out stdout's colour profile when it was loaded (inside tmux that means
	// running `tmux info`); handing it over saves Bubble Tea doing the same again before the
	// first frame.
	p := tea.NewProgram(New(opts), tea.WithFPS(120), tea.WithColorProfile(lipgloss.Writer.Profile))
	final, err := p.Run()
	if m, ok := final.(Model); ok {
		m.cancel()
		if m.store != nil {
			m.store.Close()
		}
	}
	return err
}
