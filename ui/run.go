package ui

import (
	"bytes"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
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
	// A closed terminal (SIGHUP) ends the program as q would, and so does kill (SIGTERM,
	// which Bubble Tea turns into a quit without asking the model), so the reading position
	// is saved below either way. SIGINT interrupts it, as Bubble Tea's own handling does.
	// They are caught from before the early frame on, and passed to the program once it
	// exists: arriving before Bubble Tea's handlers, they would have ended the process with
	// the terminal on the alternate screen.
	signals, ended := make(chan os.Signal, 3), make(chan struct{})
	signal.Notify(signals, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	defer func() { signal.Stop(signals); close(ended) }()
	started := make(chan *tea.Program, 1)
	go func() {
		var p *tea.Program
		select {
		case p = <-started:
		case <-ended:
			return
		}
		for {
			select {
			case sig := <-signals:
				if sig == syscall.SIGINT {
					p.Send(tea.InterruptMsg{})
				} else {
					p.Quit()
				}
			case <-ended:
				return
			}
		}
	}()
	ignoreStops()
	m, painted := paintFirst(New(opts), os.Stdout, profile)
	out := &terminal{File: os.Stdout}
	p := tea.NewProgram(m, tea.WithFPS(120), tea.WithColorProfile(profile), tea.WithOutput(out))
	started <- p
	final, err := p.Run()
	signal.Reset(syscall.SIGINT, syscall.SIGTERM) // from here they end the process, as once Bubble Tea has stopped
	if painted && !out.altScreen.Load() {
		// Bubble Tea ended before its first frame (it could not start, or was stopped at
		// once), so it will not leave the early frame's screen.
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

// terminal is stdout as Bubble Tea writes to it, noting whether Bubble Tea has entered the
// alternate screen: then it leaves it again when it stops.
type terminal struct {
	*os.File
	altScreen atomic.Bool // set once Bubble Tea has written ESC[?1049h; never cleared
}

func (t *terminal) Write(b []byte) (int, error) {
	if !t.altScreen.Load() && bytes.Contains(b, []byte(ansi.SetModeAltScreenSaveCursor)) {
		t.altScreen.Store(true)
	}
	return t.File.Write(b)
}

func (t *terminal) WriteString(s string) (int, error) {
	if !t.altScreen.Load() && strings.Contains(s, ansi.SetModeAltScreenSaveCursor) {
		t.altScreen.Store(true)
	}
	return t.File.WriteString(s)
}
