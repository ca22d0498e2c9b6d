package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/index"
	"newsread/library"
	"newsread/query"
)

// drive feeds msg to m and runs the commands it returns, as the program would, but in this
// goroutine and with a time limit per command (blinking cursors and ticks are dropped).
func drive(t testing.TB, m Model, msg tea.Msg, depth int) Model {
	next, cmd := m.Update(msg)
	m = next.(Model)
	if depth > 6 {
		return m
	}
	for _, out := range run(cmd) {
		m = drive(t, m, out, depth+1)
	}
	return m
}

// run executes cmd (and batches) and returns the messages that arrive within 50 ms each.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(50 * time.Millisecond): // timers (the settle after a resize) are dropped
		return nil
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, run(c)...)
		}
		return out
	case tea.QuitMsg:
		return nil
	}
	if strings.Contains(strings.ToLower(fmt.Sprintf("%T", msg)), "blink") {
		return nil
	}
	return []tea.Msg{msg}
}

// checkView fails when the view is wider or taller than the window.
func checkView(t testing.TB, m Model, w, h int, keys string) {
	lines := strings.Split(m.View().Content, "\n")
	if m.View().Content != "" && len(lines) > h {
		t.Fatalf("%dx%d after %q: %d lines", w, h, keys, len(lines))
	}
	for i, l := range lines {
		if lw := m.theme.Width.StringWidth(l); lw > w { // as the renderer measures
			t.Fatalf("%dx%d after %q: line %d is %d cells wide: %q", w, h, keys, i, lw, ansi.Strip(l))
		}
	}
}

var fuzzKeys = []string{"j", "k", "g", "G", "tab", "shift+tab", "enter", "space", "esc", "/", "a", "z", "backspace",
	"n", "p", "?", "m", "s", "u", "pgdown", "pgup", "left", "right", ">", "<", "#", "-", "\"", "q"}

func FuzzModel(f *testing.F) {
	dir := testLibrary(f)
	// emoji sequences, which the two ways of measuring cells disagree on
	emoji := "Family \U0001F468\u200d\U0001F469\u200d\U0001F467, hearts \u2764\ufe0f and \U0001F44D\U0001F3FD\n\nBody.\n\u00a0 Family \U0001F468\u200d\U0001F469\u200d\U0001F467, Love \u2764\ufe0f"
	if err := os.WriteFile(filepath.Join(dir, "07.txt"), []byte(emoji), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte{0, 6, 2, 1, 9, 10, 11, 3}, uint8(120), uint8(40))
	f.Add([]byte{4, 6, 7, 7, 8, 24, 25, 12, 6, 28}, uint8(1), uint8(1))
	f.Add([]byte{9, 10, 13, 14, 27, 26, 6}, uint8(20), uint8(5))
	f.Add([]byte{0, 1, 6, 231, 0, 1, 6, 7}, uint8(100), uint8(12))
	f.Fuzz(func(t *testing.T, script []byte, w, h uint8) {
		lib, _ := library.Paths([]string{dir})
		m := New(Options{Library: lib, NoState: true})
		width, height := int(w)%220, int(h)%70
		m = drive(t, m, tea.WindowSizeMsg{Width: width, Height: height}, 0)
		m = loadAll(t, m)
		var typed strings.Builder
		for i, b := range script {
			if b >= 230 && b < 240 { // the terminal reports grapheme clustering
				m = drive(t, m, tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeReset}, 0)
				continue
			}
			if b >= 240 { // a resize
				width, height = int(b-240)*13%220, int(script[(i+1)%len(script)])%70
				m = drive(t, m, tea.WindowSizeMsg{Width: width, Height: height}, 0)
				continue
			}
			k := fuzzKeys[int(b)%len(fuzzKeys)]
			if k == "q" && m.screen == screenList && !m.searching {
				continue // quitting ends the script early; the quit path is tested elsewhere
			}
			typed.WriteString(k + " ")
			m = drive(t, m, keyPress(k), 0)
			checkView(t, m, width, height, typed.String())
		}
	})
}

// loadAll feeds the library's batches to m until it is loaded.
func loadAll(t testing.TB, m Model) Model {
	for _, msg := range run(m.Init()) {
		m = drive(t, m, msg, 0)
	}
	for m.loading {
		msg := <-m.feed
		m = drive(t, m, msg, 0)
	}
	<-m.loadDone // the load's goroutine compacts and settles the memory after the last batch
	return m
}

func TestModelSurvivesTinyAndHugeWindows(t *testing.T) {
	lib, _ := library.Paths([]string{testLibrary(t)})
	m := loadAll(t, drive(t, New(Options{Library: lib, NoState: true}), tea.WindowSizeMsg{Width: 80, Height: 24}, 0))
	for _, size := range [][2]int{{1, 1}, {10, 3}, {20, 5}, {300, 100}, {0, 0}, {2, 40}, {99, 2}, {100, 3}} {
		for _, keys := range [][]string{nil, {"enter"}, {"tab"}, {"/", "a"}, {"?"}} {
			mm := drive(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]}, 0)
			for _, k := range keys {
				mm = drive(t, mm, keyPress(k), 0)
			}
			checkView(t, mm, size[0], size[1], strings.Join(keys, " "))
		}
	}
}

func TestOnlyRealResizesRepaint(t *testing.T) {
	lib, _ := library.Paths([]string{testLibrary(t)})
	m := drive(t, New(Options{Library: lib, NoState: true}), tea.WindowSizeMsg{Width: 120, Height: 40}, 0)
	if m.resizes != 0 {
		t.Fatalf("the size at start counted as %d resizes: the screen would blank 150 ms after launch", m.resizes)
	}
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, 0)
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, 0) // the same size again: no change
	if m.resizes != 1 {
		t.Fatalf("%d resizes counted, want 1", m.resizes)
	}
}

// TestLoadingUntilTheTotalIsSearched: after the last batch, while the result shown is one from
// before it (its search has not answered: a phrase can take a moment), the status line still
// says loading and an empty list says the stories are loading, not that there are none (found
// in a real-terminal pass: "0 / 0 stories" for a moment at a warm start with a query).
func TestLoadingUntilTheTotalIsSearched(t *testing.T) {
	lib, _ := library.Paths([]string{testLibrary(t)})
	m := loadAll(t, drive(t, New(Options{Library: lib, NoState: true}), tea.WindowSizeMsg{Width: 120, Height: 40}, 0))
	if v := m.View().Content; !strings.Contains(v, "6 / 6 stories") || strings.Contains(v, "loading") {
		t.Fatalf("loaded:\n%s", v)
	}
	stale := m
	stale.result = index.Result{} // the answer to a search made before the batch came
	stale.list.SetDocs(nil)
	if v := stale.View().Content; !strings.Contains(v, "loading 6 found") || !strings.Contains(v, "Loading stories…") || strings.Contains(v, "No stories") {
		t.Errorf("after the last batch, before its search answered:\n%s", v)
	}
}

// TestRestoringSaysWhatItLoads: while a snapshot is being restored, nothing is in the index
// yet; the status line says how many files the snapshot holds rather than "0 / 0 stories".
func TestRestoringSaysWhatItLoads(t *testing.T) {
	lib, _ := library.Paths([]string{testLibrary(t)})
	m := New(Options{Library: lib, NoState: true})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	next, _ = next.(Model).Update(batchMsg{cached: 100000})
	v := next.(Model).View().Content
	if !strings.Contains(v, "loading 100000 files from the cache…") || strings.Contains(v, "0 / 0") || !strings.Contains(v, "Loading stories…") {
		t.Errorf("while restoring:\n%s", v)
	}
}

// TestKeptListOnlyWhenCurrent: a mark changed while the list does not yet answer the filter
// (u pressed, its search not back) must not keep that stale list: the list shown then holds
// unread stories only.
func TestKeptListOnlyWhenCurrent(t *testing.T) {
	lib, _ := library.Paths([]string{testLibrary(t)})
	m := loadAll(t, drive(t, New(Options{Library: lib, NoState: true}), tea.WindowSizeMsg{Width: 120, Height: 40}, 0))
	for _, k := range []string{"m", "j", "m", "j", "m"} { // three stories read
		m = drive(t, m, keyPress(k), 0)
	}
	next, _ := m.Update(keyPress("u")) // unread only, whose search never answers here
	m = drive(t, next.(Model), keyPress("m"), 0)
	if len(m.result.Docs) == 0 {
		t.Fatal("nothing listed")
	}
	for _, doc := range m.result.Docs {
		if m.read.Contains(doc) {
			t.Errorf("unread only lists read story %q:\n%s", m.stories[doc].Title, m.View().Content)
		}
	}
}

// TestSearchingNotedForEveryPhrase: "searching…" is for the searches that read text, phrases,
// whether quoted or Chinese and Japanese characters side by side.
func TestSearchingNotedForEveryPhrase(t *testing.T) {
	for q, want := range map[string]bool{`"a b"`: true, "東京": true, `"party"`: false, "party": false, "東": false, `x -"y z"`: true, "": false} {
		m := Model{query: query.Parse(q)}
		if got := m.hasPhrase(); got != want {
			t.Errorf("hasPhrase(%q) = %v, want %v", q, got, want)
		}
	}
}
