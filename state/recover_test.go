package state

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seed writes n marks to a fresh state file at path and returns them. If folded, they end up
// in the packed blob, which then fills the middle of the file; if not, they are rows of
// recent.
func seed(t *testing.T, path string, n int, folded bool) map[string]Mark {
	t.Helper()
	s := openClean(t, path)
	want := map[string]Mark{}
	err := inTx(context.Background(), s.db, func(tx *sql.Tx) error {
		for i := range n {
			id := fmt.Sprintf("seed-%05d", i)
			want[id] = Mark{Saved: true}
			if _, err := tx.Exec(upsert, id, fieldSaved, flagSaved, 0, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if folded {
		if err := fold(s.db); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec("VACUUM"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return want
}

// oneWarning fails the test unless s has exactly one warning and it contains every part.
func oneWarning(t *testing.T, s *Store, parts ...string) {
	t.Helper()
	w := s.Warnings()
	if len(w) != 1 {
		t.Fatalf("warnings = %q, want exactly one", w)
	}
	if strings.Contains(w[0], "\n") {
		t.Errorf("warning %q is more than one line", w[0])
	}
	for _, p := range parts {
		if !strings.Contains(w[0], p) {
			t.Errorf("warning %q does not mention %q", w[0], p)
		}
	}
}

// asideFiles returns the files that moveAside made next to path.
func asideFiles(t *testing.T, path string) []string {
	t.Helper()
	m, err := filepath.Glob(path + ".corrupt-*")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// worksAndPersists checks that s takes a mark, and that the mark is in the file at path.
func worksAndPersists(t *testing.T, s *Store, path string) {
	t.Helper()
	mustSet(t, s.SetRead("after", true))
	checkMarks(t, mustAll(t, s), map[string]Mark{"after": {Read: true}})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openClean(t, path)
	defer s.Close()
	checkMarks(t, mustAll(t, s), map[string]Mark{"after": {Read: true}})
}

func TestCorruptFileIsMovedAside(t *testing.T) {
	garbage := make([]byte, 10000)
	rand.NewChaCha8([32]byte{1}).Read(garbage)
	tests := []struct {
		name  string
		spoil func(t *testing.T, path string)
	}{
		{"garbage", func(t *testing.T, path string) {
			if err := os.WriteFile(path, garbage, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"short garbage", func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte("not a database\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"truncated", func(t *testing.T, path string) {
			seed(t, path, 2000, true)
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, fi.Size()/2); err != nil {
				t.Fatal(err)
			}
		}},
		{"recent rows", func(t *testing.T, path string) {
			seed(t, path, foldAt-1, false)
			spoilPage(t, path, func(size int64) int64 { return size / 2 }, 4096)
		}},
		{"packed marks", func(t *testing.T, path string) {
			seed(t, path, 3000, true)
			spoilPage(t, path, func(size int64) int64 { return size / 2 }, 4096)
		}},
		{"header only", func(t *testing.T, path string) {
			seed(t, path, 10, true)
			if err := os.Truncate(path, 100); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			tt.spoil(t, path)
			spoilt, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			oneWarning(t, s, path, "corrupt", "moved aside")
			aside := asideFiles(t, path)
			if len(aside) != 1 {
				t.Fatalf("files moved aside: %q, want one", aside)
			}
			if b, err := os.ReadFile(aside[0]); err != nil || !bytes.Equal(b, spoilt) {
				t.Errorf("%s does not hold the corrupt file (%v)", aside[0], err)
			}
			if !strings.Contains(s.Warnings()[0], aside[0]) {
				t.Errorf("warning %q does not name %s", s.Warnings()[0], aside[0])
			}
			worksAndPersists(t, s, path)
		})
	}
}

// spoilPage overwrites n bytes of the page that holds byte at(size) of the file at path,
// keeping clear of the page's first 100 bytes.
func spoilPage(t *testing.T, path string, at func(size int64) int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, n), at(fi.Size())/4096*4096+100); err != nil {
		t.Fatal(err)
	}
}

// Damage to the content of the packed blob passes quick_check and is found by its checksum
// when the marks are loaded: All moves the file aside and returns a fresh, empty state.
func TestCorruptionFoundLater(t *testing.T) {
	tests := []struct {
		name  string
		at    func(size int64) int64
		bytes int
	}{
		{"packed marks, last page", func(size int64) int64 { return size - 4096 }, 4096},
		{"one byte of packed marks", func(size int64) int64 { return size / 2 }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			seed(t, path, 3000, true)
			spoilPage(t, path, tt.at, tt.bytes)

			s := openClean(t, path)
			m, err := s.All()
			if err != nil {
				t.Fatal(err)
			}
			if len(m) != 0 {
				t.Errorf("All after corruption returned %d marks, want a fresh state", len(m))
			}
			oneWarning(t, s, path, "corrupt", "moved aside")
			if aside := asideFiles(t, path); len(aside) != 1 {
				t.Fatalf("files moved aside: %q, want one", aside)
			}
			worksAndPersists(t, s, path)
		})
	}
}

// inMemory checks a store that could not use its file: it warned once, holds want, takes
// new marks, and does not warn again.
func inMemory(s *Store, want map[string]Mark) error {
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "will not be saved") {
		return fmt.Errorf("warnings = %q, want one about marks not being saved", w)
	}
	m, err := s.All()
	if err != nil {
		return err
	}
	if len(m) != len(want) {
		return fmt.Errorf("All() has %d marks, want %d", len(m), len(want))
	}
	for i := range 50 {
		if err := s.SetRead(fmt.Sprintf("new-%d", i), true); err != nil {
			return err
		}
	}
	if err := s.SetPosition("new-0", 0.75); err != nil {
		return err
	}
	if m, err = s.All(); err != nil {
		return err
	}
	if len(m) != len(want)+50 || m["new-0"].Position != 0.75 || !m["new-0"].Read {
		return fmt.Errorf("after 50 new marks All() has %d marks, new-0 = %+v", len(m), m["new-0"])
	}
	if w := s.Warnings(); len(w) != 1 {
		return fmt.Errorf("warnings after writes = %q, want still one", w)
	}
	return s.Close()
}

func TestUnwritablePathWorksInMemory(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		filepath.Join(file, "state.db"),             // parent is a regular file
		filepath.Join(file, "newsread", "state.db"), // so is an ancestor
		dir, // a directory, not a file
	} {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := inMemory(s, nil); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}
