// Package tagpane is the pane of tags beside the story list: "All", "Saved", then every tag
// with its counts, most used first. It owns the cursor and the active tag set (the parent reads
// it with Selection after each key); it never searches or reads stories itself.
package tagpane

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"newsread/ui/cursor"
	"newsread/ui/layout"
	"newsread/ui/theme"
)

// Kind tells the pane's entries apart.
type Kind uint8

const (
	All   Kind = iota // every story
	Saved             // saved stories
	Tag               // one tag
)

// Item is one entry of the pane.
type Item struct {
	Kind   Kind
	Key    string // the tag key, for Kind Tag
	Name   string
	Count  int
	Unread int
}

// Model is the tag pane.
type Model struct {
	KeyMap KeyMap
	theme  theme.Theme

	items  []Item
	cursor cursor.Model // over items
	width  int
	height int

	chosen []string // active tag keys, in the order chosen; replaced, never appended to in place, so copies of a Model stay apart
	saved  bool
}

// New returns a pane with only "All" and "Saved".
func New(t theme.Theme) Model {
	m := Model{KeyMap: DefaultKeyMap(), theme: t}
	m.SetItems(nil)
	return m
}

// SetTheme changes the styles.
func (m *Model) SetTheme(t theme.Theme) { m.theme = t }

// SetSize sets the pane's size in cells.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h; m.cursor.SetHeight(h) }

// SetItems replaces the tags (without All and Saved), keeping the cursor on the same entry.
func (m *Model) SetItems(tags []Item) {
	var at Item
	if i := m.cursor.Index(); i < len(m.items) {
		at = m.items[i]
	}
	all := Item{Kind: All, Name: "All"}
	saved := Item{Kind: Saved, Name: "Saved"}
	for _, t := range m.items {
		switch t.Kind {
		case All:
			all.Count, all.Unread = t.Count, t.Unread
		case Saved:
			saved.Count, saved.Unread = t.Count, t.Unread
		}
	}
	m.items = append([]Item{all, saved}, tags...)
	m.cursor.SetLen(len(m.items))
	m.cursor.Set(0)
	for i, it := range m.items {
		if it.Kind == at.Kind && it.Key == at.Key {
			m.cursor.Set(i)
			break
		}
	}
}

// SetTotals sets the counts shown beside All and Saved.
func (m *Model) SetTotals(all, allUnread, saved, savedUnread int) {
	m.items[0].Count, m.items[0].Unread = all, allUnread
	m.items[1].Count, m.items[1].Unread = saved, savedUnread
}

// Choose makes keys the active tag set, as when started with --tag.
func (m *Model) Choose(keys []string) {
	m.chosen = nil
	for _, k := range keys {
		if !slices.Contains(m.chosen, k) {
			m.chosen = append(m.chosen, k)
		}
	}
}

// Selection returns the active tag keys, in the order chosen, and whether Saved is on.
func (m Model) Selection() ([]string, bool) { return slices.Clone(m.chosen), m.saved }

// Clear empties the active set and turns Saved off; it reports whether anything changed.
func (m *Model) Clear() bool {
	changed := len(m.chosen) > 0 || m.saved
	m.chosen, m.saved = nil, false
	return changed
}

// NameOf returns the display name of a tag key, or the key itself while it is not loaded.
func (m Model) NameOf(key string) string {
	for _, it := range m.items {
		if it.Kind == Tag && it.Key == key {
			return it.Name
		}
	}
	return key
}

// Update moves the cursor and changes the selection.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || m.cursor.Update(k, m.KeyMap.KeyMap) {
		return m, nil
	}
	it := m.items[m.cursor.Index()]
	switch {
	case key.Matches(k, m.KeyMap.Show):
		m.chosen, m.saved = nil, false
		switch it.Kind {
		case Saved:
			m.saved = true
		case Tag:
			m.chosen = []string{it.Key}
		}
	case key.Matches(k, m.KeyMap.Toggle):
		switch it.Kind {
		case All:
			m.Clear()
		case Saved:
			m.saved = !m.saved
		case Tag:
			if slices.Contains(m.chosen, it.Key) {
				m.chosen = removeKey(m.chosen, it.Key)
			} else {
				m.chosen = append(slices.Clip(m.chosen), it.Key)
			}
		}
	}
	return m, nil
}

func removeKey(keys []string, k string) []string {
	out := keys[:0:0]
	for _, x := range keys {
		if x != k {
			out = append(out, x)
		}
	}
	return out
}

// View draws the pane, exactly width × height cells; focused shows the cursor strongly.
func (m Model) View(focused bool) string {
	return layout.Rows(m.theme.Width, m.width, m.height, m.cursor.Offset(), len(m.items), func(i int) string {
		return m.row(m.items[i], i == m.cursor.Index(), focused)
	})
}

func (m Model) row(it Item, cursor, focused bool) string {
	on := it.Kind == Saved && m.saved || it.Kind == Tag && slices.Contains(m.chosen, it.Key) || it.Kind == All && len(m.chosen) == 0 && !m.saved
	mark := "  "
	if on {
		mark = "▸ "
	}
	if cursor && m.theme.TextCursor {
		mark = mark[:len(mark)-1] + m.theme.CursorGlyph(focused) // where no style shows, the cursor is a glyph
	}
	count := strconv.Itoa(it.Count) // all unread: the count alone; else unread/count
	if it.Unread != it.Count {
		count = fmt.Sprintf("%d/%d", it.Unread, it.Count)
	}
	nameW := m.width - m.theme.Width.StringWidth(mark) - m.theme.Width.StringWidth(count) - 1
	if nameW < 1 {
		return layout.Fit(m.theme.Width, mark+it.Name, m.width)
	}
	name := layout.Truncate(m.theme.Width, it.Name, nameW, "…")
	pad := strings.Repeat(" ", nameW-m.theme.Width.StringWidth(name)+1)
	style := m.theme.Dim
	text := mark + name
	switch {
	case cursor && focused:
		return m.theme.Selected.Render(text + pad + count)
	case cursor:
		text = m.theme.SelectedOff.Render(text)
	case on:
		text = m.theme.Chosen.Render(text)
	}
	return text + pad + style.Render(count)
}
