package storylist

import (
	"testing"

	tea "charm.land/bubbletea/v2"

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
