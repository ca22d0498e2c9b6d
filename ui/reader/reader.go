// Package reader is the story view: a header with the title, the rendered story, and a footer
// with tags, position and reading time. It receives rendered lines (rendering happens
// elsewhere, in commands) and owns only the scroll position and match navigation; it never
// reads files, renders markdown or writes reading state.
package reader

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/query"
	"newsread/story"
	"newsread/ui/layout"
	"newsread/ui/theme"
)

// DefaultMaxWidth is the widest the text is wrapped, for comfortable reading.
const DefaultMaxWidth = 100

// Model is the story view. The scrolling is its own rather than a viewport's because a
// 6.5 MB story arrives in chunks: appending lines must not rescan the whole text.
type Model struct {
	KeyMap   KeyMap
	MaxWidth int // the widest the text is wrapped; 0 is DefaultMaxWidth
	theme    theme.Theme

	Doc   uint32
	story story.Story // metadata of the open story
	saved bool

	lines      []string          // rendered lines so far
	done       bool              // all lines have arrived
	width      int               // the text was rendered for this width; 0 before any
	offset     int               // first visible line; 0 ≤ offset ≤ max(0, len(lines)-body height)
	restore    float64           // where to resume (see Resume) when the lines have all arrived; -1 when none is pending
	anchor     float64           // the top line's share of the text, to take up when text rendered again has all arrived; -1 when none is pending
	anchorPos  float64           // Position when anchor was taken, what Position says until then
	highlights []query.Highlight // folded searched words to mark
	tagNames   map[string]string // tag key → the spelling the tag pane shows; nil: the story's own
	matches    []int             // lines holding a searched word, ascending; nil until computed
	match      int               // index into matches of the match last jumped to; -1 before any
	jumped     int               // the offset that jump left; match counts only while offset is still this

	w, h   int // the view's size in cells
	titleH int // len(titleLines()), kept by SetSize and Open
}

// New returns an empty story view.
func New(t theme.Theme) Model {
	return Model{KeyMap: DefaultKeyMap(), theme: t, restore: -1, anchor: -1}
}

// SetTheme changes the styles.
func (m *Model) SetTheme(t theme.Theme) { m.theme = t; m.titleH = len(m.titleLines()) }

// SetSize sets the view's size in cells. The top line stays; text rendered again for a new
// width takes up its place (see SetLines).
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.titleH = len(m.titleLines())
	m.clamp()
}

// TextWidth is the width to render for: the view's width up to MaxWidth.
func (m Model) TextWidth() int {
	limit := m.MaxWidth
	if limit <= 0 {
		limit = DefaultMaxWidth
	}
	return max(10, min(m.w, limit))
}

// Open shows a new story, empty until its lines arrive; it will scroll to resume (what Resume
// gave when the story was last read, 0 for its top) when they have all arrived.
func (m *Model) Open(doc uint32, s story.Story, saved bool, resume float64, highlights []query.Highlight) {
	*m = Model{KeyMap: m.KeyMap, MaxWidth: m.MaxWidth, theme: m.theme, w: m.w, h: m.h, Doc: doc, story: s, saved: saved, restore: resume, anchor: -1, highlights: highlights, tagNames: m.tagNames, match: -1}
	m.titleH = len(m.titleLines())
}

// SetTagNames sets the spelling each tag shows in, by tag key (see story.SpellTags).
func (m *Model) SetTagNames(names map[string]string) { m.tagNames = names }

// SetSaved updates the saved mark shown in the footer.
func (m *Model) SetSaved(saved bool) { m.saved = saved }

// SetLines replaces the rendered text (a new width, or the first chunk). The line at the top
// is kept by its share of the text, taken up when the new text has all arrived.
func (m *Model) SetLines(lines []string, width int, done bool) {
	if m.restore < 0 && m.anchor < 0 && len(m.lines) > 0 {
		// The same text at another width: keep the line at the top, by its share of the text
		// (a share of the scroll range depends on the height, and moved the story by several
		// paragraphs when the height changed too).
		m.anchor, m.anchorPos = float64(m.offset)/float64(len(m.lines)), m.Position()
	}
	m.lines, m.width, m.done, m.matches, m.match = lines, width, done, nil, -1
	m.applyRestore()
}

// AppendLines adds the next rendered chunk.
func (m *Model) AppendLines(lines []string, done bool) {
	m.lines = append(m.lines, lines...)
	m.done = done
	m.applyRestore()
}

// SetMatches sets the lines that hold searched words.
func (m *Model) SetMatches(lines []int) { m.matches, m.match = lines, -1 }

// Lines returns the rendered lines, for finding matches.
func (m Model) Lines() []string { return m.lines }

// Highlights returns the searched words marked in the story.
func (m Model) Highlights() []query.Highlight { return m.highlights }

// Width is the width the current lines were rendered for.
func (m Model) Width() int { return m.width }

// Done reports whether the whole story has been rendered.
func (m Model) Done() bool { return m.done }

// Resume is where to open the story again: the top line's share of the text, 1 at the end. A
// share of the text, unlike one of the scroll range (Position), does not depend on the view's
// height, and moves little with the width: a story read at 120 columns and opened again at 80
// showed three paragraphs further on.
func (m Model) Resume() float64 {
	switch {
	case m.restore >= 0:
		return m.restore
	case m.anchor >= 0:
		return m.anchor
	case len(m.lines) == 0 || m.offset == 0:
		return 0
	case m.done && m.offset >= len(m.lines)-m.bodyHeight():
		return 1 // the end (of what has arrived so far, it would be a place in the middle)
	}
	return float64(m.offset) / float64(len(m.lines))
}

// Position is how far the story is scrolled, as the footer shows it: 0 at the top, 1 at the
// end.
func (m Model) Position() float64 {
	if m.restore >= 0 {
		return m.restore
	}
	if m.anchor >= 0 {
		return m.anchorPos
	}
	maxOff := len(m.lines) - m.bodyHeight()
	if maxOff <= 0 {
		return 0
	}
	return float64(m.offset) / float64(maxOff)
}

func (m *Model) applyRestore() {
	if m.anchor >= 0 && m.done {
		m.offset = int(math.Round(m.anchor * float64(len(m.lines))))
		m.anchor = -1
	}
	if m.restore < 0 {
		m.clamp()
		return
	}
	if !m.done && m.restore > 0 {
		if m.restore == 1 {
			m.offset = len(m.lines) // on the way to the end: show the newest lines
		}
		m.clamp()
		return // the position is a fraction of the whole: wait for all of it
	}
	m.offset = len(m.lines) // 1: the end
	if m.restore < 1 {
		m.offset = int(math.Round(m.restore * float64(len(m.lines))))
	}
	m.restore = -1
	m.clamp()
}

// resuming reports whether the view waits for the whole story before it takes up the reading
// position it was opened at (a fraction of the whole), or the line it showed before it was
// rendered again.
func (m Model) resuming() bool {
	return !m.done && (m.restore > 0 && m.restore < 1 || m.anchor > 0)
}

func (m Model) bodyHeight() int { return max(1, m.h-1-m.titleH) }

// maxTitleLines bounds the title bar: a long headline is wrapped rather than cut, up to here.
const maxTitleLines = 3

// titleLines is the title wrapped to the view's width (at spaces, and inside a word such as a
// run of CJK when it must), on at most maxTitleLines lines (and fewer than the view's height
// less the footer and a line of text), the last one cut with … when the title is longer still.
func (m Model) titleLines() []string {
	if m.w <= 0 {
		return nil
	}
	lines := strings.Split(m.theme.Width.Wrap(m.story.Title, m.w, ""), "\n")
	if n := max(1, min(maxTitleLines, m.h-2)); len(lines) > n {
		lines = append(lines[:n-1], strings.Join(lines[n-1:], " "))
	}
	for i, l := range lines {
		lines[i] = layout.Fit(m.theme.Width, l, m.w)
	}
	return lines
}

func (m *Model) clamp() {
	m.offset = max(0, min(m.offset, len(m.lines)-m.bodyHeight()))
}

// Update scrolls. The KeyMap's other keys (next, previous, back, save) are the parent's to act on.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelDown:
			m.scroll(3)
		case tea.MouseWheelUp:
			m.scroll(-3)
		}
	case tea.KeyPressMsg:
		page := m.bodyHeight()
		switch {
		case key.Matches(msg, m.KeyMap.Down):
			m.scroll(1)
		case key.Matches(msg, m.KeyMap.Up):
			m.scroll(-1)
		case key.Matches(msg, m.KeyMap.PageDown):
			m.scroll(page)
		case key.Matches(msg, m.KeyMap.PageUp):
			m.scroll(-page)
		case key.Matches(msg, m.KeyMap.HalfDown):
			m.scroll(page / 2)
		case key.Matches(msg, m.KeyMap.HalfUp):
			m.scroll(-page / 2)
		case key.Matches(msg, m.KeyMap.Top):
			m.restore, m.anchor = -1, -1
			m.offset = 0
		case key.Matches(msg, m.KeyMap.Bottom):
			m.restore, m.anchor = -1, -1
			if !m.done {
				m.restore = 1 // the end of the story, not of what has arrived yet
			}
			m.offset = len(m.lines)
			m.clamp()
		case key.Matches(msg, m.KeyMap.NextMatch):
			m.jump(1)
		case key.Matches(msg, m.KeyMap.PrevMatch):
			m.jump(-1)
		}
	}
	return m, nil
}

func (m *Model) scroll(n int) {
	if m.resuming() {
		return // the lines shown would be the first ones: the place kept is worth more than a line
	}
	m.restore, m.anchor = -1, -1
	m.offset += n
	m.clamp()
}

// jump scrolls to the next (dir 1) or previous (dir -1) line with a match, wrapping around.
// Right after a jump it steps through the matches by number, so the last ones, which share
// the last screen, are each visited and then the first comes again; once the story has been
// scrolled, it goes from the top line: to the nearest match below it (or above it).
func (m *Model) jump(dir int) {
	if len(m.matches) == 0 {
		return
	}
	switch {
	case m.atMatch():
		m.match = (m.match + dir + len(m.matches)) % len(m.matches)
	case dir > 0:
		m.match, _ = slices.BinarySearch(m.matches, m.offset+1) // the first line below the top one
		if m.match == len(m.matches) {
			m.match = 0
		}
	default:
		m.match, _ = slices.BinarySearch(m.matches, m.offset)
		if m.match--; m.match < 0 {
			m.match = len(m.matches) - 1
		}
	}
	m.restore, m.anchor = -1, -1
	m.offset = m.matches[m.match]
	m.clamp()
	m.jumped = m.offset
}

// atMatch reports whether the view is where the last jump left it.
func (m Model) atMatch() bool { return m.match >= 0 && m.offset == m.jumped }

// View draws the header, the visible lines and the footer, exactly w × h cells.
func (m Model) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	titles := m.titleLines()
	for i, l := range titles {
		titles[i] = m.theme.Title.Render(l)
		if !m.theme.TextCursor {
			titles[i] = m.mark(titles[i], i, titles, m.theme.Match.Inherit(m.theme.Title)) // the searched words in the title too
		}
	}
	if m.h == 1 {
		return titles[0]
	}
	header := strings.Join(titles, "\n")
	body := make([]string, 0, m.bodyHeight())
	if m.resuming() {
		wait := fmt.Sprintf("  Rendering… then back to %d%%", int(math.Round(m.Position()*100)))
		body = append(body, m.theme.Dim.Render(layout.Fit(m.theme.Width, wait, m.w)))
	}
	for i := m.offset; i < len(m.lines) && len(body) < m.bodyHeight() && !m.resuming(); i++ {
		body = append(body, m.highlight(layout.Truncate(m.theme.Width, layout.Unjoin(m.theme.Width, m.lines[i]), m.w, ""), i))
	}
	if len(m.lines) == 0 && !m.resuming() {
		body = append(body, m.theme.Dim.Render(layout.Fit(m.theme.Width, "  Rendering…", m.w)))
	}
	for len(body) < m.bodyHeight() {
		body = append(body, "")
	}
	return header + "\n" + strings.Join(body, "\n") + "\n" + m.footer()
}

func (m Model) footer() string {
	pct := int(math.Round(m.Position() * 100))
	if len(m.lines) <= m.bodyHeight() && m.done {
		pct = 100
	}
	right := fmt.Sprintf(" %d%% · %d min read", pct, m.story.ReadingMinutes())
	if m.story.Words == 0 { // no text to read
		right = fmt.Sprintf(" %d%%", pct)
	}
	switch {
	case m.atMatch():
		right = fmt.Sprintf(" match %d/%d ·", m.match+1, len(m.matches)) + right
	case len(m.matches) == 1:
		right = " 1 match ·" + right
	case len(m.matches) > 1:
		right = fmt.Sprintf(" %d matches ·", len(m.matches)) + right
	}
	if !m.done {
		right = " rendering…" + right
	}
	if m.saved {
		right = " ★ saved ·" + right
	}
	left := strings.Join(story.SpellTags(m.story.Tags, m.tagNames), ", ")
	w := m.w - m.theme.Width.StringWidth(right)
	if w < 4 {
		return m.theme.Status.Render(layout.Fit(m.theme.Width, strings.TrimSpace(right), m.w))
	}
	return m.theme.Status.Render(layout.Fit(m.theme.Width, left, w) + right)
}

// highlight marks the searched words of line, rendered line i as shown.
func (m Model) highlight(line string, i int) string {
	if m.theme.TextCursor && len(m.highlights) > 0 {
		// No style shows (TERM=dumb): a > in the margin marks the line instead, in the cell
		// of the rendered text's indent, so the line keeps its width.
		if strings.HasPrefix(line, " ") && len(layout.LineMatches(ansi.Strip(line), i, len(m.lines), plainLine(m.lines), m.highlights)) > 0 {
			return ">" + line[1:]
		}
		return line
	}
	return m.mark(line, i, m.lines, m.theme.Match)
}

// plainLine gives the text of lines[j], for a phrase that runs over a line's edge.
func plainLine(lines []string) func(j int) string {
	return func(j int) string { return ansi.Strip(lines[j]) }
}

// mark styles the searched words in line, lines[i] as shown, with style.
func (m Model) mark(line string, i int, lines []string, style lipgloss.Style) string {
	if len(m.highlights) == 0 {
		return line
	}
	plain := ansi.Strip(line)
	spans := layout.LineMatches(plain, i, len(lines), plainLine(lines), m.highlights)
	if len(spans) == 0 {
		return line
	}
	ranges := make([]lipgloss.Range, len(spans))
	// lipgloss.StyleRanges counts cells by grapheme, whatever the terminal does
	for i, c := range layout.Cells(ansi.GraphemeWidth, plain, spans) {
		ranges[i] = lipgloss.NewRange(c.Start, c.End, style)
	}
	return lipgloss.StyleRanges(line, ranges...)
}

// MatchLines returns the lines that hold one of words; it is slow on huge stories, so run
// it in a command.
func MatchLines(lines []string, words []query.Highlight) []int {
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = ansi.Strip(l)
	}
	return layout.MatchingLines(plain, words)
}
