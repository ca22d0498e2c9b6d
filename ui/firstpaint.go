package ui

import (
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"newsread/loader"
)

// Bubble Tea writes its first frame on the first tick of its frame ticker, a whole frame
// period (8.3 ms at 120 FPS) after it starts, and has no way to be asked for one sooner. So
// Run draws that same frame itself, before the program starts: the embedded stories loaded,
// searched and laid out at the terminal's size. Bubble Tea's first frame then erases the
// screen and draws it again (its renderer clears the alternate screen on entering it), so
// nothing the early frame drew outlives it, even where the two differ.

// paintFirst draws m's first frame on out when out is a terminal that Bubble Tea will draw on,
// and returns m as drawn, for Bubble Tea to start from, and whether it drew. A dumb terminal
// (profile NoTTY) gets only Bubble Tea's frames, and so does a Windows console, which takes
// escape sequences only once Bubble Tea has set it up.
func paintFirst(m Model, out *os.File, profile colorprofile.Profile) (Model, bool) {
	if profile == colorprofile.NoTTY || runtime.GOOS == "windows" || !term.IsTerminal(out.Fd()) {
		return m, false
	}
	w, h, err := term.GetSize(out.Fd())
	if err != nil || w <= 0 || h <= 0 {
		return m, false
	}
	m = m.firstFrame(w, h, profile)
	paintEarly(out, profile, m.View().Content) // a terminal that takes no writes shows nothing either way
	m.painted = true
	return m, true
}

// loadNow loads the embedded stories at once (they are in the binary: no file is read) and
// shows them, so that the model's first View holds them. A library of folders is left to
// load in the background as usual.
func (m Model) loadNow() Model {
	if m.lib.Roots() != nil || m.loaded {
		return m
	}
	var msg batchMsg
	loader.Fill(m.ctx, m.lib, m.ix, loader.Options{}, func(p loader.Progress) {
		msg.warnings = append(msg.warnings, p.Warnings...)
		msg.found, msg.done = p.Found, p.Done
	})
	m.endLoad()
	m.loaded = true
	search := m.takeBatch(msg)
	next, _ := m.Update(search())
	return next.(Model)
}

// startStore starts opening the reading state now, before the program starts, so that it
// opens while the first frame is made; Init then waits for it rather than opening another.
func (m Model) startStore() Model {
	if m.store != nil || m.opening != nil {
		return m
	}
	opened, open := make(chan storeMsg, 1), m.openStore()
	go func() { opened <- open().(storeMsg) }()
	m.opening = opened
	return m
}

// storeWait is how long the early frame of the embedded stories waits for the reading state,
// so as to show what is read and saved: at most Bubble Tea's first frame tick, which the early
// frame is there to beat. A state slow to open (a large one, a database locked by another
// process) shows when it opens, as it did when Bubble Tea drew the first frame. Tests
// lengthen it.
var storeWait = 8 * time.Millisecond

// takeStoreNow takes the reading state in if it opens within storeWait, for the embedded
// stories (a folder's early frame has no stories yet, so no marks to show).
func (m Model) takeStoreNow() Model {
	if m.opening == nil || m.lib.Roots() != nil {
		return m
	}
	select {
	case msg := <-m.opening:
		m.opening = nil
		search, _ := m.takeStore(msg) // no writes wait for a store before the program starts
		next, _ := m.Update(search())
		return next.(Model)
	case <-time.After(storeWait):
		return m
	}
}

// firstFrame returns m as Bubble Tea will first draw it on a terminal of w×h cells whose
// colour profile is profile: loaded when it can be at once, with its reading state when that
// opens in time, and told what Bubble Tea tells a model before its first frame.
func (m Model) firstFrame(w, h int, profile colorprofile.Profile) Model {
	m = m.startStore().loadNow().takeStoreNow()
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	next, _ = next.Update(tea.ColorProfileMsg{Profile: profile})
	return next.(Model)
}

// paintEarly draws a frame's content on the alternate screen of out, as Bubble Tea's renderer
// would: the cursor hidden and the colours brought down to profile.
func paintEarly(out io.Writer, profile colorprofile.Profile, content string) {
	var b strings.Builder
	b.WriteString(ansi.SetModeAltScreenSaveCursor + ansi.HideCursor + ansi.CursorHomePosition + ansi.EraseEntireScreen)
	for i, line := range strings.Split(content, "\n") {
		if i > 0 {
			b.WriteString("\r\n") // each line from the left edge, whether or not the terminal adds the \r
		}
		b.WriteString(trimBlankEnd(line))
	}
	(&colorprofile.Writer{Forward: out, Profile: profile}).WriteString(b.String())
}

// trimBlankEnd drops the spaces that pad a line to the screen's width after its last style
// ends: the screen was just cleared, so those cells are blank already (they were half of a
// frame's bytes).
func trimBlankEnd(line string) string {
	t := strings.TrimRight(line, " ")
	if strings.HasSuffix(t, ansi.ResetStyle) || strings.HasSuffix(t, "\x1b[0m") {
		return t
	}
	return line
}
