package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"newsread/library"
)

// snapshotMsg asks the probe for the view as it is after every message sent before it.
type snapshotMsg struct{ reply chan string }

// probe wraps the model so a test can read its View between messages.
type probe struct{ Model }

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if s, ok := msg.(snapshotMsg); ok {
		s.reply <- p.View().Content
		return p, nil
	}
	m, cmd := p.Model.Update(msg)
	return probe{m.(Model)}, cmd
}

// session is one running reader in teatest.
type session struct {
	t  *testing.T
	tm *teatest.TestModel
}

// testLibrary writes six stories with overlapping tags and returns their folder.
func testLibrary(t testing.TB) string {
	dir := t.TempDir()
	stories := map[string]string{
		"01.txt": "Alpha and Beta together\n\nThe zebra crossed the road in Zürich.\n\nSecond paragraph.\n\u00a0 Alpha, Beta",
		"02.txt": "Only Alpha here\n\nA quiet story about apples.\n\u00a0 Alpha",
		"03.txt": "Beta and Gamma\n\nNothing about zebras at all.\n\u00a0 beta, Gamma",
		"04.txt": "Gamma alone\n\nThe end of the line.\n\u00a0 Gamma",
		"05.md":  "---\ntitle: Dated markdown story\ntags: [Alpha, Gamma]\ndate: 2024-03-01\n---\n\nSome **bold** text and a list:\n\n- one\n- two\n",
		"06.txt": "東京の記事 with wide characters\n\n日本語の本文です。とても長い文章が続きます。\n\u00a0 東京, Alpha, Beta",
	}
	for name, body := range stories {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func start(t *testing.T, dir string, w, h int, opts ...func(*Options)) *session {
	t.Helper()
	lib, err := library.Paths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Library: lib, NoState: true}
	for _, f := range opts {
		f(&o)
	}
	return startFrom(t, New(o), w, h)
}

// startFrom starts the program from m on a w×h terminal of full colour.
func startFrom(t *testing.T, m Model, w, h int) *session {
	t.Helper()
	tm := teatest.NewTestModel(t, probe{m}, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.TrueColor), tea.WithEnvironment([]string{"TERM=xterm-256color"})))
	s := &session{t: t, tm: tm}
	t.Cleanup(func() { tm.Quit() })
	return s
}

// view returns the plain text of the model's view after everything sent so far.
func (s *session) view() string {
	reply := make(chan string, 1)
	s.tm.Send(snapshotMsg{reply})
	select {
	case v := <-reply:
		return ansi.Strip(v)
	case <-time.After(5 * time.Second):
		s.t.Fatal("the program did not answer")
		return ""
	}
}

// waitFor polls the view until it satisfies ok, or fails after a generous deadline.
// rawView returns the model's view, escape sequences included.
func (s *session) rawView() string {
	reply := make(chan string, 1)
	s.tm.Send(snapshotMsg{reply})
	return <-reply
}

func (s *session) waitFor(what string, ok func(view string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		v := s.view()
		if ok(v) {
			return v
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for %s; the screen is:\n%s", what, v)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (s *session) waitText(text string) string {
	s.t.Helper()
	return s.waitFor(quote(text), func(v string) bool { return strings.Contains(v, text) })
}

// waitLoaded waits until the whole test library is loaded and shown.
func (s *session) waitLoaded() string {
	s.t.Helper()
	return s.waitFor("all six stories loaded", func(v string) bool {
		return strings.Contains(v, "6 / 6 stories") && !strings.Contains(v, "loading")
	})
}

func (s *session) keys(keys ...string) {
	for _, k := range keys {
		s.tm.Send(keyPress(k))
	}
}

func quote(s string) string { return "“" + s + "”" }

// keyPress makes the key message a terminal would send for k ("enter", "tab", "a", …).
func keyPress(k string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "esc": tea.KeyEscape, "space": tea.KeySpace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if k == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	if k == "ctrl+c" {
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	if r, ok := special[k]; ok {
		msg := tea.KeyPressMsg{Code: r}
		if r == tea.KeySpace {
			msg.Text = " "
		}
		return msg
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// listed returns the story titles shown in the list, in order (the plain view's rows).
func listed(view string, titles ...string) []string {
	var out []string
	for _, line := range strings.Split(view, "\n") {
		for _, title := range titles {
			if strings.Contains(line, title) {
				out = append(out, title)
			}
		}
	}
	return out
}
