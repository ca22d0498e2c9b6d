package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/RoaringBitmap/roaring/v2"

	"newsread/state"
)

// storeMsg is the reading state, opened and loaded in the background.
type storeMsg struct {
	store    *state.Store
	marks    map[string]state.Mark
	warnings []string
}

// storeErrMsg carries the store's warnings after a write: a disk that filled up or turned
// read-only mid-session is worked around by the store and reported here, once.
type storeErrMsg struct{ warnings []string }

// openStore opens the reading state off the UI goroutine.
func (m Model) openStore() tea.Cmd {
	path, disabled := m.opts.StatePath, m.opts.NoState
	return func() tea.Msg {
		s := state.Disabled()
		var warnings []string
		if !disabled {
			if path == "" {
				p, err := state.DefaultPath()
				if err != nil {
					warnings = append(warnings, "state: "+err.Error()+"; reading state is off")
				}
				path = p
			}
			if path != "" {
				opened, err := state.Open(path)
				if err != nil {
					warnings = append(warnings, "state: "+err.Error()+"; reading state is off")
				} else {
					s = opened
				}
			}
		}
		marks, err := s.All()
		if err != nil {
			warnings = append(warnings, "state: "+err.Error())
		}
		return storeMsg{store: s, marks: marks, warnings: append(warnings, s.Warnings()...)}
	}
}

// takeStore takes the opened store and its marks in, and returns the search of the filter with
// them and the writes that were waiting for the store.
func (m *Model) takeStore(msg storeMsg) (search tea.Cmd, writes []tea.Cmd) {
	m.store, m.opening = msg.store, nil
	for id, mk := range msg.marks {
		if _, changed := m.marks[id]; !changed {
			m.marks[id] = mk
		}
	}
	m.applyMarks(0)
	m.addProblems(msg.warnings)
	for _, w := range m.pending {
		writes = append(writes, m.persist(w))
	}
	m.pending = nil
	return m.refresh(), writes
}

// persist runs a write against the store off the UI goroutine; writes made before the store
// is open wait for it.
func (m *Model) persist(write func(*state.Store) error) tea.Cmd {
	if m.store == nil {
		m.pending = append(m.pending, write)
		return nil
	}
	s, writes := m.store, m.writes
	writes.Add(1) // now, in Update, so that quitting waits for it
	return func() tea.Msg {
		defer writes.Done()
		err := write(s)
		warnings := s.Warnings()
		if err != nil {
			warnings = append(warnings, "state: "+err.Error())
		}
		if len(warnings) == 0 {
			return nil
		}
		return storeErrMsg{warnings: warnings}
	}
}

// waitWrites returns a command that waits (at most a few seconds) for the writes under way.
func (m *Model) waitWrites() tea.Cmd {
	writes := m.writes
	return func() tea.Msg {
		done := make(chan struct{})
		go func() { writes.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
		}
		return nil
	}
}

// flushPending applies, once the program has ended, writes made before the store was open.
func (m Model) flushPending() {
	if len(m.pending) == 0 || m.opts.NoState {
		return
	}
	msg, ok := m.openStore()().(storeMsg)
	if !ok {
		return
	}
	for _, write := range m.pending {
		write(msg.store)
	}
	msg.store.Close()
}

// applyMarks sets the read and saved bits of the docs from..len(stories) from the marks.
func (m *Model) applyMarks(from int) {
	if m.marks == nil {
		return
	}
	for doc := from; doc < len(m.stories); doc++ {
		if mk, ok := m.marks[m.stories[doc].ID]; ok {
			if mk.Read {
				m.read.Add(uint32(doc))
			}
			if mk.Saved {
				m.saved.Add(uint32(doc))
			}
		}
	}
}

// setRead marks doc read or unread, in memory and in the store.
func (m *Model) setRead(doc uint32, read bool) tea.Cmd {
	if read == m.read.Contains(doc) {
		return nil
	}
	return m.setFlag(doc, m.read, read, func(mk *state.Mark) { mk.Read = read },
		func(s *state.Store, id string) error { return s.SetRead(id, read) })
}

// toggleSaved flips doc's saved mark.
func (m *Model) toggleSaved(doc uint32) tea.Cmd {
	saved := !m.saved.Contains(doc)
	return m.setFlag(doc, m.saved, saved, func(mk *state.Mark) { mk.Saved = saved },
		func(s *state.Store, id string) error { return s.SetSaved(id, saved) })
}

// setFlag sets doc's bit in set, its mark in memory (with field) and in the store (with write).
func (m *Model) setFlag(doc uint32, set *roaring.Bitmap, on bool, field func(*state.Mark), write func(*state.Store, string) error) tea.Cmd {
	if on {
		set.Add(doc)
	} else {
		set.Remove(doc)
	}
	id := m.stories[doc].ID
	mk := m.marks[id]
	field(&mk)
	m.marks[id] = mk
	return m.persist(func(s *state.Store) error { return write(s, id) })
}

// savePosition remembers how far the open story was read.
func (m *Model) savePosition() tea.Cmd {
	if m.screen != screenReader || int(m.reader.Doc) >= len(m.stories) {
		return nil
	}
	id := m.stories[m.reader.Doc].ID
	pos := m.reader.Resume()
	mk := m.marks[id]
	if mk.Position == pos {
		return nil
	}
	mk.Position = pos
	m.marks[id] = mk
	return m.persist(func(s *state.Store) error { return s.SetPosition(id, pos) })
}
