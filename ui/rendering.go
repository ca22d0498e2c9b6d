package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"newsread/render"
	"newsread/story"
	"newsread/ui/reader"
)

// bodyMsg is an opened story read again from its file, with its body.
type bodyMsg struct {
	seq   uint64
	story story.Story
	err   error
}

// noText is what the reader shows of a story that has none.
const noText = "This story has no text."

// matchesMsg is the lines of the open story that hold searched words.
type matchesMsg struct {
	seq   uint64
	lines []int
}

// open shows doc in the reader and starts reading and rendering it.
func (m *Model) open(doc uint32) tea.Cmd {
	cmds := []tea.Cmd{m.savePosition()}
	m.service.Cancel(m.renderSeq)
	m.renderSeq++
	s := m.stories[doc]
	m.screen = screenReader
	m.markdown, m.rendered, m.wantWidth = "", "", 0
	m.reader.Open(doc, s, m.saved.Contains(doc), m.marks[s.ID].Position, m.query.Highlights())
	m.list.Select(doc)
	cmds = append(cmds, m.setRead(doc, true))
	if c, ok := m.service.Cache().Get(s.ID, m.reader.TextWidth(), m.style); ok {
		m.wantWidth = m.reader.TextWidth()
		m.showRendered(c, m.wantWidth, true)
		cmds = append(cmds, m.findMatches())
	}
	seq, lib := m.renderSeq, m.lib
	cmds = append(cmds, func() tea.Msg {
		full, err := lib.Read(s.Source)
		return bodyMsg{seq: seq, story: full, err: err}
	})
	return tea.Batch(cmds...)
}

// renderOpen renders the open story at the reader's width, unless that is on screen already.
func (m *Model) renderOpen() tea.Cmd {
	if m.markdown == "" || m.wantWidth == m.reader.TextWidth() {
		return nil
	}
	m.service.Cancel(m.renderSeq)
	m.renderSeq++
	m.wantWidth = m.reader.TextWidth()
	req := render.Request{ID: m.stories[m.reader.Doc].ID, Markdown: m.markdown, Width: m.reader.TextWidth(), Style: m.style, Seq: m.renderSeq}
	return m.service.Cmd(req)
}

// onRendered shows what a render produced, if it is for the open story as it is now.
func (m *Model) onRendered(msg render.Msg) tea.Cmd {
	if msg.Seq != m.renderSeq || m.screen != screenReader {
		return nil
	}
	if msg.Err != nil {
		if msg.Err != render.ErrCanceled {
			m.showRendered("  Could not render this story: "+msg.Err.Error(), msg.Width, true)
		}
		return nil
	}
	m.showRendered(msg.Content, msg.Width, msg.Done)
	if msg.Done {
		return tea.Batch(m.findMatches(), m.prerenderNeighbours())
	}
	return msg.Next()
}

// showRendered puts rendered text in the reader. A render that only grew is appended, so a
// huge story's later chunks cost their own size, not the whole story's.
func (m *Model) showRendered(content string, width int, done bool) {
	prev := m.rendered
	m.rendered = content
	if prev != "" && width == m.reader.Width() && len(content) > len(prev) && content[:len(prev)] == prev &&
		content[len(prev)] == '\n' {
		m.reader.AppendLines(strings.Split(content[len(prev)+1:], "\n"), done)
		return
	}
	m.reader.SetLines(strings.Split(content, "\n"), width, done)
}

// findMatches looks for the searched words in the open story, off the UI goroutine.
func (m *Model) findMatches() tea.Cmd {
	words := m.reader.Highlights()
	if len(words) == 0 {
		return nil
	}
	lines, seq := m.reader.Lines(), m.renderSeq
	return func() tea.Msg { return matchesMsg{seq: seq, lines: reader.MatchLines(lines, words)} }
}

// prerenderNeighbours renders the next and previous stories of the list into the cache, so
// n and p show them at once.
func (m *Model) prerenderNeighbours() tea.Cmd {
	var cmds []tea.Cmd
	// With the open story's seq, leaving it (back, another story, quit) cancels these too.
	width, style, lib, svc, seq := m.reader.TextWidth(), m.style, m.lib, m.service, m.renderSeq
	for _, d := range []int{1, -1} {
		doc, ok := m.list.Neighbour(m.reader.Doc, d)
		if !ok {
			continue
		}
		s := m.stories[doc]
		if _, hit := svc.Cache().Get(s.ID, width, style); hit || s.Words > 20000 {
			continue
		}
		cmds = append(cmds, func() tea.Msg {
			full, err := lib.Read(s.Source)
			if err != nil {
				return nil
			}
			if pre := svc.Prerender(render.Request{ID: s.ID, Markdown: full.Reading(), Width: width, Style: style, Seq: seq}); pre != nil {
				return pre()
			}
			return nil
		})
	}
	return tea.Batch(cmds...)
}
