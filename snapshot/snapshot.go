// Package snapshot keeps the index of a library of folders on disk between runs and gives it
// back when none of the library's files changed, so a warm start reads one file instead of
// parsing and indexing every story again. It owns the cache file: where it lives, its envelope
// (a checksum, the build that wrote it, the file list it was made from and the warnings of
// that load) and its atomic replacement. The index encodes itself; snapshot never parses
// story files and never imports UI code.
package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"

	"newsread/library"
	"newsread/wire"
)

// Snapshot is one library's load, as kept on disk.
type Snapshot struct {
	Files    []library.File    // what the load read, in order
	Warnings []library.Warning // what it skipped or repaired
	Index    []byte            // index.Encode of the result
}

// Fresh reports whether files (a fresh library.Files) are exactly those the snapshot was made
// from: same paths in the same order, same sizes and modification times.
func (s *Snapshot) Fresh(files []library.File) bool {
	return slices.Equal(s.Files, files)
}

// magic starts every snapshot file; the last byte is the envelope's version.
var magic = []byte("NRSNAP\x00\x01")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// DefaultDir is where snapshots live: $XDG_CACHE_HOME/newsread (or the system's equivalent).
func DefaultDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "newsread"), nil
}

// Path is the snapshot file for the library of paths, inside dir. Paths are made absolute,
// so the same folders share a snapshot from any working directory.
func Path(dir string, paths []string) string {
	h := sha256.New()
	for _, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return filepath.Join(dir, hex.EncodeToString(h.Sum(nil)[:8])+".snapshot")
}

// build identifies the program that writes and reads snapshots: a snapshot written by another
// build is not trusted, since what a story or a term is may have changed.
var build = func() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	info, err := os.Stat(exe)
	if err != nil {
		return "unknown"
	}
	id := fmt.Sprintf("%d-%d", info.Size(), info.ModTime().UnixNano())
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				id += "-" + s.Value
			}
		}
	}
	return id
}()

// Load reads the snapshot at path. A missing file is os.ErrNotExist; a file that is truncated,
// corrupt or written by another build is an error saying so.
func Load(path string) (*Snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decode(data)
}

var errCorrupt = errors.New("snapshot is corrupt")

func decode(data []byte) (*Snapshot, error) {
	if len(data) < len(magic)+4 || !bytes.Equal(data[:len(magic)], magic) {
		return nil, errCorrupt
	}
	sum, body := binary.LittleEndian.Uint32(data[len(magic):]), data[len(magic)+4:]
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, errCorrupt
	}
	d := wire.NewDecoder(body)
	if d.String() != build {
		return nil, errors.New("snapshot is of another build")
	}
	s := &Snapshot{Files: make([]library.File, d.Count(3))}
	for i := range s.Files {
		s.Files[i] = library.File{Path: d.String(), Size: d.Int(), ModTime: d.Int()}
	}
	s.Warnings = make([]library.Warning, d.Count(2))
	for i := range s.Warnings {
		s.Warnings[i] = library.Warning{Path: d.String(), Reason: d.String()}
	}
	s.Index = d.Bytes()
	if d.Err == nil && d.Rest() != 0 {
		d.Fail()
	}
	if d.Err != nil {
		return nil, errCorrupt
	}
	return s, nil
}

// encode returns the file in two parts, the envelope and the index it ends with, so the index
// (tens of megabytes at 100,000 stories) is written from where it is rather than copied.
func encode(s *Snapshot) (head, tail []byte) {
	e := wire.Encoder{Buf: make([]byte, len(magic)+4, len(magic)+4+64*len(s.Files))}
	copy(e.Buf, magic)
	e.String(build)
	e.Uint(uint64(len(s.Files)))
	for _, f := range s.Files {
		e.String(f.Path)
		e.Int(f.Size)
		e.Int(f.ModTime)
	}
	e.Uint(uint64(len(s.Warnings)))
	for _, w := range s.Warnings {
		e.String(w.Path)
		e.String(w.Reason)
	}
	e.Uint(uint64(len(s.Index)))
	sum := crc32.Update(crc32.Checksum(e.Buf[len(magic)+4:], castagnoli), castagnoli, s.Index)
	binary.LittleEndian.PutUint32(e.Buf[len(magic):], sum)
	return e.Buf, s.Index
}

// Save writes s to path atomically: to a temporary file in the same folder, then renamed over
// the old snapshot, so a reader sees the old file or the new one and never half of either. The
// folder is created if needed.
func Save(path string, s *Snapshot) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	head, tail := encode(s)
	if _, err := tmp.Write(head); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(tail); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
