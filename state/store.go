// Package state owns newsread's persistent reading state: which stories are read or saved and
// how far each was scrolled, kept in one SQLite file under the XDG state directory. It must not
// import UI code or parse story files: callers hand it a stable story id and get marks back.
// A broken, unreadable or unwritable state file never stops the program: the store warns once
// and carries on with the session's marks in memory.
//
// A caller picks the store once at start-up:
//
//	st := state.Disabled() // --no-state, NEWSREAD_NO_STATE (state.EnvDisabled), or no home
//	if path, err := state.DefaultPath(); err == nil && !noState && !state.EnvDisabled() {
//		st, _ = state.Open(path) // fails only for ""; show st.Warnings()
//	}
package state

import (
	"database/sql"
	"errors"
	"math"
	"sync"
	"time"
)

// Mark is what newsread remembers about one story. A story that is unread, unsaved and at
// position 0 has no Mark.
type Mark struct {
	Read, Saved bool
	// Position is where the reader was in the story, in [0,1] (the top line's share of the
	// rendered text, 1 at the end), so that it survives another window size.
	Position float64
	// Updated is when any field last changed, in Unix seconds: time.Unix(m.Updated, 0). Not a
	// time.Time, which would make All a fifth slower.
	Updated int64
}

func (m Mark) isZero() bool { return !m.Read && !m.Saved && m.Position == 0 }

// Store is the reading-state store. It is safe for concurrent use by several goroutines, and
// several processes may have the same file open at once.
type Store struct {
	mu       sync.Mutex
	path     string
	db       *sql.DB         // nil when disabled, closed or in memory
	mem      map[string]Mark // the session's marks once the file was given up; nil while db is used
	disabled bool
	closed   bool
	warnings []string
}

var errClosed = errors.New("state: store is closed")

// Open opens the state file at path, creating it and its directory if needed, and checks it
// with PRAGMA quick_check. A corrupt file is moved aside and replaced by a fresh one; a file
// that cannot be opened for writing gives a store that keeps this session's marks in memory.
// Both leave a line in Warnings, and neither is an error: Open fails only for an empty path.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("state: empty path")
	}
	s := &Store{path: path}
	db, err := openDB(path)
	if err != nil {
		s.openFailed(err)
		return s, nil
	}
	s.db = db
	return s, nil
}

// Disabled returns a store that reads and writes nothing: All is always empty and every Set
// is a no-op. It serves --no-state and NEWSREAD_NO_STATE.
func Disabled() *Store { return &Store{disabled: true} }

// Warnings returns one line for each problem the store has worked around so far, such as a
// corrupt file moved aside or a switch to memory after a failed write. Callers may check it
// after Open and again after writes; it grows by at most one line per problem.
func (s *Store) Warnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.warnings...)
}

// All returns every stored mark, keyed by story id. Stories without a mark are absent.
func (s *Store) All() (map[string]Mark, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for retried := false; ; retried = true {
		switch {
		case s.disabled:
			return map[string]Mark{}, nil
		case s.closed:
			return nil, errClosed
		case s.mem != nil:
			m := make(map[string]Mark, len(s.mem))
			for id, mark := range s.mem {
				m[id] = mark
			}
			return m, nil
		}
		m, recent, err := load(s.db)
		if err == nil {
			if foldDue(recent) {
				_ = fold(s.db) // only a speed-up for the next load; on failure the marks stay in recent
			}
			return m, nil
		}
		if retried || !s.absorb(err) {
			return nil, err
		}
	}
}

// SetRead marks a story read or unread.
func (s *Store) SetRead(id string, read bool) error {
	return s.set(id, fieldRead, Mark{Read: read})
}

// SetSaved marks a story saved or not.
func (s *Store) SetSaved(id string, saved bool) error {
	return s.set(id, fieldSaved, Mark{Saved: saved})
}

// SetPosition records where a story was left (see Mark.Position). Values
// outside [0,1] are clamped; NaN is an error.
func (s *Store) SetPosition(id string, pos float64) error {
	if math.IsNaN(pos) {
		return errors.New("state: position is NaN")
	}
	return s.set(id, fieldPosition, Mark{Position: min(max(pos, 0), 1)})
}

// set writes the fields of v named by field and leaves the others as they are.
func (s *Store) set(id string, field uint8, v Mark) error {
	if id == "" {
		return errors.New("state: empty story id")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v.Updated = time.Now().Unix()
	for retried := false; ; retried = true {
		switch {
		case s.disabled:
			return nil
		case s.closed:
			return errClosed
		case s.mem != nil:
			m := merge(s.mem[id], field, v)
			if m.isZero() {
				delete(s.mem, id)
			} else {
				s.mem[id] = m
			}
			return nil
		}
		err := write(s.db, id, field, v)
		if err == nil || retried || !s.absorb(err) {
			return err
		}
	}
}

// merge returns m with the fields named by field taken from v.
func merge(m Mark, field uint8, v Mark) Mark {
	if field&fieldRead != 0 {
		m.Read = v.Read
	}
	if field&fieldSaved != 0 {
		m.Saved = v.Saved
	}
	if field&fieldPosition != 0 {
		m.Position = v.Position
	}
	m.Updated = v.Updated
	return m
}

// Close compacts the file if enough marks have piled up since the last compaction, and
// releases it. Later calls fail.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errClosed
	}
	s.closed = true
	s.mem = nil
	if s.db == nil {
		return nil
	}
	if n, err := countRecent(s.db); err == nil && foldDue(n) {
		_ = fold(s.db) // only a speed-up for the next load; on failure the marks stay in recent
	}
	err := s.db.Close()
	s.db = nil
	return err
}
