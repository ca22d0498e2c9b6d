// Package storylist is the list of stories the current filter shows. It draws only the rows on
// screen, so its cost per frame does not grow with the library. It owns the cursor and the
// scroll offset; it never searches, reads files or changes reading state (its KeyMap names
// the keys for opening and marking, which the parent acts on).
package storylist

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/RoaringBitmap/roaring/v2"

	"newsread/query"
	"newsread/story"
	"newsread/ui/cursor"
	"newsread/ui/layout"
	"newsread/ui/theme"
)

// Model is the story list.
type Model struct {
	KeyMap KeyMap
	theme  theme.Theme

	stories    []story.Story     // every loaded story, by doc; shared with the index, read only
	docs       []uint32          // the docs shown, in order
	read       *roaring.Bitmap   // docs marked read; owned by the caller, read only here
	saved      *roaring.Bitmap   // docs saved; likewise
	highlights []query.Highlight // folded searched words to mark in titles
	tagNames   map[string]string // tag key → the spelling the tag pane shows; nil: each story's own
	dated      bool              // some story has a date: every row keeps the date column, so the tags line up

	cursor cursor.Model // over docs
	chosen bool         // the cursor was put on a story (a key, the wheel, the reader): it follows that story when docs change; until then it stays on the first row
	width  int
	height int
}

// New returns an empty list.
func New(t theme.Theme) Model {
	return Model{KeyMap: DefaultKeyMap(), theme: t, read: roaring.New(), saved: roaring.New()}
}

// SetTheme changes the styles.
func (m *Model) SetTheme(t theme.Theme) { m.theme = t }

// SetSize sets the list's size in cells.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h; m.cursor.SetHeight(h) }

// SetStories sets every loaded story, by doc number.
func (m *Model) SetStories(stories []story.Story) {
	from := len(m.stories)
	if len(stories) < from {
		from, m.dated = 0, false
	}
	for i := from; i < len(stories) && !m.dated; i++ {
		m.dated = !stories[i].Date.IsZero()
	}
	m.stories = stories
}

// SetMarks sets the read and saved sets the rows show.
func (m *Model) SetMarks(read, saved *roaring.Bitmap) { m.read, m.saved = read, saved }

// SetTagNames sets the spelling each tag shows in, by tag key (a story may spell it otherwise:
// "cia" where most write "CIA").
func (m *Model) SetTagNames(names map[string]string) { m.tagNames = names }

// SetHighlights sets the searched words to mark in titles.
func (m *Model) SetHighlights(words []query.Highlight) { m.highlights = words }

// SetDocs replaces the shown docs. A cursor put on a story stays on it when it is still
// shown, else at the same row; one never moved stays on the first row (stories arriving while
// a library loads do not carry it down the list).
func (m *Model) SetDocs(docs []uint32) {
	cur, had := m.Selected()
	m.docs = docs
	m.cursor.SetLen(len(docs))
	if had && m.chosen {
		m.find(cur)
	}
}

// Top puts the cursor back on the first row, as if never moved: when the search changes, its
// best match is what enter should open.
func (m *Model) Top() {
	m.cursor.Set(0)
	m.chosen = false
}

// Select puts the cursor on doc if it is shown.
func (m *Model) Select(doc uint32) {
	if m.find(doc) {
		m.chosen = true
	}
}

// find moves the cursor to doc and reports whether it is shown.
func (m *Model) find(doc uint32) bool {
	for i, d := range m.docs {
		if d == doc {
			m.cursor.Set(i)
			return true
		}
	}
	return false
}

// Selected returns the doc under the cursor.
func (m Model) Selected() (uint32, bool) {
	if i := m.cursor.Index(); i < len(m.docs) {
		return m.docs[i], true
	}
	return 0, false
}

// Neighbour returns the doc delta rows from doc in the shown order (n/p in the reader).
func (m Model) Neighbour(doc uint32, delta int) (uint32, bool) {
	for i, d := range m.docs {
		if d == doc {
			if j := i + delta; j >= 0 && j < len(m.docs) {
				return m.docs[j], true
			}
			return 0, false
		}
	}
	return 0, false
}

// Move moves the cursor by delta rows (the mouse wheel).
func (m *Model) Move(delta int) {
	m.cursor.Move(delta)
	m.chosen = true
}

// Len is the number of stories shown.
func (m Model) Len() int { return len(m.docs) }

// Update moves the cursor.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		before := m.cursor.Index()
		m.cursor.Update(k, m.KeyMap.KeyMap)
		m.chosen = m.chosen || m.cursor.Index() != before
	}
	return m, nil
}

// View draws the visible rows, exactly width × height cells.
func (m Model) View(focused bool) string {
	return layout.Rows(m.theme.Width, m.width, m.height, m.cursor.Offset(), len(m.docs), func(i int) string {
		return m.row(m.docs[i], i == m.cursor.Index(), focused)
	})
}

// row draws one story: unread and saved markers, the title, its tags and its date.
func (m Model) row(doc uint32, cursor, focused bool) string {
	if int(doc) >= len(m.stories) {
		return layout.Fit(m.theme.Width, "", m.width)
	}
	s := m.stories[doc]
	unread := !m.read.Contains(doc)
	// unread ●, saved ★: shapes, so they show without colour; where no style can, > marks the
	// cursor of the focused pane and - that of the other
	u, sv, c := " ", " ", " "
	if unread {
		u = "●"
	}
	if m.saved.Contains(doc) {
		sv = "★"
	}
	if cursor && m.theme.TextCursor {
		c = m.theme.CursorGlyph(focused)
	}
	markStr := u + sv + c
	var out string
	var date string
	switch {
	case !s.Date.IsZero():
		date = " " + s.Date.Format("2006-01-02")
	case m.dated:
		date = "           " // as wide as a date, so that the tags end where dated rows' do
	}
	tags := strings.Join(story.SpellTags(s.Tags, m.tagNames), ", ")
	rest := m.width - 3
	tagW := 0
	if tags != "" && rest >= 40 {
		tagW = min(m.theme.Width.StringWidth(tags)+2, rest*3/10)
	}
	if rest-tagW-len(date) < 10 {
		date = ""
	}
	titleW := rest - tagW - len(date)
	if titleW < 1 {
		return layout.Fit(m.theme.Width, markStr+s.Title, m.width)
	}
	title := layout.Fit(m.theme.Width, s.Title, titleW)
	if cursor && focused {
		sel := m.theme.Selected
		return sel.Render(markStr) + m.highlight(title, sel, m.theme.CursorMatch) + sel.Render(layout.Fit(m.theme.Width, "  "+tags, tagW)+date)
	}
	titleStyle := lipgloss.NewStyle()
	if unread {
		titleStyle = m.theme.Unread
	}
	match := m.theme.Match
	if cursor {
		titleStyle, match = titleStyle.Inherit(m.theme.SelectedOff), m.theme.OffMatch
	}
	out = markStr + m.highlight(title, titleStyle, match)
	if tagW > 0 {
		out += m.theme.Dim.Render(layout.Fit(m.theme.Width, "  "+tags, tagW))
	}
	return out + m.theme.Dim.Render(date)
}

// highlight styles title with base and its searched words with match over base.
func (m Model) highlight(title string, base, match lipgloss.Style) string {
	spans := layout.Matches(title, m.highlights)
	if len(spans) == 0 {
		return base.Render(title)
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(base.Render(title[last:sp.Start]))
		b.WriteString(match.Inherit(base).Render(title[sp.Start:sp.End]))
		last = sp.End
	}
	b.WriteString(base.Render(title[last:]))
	return b.String()
}
