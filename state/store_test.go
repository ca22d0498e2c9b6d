package state

import (
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openClean opens path and fails the test if the store had anything to warn about.
func openClean(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Fatalf("Open(%s) warned: %q", path, w)
	}
	return s
}

func mustAll(t testing.TB, s *Store) map[string]Mark {
	t.Helper()
	m, err := s.All()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func mustSet(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// same compares marks, ignoring Updated.
func same(a, b Mark) bool {
	return a.Read == b.Read && a.Saved == b.Saved && a.Position == b.Position
}

func checkMarks(t testing.TB, got map[string]Mark, want map[string]Mark) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d marks, want %d", len(got), len(want))
	}
	for id, w := range want {
		if g, ok := got[id]; !ok || !same(g, w) {
			t.Errorf("mark %q = %+v (present %v), want %+v", id, g, ok, w)
		}
	}
}

func TestRoundTripAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "state.db")
	s := openClean(t, path)
	mustSet(t, s.SetRead("aaaaaaaaaaaaaaaa", true))
	mustSet(t, s.SetSaved("bbbbbbbbbbbbbbbb", true))
	mustSet(t, s.SetPosition("cccccccccccccccc", 0.375))
	mustSet(t, s.SetRead("dddddddddddddddd", true))
	mustSet(t, s.SetSaved("dddddddddddddddd", true))
	mustSet(t, s.SetPosition("dddddddddddddddd", 1.0/3))
	want := map[string]Mark{
		"aaaaaaaaaaaaaaaa": {Read: true},
		"bbbbbbbbbbbbbbbb": {Saved: true},
		"cccccccccccccccc": {Position: 0.375},
		"dddddddddddddddd": {Read: true, Saved: true, Position: 1.0 / 3},
	}
	checkMarks(t, mustAll(t, s), want)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openClean(t, path)
	defer s.Close()
	got := mustAll(t, s)
	checkMarks(t, got, want)
	if u := time.Unix(got["dddddddddddddddd"].Updated, 0); time.Since(u) > time.Minute || time.Until(u) > time.Second {
		t.Errorf("Updated = %v, want about now", u)
	}
}

func TestFieldsDoNotClobberEachOther(t *testing.T) {
	s := openClean(t, filepath.Join(t.TempDir(), "state.db"))
	defer s.Close()
	id := "0123456789abcdef"
	mustSet(t, s.SetRead(id, true))
	mustSet(t, s.SetSaved(id, true))
	mustSet(t, s.SetPosition(id, 0.5))
	mustSet(t, s.SetRead(id, false))
	checkMarks(t, mustAll(t, s), map[string]Mark{id: {Saved: true, Position: 0.5}})
	mustSet(t, s.SetPosition(id, 0))
	mustSet(t, s.SetRead(id, true))
	checkMarks(t, mustAll(t, s), map[string]Mark{id: {Read: true, Saved: true}})
	mustSet(t, s.SetSaved(id, false))
	mustSet(t, s.SetRead(id, false))
	checkMarks(t, mustAll(t, s), map[string]Mark{})
}

// Marks folded into the packed blob and marks still in recent must combine field by field,
// before and after another fold, and across a reopen.
func TestFoldKeepsEveryField(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s := openClean(t, path)
	want := map[string]Mark{}
	for i := range foldAt + 10 {
		id := fmt.Sprintf("%016x", i)
		mustSet(t, s.SetRead(id, i%2 == 0))
		mustSet(t, s.SetPosition(id, float64(i%7)/7))
		want[id] = Mark{Read: i%2 == 0, Position: float64(i%7) / 7}
		if want[id].isZero() {
			delete(want, id)
		}
	}
	if n, _ := countRecent(s.db); n < foldAt {
		t.Fatalf("%d recent rows before the fold, want at least %d", n, foldAt)
	}
	checkMarks(t, mustAll(t, s), want) // folds
	if n, _ := countRecent(s.db); n != 0 {
		t.Fatalf("%d recent rows after All, want 0 (folded)", n)
	}
	// Change fields of folded marks: recent now overrides some fields of packed ones.
	for i := range 20 {
		id := fmt.Sprintf("%016x", i)
		mustSet(t, s.SetSaved(id, true))
		mustSet(t, s.SetRead(id, false))
		w := want[id]
		w.Saved, w.Read = true, false
		want[id] = w
	}
	mustSet(t, s.SetPosition(fmt.Sprintf("%016x", 100), 0))
	mustSet(t, s.SetRead(fmt.Sprintf("%016x", 100), false))
	delete(want, fmt.Sprintf("%016x", 100))
	checkMarks(t, mustAll(t, s), want)
	if err := fold(s.db); err != nil {
		t.Fatal(err)
	}
	checkMarks(t, mustAll(t, s), want)
	s.Close()
	s = openClean(t, path)
	defer s.Close()
	checkMarks(t, mustAll(t, s), want)
}

func TestPositionIsClamped(t *testing.T) {
	s := openClean(t, filepath.Join(t.TempDir(), "state.db"))
	defer s.Close()
	mustSet(t, s.SetPosition("low", -0.5))
	mustSet(t, s.SetPosition("high", 7))
	mustSet(t, s.SetPosition("mid", 0.25))
	if err := s.SetPosition("nan", math.NaN()); err == nil {
		t.Error("SetPosition(NaN) succeeded")
	}
	checkMarks(t, mustAll(t, s), map[string]Mark{"high": {Position: 1}, "mid": {Position: 0.25}})
}

func TestBadCalls(t *testing.T) {
	s := openClean(t, filepath.Join(t.TempDir(), "state.db"))
	if err := s.SetRead("", true); err == nil {
		t.Error("SetRead with an empty id succeeded")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRead("x", true); err == nil {
		t.Error("SetRead after Close succeeded")
	}
	if _, err := s.All(); err == nil {
		t.Error("All after Close succeeded")
	}
	if _, err := Open(""); err == nil {
		t.Error(`Open("") succeeded`)
	}
}

func TestIDsAreOpaque(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s := openClean(t, path)
	ids := []string{"x", "with space", "ünïcødé", "a\x00b", strings.Repeat("z", 300), "'; DROP TABLE recent; --"}
	want := map[string]Mark{}
	for _, id := range ids {
		mustSet(t, s.SetSaved(id, true))
		want[id] = Mark{Saved: true}
	}
	if err := fold(s.db); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openClean(t, path)
	defer s.Close()
	checkMarks(t, mustAll(t, s), want)
}

func TestDisabledTouchesNothing(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", dir)
	t.Setenv("HOME", dir)
	s := Disabled()
	mustSet(t, s.SetRead("a", true))
	mustSet(t, s.SetSaved("a", true))
	mustSet(t, s.SetPosition("a", 0.5))
	if m := mustAll(t, s); len(m) != 0 {
		t.Errorf("Disabled().All() = %v, want empty", m)
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("Disabled().Warnings() = %q", w)
	}
	if err := s.Close(); err != nil {
		t.Error(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("Disabled store created %v", entries)
	}
}

func TestEnvDisabled(t *testing.T) {
	for v, want := range map[string]bool{"": false, "0": false, "1": true, "yes": true, "true": true} {
		t.Setenv("NEWSREAD_NO_STATE", v)
		if got := EnvDisabled(); got != want {
			t.Errorf("NEWSREAD_NO_STATE=%q: EnvDisabled() = %v, want %v", v, got, want)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("HOME", "/home/reader")
	t.Setenv("XDG_STATE_HOME", "/xdg/state")
	if got, err := DefaultPath(); err != nil || got != "/xdg/state/newsread/state.db" {
		t.Errorf("with XDG_STATE_HOME: DefaultPath() = %q, %v", got, err)
	}
	for _, v := range []string{"", "relative/state"} {
		t.Setenv("XDG_STATE_HOME", v)
		if got, err := DefaultPath(); err != nil || got != "/home/reader/.local/state/newsread/state.db" {
			t.Errorf("XDG_STATE_HOME=%q: DefaultPath() = %q, %v", v, got, err)
		}
	}
	os.Unsetenv("XDG_STATE_HOME") // t.Setenv restores it
	if got, err := DefaultPath(); err != nil || got != "/home/reader/.local/state/newsread/state.db" {
		t.Errorf("without XDG_STATE_HOME: DefaultPath() = %q, %v", got, err)
	}
}

func TestConcurrentGoroutines(t *testing.T) {
	s := openClean(t, filepath.Join(t.TempDir(), "state.db"))
	defer s.Close()
	const goroutines, each = 8, 40
	errs := make(chan error, goroutines)
	for g := range goroutines {
		go func() {
			for i := range each {
				id := fmt.Sprintf("g%d-%d", g, i)
				if err := s.SetRead(id, true); err != nil {
					errs <- err
					return
				}
				if err := s.SetPosition(id, 0.5); err != nil {
					errs <- err
					return
				}
				if i%10 == 0 {
					if _, err := s.All(); err != nil {
						errs <- err
						return
					}
				}
			}
			errs <- nil
		}()
	}
	for range goroutines {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]Mark{}
	for g := range goroutines {
		for i := range each {
			want[fmt.Sprintf("g%d-%d", g, i)] = Mark{Read: true, Position: 0.5}
		}
	}
	checkMarks(t, mustAll(t, s), want)
}

// A file from a newer newsread is left alone: this session runs in memory.
func TestNewerSchemaIsLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s := openClean(t, path)
	mustSet(t, s.SetRead("old", true))
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "newer") {
		t.Fatalf("warnings = %q, want one about a newer schema", w)
	}
	mustSet(t, s.SetRead("new", true))
	s.Close()

	db, err := sql.Open("sqlite", dsn(path, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version, n int
	if err := db.QueryRow("SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM recent)").Scan(&version, &n); err != nil {
		t.Fatal(err)
	}
	if version != 99 || n != 1 {
		t.Errorf("newer file now has version %d and %d recent rows, want 99 and 1", version, n)
	}
}
