package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"newsread/index"
	"newsread/query"
	"newsread/ui/tagpane"
)

// resultMsg is a finished search; only the newest (seq) is shown.
type resultMsg struct {
	seq    uint64
	filter uint64 // the Model's filter when the search started
	result index.Result
	tags   []tagpane.Item
	names  map[string]string // tag key → the spelling shown
	totals [4]int            // all, all unread, saved, saved unread
}

// refreshMarks is refresh after read or saved marks changed. While the filter selects by those
// marks (is:unread, u, Saved…), the stories shown stay as they are and only the counts follow,
// as in mutt's limited views: a story read, or marked unread, does not vanish from under the
// cursor, and m can undo it. The next search for another reason (a change of the filter, a
// batch of a load) shows what the filter selects. Only a list that answers the filter as it
// is now is kept: while a search for a change of the filter is on its way, this one's result
// is taken whole.
func (m *Model) refreshMarks() tea.Cmd {
	current := m.shownFilter == m.filter
	cmd := m.search()
	if current && m.filterOnMarks() {
		m.keepDocs = m.seq
	}
	return cmd
}

// hasPhrase reports whether the query holds a phrase of two words or more (quoted, or
// Chinese and Japanese characters side by side), which is checked against the stories' text.
func (m Model) hasPhrase() bool {
	found := false
	m.query.Root.Walk(func(n *query.Node) { found = found || n.Kind == query.Phrase && len(n.Words) > 1 })
	return found
}

// filterOnMarks reports whether the filter selects stories by their read or saved marks.
func (m Model) filterOnMarks() bool {
	if _, saved := m.tags.Selection(); saved || m.unreadOnly {
		return true
	}
	on := false
	m.query.Root.Walk(func(n *query.Node) { on = on || n.Kind == query.Is })
	return on
}

// refresh starts a search for the filter as it is now, which may have changed, or the
// stories loaded since the last.
func (m *Model) refresh() tea.Cmd {
	m.filter++
	return m.search()
}

// search starts a search for the current filter. The bitmaps are cloned so the command never
// shares state with Update.
func (m *Model) search() tea.Cmd {
	m.seq++
	seq, filter := m.seq, m.filter
	m.stopSearch() // a newer search makes the running one pointless
	ctx, cancel := context.WithCancel(m.ctx)
	m.stopSearch = cancel
	tags, savedOnly := m.tags.Selection()
	read, saved := m.read.Clone(), m.saved.Clone()
	f := index.Filter{Query: m.query, Tags: tags, Read: read, Saved: saved, Unread: m.unreadOnly, SavedOnly: savedOnly}
	ix := m.ix
	return func() tea.Msg {
		defer cancel()
		r, err := ix.SearchContext(ctx, f)
		if err != nil {
			return nil // canceled by a newer search, which will answer
		}
		counts := ix.Tags()
		unread := ix.UnreadByTag(read)
		items := make([]tagpane.Item, len(counts))
		names := make(map[string]string, len(counts))
		for i, c := range counts {
			items[i] = tagpane.Item{Kind: tagpane.Tag, Key: c.Key, Name: c.Name, Count: c.Count, Unread: unread[c.Key]}
			names[c.Key] = c.Name
		}
		all := r.Total
		savedCount := int(saved.GetCardinality())
		totals := [4]int{all, all - int(read.GetCardinality()), savedCount, savedCount - int(saved.AndCardinality(read))}
		return resultMsg{seq: seq, filter: filter, result: r, tags: items, names: names, totals: totals}
	}
}
