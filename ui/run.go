package ui

import (
	"errors"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Run starts the reader on the terminal and returns when the user quits.
func Run(opts Options) error {
	// The first width asked of a character above ASCII builds go-runewidth's table (2 MB, 1–2
	// ms of a launch, most of the first View); it is built on the other CPU meanwhile.
	go ansi.WcWidth.StringWidth("│")
	// lipgloss worked out stdout's colour profile when it was loaded (inside tmux that means
	// running `tmux info`); handing it over saves Bubble Tea doing the same again before the
	// first frame.
	profile := lipgloss.Writer.Profile
	m, painted := paintFirst(New(opts), os.Stdout, profile)
	p := tea.NewProgram(m, tea.WithFPS(120), tea.WithColorProfile(profile))
	// A closed terminal (SIGHUP) ends the program as q would, and so does kill (SIGTERM,
	// which Bubble Tea turns into a quit without asking the model), so the reading position
	// is saved below either way.
	hup, ended := make(chan os.Signal, 1), make(chan struct{})
	signal.Notify(hup, syscall.SIGHUP)
	defer func() { signal.Stop(hup); close(ended) }()
	go func() {
		select {
		case <-hup:
			p.Quit()
		case <-ended:
		}
	}()
	final, err := p.Run()
	if err != nil && painted && !errors.Is(err, tea.ErrProgramKilled) {
		// Bubble Tea could not start, so nobody else will leave the early frame's screen.
		os.Stdout.WriteString(ansi.ResetModeAltScreenSaveCursor + ansi.ShowCursor)
	}
	if m, ok := final.(Model); ok {
		if save := m.savePosition(); save != nil { // not saved yet: the program ended without q
			save()
		}
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
