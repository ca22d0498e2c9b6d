package snapshot

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"newsread/library"
)

func sample() *Snapshot {
	return &Snapshot{
		Files: []library.File{
			{Path: "/lib/a/1.txt", Size: 2048, ModTime: 1_700_000_000_123_456_789, ChangeTime: 1_700_000_001_000_000_000, Inode: 77},
			{Path: "/lib/a/\x1b]0;x\x07.txt", Size: 10, ModTime: 1},
			{Path: "/lib/b/gone.txt", Size: -1},
		},
		Warnings: []library.Warning{{Path: "/lib/a/bin.txt", Reason: "skipped: binary file"}},
		Index:    []byte("index bytes \x00\xff"),
	}
}

// streamsOf gathers the streams of three docs: "ab", "", "cde".
func streamsOf(t *testing.T, path string) *StreamWriter {
	t.Helper()
	sw, err := NewStreamWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	sw.Add(0, []byte("ab"), []uint32{2, 2})
	sw.Add(2, []byte("cde"), []uint32{3})
	return sw
}

// readAll reads each doc alone, then all three at once, after a prefix in the buffer.
func readAll(t *testing.T, s *Streams) []string {
	t.Helper()
	var out []string
	for doc := range uint32(4) {
		b, ends, ok := s.Range(doc, doc+1, []byte("x"), nil)
		if !ok {
			out = append(out, "-")
			continue
		}
		if len(ends) != 1 || ends[0] != len(b) {
			t.Errorf("doc %d: ends %v for %d bytes", doc, ends, len(b))
		}
		out = append(out, string(b))
	}
	b, ends, ok := s.Range(0, 3, []byte("x"), nil)
	if !ok || string(b) != "xabcde" || !slices.Equal(ends, []int{3, 3, 6}) {
		t.Errorf("docs 0-2 at once: %q, ends %v, ok %v", b, ends, ok)
	}
	return out
}

func same(a, b *Snapshot) bool {
	return slices.Equal(a.Files, b.Files) && slices.Equal(a.Warnings, b.Warnings) && bytes.Equal(a.Index, b.Index)
}

func TestSaveLoad(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	path := filepath.Join(dir, "x.snapshot")
	want := sample()
	if st, err := Save(path, want, nil); err != nil || st != nil {
		t.Fatalf("Save without streams: %v, %v", st, err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !same(got, want) || got.Streams != nil {
		t.Fatalf("loaded %+v, want %+v", got, want)
	}
	if !got.Fresh(want.Files) {
		t.Error("Fresh is false for the same files")
	}
	for name, change := range map[string]func([]library.File){
		"size":     func(f []library.File) { f[0].Size++ },
		"mtime":    func(f []library.File) { f[1].ModTime++ },
		"path":     func(f []library.File) { f[2].Path += "x" },
		"ctime":    func(f []library.File) { f[0].ChangeTime++ },
		"inode":    func(f []library.File) { f[0].Inode++ },
		"appeared": nil,
	} {
		files := slices.Clone(want.Files)
		if change == nil {
			files = append(files, library.File{Path: "/lib/c.txt", Size: 1})
		} else {
			change(files)
		}
		if got.Fresh(files) {
			t.Errorf("Fresh after a changed %s", name)
		}
	}

	// With streams: Save hands them back open, and Load finds them.
	saved, err := Save(path, want, streamsOf(t, path))
	if err != nil {
		t.Fatal(err)
	}
	wantStreams := []string{"xab", "x", "xcde", "-"}
	if got := readAll(t, saved); !slices.Equal(got, wantStreams) {
		t.Errorf("saved streams read %q, want %q", got, wantStreams)
	}
	saved.Close()
	got, err = Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !same(got, want) || got.Streams == nil {
		t.Fatal("the snapshot with streams loads differently")
	}
	if r := readAll(t, got.Streams); !slices.Equal(r, wantStreams) {
		t.Errorf("loaded streams read %q, want %q", r, wantStreams)
	}
	got.Streams.Close()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the cache folder holds %d files after saving, want only the snapshot", len(entries))
	}
}

func TestLoadRefusesDamage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "good.snapshot")
	st, err := Save(path, sample(), streamsOf(t, path))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	good, _ := os.ReadFile(path)
	flip := func(at int) []byte {
		b := slices.Clone(good)
		b[at] ^= 0x20
		return b
	}
	otherBuild := func() []byte {
		saved := build
		defer func() { build = saved }()
		build = "another"
		p := filepath.Join(dir, "other.snapshot")
		Save(p, sample(), nil)
		b, _ := os.ReadFile(p)
		return b
	}()
	cases := map[string][]byte{
		"empty":                 {},
		"not ours":              []byte("hello, this is not a snapshot at all"),
		"magic only":            magic,
		"truncated":             good[:len(good)-1],
		"a trailing byte":       append(slices.Clone(good), 0),
		"a flip in the head":    flip(prelude + 3),
		"a flip in the length":  flip(12),
		"a flip in the ends":    flip(len(good) - 5 - 8),
		"a flip in the streams": flip(len(good) - 1),
		"other build":           otherBuild,
	}
	for name, data := range cases {
		p := filepath.Join(t.TempDir(), "x.snapshot")
		os.WriteFile(p, data, 0o600)
		if s, err := Load(p); err == nil {
			t.Errorf("%s: loaded %+v", name, s)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing snapshot gives %v, want ErrNotExist", err)
	}
}

// Streams being gathered leave no file behind if the program ends before Save.
func TestStreamWriterLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	sw := streamsOf(t, filepath.Join(dir, "x.snapshot"))
	defer sw.Discard()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the cache folder holds %d files while streams are gathered", len(entries))
	}
}

func TestStreamsOutOfOrderAreDropped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.snapshot")
	sw, err := NewStreamWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	sw.Add(1, []byte("a"), []uint32{1})
	if _, err := Save(path, sample(), sw); err == nil {
		t.Error("streams with a gap were saved")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a snapshot was left behind")
	}
}

func TestPathIsPerLibrary(t *testing.T) {
	wd, _ := os.Getwd()
	if Path("/c", []string{"news"}) != Path("/c", []string{"news"}) {
		t.Error("the same library gets two snapshots")
	}
	if Path("/c", []string{"news"}) == Path("/c", []string{filepath.Join(wd, "news")}) {
		t.Error("a relative and an absolute spelling share a snapshot, though the paths it lists differ")
	}
	if Path("/c", []string{"news", "more"}) == Path("/c", []string{"news"}) || Path("/c", []string{"more", "news"}) == Path("/c", []string{"news", "more"}) {
		t.Error("different libraries share a snapshot")
	}
	os.Chdir(t.TempDir())
	defer os.Chdir(wd)
	if Path("/c", []string{"news"}) == Path("/c", []string{filepath.Join(wd, "news")}) {
		t.Error("a relative path from another folder finds the first folder's snapshot")
	}
}

// FuzzDecodeHead reads arbitrary heads (their checksum is checked before, so the fuzzer goes
// straight to the decoder): nothing may panic, and whatever decodes survives a round trip.
func FuzzDecodeHead(f *testing.F) {
	head := func(s *Snapshot, sh streamsHeader) []byte { return encodeHead(s, sh)[prelude:] }
	f.Add(head(sample(), streamsHeader{docs: 3, size: 5, endsCRC: 7, dataCRC: 9}))
	f.Add(head(&Snapshot{}, streamsHeader{}))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, sh, err := decodeHead(data)
		if err != nil {
			return
		}
		again, sh2, err := decodeHead(head(s, sh))
		if err != nil || !same(again, s) || sh2 != sh {
			t.Fatalf("a decoded head does not survive a round trip (%v)", err)
		}
	})
}

func TestPrune(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-Unused - time.Hour)
	files := map[string]time.Time{
		"kept.snapshot":              time.Now(),
		"old.snapshot":               old,
		"old.snapshot.tmp-123":       old,
		"old.snapshot.streams-456":   old,
		"fresh.snapshot.streams-789": time.Now(),
		"not-ours.txt":               old,
		"used-again.snapshot":        old,
	}
	for name, mtime := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, nil, 0o600)
		os.Chtimes(p, mtime, mtime)
	}
	Used(filepath.Join(dir, "used-again.snapshot"))
	if n := Prune(dir); n != 3 {
		t.Errorf("Prune removed %d files, want 3", n)
	}
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{"fresh.snapshot.streams-789", "kept.snapshot", "not-ours.txt", "used-again.snapshot"}
	if !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
}

// FuzzLoad loads arbitrary files, seeded with a real snapshot with streams: nothing may
// panic, and a loaded snapshot's streams can be read for every doc.
func FuzzLoad(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.snapshot")
	sw, err := NewStreamWriter(path)
	if err != nil {
		f.Fatal(err)
	}
	sw.Add(0, []byte("ab\x00c"), []uint32{2, 4})
	st, err := Save(path, sample(), sw)
	if err != nil {
		f.Fatal(err)
	}
	st.Close()
	seed, _ := os.ReadFile(path)
	f.Add(seed)
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "x.snapshot")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Load(p)
		if err != nil || s.Streams == nil {
			return
		}
		defer s.Streams.Close()
		for doc := range uint32(s.Streams.Len()) {
			s.Streams.Range(doc, doc+1, nil, nil)
		}
		s.Streams.Range(0, uint32(s.Streams.Len()), nil, nil)
	})
}
