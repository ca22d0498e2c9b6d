// Package cursor is a position in a list shown a window of rows at a time: the row under the
// cursor and the first row on screen, kept in step. The panes that list things (tags,
// stories) embed it; it draws nothing and knows nothing of what the rows hold.
package cursor

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is the keys that move the cursor.
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
}

// DefaultKeyMap returns the default movement keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
	}
}

// Bindings lists the keys, for help views.
func (k KeyMap) Bindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown}
}

// Model is the cursor over n rows shown height at a time.
type Model struct {
	index  int // the row under the cursor: 0 ≤ index < n, or 0 when n is 0
	offset int // the first row shown: index is on screen, and no rows past n are shown
	n      int
	height int
}

// Index is the row under the cursor.
func (m Model) Index() int { return m.index }

// Offset is the first row on screen.
func (m Model) Offset() int { return m.offset }

// SetLen sets the number of rows, keeping the cursor on the same row when it still exists.
func (m *Model) SetLen(n int) { m.n = n; m.Set(m.index) }

// SetHeight sets how many rows are on screen.
func (m *Model) SetHeight(h int) { m.height = h; m.Set(m.index) }

// Set puts the cursor on row i (clamped) and scrolls it into view.
func (m *Model) Set(i int) {
	m.index = max(0, min(i, m.n-1))
	if m.height <= 0 {
		return
	}
	if m.index < m.offset {
		m.offset = m.index
	}
	if m.index >= m.offset+m.height {
		m.offset = m.index - m.height + 1
	}
	m.offset = max(0, min(m.offset, m.n-m.height))
}

// Move moves the cursor by delta rows.
func (m *Model) Move(delta int) { m.Set(m.index + delta) }

// Update moves the cursor for a movement key and reports whether k was one.
func (m *Model) Update(k tea.KeyPressMsg, keys KeyMap) bool {
	page := max(1, m.height-1)
	switch {
	case key.Matches(k, keys.Up):
		m.Move(-1)
	case key.Matches(k, keys.Down):
		m.Move(1)
	case key.Matches(k, keys.Top):
		m.Set(0)
	case key.Matches(k, keys.Bottom):
		m.Set(m.n - 1)
	case key.Matches(k, keys.PageUp):
		m.Move(-page)
	case key.Matches(k, keys.PageDown):
		m.Move(page)
	default:
		return false
	}
	return true
}
