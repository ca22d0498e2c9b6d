package loader

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"newsread/index"
	"newsread/library"
	"newsread/query"
	"newsread/snapshot"
	"newsread/story"
	"newsread/synth"
)

// testLibrary builds a folder of n generated stories plus the hostile files (which include a
// duplicate story), every file dated an hour ago, so a load may trust their times.
func testLibrary(t *testing.T, n int) string {
	t.Helper()
	dir := synthLibrary(t, n)
	if _, err := synth.Hostile(filepath.Join(dir, "hostile")); err != nil {
		t.Fatal(err)
	}
	age(t, dir)
	return dir
}

// synthLibrary builds a folder of n generated stories in dir/synth, dated an hour ago.
func synthLibrary(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := synth.Generate(filepath.Join(dir, "synth"), synth.Options{N: n, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	age(t, dir)
	return dir
}

// age dates the files under dir written in the last minute an hour ago (each call's hour ago
// a little later than the last's), so a load trusts their times and unchanged files keep
// theirs.
func age(t *testing.T, dir string) {
	t.Helper()
	ageDir(dir)
}

var ageCalls int

func ageDir(dir string) {
	ageCalls++
	now := time.Now()
	old := now.Add(-time.Hour + time.Duration(ageCalls)*time.Second)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().After(now.Add(-time.Minute)) {
			os.Chtimes(p, old, old)
		}
		return nil
	})
}

type run struct {
	ix       *index.Index
	reads    *atomic.Int64 // stories read again from their files
	warnings []library.Warning
	last     Progress
	reports  int
	cached   []int // each report's Cached
}

func fill(t *testing.T, dir, cache string) run {
	t.Helper()
	lib, err := library.Paths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	r := run{reads: &atomic.Int64{}}
	r.ix = index.New(func(src string) (story.Story, error) {
		r.reads.Add(1)
		return lib.Read(src)
	})
	Fill(context.Background(), lib, r.ix, Options{CacheDir: cache}, func(p Progress) {
		r.warnings = append(r.warnings, p.Warnings...)
		r.last = p
		r.reports++
		r.cached = append(r.cached, p.Cached)
	})
	if !r.last.Done {
		t.Fatal("the last report is not Done")
	}
	return r
}

func sameIndex(t *testing.T, want, got *index.Index) {
	t.Helper()
	ids := func(ix *index.Index) []string {
		var out []string
		for _, s := range ix.Stories() {
			out = append(out, s.ID+" "+s.Source)
		}
		return out
	}
	if !slices.Equal(ids(want), ids(got)) {
		t.Fatalf("the indexes hold different stories (%d and %d)", want.Len(), got.Len())
	}
	if !slices.Equal(want.Tags(), got.Tags()) {
		t.Errorf("the indexes have different tags")
	}
	for _, qs := range []string{"", "gov", "#politics -police", `"the government"`, "zürich OR tokyo"} {
		f := index.Filter{Query: query.Parse(qs)}
		if a, b := want.Search(f), got.Search(f); !slices.Equal(a.Docs, b.Docs) || a.TitleHits != b.TitleHits {
			t.Errorf("%q: %d and %d results", qs, len(a.Docs), len(b.Docs))
		}
	}
}

func TestSnapshotReusedUntilAFileChanges(t *testing.T) {
	dir, cache := testLibrary(t, 300), t.TempDir()
	cold := fill(t, dir, cache)
	if cold.last.Restored {
		t.Fatal("the first load claims a snapshot")
	}
	if len(cold.warnings) == 0 {
		t.Fatal("the hostile files gave no warnings")
	}
	path := snapshot.Path(cache, []string{dir})
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no snapshot after the first load: %v", err)
	}

	// Phrases: once the snapshot is saved its streams answer them, with the same results as
	// the stories' text, and no file is read again.
	text := fill(t, dir, "")
	phrase := index.Filter{Query: query.Parse(`"the government" OR "of the"`)}
	want := text.ix.Search(phrase).Docs
	if len(want) == 0 || text.reads.Load() == 0 {
		t.Fatalf("the phrase finds %d stories from %d reads of text: the test checks nothing", len(want), text.reads.Load())
	}
	if got := cold.ix.Search(phrase).Docs; !slices.Equal(got, want) || cold.reads.Load() != 0 {
		t.Errorf("after the save: %d stories (want %d), %d files read again", len(got), len(want), cold.reads.Load())
	}

	warm := fill(t, dir, cache)
	if got := warm.ix.Search(phrase).Docs; !slices.Equal(got, want) || warm.reads.Load() != 0 {
		t.Errorf("warm: %d stories (want %d), %d files read again", len(got), len(want), warm.reads.Load())
	}
	// Two reports: what the snapshot holds as it is read, then all of it.
	if !warm.last.Restored || warm.reports != 2 || !slices.Equal(warm.cached, []int{cold.last.Found, 0}) {
		t.Fatalf("the second load: restored %v in %d reports (cached %v), want two from the snapshot (cached %d, then 0)", warm.last.Restored, warm.reports, warm.cached, cold.last.Found)
	}
	if !slices.Equal(warm.warnings, cold.warnings) || warm.last.Found != cold.last.Found {
		t.Errorf("the snapshot's warnings or count differ: %d/%d warnings, %d/%d found", len(warm.warnings), len(cold.warnings), warm.last.Found, cold.last.Found)
	}
	sameIndex(t, cold.ix, warm.ix)

	// Each change to the library is seen. The library holds a duplicate story, so the next load
	// parses everything again (a patch cannot tell which copy a full walk would keep).
	victim := filepath.Join(dir, "synth", synth.Name(7, synth.Options{N: 300, Seed: 3}))
	changes := []struct {
		name   string
		change func()
		check  func(*index.Index) bool
	}{
		{"edited", func() {
			os.WriteFile(victim, []byte("Quokkas elect a mayor\n\nThe quokka vote was close.\n\n   Animals\n"), 0o644)
		}, func(ix *index.Index) bool {
			return len(ix.Search(index.Filter{Query: query.Parse("quokka")}).Docs) == 1
		}},
		{"removed", func() { os.Remove(victim) }, func(ix *index.Index) bool {
			return len(ix.Search(index.Filter{Query: query.Parse("quokka")}).Docs) == 0 && ix.Len() == cold.ix.Len()-1
		}},
		{"added", func() {
			os.WriteFile(filepath.Join(dir, "new.md"), []byte("# Wombats too\n\nwombat"), 0o644)
		}, func(ix *index.Index) bool {
			return len(ix.Search(index.Filter{Query: query.Parse("wombat")}).Docs) == 1
		}},
	}
	for _, c := range changes {
		c.change()
		age(t, dir)
		r := fill(t, dir, cache)
		if r.last.Restored || r.last.Patched || !c.check(r.ix) {
			t.Fatalf("%s file: restored %v, or the index does not show the change", c.name, r.last.Restored)
		}
		// The snapshot was read, then given up: the reports say so before the full load's.
		if len(r.cached) < 3 || r.cached[0] == 0 || slices.Max(r.cached[1:]) != 0 {
			t.Errorf("%s file: reports' Cached %v, want the snapshot's count, then 0 throughout", c.name, r.cached)
		}
		again := fill(t, dir, cache)
		if !again.last.Restored {
			t.Fatalf("after the %s file: the new snapshot is not used", c.name)
		}
		sameIndex(t, r.ix, again.ix)
	}
}

func TestDamagedSnapshotMeansAColdLoad(t *testing.T) {
	dir, cache := testLibrary(t, 100), t.TempDir()
	cold := fill(t, dir, cache)
	path := snapshot.Path(cache, []string{dir})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	os.WriteFile(path, data, 0o600)
	r := fill(t, dir, cache)
	if r.last.Restored {
		t.Fatal("a damaged snapshot was used")
	}
	sameIndex(t, cold.ix, r.ix)
	if again := fill(t, dir, cache); !again.last.Restored {
		t.Error("the damaged snapshot was not replaced")
	}
}

func TestNoSnapshotForFilesWrittenDuringTheLoad(t *testing.T) {
	racyMargin = 2 * time.Second
	defer func() { racyMargin = 0 }()
	dir, cache := t.TempDir(), t.TempDir()
	if _, err := synth.Generate(dir, synth.Options{N: 20, Seed: 1}); err != nil { // dated now
		t.Fatal(err)
	}
	r := fill(t, dir, cache)
	if _, err := os.Stat(snapshot.Path(cache, []string{dir})); err == nil {
		t.Error("a snapshot was saved although files were younger than the load")
	}
	// The streams gathered during the load still answer phrases, from the first load on.
	text := fill(t, dir, "")
	phrase := index.Filter{Query: query.Parse(`"of the" OR "in the"`)}
	want := text.ix.Search(phrase).Docs
	if got := r.ix.Search(phrase).Docs; len(want) == 0 || !slices.Equal(got, want) || r.reads.Load() != 0 {
		t.Errorf("phrases without a snapshot: %d stories (want %d), %d files read", len(got), len(want), r.reads.Load())
	}
}

func TestNoCacheDirAndEmbedded(t *testing.T) {
	dir := testLibrary(t, 10)
	if r := fill(t, dir, ""); r.last.Restored || r.ix.Len() == 0 {
		t.Errorf("without a cache folder: restored %v, %d stories", r.last.Restored, r.ix.Len())
	}
	cache := t.TempDir()
	lib := library.Embedded()
	ix := index.New(lib.Read)
	Fill(context.Background(), lib, ix, Options{CacheDir: cache}, func(Progress) {})
	entries, _ := os.ReadDir(cache)
	if ix.Len() == 0 || len(entries) != 0 {
		t.Errorf("embedded: %d stories, %d files in the cache folder; want stories and no snapshot", ix.Len(), len(entries))
	}
}

// A few changed files patch the snapshot: the result is what a full load gives, phrases are
// still answered from streams, and the patched snapshot is used next time.
func TestFewChangesArePatched(t *testing.T) {
	dir, cache := synthLibrary(t, 400), t.TempDir()
	fill(t, dir, cache)
	opt := synth.Options{N: 400, Seed: 3}
	file := func(i int) string { return filepath.Join(dir, "synth", synth.Name(i, opt)) }
	changes := []struct {
		name   string
		change func()
	}{
		{"an edited story", func() {
			os.WriteFile(file(7), []byte("Quokkas elect a mayor\n\nThe quokka vote was close.\n\n   Animals, Politics\n"), 0o644)
		}},
		{"a removed story", func() { os.Remove(file(8)) }},
		{"a new story", func() {
			os.WriteFile(filepath.Join(dir, "synth", "0000", "zz-new.md"), []byte("---\ntitle: Wombats too\ntags: [Animals]\n---\nA wombat quokka story."), 0o644)
		}},
		{"a moved story", func() {
			os.MkdirAll(filepath.Join(dir, "aaa"), 0o755)
			os.Rename(file(9), filepath.Join(dir, "aaa", "moved.txt"))
		}},
		{"a broken file", func() { os.WriteFile(filepath.Join(dir, "synth", "empty.txt"), nil, 0o644) }},
		{"a touched file", func() { now := time.Now(); os.Chtimes(file(10), now, now) }},
		{"a file whose permissions changed", func() { os.Chmod(file(11), 0o600) }},
		{"a file replaced by another of the same size and time", func() {
			info, _ := os.Stat(file(12))
			data, _ := os.ReadFile(file(12))
			copy(data, "Replaced")
			os.Remove(file(12))
			os.WriteFile(file(12), data, 0o644)
			os.Chtimes(file(12), info.ModTime(), info.ModTime())
		}},
	}
	phrase := index.Filter{Query: query.Parse(`"quokka vote" OR "the government" OR "wombat quokka"`)}
	for _, c := range changes {
		c.change()
		age(t, dir)
		patched := fill(t, dir, cache)
		if !patched.last.Patched {
			t.Fatalf("%s: not patched", c.name)
		}
		full := fill(t, dir, "")
		sameIndex(t, full.ix, patched.ix)
		if !slices.Equal(patched.warnings, full.warnings) || patched.last.Found != full.last.Found {
			t.Errorf("%s: warnings %v, found %d; a full load: %v, %d", c.name, patched.warnings, patched.last.Found, full.warnings, full.last.Found)
		}
		if a, b := patched.ix.Search(phrase).Docs, full.ix.Search(phrase).Docs; !slices.Equal(a, b) || patched.reads.Load() != 0 {
			t.Errorf("%s: phrases find %d stories (a full load %d), reading %d files", c.name, len(a), len(b), patched.reads.Load())
		}
		next := fill(t, dir, cache)
		if !next.last.Restored || next.last.Patched {
			t.Fatalf("%s: the patched snapshot is not used as it is", c.name)
		}
		sameIndex(t, full.ix, next.ix)
		if a, b := next.ix.Search(phrase).Docs, full.ix.Search(phrase).Docs; !slices.Equal(a, b) || next.reads.Load() != 0 {
			t.Errorf("%s, next start: phrases find %d stories (want %d), reading %d files", c.name, len(a), len(b), next.reads.Load())
		}
	}
	if r := fill(t, dir, cache); r.ix.Len() != 400 || len(r.ix.Search(index.Filter{Query: query.Parse("replaced")}).Docs) == 0 { // 400 − 1 removed + 1 new; moved and broken add none
		t.Errorf("%d stories after the changes, want 400", r.ix.Len())
	}
}

func TestManyChangesMeanAFullLoad(t *testing.T) {
	dir, cache := synthLibrary(t, 100), t.TempDir()
	fill(t, dir, cache)
	opt := synth.Options{N: 100, Seed: 3}
	for i := range 30 {
		os.Remove(filepath.Join(dir, "synth", synth.Name(i, opt)))
	}
	age(t, dir)
	r := fill(t, dir, cache)
	if r.last.Restored || r.last.Patched || r.ix.Len() != 70 {
		t.Errorf("after 30%% of the files went: restored %v, patched %v, %d stories", r.last.Restored, r.last.Patched, r.ix.Len())
	}
}

// A file that goes away (or comes) while a full load runs must not leave a snapshot that
// lists what the index does not hold.
func TestNoSnapshotWhenFilesComeOrGoDuringTheLoad(t *testing.T) {
	for _, name := range []string{"removed", "added"} {
		dir, cache := synthLibrary(t, 50), t.TempDir()
		lib, err := library.Paths([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		ix := index.New(lib.Read)
		start := time.Now()
		var walked []string
		parse(context.Background(), lib, ix, func(b library.Batch) { walked = append(walked, b.Walked...) })
		if len(walked) != 50 {
			t.Fatalf("walked %d files, want 50", len(walked))
		}
		victim := filepath.Join(dir, "synth", synth.Name(3, synth.Options{N: 50, Seed: 3}))
		if name == "removed" {
			os.Remove(victim)
		} else {
			os.WriteFile(filepath.Join(dir, "late.txt"), []byte("Late\n\nbody\n\n Tag"), 0o644)
			age(t, dir)
		}
		path := snapshot.Path(cache, []string{dir})
		sw, err := snapshot.NewStreamWriter(path)
		if err != nil {
			t.Fatal(err)
		}
		saveLoad(context.Background(), lib, ix, path, start, walked, nil, sw)
		if _, err := os.Stat(path); err == nil {
			t.Errorf("a file %s during the load, and a snapshot was saved", name)
		}
	}
}

func TestRacy(t *testing.T) {
	racyMargin = 2 * time.Second
	defer func() { racyMargin = 0 }()
	start := time.Now()
	at := func(d time.Duration) int64 { return start.Add(d).UnixNano() }
	cases := []struct {
		name  string
		files []library.File
		want  bool
	}{
		{"old files", []library.File{{ModTime: at(-time.Hour), ChangeTime: at(-time.Hour)}}, false},
		{"modified just before the load", []library.File{{ModTime: at(-time.Second), ChangeTime: at(-time.Hour)}}, true},
		{"changed during the load", []library.File{{ModTime: at(-time.Hour), ChangeTime: at(time.Millisecond)}}, true},
		{"dated tomorrow", []library.File{{ModTime: at(24 * time.Hour), ChangeTime: at(-time.Hour)}}, false},
		{"unknown times", []library.File{{Size: -1}}, false},
	}
	time.Sleep(2 * time.Millisecond) // "during the load" is now in the past
	for _, c := range cases {
		if got := racy(c.files, start); got != c.want {
			t.Errorf("%s: racy %v, want %v", c.name, got, c.want)
		}
	}
}
