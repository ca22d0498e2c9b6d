package snapshot

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"newsread/library"
)

func sample() *Snapshot {
	return &Snapshot{
		Files: []library.File{
			{Path: "/lib/a/1.txt", Size: 2048, ModTime: 1_700_000_000_123_456_789},
			{Path: "/lib/a/\x1b]0;x\x07.txt", Size: 10, ModTime: 1},
			{Path: "/lib/b/gone.txt", Size: -1},
		},
		Warnings: []library.Warning{{Path: "/lib/a/bin.txt", Reason: "skipped: binary file"}},
		Index:    []byte("index bytes \x00\xff"),
	}
}

func joined(s *Snapshot) []byte {
	head, tail := encode(s)
	return append(slices.Clone(head), tail...)
}

func TestSaveLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache", "x.snapshot")
	want := sample()
	if err := Save(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Files, want.Files) || !slices.Equal(got.Warnings, want.Warnings) || !bytes.Equal(got.Index, want.Index) {
		t.Fatalf("loaded %+v, want %+v", got, want)
	}
	if !got.Fresh(want.Files) {
		t.Error("Fresh is false for the same files")
	}
	for name, change := range map[string]func([]library.File){
		"size":     func(f []library.File) { f[0].Size++ },
		"mtime":    func(f []library.File) { f[1].ModTime++ },
		"path":     func(f []library.File) { f[2].Path += "x" },
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
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the cache folder holds %d files after a save, want only the snapshot", len(entries))
	}
}

func TestLoadRefusesDamage(t *testing.T) {
	good := joined(sample())
	flipped := slices.Clone(good)
	flipped[len(flipped)-3] ^= 0x20
	otherBuild := func() []byte {
		saved := build
		defer func() { build = saved }()
		build = "another"
		return joined(sample())
	}()
	cases := map[string][]byte{
		"empty":       {},
		"not ours":    []byte("hello, this is not a snapshot at all"),
		"truncated":   good[:len(good)-4],
		"a bit flip":  flipped,
		"other build": otherBuild,
		"magic only":  magic,
	}
	for name, data := range cases {
		path := filepath.Join(t.TempDir(), "x.snapshot")
		os.WriteFile(path, data, 0o600)
		if _, err := Load(path); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing snapshot gives %v, want ErrNotExist", err)
	}
}

func TestPathIsPerLibrary(t *testing.T) {
	wd, _ := os.Getwd()
	a, b := Path("/c", []string{"news"}), Path("/c", []string{filepath.Join(wd, "news")})
	if a != b {
		t.Errorf("a relative and an absolute path to one folder get %s and %s", a, b)
	}
	if Path("/c", []string{"news", "more"}) == a || Path("/c", []string{"more", "news"}) == Path("/c", []string{"news", "more"}) {
		t.Error("different libraries share a snapshot")
	}
}

func TestSaveIntoUnwritableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	if err := Save(filepath.Join(dir, "x.snapshot"), sample()); err == nil {
		t.Error("Save into a read-only folder succeeded")
	}
}

// FuzzDecode reads arbitrary envelope bodies, sealed with a valid checksum so the fuzzer gets
// past it: nothing may panic, and whatever decodes survives another round trip unchanged.
func FuzzDecode(f *testing.F) {
	f.Add(joined(sample())[len(magic)+4:])
	f.Add(joined(&Snapshot{})[len(magic)+4:])
	f.Fuzz(func(t *testing.T, body []byte) {
		data := append(slices.Clone(magic), 0, 0, 0, 0)
		binary.LittleEndian.PutUint32(data[len(magic):], crc32.Checksum(body, castagnoli))
		data = append(data, body...)
		s, err := decode(data)
		if err != nil {
			return
		}
		again, err := decode(joined(s))
		if err != nil || !slices.Equal(again.Files, s.Files) || !slices.Equal(again.Warnings, s.Warnings) || !bytes.Equal(again.Index, s.Index) {
			t.Fatalf("a decoded snapshot does not survive a round trip (%v)", err)
		}
	})
}
