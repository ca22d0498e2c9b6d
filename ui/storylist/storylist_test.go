package storylist

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/query"
	"newsread/story"
	"newsread/ui/theme"
)

func list(n int) Model {
	m := New(theme.New(true, false))
	stories := make([]story.Story, n)
	for i := range stories {
		stories[i] = story.Story{Title: "t"}
	}
	m.SetStories(stories)
	m.SetSize(80, 10)
	return m
}

func selected(t *testing.T, m Model) uint32 {
	t.Helper()
	doc, ok := m.Selected()
	if !ok {
		t.Fatal("nothing selected")
	}
	return doc
}

// While a library loads, newer stories arrive above the first ones: a cursor nobody moved
// stays on the first row rather than riding its story down the list.
func TestUnmovedCursorStaysOnTop(t *testing.T) {
	m := list(10)
	m.SetDocs([]uint32{5, 6, 7})
	m.SetDocs([]uint32{1, 2, 5, 6, 7})
	if doc := selected(t, m); doc != 1 {
		t.Errorf("the cursor is on doc %d, want the first row (doc 1)", doc)
	}
}

func TestMovedCursorFollowsItsStory(t *testing.T) {
	for name, move := range map[string]func(*Model){
		"key":    func(m *Model) { *m, _ = m.Update(tea.KeyPressMsg{Code: 'j', Text: "j"}) },
		"wheel":  func(m *Model) { m.Move(1) },
		"reader": func(m *Model) { m.Select(6) },
	} {
		m := list(10)
		m.SetDocs([]uint32{5, 6, 7})
		move(&m)
		m.SetDocs([]uint32{1, 2, 5, 6, 7})
		if doc := selected(t, m); doc != 6 {
			t.Errorf("%s: the cursor is on doc %d, want it still on doc 6", name, doc)
		}
	}
}

// Where no style shows (TERM=dumb), the cursor is a glyph, and the focused pane's differs from
// the other's so that the focus shows too.
func TestTextCursorShowsFocus(t *testing.T) {
	th := theme.New(true, false)
	th.TextCursor = true
	m := New(th)
	m.SetStories([]story.Story{{Title: "first"}, {Title: "second"}})
	m.SetDocs([]uint32{0, 1})
	m.SetSize(40, 3)
	for _, c := range []struct {
		focused bool
		want    string
	}{{true, ">first"}, {false, "-first"}} {
		v := ansi.Strip(m.View(c.focused))
		if !strings.Contains(v, c.want) || strings.Contains(v, ">second") || strings.Contains(v, "-second") {
			t.Errorf("focused=%v: view\n%s\nwant the cursor row marked %q and no other", c.focused, v, c.want)
		}
	}
}

// TestRowsShowTagsAsTheTagPaneDoes: a story that spells a tag its own way shows the spelling
// the tag pane uses; a tag the names do not know keeps the story's spelling.
func TestRowsShowTagsAsTheTagPaneDoes(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetStories([]story.Story{{Title: "Spy story", Tags: []string{"cia", "st. petersburg", "Rare"}}})
	m.SetSize(100, 3)
	m.SetDocs([]uint32{0})
	if v := ansi.Strip(m.View(true)); !strings.Contains(v, "cia, st. petersburg, Rare") {
		t.Errorf("without names, the story's own spellings: %q", v)
	}
	m.SetTagNames(map[string]string{"cia": "CIA", "stpetersburg": "St. Petersburg"})
	if v := ansi.Strip(m.View(true)); !strings.Contains(v, "CIA, St. Petersburg, Rare") {
		t.Errorf("with names, the tag pane's spellings: %q", v)
	}
}

// TestTagsLineUpBesideDates: when some story has a date, an undated row keeps the date's room,
// so every row's tags end in the same column; without any date, no room is kept.
func TestTagsLineUpBesideDates(t *testing.T) {
	end := func(m Model, tags string) []int {
		var ends []int
		for _, l := range strings.Split(ansi.Strip(m.View(false)), "\n") {
			if i := strings.Index(l, tags); i >= 0 {
				ends = append(ends, ansi.StringWidth(l[:i+len(tags)]))
			}
		}
		return ends
	}
	m := New(theme.New(true, false))
	m.SetSize(100, 3)
	m.SetStories([]story.Story{
		{Title: "Dated", Tags: []string{"Alpha"}, Date: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		{Title: "Undated", Tags: []string{"Alpha"}},
	})
	m.SetDocs([]uint32{0, 1})
	if e := end(m, "Alpha"); len(e) != 2 || e[0] != e[1] {
		t.Errorf("tags end at %v, want one column", e)
	}
	m = New(theme.New(true, false))
	m.SetSize(100, 3)
	m.SetStories([]story.Story{{Title: "Undated", Tags: []string{"Alpha"}}})
	m.SetDocs([]uint32{0})
	if e := end(m, "Alpha"); len(e) != 1 || e[0] != 100 {
		t.Errorf("without dates the tags end at %v, want the row's end (100)", e)
	}
}

// TestSelectedRowKeepsItsHighlights: the searched words are marked on the cursor's row too,
// in the match style over the cursor's.
func TestSelectedRowKeepsItsHighlights(t *testing.T) {
	th := theme.New(true, true)
	m := New(th)
	m.SetStories([]story.Story{{Title: "Zürich banks"}, {Title: "Banks in Zurich"}})
	m.SetDocs([]uint32{0, 1})
	m.SetSize(60, 3)
	m.SetHighlights([]query.Highlight{{Words: []string{"zur"}}})
	rows := strings.Split(m.View(true), "\n")
	if want := th.CursorMatch.Inherit(th.Selected).Render("Zürich"); !strings.Contains(rows[0], want) {
		t.Errorf("the cursor's row %q does not mark %q", rows[0], want)
	}
	// With the other pane focused, and without colour, the word still stands out of its row.
	plain := theme.New(true, false)
	m.SetTheme(plain)
	row := strings.Split(m.View(false), "\n")[0]
	base := plain.Unread.Inherit(plain.SelectedOff) // the story is unread
	word, rest := plain.OffMatch.Inherit(base).Render("Zürich"), base.Render(" banks")
	if !strings.Contains(row, word) || !strings.Contains(row, rest) || word == base.Render("Zürich") {
		t.Errorf("the unfocused cursor's row %q does not set %q apart from %q", row, word, rest)
	}
	if got := ansi.Strip(rows[0]); !strings.Contains(got, "Zürich banks") {
		t.Errorf("the cursor's row reads %q", got)
	}
	if !strings.Contains(rows[1], th.Match.Render("Zurich")) && !strings.Contains(rows[1], th.Match.Inherit(th.Unread).Render("Zurich")) {
		t.Errorf("the other row %q does not mark Zurich", rows[1])
	}
}
