package ui

import (
	"io"
	"os"
	"runtime"
	"strings"

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
	close(m.loadDone)
	m.loaded = true
	search := m.takeBatch(msg)
	next, _ := m.Update(search())
	return next.(Model)
}

// openStoreNow opens the reading state at once, so that the first frame shows what is read
// and saved: drawn before it, a frame would show read stories as unread until it opens.
func (m Model) openStoreNow() Model {
	if m.store != nil {
		return m
	}
	search, _ := m.takeStore(m.openStore()().(storeMsg)) // no writes wait for a store before the program starts
	next, _ := m.Update(search())
	return next.(Model)
}

// firstFrame returns m as Bubble Tea will first draw it on a terminal of w×h cells whose
// colour profile is profile: loaded when it can be at once, its reading state open, and told
// what Bubble Tea tells a model before its first frame.
func (m Model) firstFrame(w, h int, profile colorprofile.Profile) Model {
	m = m.loadNow().openStoreNow()
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	next, _ = next.Update(tea.ColorProfileMsg{Profile: profile})
	return next.(Model)
}

// paintEarly draws a frame's content on the alternate screen of out, as Bubble Tea's renderer
// would: the cursor hidden and the colours brought down to profile.
func paintEarly(out io.Writer, profile colorprofile.Profile, content string) {
	var b strings.Builder
	b.WriteString(ansi.SetModeAltScreenSaveCursor + ansi.HideCursor + ansi.CursorHomePosition + ansi.EraseEntireScreen)
	b.WriteString(strings.ReplaceAll(content, "\n", "\r\n")) // the terminal may not be translating newlines yet
	(&colorprofile.Writer{Forward: out, Profile: profile}).WriteString(b.String())
}
