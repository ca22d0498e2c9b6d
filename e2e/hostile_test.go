package e2e

import (
	"fmt"
	"path"
	"strings"
	"testing"
	"time"

	"newsread/synth"
)

// promptly is how soon a key must show its effect while a huge story renders.
const promptly = 2 * time.Second

// listIndex returns the list row (from the top) holding title, or -1.
func listIndex(screen, title string) int {
	for i, l := range lines(screen) {
		if _, right, ok := strings.Cut(l, "│"); ok && strings.Contains(right, title) {
			return i
		}
	}
	return -1
}

// safe fails when an injected sequence reached the terminal: the pane title, tmux's paste
// buffers (OSC 52, with set-clipboard on), the bell flag, or the strings that must never show.
func (tm *Term) safe(m synth.Manifest, when string) {
	tm.t.Helper()
	if ti := tm.title(); strings.Contains(ti, "PWNED") {
		tm.t.Errorf("%s: the window title became %q", when, ti)
	}
	if b := strings.TrimSpace(tm.tmux("list-buffers")); b != "" {
		tm.t.Errorf("%s: the story wrote to the clipboard: %q", when, b)
	}
	if bell := strings.TrimSpace(tm.tmux("display", "-p", "-t", "0", "#{window_bell_flag}")); bell != "0" {
		tm.t.Errorf("%s: the story rang the bell", when)
	}
	s, e := tm.screen(), tm.screenE()
	for _, f := range m.Files {
		for _, bad := range f.MustNotShow {
			if strings.Contains(s, bad) || strings.Contains(e, bad) {
				tm.t.Errorf("%s: %q (from %s) is on screen", when, bad, f.Name)
			}
		}
	}
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07"} {
		if strings.Contains(e, bad) {
			tm.t.Errorf("%s: %q reached the screen", when, bad)
		}
	}
}

// Scenario 9: the hostile library.
func TestHostileLibrary(t *testing.T) {
	t.Parallel()
	m, err := synth.Hostile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	loaded, skipped := m.Loaded(), m.Skipped()
	tm := start(t, opts{w: 120, h: 40, args: []string{"--no-state", m.Dir}})
	tm.tmux("set-option", "-g", "set-clipboard", "on")
	s := tm.waitStatus(len(loaded), len(loaded))
	s = tm.waitText(fmt.Sprintf("%d skipped files", len(skipped))) // then ", N repaired" when some are
	for _, f := range loaded {
		if f.Title == "" || len(f.Title) > 60 || strings.ContainsAny(f.Title, "東\ufffd") {
			continue // cut, wide or replaced: checked by the unit tests
		}
		if !strings.Contains(s, f.Title) {
			t.Errorf("%s: title %q not in the list", f.Name, f.Title)
		}
	}
	tm.safe(m, "the list")

	tm.keys("?")
	s = tm.waitText("any key closes this help")
	for _, f := range skipped {
		if !strings.Contains(s, path.Base(f.Name)) {
			t.Errorf("help does not name skipped file %s", f.Name)
		}
	}
	tm.keys("Escape")
	tm.waitGone("any key closes this help")

	// The story full of escapes: its text shows, its escapes do nothing.
	esc, _ := m.File("escape-title.txt")
	i := listIndex(tm.screen(), esc.Title)
	if i < 0 {
		t.Fatalf("%q not in the list", esc.Title)
	}
	tm.openAt(i)
	s = tm.waitHeader(esc.Title)
	s = tm.waitText(esc.MustShow...)
	tm.safe(m, "the escape story")
	tm.keys("Escape")
	s = tm.waitStatus(len(loaded), len(loaded))

	// The 6 MB story opens at once and keys work while it renders.
	i = listIndex(s, synth.HugeTitle)
	if i < 0 {
		t.Fatalf("%q not in the list", synth.HugeTitle)
	}
	tm.openAt(i)
	began := time.Now()
	s = tm.waitFor("the huge story open", func(s string) bool {
		return header(s) == synth.HugeTitle && percent(s) >= 0
	})
	t.Logf("huge story: header after %v, rendering still: %v", time.Since(began).Round(time.Millisecond), strings.Contains(s, "rendering…"))
	if d := time.Since(began); d > promptly {
		t.Errorf("the huge story took %v to show its header", d)
	}
	first := tm.waitFor("the first lines of the huge story", func(s string) bool {
		return len(strings.TrimSpace(lines(s)[1])) > 0 || strings.Contains(s, "Rendering…")
	})
	tm.keys("G")
	began = time.Now()
	s = tm.waitForIn(promptly, "G to move while rendering", func(s string) bool {
		return lines(s)[1] != lines(first)[1]
	})
	t.Logf("G took %v, still rendering: %v", time.Since(began).Round(time.Millisecond), strings.Contains(s, "rendering…"))
	tm.keys("Escape")
	began = time.Now()
	s = tm.waitForIn(promptly, "esc back to the list while rendering", func(s string) bool {
		a, _ := status(s)
		return a == len(loaded)
	})
	t.Logf("esc took %v", time.Since(began).Round(time.Millisecond))
	tm.safe(m, "after the huge story")
	tm.keys("j")
	tm.quit()
}
