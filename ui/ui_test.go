package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"newsread/library"
	"newsread/ui/theme"
)

var allTitles = []string{"Dated markdown story", "Alpha and Beta together", "Only Alpha here", "Beta and Gamma", "Gamma alone", "東京の記事"}

func TestStartsWithEveryStory(t *testing.T) {
	s := start(t, testLibrary(t), 120, 40)
	v := s.waitLoaded()
	if got := listed(v, allTitles...); !reflect.DeepEqual(got, allTitles) {
		t.Errorf("list %q, want dated first, then file order: %q", got, allTitles)
	}
	for _, tag := range []string{"All", "Saved", "Alpha", "Beta", "Gamma", "東京"} {
		if !strings.Contains(v, tag) {
			t.Errorf("tag pane lacks %q", tag)
		}
	}
}

func TestTagSelectionAndTheANDOfTwoTags(t *testing.T) {
	s := start(t, testLibrary(t), 120, 40)
	s.waitLoaded()
	s.keys("tab", "down", "down", "enter") // All, Saved, Alpha: show Alpha alone
	v := s.waitText("4 / 6 stories")
	if got := listed(v, allTitles...); !reflect.DeepEqual(got, []string{"Dated markdown story", "Alpha and Beta together", "Only Alpha here", "東京の記事"}) {
		t.Errorf("#Alpha shows %q", got)
	}
	s.keys("tab", "down", "space") // the cursor is still on Alpha; add Beta
	v = s.waitText("2 / 6 stories")
	if got := listed(v, allTitles...); !reflect.DeepEqual(got, []string{"Alpha and Beta together", "東京の記事"}) {
		t.Errorf("#Alpha + #Beta shows %q", got)
	}
	if !strings.Contains(v, "#Alpha + #Beta") {
		t.Errorf("status line does not name the tags:\n%s", v)
	}
	s.keys("esc")
	s.waitLoaded()
}

func TestSearchAsYouType(t *testing.T) {
	s := start(t, testLibrary(t), 120, 40)
	s.waitLoaded()
	s.keys("/", "a", "l", "p", "h")
	v := s.waitText("4 / 6 stories")
	want := []string{"Alpha and Beta together", "Only Alpha here", "Dated markdown story", "東京の記事"} // title matches first
	if got := listed(v, allTitles...); !reflect.DeepEqual(got, want) {
		t.Errorf("alph shows %q, want %q", got, want)
	}
	s.keys("x")
	v = s.waitText("No story matches")
	if !strings.Contains(v, "“alphx”") || !strings.Contains(v, "esc") {
		t.Errorf("empty state does not explain itself:\n%s", v)
	}
	s.keys("backspace", "enter") // keep "alph", leave the prompt
	s.waitText("4 / 6 stories")
	s.keys("esc")
	s.waitLoaded()
}

// TestSearchPutsTheCursorOnTheBestMatch: a search typed after moving down the list starts on
// its first result, so enter opens the best match rather than whatever is at the old row.
func TestSearchPutsTheCursorOnTheBestMatch(t *testing.T) {
	s := start(t, testLibrary(t), 120, 40)
	s.waitLoaded()
	s.keys("down", "down", "down")
	s.keys("/", "a", "l", "p", "h")
	s.waitText("4 / 6 stories")
	s.keys("enter", "enter")
	s.waitText("The zebra crossed the road") // the body of "Alpha and Beta together"
}

func TestSearchHighlightsTitleMatches(t *testing.T) {
	s := start(t, testLibrary(t), 120, 40)
	s.waitLoaded()
	s.keys("/", "g", "a", "m", "m", "a", "enter")
	v := s.waitText("3 / 6 stories")
	want := []string{"Beta and Gamma", "Gamma alone", "Dated markdown story"} // title matches first
	if got := listed(v, allTitles...); !reflect.DeepEqual(got, want) {
		t.Errorf("gamma shows %q, want %q", got, want)
	}
	// The second row is not under the cursor: its unread (bold) title has "Gamma" in the
	// match style, and the rest of the title in the plain unread style.
	th := theme.New(true, true)
	marked := th.Match.Inherit(th.Unread).Render("Gamma")
	if raw := s.rawView(); !strings.Contains(raw, marked) {
		t.Errorf("no highlighted %q in the raw view:\n%q", marked, raw)
	}
}

func TestStoryHighlightsAndJumpsBetweenMatches(t *testing.T) {
	s := start(t, testLibrary(t), 120, 12)
	s.waitLoaded()
	s.keys("/", "z", "e", "b", "r", "a", "enter")
	s.waitText("2 / 6 stories")
	s.keys("enter")
	s.waitText("The zebra crossed")
	th := theme.New(true, true)
	if raw := s.rawView(); !strings.Contains(raw, th.Match.Render("zebra")) {
		t.Errorf("the story does not mark %q:\n%q", "zebra", raw)
	}
	s.keys(">") // the only match is on screen: > wraps to it and keeps it visible
	if v := s.waitText("min read"); !strings.Contains(v, "zebra") {
		t.Errorf("> lost the match:\n%s", v)
	}
}

func TestReadingMarksKeys(t *testing.T) {
	s := start(t, testLibrary(t), 120, 40, func(o *Options) { o.NoState = false; o.StatePath = filepath.Join(t.TempDir(), "state.db") })
	s.waitLoaded()
	s.keys("m")            // the first story: read
	v := s.waitText("5/6") // All: 5 unread of 6
	if strings.HasPrefix(rowOf(v, "Dated markdown story"), "●") {
		t.Errorf("a read story still has the unread mark:\n%s", v)
	}
	s.keys("down", "s") // save the second
	s.waitFor("a saved story, counted in the Saved entry", func(v string) bool {
		return strings.Contains(rowOf(v, "Alpha and Beta together"), "★") && strings.Contains(v, "Saved                      1")
	})
	s.keys("u") // unread only: the read story goes
	v = s.waitText("5 / 6 stories")
	if strings.Contains(v, "Dated markdown story") {
		t.Errorf("unread only still shows the read story:\n%s", v)
	}
	s.keys("u", "tab", "g", "down", "enter") // the Saved entry, second in the tag pane
	v = s.waitText("1 / 6 stories")
	if got := listed(v, allTitles...); !reflect.DeepEqual(got, []string{"Alpha and Beta together"}) {
		t.Errorf("Saved lists %q", got)
	}
	s.keys("enter") // opening marks read
	s.waitText("The zebra crossed")
	s.keys("esc")
	s.waitText("4/6")
}

// TestMarkedStoriesStayWhileTheFilterIsOnMarks: with unread only on, a story read (by m, or
// by opening it) stays listed, marked read, so that m can undo it; the next change of the
// filter shows what it selects.
func TestMarkedStoriesStayWhileTheFilterIsOnMarks(t *testing.T) {
	s := start(t, testLibrary(t), 120, 40)
	s.waitLoaded()
	s.keys("G", "m", "g") // the last story read, so that unread only shows when it has answered
	s.waitText("5/6")
	s.keys("u")
	s.waitText("5 / 6 stories · unread")
	s.keys("m") // the first story, the dated one: read
	v := s.waitText("4/6")
	if !strings.Contains(v, "5 / 6 stories") || !strings.Contains(v, "Dated markdown story") || strings.HasPrefix(rowOf(v, "Dated markdown story"), "●") {
		t.Errorf("a story read under unread only:\n%s", v)
	}
	s.keys("m") // and unread again
	s.waitFor("the story unread again", func(v string) bool { return strings.HasPrefix(rowOf(v, "Dated markdown story"), "●") })
	s.keys("m", "down", "enter") // read the first again; open the second, which marks it read
	s.waitText("The zebra crossed")
	s.keys("esc")
	v = s.waitText("3/6")
	if got := listed(v, allTitles...); len(got) != 5 {
		t.Errorf("after reading two stories, unread only lists %q:\n%s", got, v)
	}
	s.keys("u", "u") // the filter again: the read ones go
	v = s.waitFor("the read stories gone", func(v string) bool { return strings.Contains(v, "3 / 6 stories") })
	if strings.Contains(v, "Dated markdown story") || strings.Contains(v, "Alpha and Beta together") {
		t.Errorf("unread only, applied again, shows read stories:\n%s", v)
	}
}

// rowOf returns the first line of view that holds text, from its start.
func rowOf(view, text string) string {
	for _, l := range strings.Split(view, "\n") {
		if i := strings.Index(l, "│"); i >= 0 && strings.Contains(l[i:], text) {
			return l[i+len("│"):]
		}
		if strings.Contains(l, text) {
			return l
		}
	}
	return "  (not on screen)"
}

func TestOpenNextPreviousBack(t *testing.T) {
	s := start(t, testLibrary(t), 120, 40)
	s.waitLoaded()
	s.keys("down", "enter")
	v := s.waitText("The zebra crossed the road")
	if !strings.HasPrefix(v, "Alpha and Beta together") {
		t.Errorf("header is not the title:\n%s", v)
	}
	s.keys("n")
	s.waitText("A quiet story about apples")
	s.keys("p")
	s.waitText("The zebra crossed the road")
	s.keys("G")
	s.waitText("100%")
	s.keys("esc")
	s.waitLoaded()
	s.keys("enter") // the same story is still selected
	v = s.waitText("The zebra crossed the road")
	if !strings.HasPrefix(v, "Alpha and Beta together") {
		t.Errorf("back did not keep the selection:\n%s", v)
	}
}

func TestResizeReflowsTheStory(t *testing.T) {
	s := start(t, testLibrary(t), 120, 40)
	s.waitLoaded()
	s.keys("G", "enter") // the CJK story, last in the list
	s.waitText("日本語の本文")
	s.tm.Send(tea.WindowSizeMsg{Width: 24, Height: 20})
	v := s.waitFor("text wrapped to 24 columns", func(v string) bool {
		return strings.Contains(v, "日本語") && maxWidth(v) <= 24 && strings.Count(v, "\n") == 19
	})
	if maxWidth(v) > 24 {
		t.Errorf("a line is wider than the window:\n%s", v)
	}
	s.tm.Send(tea.WindowSizeMsg{Width: 150, Height: 40})
	s.waitFor("text back on one line", func(v string) bool {
		return strings.Contains(v, "日本語の本文です。とても長い文章が続きます。")
	})
}

func TestHelpListsTheKeysOfTheScreen(t *testing.T) {
	s := start(t, testLibrary(t), 120, 40)
	s.waitLoaded()
	s.keys("?")
	v := s.waitText("Keys")
	for _, k := range []string{"open", "read/unread", "search", "quit", "unread only"} {
		if !strings.Contains(v, k) {
			t.Errorf("list help lacks %q", k)
		}
	}
	s.keys("x", "enter")
	s.waitText("min read") // the story view's footer: opening is a command, so wait for it
	s.keys("?")
	v = s.waitText("Keys")
	for _, k := range []string{"next story", "previous story", "next match", "back", "page down"} {
		if !strings.Contains(v, k) {
			t.Errorf("story help lacks %q:\n%s", k, v)
		}
	}
}

func TestNarrowShowsOnePaneAtATime(t *testing.T) {
	s := start(t, testLibrary(t), 80, 24)
	v := s.waitLoaded()
	if strings.Contains(v, "Saved") {
		t.Errorf("narrow list shows the tag pane:\n%s", v)
	}
	s.keys("tab")
	v = s.waitText("Saved")
	if strings.Contains(v, "Gamma alone") {
		t.Errorf("narrow tag pane shows the list:\n%s", v)
	}
}

func TestStartFilteredByTagAndQuery(t *testing.T) {
	s := start(t, testLibrary(t), 120, 40, func(o *Options) { o.Tags = []string{" gamma "}; o.Query = "end" })
	v := s.waitText("1 / 6 stories")
	if got := listed(v, allTitles...); !reflect.DeepEqual(got, []string{"Gamma alone"}) {
		t.Errorf("--tag gamma --query end shows %q", got)
	}
}

func TestGoldenViews(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(sizeName(size.w, size.h), func(t *testing.T) {
			s := start(t, testLibrary(t), size.w, size.h)
			s.waitLoaded()
			golden.RequireEqual(t, s.finalView())
		})
		t.Run(sizeName(size.w, size.h)+"_story", func(t *testing.T) {
			s := start(t, testLibrary(t), size.w, size.h)
			s.waitLoaded()
			s.keys("down", "enter")
			s.waitText("Second paragraph")
			golden.RequireEqual(t, s.finalView())
		})
	}
}

func sizeName(w, h int) string { return fmt.Sprintf("%dx%d", w, h) }

// finalView quits and returns the final model's plain view.
func (s *session) finalView() string {
	s.t.Helper()
	if err := s.tm.Quit(); err != nil {
		s.t.Fatal(err)
	}
	return ansi.Strip(s.tm.FinalModel(s.t).(probe).View().Content)
}

func maxWidth(view string) int {
	w := 0
	for _, l := range strings.Split(view, "\n") {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}

// The help lists every skipped file; on a small screen it scrolls, and any other key closes it.
func TestHelpScrollsThroughEverySkippedFile(t *testing.T) {
	dir := testLibrary(t)
	for i := range 30 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("broken%02d.txt", i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := start(t, dir, 80, 12)
	s.waitLoaded()
	s.keys("?")
	v := s.waitText("other keys close")
	if strings.Contains(v, "broken29.txt") {
		t.Fatalf("the last skipped file shows before scrolling:\n%s", v)
	}
	s.keys("pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "j")
	v = s.waitText("broken29.txt")
	if !strings.Contains(v, "30 skipped files") && !strings.Contains(v, "broken2") {
		t.Errorf("scrolled help:\n%s", v)
	}
	s.keys("g") // to the top, not closed
	s.waitFor("the help's top", func(v string) bool { return strings.Contains(v, "Keys") && !strings.Contains(v, "broken29") })
	s.keys("G") // to the end
	s.waitFor("the help's end", func(v string) bool { return strings.Contains(v, "broken29.txt") && strings.Contains(v, "100%") })
	s.keys("x")
	s.waitFor("the list back", func(v string) bool { return strings.Contains(v, "6 / 6 stories") && !strings.Contains(v, "broken29") })
}

// TestFileProblemsCountsFilesOnce: the status line and the help count skipped and repaired
// files apart, each file once.
func TestFileProblemsCountsFilesOnce(t *testing.T) {
	skip := func(p string) library.Warning { return library.Warning{Path: p, Reason: "skipped: empty file"} }
	fix := func(p string) library.Warning {
		return library.Warning{Path: p, Reason: "invalid UTF-8 replaced with U+FFFD"}
	}
	for _, tt := range []struct {
		warnings []library.Warning
		want     string
	}{
		{nil, ""},
		{[]library.Warning{skip("a")}, "1 skipped file"},
		{[]library.Warning{skip("a"), skip("b")}, "2 skipped files"},
		{[]library.Warning{fix("a")}, "1 repaired file"},
		{[]library.Warning{fix("a"), fix("a"), fix("b")}, "2 repaired files"},
		{[]library.Warning{skip("a"), skip("b"), fix("c"), fix("c"), fix("d")}, "2 skipped files, 2 repaired"},
		{[]library.Warning{fix("a"), skip("a")}, "1 skipped file"}, // repaired, then skipped all the same
	} {
		if got := (Model{warnings: tt.warnings}).fileProblems(); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.warnings, got, tt.want)
		}
	}
}

// TestNarrowHelpKeepsEveryKey: at 40 columns the key groups stand one under another (the help
// scrolls), so no key is cut off the side.
func TestNarrowHelpKeepsEveryKey(t *testing.T) {
	for _, w := range []int{40, 120} {
		m := New(Options{Library: library.Embedded(), NoState: true})
		next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: 12})
		m = next.(Model)
		text := ansi.Strip(m.helpContent())
		for _, g := range m.helpKeys().FullHelp() {
			for _, b := range g {
				if b.Enabled() && !strings.Contains(text, b.Help().Desc) {
					t.Errorf("%d columns: %q (%s) missing from the help:\n%s", w, b.Help().Desc, b.Help().Key, text)
				}
			}
		}
		for _, line := range strings.Split(text, "\n") {
			if lw := ansi.StringWidth(line); lw > w {
				t.Errorf("%d columns: a help line %d wide: %q", w, lw, line)
			}
		}
	}
}

// TestStoryShowsItsDate: a story with a date in its front matter shows it above its body.
func TestStoryShowsItsDate(t *testing.T) {
	s := start(t, testLibrary(t), 100, 20)
	s.waitLoaded()
	s.keys("enter") // the first row: the dated markdown story, newest first
	v := s.waitText("Some bold text")
	date, body := strings.Index(v, "2024-03-01"), strings.Index(v, "Some bold text")
	if date < 0 || date > body {
		t.Errorf("no date above the body:\n%s", v)
	}
}

// TestNarrowStatusKeepsTheHint: on a narrow screen the query's hint is cut to fit beside the
// count rather than dropped.
func TestNarrowStatusKeepsTheHint(t *testing.T) {
	s := start(t, testLibrary(t), 40, 12)
	s.waitLoaded()
	s.keys("/", `"`, "a", "l")
	v := s.waitText("unclosed")
	for _, l := range strings.Split(v, "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("a line %d wide: %q", w, l)
		}
	}
}

// TestQueryHintWithoutThePrompt: a malformed query given with --query is hinted at in the
// status line from the start, not only once "/" opens the prompt on it.
func TestQueryHintWithoutThePrompt(t *testing.T) {
	s := start(t, testLibrary(t), 120, 20, func(o *Options) { o.Query = "(alpha" })
	v := s.waitFor("the filtered list", func(v string) bool { return strings.Contains(v, "/ 6 stories") && !strings.Contains(v, "loading") })
	if !strings.Contains(v, `unclosed "("`) {
		t.Errorf("no hint for %q:\n%s", "(alpha", v)
	}
}

// TestStoryWithoutText opens stories that are a title (and tags or front matter) alone: the
// reader says there is no text, at 100%, instead of rendering nothing for ever.
func TestStoryWithoutText(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.txt": "A title with tags only\n\n\u00a0 Alpha, Beta\n",
		"b.md":  "---\ntitle: B front matter only\ntags: [Alpha]\n---\n",
		"c.md":  "---\ntitle: C blanks only\n---\n   \n\t\n",
		"d.md":  "---\ntitle: D dated, no text\ndate: 2024-01-02\nsource: Nowhere\n---\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := start(t, dir, 80, 20)
	s.waitFor("the stories", func(v string) bool { return strings.Contains(v, "4 / 4 stories") })
	s.keys("down") // past the dated one, opened last
	for _, title := range []string{"A title with tags only", "B front matter only", "C blanks only", "D dated, no text"} {
		if strings.HasPrefix(title, "D") {
			s.keys("g")
		}
		s.keys("enter")
		v := s.waitText("This story has no text.")
		if !strings.HasPrefix(v, title) || !strings.Contains(v, "100%") || strings.Contains(strings.ToLower(v), "rendering") || strings.Contains(v, "min read") {
			t.Errorf("%s: the reader does not say it is done:\n%s", title, v)
		}
		s.tm.Send(tea.WindowSizeMsg{Width: 60, Height: 20})
		s.waitText("This story has no text.")
		s.tm.Send(tea.WindowSizeMsg{Width: 80, Height: 20})
		if strings.HasPrefix(title, "D") && !strings.Contains(v, "2024-01-02 · Nowhere") {
			t.Errorf("the date and source are not shown above the note:\n%s", v)
		}
		s.keys("esc", "down")
		s.waitFor("the list", func(v string) bool { return strings.Contains(v, "4 / 4 stories") })
	}
}
