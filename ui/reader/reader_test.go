package reader

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/query"
	"newsread/story"
	"newsread/ui/layout"
	"newsread/ui/theme"
)

func lines(from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("line %d", from+i)
	}
	return out
}

func press(m Model, k string) Model {
	msg := tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
	m, _ = m.Update(msg)
	return m
}

func TestBottomWhileRenderingMeansTheEnd(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(40, 12)
	m.Open(0, story.Story{Title: "Huge"}, false, 0, nil)
	m.SetLines(lines(0, 100), 40, false)
	m = press(m, "G")
	m.AppendLines(lines(100, 900), false)
	if !strings.Contains(m.View(), "line 999") {
		t.Errorf("G while rendering does not follow the end:\n%s", m.View())
	}
	m.AppendLines(lines(1000, 500), true)
	if !strings.Contains(m.View(), "line 1499") || !strings.Contains(m.View(), "100%") {
		t.Errorf("G before the end did not land on the end:\n%s", m.View())
	}
}

// atLine100 is a story of 210 lines in a 40×12 view, paged down to line 100 at the top.
func atLine100() Model {
	m := New(theme.New(true, false))
	m.SetSize(40, 12)
	m.Open(0, story.Story{Title: "Story"}, false, 0, nil)
	m.SetLines(lines(0, 210), 40, true)
	for range 10 {
		m = press(m, "f") // pages of 10 lines
	}
	return m
}

// TestPositionSurvivesAWidthChange: text rendered again for another width (and height)
// keeps the line at the top by its share of the text, so what was being read stays on screen
// (a share of the scroll range moved it by several paragraphs when the height changed too).
func TestPositionSurvivesAWidthChange(t *testing.T) {
	for _, h := range []int{12, 6, 40} {
		m := atLine100()
		m.SetSize(20, h)
		m.SetLines(lines(0, 420), 20, true) // narrower: twice the lines
		if m.offset != 200 {
			t.Errorf("width 40 → 20, height 12 → %d: top line %d, want 200", h, m.offset)
		}
	}
}

func TestResumeWaitsForTheWholeStory(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(40, 12)
	m.Open(0, story.Story{Title: "Story"}, false, 0.5, nil)
	m.SetLines(lines(0, 50), 40, false)
	m.AppendLines(lines(50, 160), true)
	if !strings.Contains(m.View(), "line 105") {
		t.Errorf("resume at 50%% shows:\n%s", m.View())
	}
}

// TestResumeSurvivesAnotherWindow: where a story was left is taken up by its share of the
// text, so a story left with line 100 of 210 at the top opens again, in a narrower and shorter
// window where the text takes twice the lines, with line 200 at the top; and one left at its
// end opens at its end.
func TestResumeSurvivesAnotherWindow(t *testing.T) {
	m := atLine100()
	left := m.Resume()
	m = press(m, "G")
	end := m.Resume()
	// At the bottom of what has arrived of a story still rendering is a place, not its end.
	partial := New(theme.New(true, false))
	partial.SetSize(40, 12)
	partial.Open(0, story.Story{Title: "Story"}, false, 0, nil)
	partial.SetLines(lines(0, 100), 40, false)
	for range 100 {
		partial = press(partial, "j") // to the bottom of the 100 lines so far: line 90 at the top
	}
	if r := partial.Resume(); r != 0.9 {
		t.Errorf("at the bottom of the first 100 lines of a story still rendering: resume at %v, want 0.9", r)
	}
	for _, size := range [][2]int{{20, 6}, {20, 40}, {80, 12}} {
		again := New(theme.New(true, false))
		again.SetSize(size[0], size[1])
		again.Open(0, story.Story{Title: "Story"}, false, left, nil)
		again.SetLines(lines(0, 420), 20, true)
		if again.offset != 200 {
			t.Errorf("%v: opened again with line %d at the top, want 200", size, again.offset)
		}
		again.Open(0, story.Story{Title: "Story"}, false, end, nil)
		again.SetLines(lines(0, 420), 20, true)
		if !strings.Contains(again.View(), "line 419") {
			t.Errorf("%v: left at the end, opened again at:\n%s", size, again.View())
		}
	}
}

// A searched word is marked on its own cells, with emoji sequences before it on the line,
// whichever way the panes measure: lipgloss places styles by grapheme.
func TestHighlightAfterEmojiSequences(t *testing.T) {
	for _, wm := range []ansi.Method{ansi.WcWidth, ansi.GraphemeWidth} {
		th := theme.New(true, true)
		th.Width = wm
		m := New(th)
		m.Open(0, story.Story{Title: "t"}, false, 0, []query.Highlight{{Words: []string{"news"}}})
		m.SetSize(60, 5)
		m.SetLines([]string{
			"\U0001F468\u200d\U0001F469\u200d\U0001F467 abcdef news here",
			"\u2764\ufe0f \u6771\u4eac news x",
			"1\ufe0f\u20e3 news A", // a keycap: the digit alone is a cell for lipgloss
		}, 60, true)
		view := m.View()
		for i, line := range []string{
			"\U0001F468\u200d\U0001F469\u200d\U0001F467 abcdef news here",
			"\u2764\ufe0f \u6771\u4eac news x",
		} {
			got := m.highlight(line, i)
			marked := th.Match.Render("news")
			if !strings.Contains(got, marked) || ansi.Strip(got) != line {
				t.Errorf("%v: highlight(%q) = %q, want %q marked", wm, line, got, "news")
			}
		}
		if wm == ansi.WcWidth && strings.Count(view, th.Match.Render("news")) != 3 {
			t.Errorf("%v: the view does not mark each \"news\" exactly:\n%q", wm, view)
		}
	}
}

// TestMatchJumpsGoFromWhereTheStoryIs: > and < step through the matches by number only while
// the story stays where the last jump left it; after scrolling they go from the top line, and
// the footer counts the matches instead of naming one.
func TestMatchJumpsGoFromWhereTheStoryIs(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(40, 12) // a body of 10 lines
	m.Open(0, story.Story{Title: "Story"}, false, 0, []query.Highlight{{Words: []string{"x"}}})
	m.SetLines(lines(0, 100), 40, true)
	m.SetMatches([]int{5, 20, 50, 93})
	check := func(step string, offset int, footer string) {
		t.Helper()
		if m.offset != offset || !strings.Contains(m.View(), footer) {
			t.Errorf("after %s: top line %d, want %d, footer %q in:\n%s", step, m.offset, offset, footer, m.View())
		}
	}
	check("opening", 0, "4 matches")
	m = press(m, ">")
	check(">", 5, "match 1/4")
	m = press(m, ">")
	check("> >", 20, "match 2/4")
	m = press(m, "G")
	check("G", 90, "4 matches")
	m = press(m, "<")
	check("G <", 50, "match 3/4") // the nearest above the bottom, not the one before match 2
	m = press(m, "g")
	check("g", 0, "4 matches")
	m = press(m, ">")
	check("g >", 5, "match 1/4")
	for range 3 {
		m = press(m, "f") // pages of 10 lines: the top line is 35
	}
	m = press(m, ">")
	check("f f f >", 50, "match 3/4") // the nearest below, not the one after match 1
	m = press(m, ">")
	check("f f f > >", 90, "match 4/4") // the last screen: the top line is clamped
	m = press(m, ">")
	check("> at the end", 5, "match 1/4") // wraps around
	m = press(m, "g")
	m = press(m, "<")
	check("g <", 90, "match 4/4") // nothing above the top: wraps to the last
}

// TestResumeKeepsThePlaceWhileRendering: a story reopened at 50% shows that it is on its way
// there, not its first lines, until the whole story has arrived; scrolling meanwhile does not
// throw the place away.
func TestResumeKeepsThePlaceWhileRendering(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(40, 12)
	m.Open(0, story.Story{Title: "Story"}, false, 0.5, nil)
	m.SetLines(lines(0, 50), 40, false)
	if v := m.View(); strings.Contains(v, "line 0") || !strings.Contains(v, "back to 50%") {
		t.Errorf("while rendering, a resumed story shows:\n%s", v)
	}
	m = press(m, "j")
	m = press(m, " ")
	if p := m.Position(); p != 0.5 {
		t.Errorf("keys while rendering moved the place to %.2f", p)
	}
	m.AppendLines(lines(50, 160), true)
	if v := m.View(); !strings.Contains(v, "line 105") {
		t.Errorf("resume at 50%% shows:\n%s", v)
	}
	m = press(m, "j")
	if v := m.View(); !strings.Contains(v, "line 106") {
		t.Errorf("j after the resume:\n%s", v)
	}
}

// TestMatchesMarkedWithoutStyles: where no style shows (TERM=dumb), a line with a searched
// word gets a > in its margin, and keeps its width.
func TestMatchesMarkedWithoutStyles(t *testing.T) {
	th := theme.New(true, false)
	th.TextCursor = true
	m := New(th)
	m.SetSize(40, 5)
	m.Open(0, story.Story{Title: "t"}, false, 0, []query.Highlight{{Words: []string{"zebra"}}})
	m.SetLines([]string{"  The zebra crossed.", "  Nothing here.", "no margin zebra"}, 40, true)
	v := m.View()
	for _, want := range []string{"> The zebra crossed.", "\n  Nothing here.", "\nno margin zebra"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in:\n%s", want, v)
		}
	}
}

// TestTitleMatchesMarked: the searched words are marked in the story's title bar too.
func TestTitleMatchesMarked(t *testing.T) {
	th := theme.New(true, true)
	m := New(th)
	m.SetSize(40, 5)
	m.Open(0, story.Story{Title: "Zebra news"}, false, 0, []query.Highlight{{Words: []string{"zebra"}}})
	m.SetLines([]string{"  body"}, 40, true)
	header, _, _ := strings.Cut(m.View(), "\n")
	marked := th.Match.Inherit(th.Title) // the match style, on the title's (bold)
	for _, c := range "Zebra" {
		if !strings.Contains(header, marked.Render(string(c))) {
			t.Errorf("title bar %q: %q not marked as %q", header, c, marked.Render(string(c)))
		}
	}
	if strings.Contains(header, marked.Render(" ")) || ansi.Strip(header) != ansi.Strip(th.Title.Render(layout.Fit(th.Width, "Zebra news", 40))) {
		t.Errorf("title bar %q: want only Zebra marked, the text unchanged", header)
	}
}

// TestRenderAgainForgetsTheMatch: text rendered again (a resize) has no match numbers until
// its matches are found again: the footer does not keep "match 2/4" (nor say "match 2/0").
func TestRenderAgainForgetsTheMatch(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(40, 12)
	m.Open(0, story.Story{Title: "Story"}, false, 0, []query.Highlight{{Words: []string{"x"}}})
	m.SetLines(lines(0, 100), 40, true)
	m.SetMatches([]int{5, 20, 50, 93})
	m = press(m, ">")
	m = press(m, ">")
	m.SetLines(lines(0, 100), 30, true)
	if v := m.View(); strings.Contains(v, "match") {
		t.Errorf("after rendering again the footer still names a match:\n%s", v)
	}
}

// TestFooterSpellsTagsAsTheTagPane: the story's footer shows its tags in the tag pane's
// spelling, kept from one story to the next.
func TestFooterSpellsTagsAsTheTagPane(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(60, 5)
	m.SetTagNames(map[string]string{"cia": "CIA"})
	m.Open(0, story.Story{Title: "Story", Tags: []string{"cia", "Rare"}}, false, 0, nil)
	m.SetLines([]string{"  body"}, 60, true)
	if v := m.View(); !strings.Contains(v, "CIA, Rare") {
		t.Errorf("footer tags:\n%s", v)
	}
}

// TestResizeRoundTripKeepsTheTopLine: narrower and shorter, then back: the story is where it
// was (the position used to be taken with the new height against the old lines, and each
// round trip moved it back: here 60 → 57).
func TestResizeRoundTripKeepsTheTopLine(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(40, 40) // a body of 38 lines
	m.Open(0, story.Story{Title: "Story"}, false, 0, nil)
	m.SetLines(lines(0, 200), 40, true)
	for range 60 {
		m = press(m, "j")
	}
	for round := range 3 {
		m.SetSize(30, 20)
		m.SetLines(lines(0, 340), 30, true) // narrower: more lines
		m.SetSize(40, 40)
		m.SetLines(lines(0, 200), 40, true)
		if m.offset != 60 {
			t.Fatalf("round trip %d: top line %d, want 60", round+1, m.offset)
		}
	}
}

// TestLongTitleWraps: a headline longer than the view is wrapped onto up to three lines of
// the title bar, not cut, and the body gives up those lines.
func TestLongTitleWraps(t *testing.T) {
	title := "Putin thanks Trump for CIA’s help in preventing terrorist attacks in St. Petersburg"
	for _, tt := range []struct {
		w, h, lines int
		whole       bool
	}{
		{120, 12, 1, true},
		{40, 12, 3, true},
		{24, 12, 3, false}, // four lines' worth: the third is cut with …
		{40, 4, 2, false},  // room for two title lines, a line of text and the footer
	} {
		m := New(theme.New(true, false))
		m.SetSize(tt.w, tt.h)
		m.Open(0, story.Story{Title: title}, false, 0, nil)
		m.SetLines(lines(0, 50), tt.w, true)
		view := strings.Split(ansi.Strip(m.View()), "\n")
		if len(view) != tt.h {
			t.Errorf("%dx%d: %d lines, want %d", tt.w, tt.h, len(view), tt.h)
			continue
		}
		head := strings.Join(strings.Fields(strings.Join(view[:tt.lines], " ")), " ")
		if tt.whole && head != title || !tt.whole && !strings.HasSuffix(head, "…") {
			t.Errorf("%dx%d: title bar %q", tt.w, tt.h, head)
		}
		if got := strings.TrimSpace(view[tt.lines]); got != "line 0" {
			t.Errorf("%dx%d: the text starts with %q, after %d title lines", tt.w, tt.h, got, tt.lines)
		}
		for _, l := range view {
			if w := ansi.StringWidth(l); w > tt.w {
				t.Errorf("%dx%d: a line %d wide: %q", tt.w, tt.h, w, l)
			}
		}
	}
}

// TestCJKTitleWrapsInsideARun: a title with a run of CJK wider than the view is broken inside
// the run, not cut there: no character is lost.
func TestCJKTitleWrapsInsideARun(t *testing.T) {
	title := "東京で開かれた国際会議で各国の情報機関が協力を約束 secret cooperation agreed"
	for _, wm := range []ansi.Method{ansi.WcWidth, ansi.GraphemeWidth} {
		th := theme.New(true, false)
		th.Width = wm
		m := New(th)
		m.SetSize(40, 12)
		m.Open(0, story.Story{Title: title}, false, 0, nil)
		m.SetLines(lines(0, 20), 40, true)
		view := strings.Split(ansi.Strip(m.View()), "\n")
		var got string
		for _, l := range view[:m.titleH] {
			got += strings.TrimRight(l, " ")
			if w := wm.StringWidth(l); w > 40 {
				t.Errorf("%v: a title line %d wide: %q", wm, w, l)
			}
		}
		if strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(title, " ", "") {
			t.Errorf("%v: the title bar reads %q, want all of %q", wm, got, title)
		}
	}
}

// TestMatchLinesOfAPhrase: the lines that hold a phrase, or may (it runs over their edge),
// not every line with one of its words.
func TestMatchLinesOfAPhrase(t *testing.T) {
	lines := []string{"the cat sat", "and the party began", "then the", "party went on", "partying"}
	got := MatchLines(lines, []query.Highlight{{Words: []string{"the", "party"}, Whole: true}})
	if fmt.Sprint(got) != "[1 2 3]" {
		t.Errorf("MatchLines = %v, want [1 2 3]", got)
	}
}
