package state

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

type trouble int

const (
	otherTrouble trouble = iota // returned to the caller
	corrupt                     // the file is moved aside and replaced
	unwritable                  // the session goes on in memory
)

func classify(err error) trouble {
	var c corruption
	if errors.As(err, &c) {
		return corrupt
	}
	if errors.Is(err, errUnwritable) {
		return unwritable
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return corrupt
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR,
			sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return unwritable
		}
		return otherTrouble
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return unwritable
	}
	return otherTrouble
}

// absorb deals with an error from s.db. It reports whether the store has moved on (to a fresh
// file or to memory) so that the operation is worth one retry; otherwise err is the caller's.
func (s *Store) absorb(err error) bool {
	switch classify(err) {
	case corrupt:
		s.db.Close()
		s.db = nil
		s.replaceCorrupt(err)
		return true
	case unwritable:
		m, _, lerr := load(s.db)
		if lerr != nil {
			m = map[string]Mark{}
		}
		s.db.Close()
		s.db = nil
		s.mem = m
		s.warn("state: cannot write %s (%v); marks from now on will not be saved", s.path, err)
		return true
	}
	return false
}

// openFailed deals with an error from Open's openDB: anything but corruption sends the
// session to memory, seeded with whatever the file still lets us read.
func (s *Store) openFailed(err error) {
	if classify(err) == corrupt {
		s.replaceCorrupt(err)
		return
	}
	s.mem = readOnlyLoad(s.path)
	s.warn("state: cannot use %s (%v); marks will not be saved this session", s.path, err)
}

// replaceCorrupt moves the corrupt file aside and opens a fresh one in its place, or, failing
// that, goes on in memory.
func (s *Store) replaceCorrupt(cause error) {
	aside, err := moveAside(s.path)
	if err != nil {
		s.mem = map[string]Mark{}
		s.warn("state: %s is corrupt (%v) and cannot be moved aside (%v); marks will not be saved this session",
			s.path, cause, err)
		return
	}
	s.warn("state: %s was corrupt (%v); moved aside to %s; starting fresh", s.path, cause, aside)
	db, err := openDB(s.path)
	if err != nil {
		s.mem = map[string]Mark{}
		s.warn("state: cannot create %s (%v); marks will not be saved this session", s.path, err)
		return
	}
	s.db = db
}

// warn records a warning, on one line whatever SQLite's message looks like.
func (s *Store) warn(format string, args ...any) {
	s.warnings = append(s.warnings, strings.ReplaceAll(fmt.Sprintf(format, args...), "\n", " "))
}

// moveAside renames path, and its -wal and -shm files, to path.corrupt-<unix time>. A -wal
// left behind would be replayed into the fresh file, so one that cannot be moved is removed.
func moveAside(path string) (string, error) {
	base := fmt.Sprintf("%s.corrupt-%d", path, time.Now().Unix())
	aside := base
	for i := 1; exists(aside) || exists(aside+"-wal"); i++ {
		aside = fmt.Sprintf("%s.%d", base, i)
	}
	if err := os.Rename(path, aside); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		err := os.Rename(path+suffix, aside+suffix)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", err
			}
		}
	}
	return aside, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// readOnlyLoad reads what marks it can from a file that cannot be opened for writing: first
// through SQLite's locks, then, if those need files it cannot create, from the database file
// alone (immutable=1, missing whatever is still only in the -wal file).
func readOnlyLoad(path string) map[string]Mark {
	for _, extra := range []string{"&mode=ro", "&mode=ro&immutable=1"} {
		db, err := sql.Open("sqlite", dsn(path, extra))
		if err != nil {
			continue
		}
		db.SetMaxOpenConns(1)
		m, _, err := load(db)
		db.Close()
		if err == nil {
			return m
		}
	}
	return map[string]Mark{}
}
