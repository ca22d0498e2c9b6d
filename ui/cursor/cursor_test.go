package cursor

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestCursorStaysOnScreen(t *testing.T) {
	var c Model
	c.SetHeight(3)
	c.SetLen(10)
	keys := DefaultKeyMap()
	steps := []struct {
		key           tea.KeyPressMsg
		index, offset int
	}{
		{tea.KeyPressMsg{Code: 'j', Text: "j"}, 1, 0},
		{tea.KeyPressMsg{Code: 'j', Text: "j"}, 2, 0},
		{tea.KeyPressMsg{Code: 'j', Text: "j"}, 3, 1},
		{tea.KeyPressMsg{Code: 'G', Text: "G"}, 9, 7},
		{tea.KeyPressMsg{Code: tea.KeyPgUp}, 7, 7},
		{tea.KeyPressMsg{Code: 'k', Text: "k"}, 6, 6},
		{tea.KeyPressMsg{Code: 'g', Text: "g"}, 0, 0},
		{tea.KeyPressMsg{Code: 'k', Text: "k"}, 0, 0},
	}
	for i, s := range steps {
		if !c.Update(s.key, keys) {
			t.Fatalf("step %d: %q not a movement key", i, s.key.String())
		}
		if c.Index() != s.index || c.Offset() != s.offset {
			t.Fatalf("step %d (%s): index %d offset %d, want %d %d", i, s.key.String(), c.Index(), c.Offset(), s.index, s.offset)
		}
	}
	if c.Update(tea.KeyPressMsg{Code: 'x', Text: "x"}, keys) {
		t.Error("x moved the cursor")
	}
	c.SetLen(0)
	if c.Index() != 0 || c.Offset() != 0 {
		t.Errorf("empty list: %d %d", c.Index(), c.Offset())
	}
	c.SetLen(5)
	c.Set(4)
	c.SetHeight(10) // taller than the list: nothing scrolled
	if c.Offset() != 0 {
		t.Errorf("offset %d with all rows on screen", c.Offset())
	}
}
