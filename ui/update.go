package ui

import (
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"newsread/query"
	"newsread/render"
	"newsread/story"
)

// Update routes a message to the pane it concerns.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if msg.Width == m.width && msg.Height == m.height {
			return m, nil // the answer to a size request after a burst: nothing changed
		}
		first := m.width == 0 && m.height == 0
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		var cmds []tea.Cmd
		if !first { // the size at start is no resize: nothing on screen can be stale yet
			m.resizes++
			cmds = append(cmds, settleAfter(m.resizes))
		}
		if m.screen == screenReader {
			cmds = append(cmds, m.renderOpen())
		}
		return m, tea.Batch(cmds...)
	case settledMsg:
		// After a burst of resizes the renderer's picture of the screen can lag the terminal's
		// (stale cells, rows shifted; seen in tmux, where a clear did not always mend it): once
		// they stop, ask the size again, clear, and draw one empty frame, so that the next frame
		// is drawn cell by cell onto an empty screen; and once more a second later, for a
		// terminal that was still settling the first time.
		if msg.resizes == m.resizes {
			m.repainting = true
			cmds := []tea.Cmd{tea.RequestWindowSize, tea.ClearScreen, tea.Tick(20*time.Millisecond, func(time.Time) tea.Msg { return repaintedMsg{} })}
			if !msg.again {
				cmds = append(cmds, tea.Tick(time.Second, func(time.Time) tea.Msg { return settledMsg{resizes: msg.resizes, again: true} }))
			}
			return m, tea.Batch(cmds...)
		}
	case repaintedMsg:
		m.repainting = false
	case tea.ColorProfileMsg:
		m.textCursor = msg.Profile == colorprofile.NoTTY
		m.setTheme()
	case tea.ModeReportMsg:
		// Bubble Tea's renderer measures graphemes from when the terminal reports the
		// grapheme clustering mode, and runes until then; the panes measure as it does.
		if msg.Mode == ansi.ModeUnicodeCore && (msg.Value == ansi.ModeReset || msg.Value == ansi.ModeSet || msg.Value == ansi.ModePermanentlySet) {
			m.widthMethod = ansi.GraphemeWidth
			m.setTheme()
		}
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.setTheme()
		if style := m.glamourStyle(); style != m.style {
			m.style = style
			m.wantWidth = 0 // the text on screen is in the old style
			return m, m.renderOpen()
		}
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.MouseWheelMsg:
		if m.screen == screenReader {
			var cmd tea.Cmd
			m.reader, cmd = m.reader.Update(msg)
			return m, cmd
		}
		switch msg.Button {
		case tea.MouseWheelUp:
			m.list.Move(-3)
		case tea.MouseWheelDown:
			m.list.Move(3)
		}

	case batchMsg:
		cmds := []tea.Cmd{m.takeBatch(msg)}
		if !msg.done {
			cmds = append(cmds, receive(m.ctx, m.feed))
		}
		return m, tea.Batch(cmds...)
	case storeMsg:
		search, writes := m.takeStore(msg)
		return m, tea.Batch(append([]tea.Cmd{search}, writes...)...)
	case storeErrMsg:
		m.addProblems(msg.warnings)
	case resultMsg:
		if msg.seq == m.seq {
			m.syncStories() // the search may have seen a batch whose batchMsg is still queued
			m.answered, m.shownFilter = msg.seq, msg.filter
			if msg.seq == m.keepDocs && m.result.Docs != nil {
				msg.result.Docs, msg.result.TitleHits = m.result.Docs, m.result.TitleHits
			}
			m.result = msg.result
			m.list.SetDocs(msg.result.Docs)
			m.list.SetTagNames(msg.names)
			m.reader.SetTagNames(msg.names)
			m.tags.SetItems(msg.tags)
			m.tags.SetTotals(msg.totals[0], msg.totals[1], msg.totals[2], msg.totals[3])
		}

	case bodyMsg:
		if msg.seq != m.renderSeq || m.screen != screenReader {
			return m, nil
		}
		if msg.err != nil {
			m.reader.SetLines([]string{"", "  This story cannot be read now: " + msg.err.Error()}, m.reader.TextWidth(), true)
			return m, nil
		}
		m.markdown = msg.story.Reading()
		if strings.TrimSpace(msg.story.Body) == "" { // a title, perhaps tags, and no text
			if strings.TrimSpace(m.markdown) == "" {
				m.markdown = ""
				m.reader.SetLines([]string{"", "  " + noText}, m.reader.TextWidth(), true)
				return m, nil
			}
			m.markdown += "\n\n*" + noText + "*" // under the date, the source or the summary
		}
		return m, m.renderOpen()
	case render.Msg:
		return m, m.onRendered(msg)
	case matchesMsg:
		if msg.seq == m.renderSeq {
			m.reader.SetMatches(msg.lines)
		}
	}
	if m.searching {
		var cmd tea.Cmd
		m.prompt, cmd = m.prompt.Update(msg)
		return m, cmd
	}
	return m, nil
}

// settledMsg reports that no resize came for a while after the resizes-th one.
type settledMsg struct {
	resizes int
	again   bool // the second repaint of a burst
}

// repaintedMsg ends the empty frame of a repaint.
type repaintedMsg struct{}

func settleAfter(resizes int) tea.Cmd {
	return tea.Tick(150*time.Millisecond, func(time.Time) tea.Msg { return settledMsg{resizes: resizes} })
}

// syncStories takes the stories the index holds now; the index is never behind the UI.
func (m *Model) syncStories() {
	from := len(m.stories)
	m.stories = m.ix.Stories()
	m.applyMarks(from)
	m.list.SetStories(m.stories)
}

func (m *Model) addProblems(warnings []string) {
	for _, w := range warnings {
		w = story.Printable(w)
		if !slices.Contains(m.problems, w) {
			m.problems = append(m.problems, w)
		}
	}
	m.refreshHelp()
}

// helpScrollKey reports whether a key scrolls the help (the viewport's lines and pages, and
// home/end and g/G as in the lists; not left and right, and not space, which closes it as any
// other key).
func (m Model) helpScrollKey(msg tea.KeyPressMsg) bool {
	k := m.helpText.KeyMap
	return msg.String() != "space" && key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown, helpEnds)
}

// helpEnds are the keys that take the help to its top or its bottom.
var helpEnds = key.NewBinding(key.WithKeys("home", "end", "g", "G"))

// scrollHelp scrolls the help for a key helpScrollKey took.
func (m *Model) scrollHelp(msg tea.KeyPressMsg) {
	switch msg.String() {
	case "home", "g":
		m.helpText.GotoTop()
	case "end", "G":
		m.helpText.GotoBottom()
	default:
		m.helpText, _ = m.helpText.Update(msg)
	}
}

// key handles a key press: global keys first, then the pane in front.
func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	g := m.keys
	if key.Matches(msg, g.ForceQuit) {
		return m, m.quit()
	}
	if m.showHelp {
		if m.helpScrolls() && m.helpScrollKey(msg) {
			m.scrollHelp(msg)
			return m, nil
		}
		m.showHelp = false
		return m, nil
	}
	if m.searching {
		return m.promptKey(msg)
	}
	if key.Matches(msg, g.Help) {
		m.showHelp = true
		m.helpText = viewport.New()
		m.refreshHelp()
		return m, nil
	}
	if m.screen == screenReader {
		return m.readerKey(msg)
	}
	switch {
	case key.Matches(msg, g.Quit):
		return m, m.quit()
	case key.Matches(msg, g.Search):
		m.searching = true
		m.prompt.CursorEnd()
		m.layout()
		return m, m.prompt.Focus()
	case key.Matches(msg, g.Clear):
		if m.query.Root != nil || m.prompt.Value() != "" {
			m.setQuery("")
			return m, m.refresh()
		}
		if m.tags.Clear() || m.unreadOnly {
			m.unreadOnly = false
			return m, m.refresh()
		}
		return m, nil
	case key.Matches(msg, g.NextPane, g.PrevPane):
		if m.focus == focusList {
			m.focus = focusTags
		} else {
			m.focus = focusList
		}
		m.layout()
		return m, nil
	case key.Matches(msg, g.UnreadOnly):
		m.unreadOnly = !m.unreadOnly
		return m, m.refresh()
	}
	if m.focus == focusTags {
		return m.tagKey(msg)
	}
	return m.listKey(msg)
}

// The keys that act on a story or a tag are handled here, at once, rather than sent back as
// messages: a message would arrive after keys typed right behind it (s then q would quit
// before saving).

// listKey acts on the story under the cursor, or moves the cursor.
func (m Model) listKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	l := m.list.KeyMap
	if doc, ok := m.list.Selected(); ok {
		switch {
		case key.Matches(msg, l.Open):
			return m, m.open(doc)
		case key.Matches(msg, l.ToggleRead):
			return m, tea.Batch(m.setRead(doc, !m.read.Contains(doc)), m.refreshMarks())
		case key.Matches(msg, l.ToggleSaved):
			return m, tea.Batch(m.toggleSaved(doc), m.refreshMarks())
		}
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	return m, cmd
}

// tagKey lets the tag pane change the selection and searches again when it did.
func (m Model) tagKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	tags, saved := m.tags.Selection()
	var cmd tea.Cmd
	m.tags, cmd = m.tags.Update(msg)
	if key.Matches(msg, m.tags.KeyMap.Show) {
		m.focus = focusList
		m.layout()
	}
	if after, savedAfter := m.tags.Selection(); savedAfter != saved || !slices.Equal(after, tags) {
		return m, tea.Batch(cmd, m.refresh())
	}
	return m, cmd
}

// readerKey handles the story view's keys: leaving, neighbours and saving here, scrolling in
// the reader.
func (m Model) readerKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	r := m.reader.KeyMap
	switch {
	case key.Matches(msg, r.Back):
		return m, m.back()
	case key.Matches(msg, r.Next, r.Prev):
		delta := 1
		if key.Matches(msg, r.Prev) {
			delta = -1
		}
		if doc, ok := m.list.Neighbour(m.reader.Doc, delta); ok {
			return m, m.open(doc)
		}
		return m, nil
	case key.Matches(msg, r.ToggleSaved):
		cmd := m.toggleSaved(m.reader.Doc)
		m.reader.SetSaved(m.saved.Contains(m.reader.Doc))
		return m, tea.Batch(cmd, m.refreshMarks())
	}
	var cmd tea.Cmd
	m.reader, cmd = m.reader.Update(msg)
	return m, cmd
}

// promptKey handles keys while the search prompt is open: the text updates the results as
// it is typed.
func (m Model) promptKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Accept):
		m.searching = false
		m.prompt.Blur()
		m.focus = focusList
		m.layout()
		return m, nil
	case key.Matches(msg, m.keys.Cancel):
		m.searching = false
		m.prompt.Blur()
		m.layout()
		m.setQuery("")
		return m, m.refresh()
	}
	before := m.prompt.Value()
	var cmd tea.Cmd
	m.prompt, cmd = m.prompt.Update(msg)
	if m.prompt.Value() == before {
		return m, cmd
	}
	m.query = query.Parse(m.prompt.Value())
	m.list.SetHighlights(m.query.Highlights())
	m.list.Top()
	return m, tea.Batch(cmd, m.refresh())
}

func (m *Model) setQuery(text string) {
	m.prompt.SetValue(text)
	m.query = query.Parse(text)
	m.list.SetHighlights(m.query.Highlights())
}

// back returns from the reader to the list, on the same story.
func (m *Model) back() tea.Cmd {
	cmd := m.savePosition()
	m.service.Cancel(m.renderSeq)
	m.renderSeq++
	m.screen = screenList
	m.markdown, m.rendered, m.wantWidth = "", "", 0
	m.list.Select(m.reader.Doc)
	return tea.Batch(cmd, m.refreshMarks())
}

// quit remembers the reading position, stops the background work and quits.
func (m *Model) quit() tea.Cmd {
	save := m.savePosition()
	m.service.Cancel(m.renderSeq)
	m.cancel()
	return tea.Sequence(save, m.waitWrites(), tea.Quit)
}
