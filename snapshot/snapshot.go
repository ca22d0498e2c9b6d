// Package snapshot keeps the index of a library of folders on disk between runs and gives it
// back when none of the library's files changed, so a warm start reads one file instead of
// parsing and indexing every story again. It owns the cache file: where it lives, its envelope
// (a checksum, the build that wrote it, the file list it was made from and the warnings of
// that load) and its atomic replacement. The index encodes itself; snapshot never parses
// story files and never imports UI code.
package snapshot

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"newsread/library"
	"newsread/wire"
)

// Snapshot is one library's load, as kept on disk.
type Snapshot struct {
	Files    []library.File    // what the load read, in order
	Warnings []library.Warning // what it skipped or repaired
	Index    []byte            // index.Encode of the result
	Streams  *Streams          // the bodies' term streams, read on demand; nil when not kept
}

// Fresh reports whether files (a fresh library.Files) are exactly those the snapshot was made
// from: same paths in the same order, same sizes and modification times.
func (s *Snapshot) Fresh(files []library.File) bool {
	return slices.Equal(s.Files, files)
}

// magic starts every snapshot file; the last byte is the envelope's version. The file is:
// magic, the CRC-32C of the head (4 bytes) and its length (8), the head (build, files,
// warnings, index, and what the streams section holds), then the streams section.
var magic = []byte("NRSNAP\x00\x03")

const prelude = 8 + 4 + 8

// maxHead bounds the head a snapshot may claim (100,000 stories take about 50 MB), so a
// damaged length cannot make Load allocate gigabytes.
const maxHead = 1 << 30

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// DefaultDir is where snapshots live: $XDG_CACHE_HOME/newsread (or the system's equivalent).
func DefaultDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "newsread"), nil
}

// Path is the snapshot file for the library of paths, inside dir. A snapshot records the
// paths as the library walked them, so it is keyed by the paths both as given and made
// absolute: the same spelling from the same folder finds it again, and a relative path from
// another folder does not find another library's.
func Path(dir string, paths []string) string {
	h := sha256.New()
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write([]byte(abs))
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
// corrupt or written by another build is an error saying so. The streams section is checked
// whole but left on disk; the file stays open for it until Streams.Close.
func Load(path string) (*Snapshot, error) {
	if info, err := os.Stat(path); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, errors.New("snapshot is not a regular file") // a FIFO would block the open
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	s, err := load(f)
	if err != nil || s.Streams == nil {
		f.Close()
	}
	return s, err
}

func load(f *os.File) (*Snapshot, error) {
	var pre [prelude]byte
	if _, err := io.ReadFull(f, pre[:]); err != nil || !bytes.Equal(pre[:len(magic)], magic) {
		return nil, errCorrupt
	}
	sum, size := binary.LittleEndian.Uint32(pre[8:]), binary.LittleEndian.Uint64(pre[12:])
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if size > uint64(info.Size()-prelude) || size > maxHead {
		return nil, errCorrupt
	}
	head := make([]byte, size)
	if _, err := io.ReadFull(f, head); err != nil || crc32.Checksum(head, castagnoli) != sum {
		return nil, errCorrupt
	}
	s, sh, err := decodeHead(head)
	if err != nil {
		return nil, err
	}
	if sh.docs == 0 {
		if uint64(info.Size()) != prelude+size {
			return nil, errCorrupt
		}
		return s, nil
	}
	if s.Streams, err = openStreams(f, int64(prelude+size), sh); err != nil {
		return nil, err
	}
	return s, nil
}

var errCorrupt = errors.New("snapshot is corrupt")

// decodeHead reads the head of a snapshot file, whose checksum has been checked.
func decodeHead(head []byte) (*Snapshot, streamsHeader, error) {
	d := wire.NewDecoder(head)
	var sh streamsHeader
	if d.Text() != build {
		return nil, sh, errors.New("snapshot is of another build")
	}
	s := &Snapshot{Files: make([]library.File, d.Count(5))}
	for i := range s.Files {
		s.Files[i] = library.File{Path: d.Text(), Size: d.Int(), ModTime: d.Int(), ChangeTime: d.Int(), Inode: d.Uint()}
	}
	s.Warnings = make([]library.Warning, d.Count(2))
	for i := range s.Warnings {
		s.Warnings[i] = library.Warning{Path: d.Text(), Reason: d.Text()}
	}
	s.Index = d.Bytes()
	sh.docs, sh.size = d.Uint(), d.Uint()
	sh.endsCRC, sh.dataCRC = uint32(d.Uint()), uint32(d.Uint())
	if d.Err == nil && d.Rest() != 0 {
		d.Fail()
	}
	if d.Err != nil {
		return nil, sh, errCorrupt
	}
	return s, sh, nil
}

// encodeHead returns the prelude and head of a snapshot file.
func encodeHead(s *Snapshot, sh streamsHeader) []byte {
	e := wire.Encoder{Buf: make([]byte, prelude, prelude+len(s.Index)+64*len(s.Files)+64)}
	copy(e.Buf, magic)
	e.Text(build)
	e.Uint(uint64(len(s.Files)))
	for _, f := range s.Files {
		e.Text(f.Path)
		e.Int(f.Size)
		e.Int(f.ModTime)
		e.Int(f.ChangeTime)
		e.Uint(f.Inode)
	}
	e.Uint(uint64(len(s.Warnings)))
	for _, w := range s.Warnings {
		e.Text(w.Path)
		e.Text(w.Reason)
	}
	e.Bytes(s.Index)
	e.Uint(sh.docs)
	e.Uint(sh.size)
	e.Uint(uint64(sh.endsCRC))
	e.Uint(uint64(sh.dataCRC))
	binary.LittleEndian.PutUint32(e.Buf[8:], crc32.Checksum(e.Buf[prelude:], castagnoli))
	binary.LittleEndian.PutUint64(e.Buf[12:], uint64(len(e.Buf)-prelude))
	return e.Buf
}

// Used marks the snapshot at path as used now, so that Prune keeps it.
func Used(path string) {
	now := time.Now()
	os.Chtimes(path, now, now)
}

// Unused is how long a snapshot may go unused before Prune removes it; the temporary files of
// a save that never finished (the program ended during it) go after an hour, far longer than
// a save takes.
const (
	Unused     = 30 * 24 * time.Hour
	unfinished = time.Hour
)

// Prune removes from dir the snapshots unused for longer than Unused, and the leftovers of
// saves that never finished. It returns how many files it removed.
func Prune(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	removed := 0
	for _, e := range entries {
		name := e.Name()
		var age time.Duration
		switch {
		case strings.HasSuffix(name, ".snapshot"):
			age = Unused
		case strings.Contains(name, ".snapshot.tmp-"), strings.Contains(name, ".snapshot.streams-"):
			age = unfinished
		default:
			continue
		}
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < age {
			continue
		}
		if os.Remove(filepath.Join(dir, name)) == nil {
			removed++
		}
	}
	return removed
}

// Save writes s, and the streams gathered by sw when it is not nil, to path atomically: to a
// temporary file in the same folder, then renamed over the old snapshot, so a reader sees the
// old file or the new one and never half of either. The folder is created if needed. With sw,
// it returns the saved streams, open for reading (sw's temporary file is removed either way).
func Save(path string, s *Snapshot, sw *StreamWriter) (*Streams, error) {
	if sw != nil {
		defer sw.Discard()
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	var sh streamsHeader
	var ends []byte
	if sw != nil {
		sh, ends = sw.header()
	}
	head := encodeHead(s, sh)
	w := bufio.NewWriterSize(tmp, 1<<20)
	w.Write(head)
	w.Write(ends)
	if err := w.Flush(); err != nil {
		return nil, err
	}
	if sw != nil {
		if err := sw.copyTo(tmp); err != nil {
			return nil, err
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return nil, err
	}
	if sw == nil {
		return nil, tmp.Close()
	}
	keep = true
	return &Streams{f: tmp, data: int64(len(head) + len(ends)), ends: sw.ends, limit: sw.size}, nil
}
