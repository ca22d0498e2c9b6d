package snapshot

import (
	"bufio"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// The streams section follows the envelope: the end offset of every doc's stream (uint64,
// little-endian), then the streams one after another. It is read on demand, a doc at a time,
// so it costs no memory until a phrase is searched, and then only the page cache's.

// StreamWriter gathers a load's term streams (its Add is an index.StreamSink) in a temporary
// file beside the snapshot, until Save moves them into it. Meanwhile it serves them (it is an
// index.Streams), so phrases are checked against streams from the first batch of a load on.
type StreamWriter struct {
	f *os.File

	mu      sync.Mutex // guards what follows: Add runs on the loader, Range on searches
	w       *bufio.Writer
	ends    []uint64 // by doc: where its stream ends; its length is the next doc expected
	size    uint64
	flushed uint64 // bytes of data in the file, readable
	crc     uint32 // of the data so far
	err     error  // the first write error; the streams are then dropped
}

// NewStreamWriter starts gathering streams for the snapshot at path. Its temporary file is
// removed at once where the system allows it (it is only used through its open handle), so
// nothing is left behind when the program ends before Save.
func NewStreamWriter(path string) (*StreamWriter, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".streams-*")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name()) // fails where open files cannot be removed; Prune removes it later
	return &StreamWriter{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// Add takes the streams of docs first, first+1, …; docs must come in order, without gaps.
func (sw *StreamWriter) Add(first uint32, data []byte, ends []uint32) {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	if sw.err != nil {
		return
	}
	if int(first) != len(sw.ends) {
		sw.err = errors.New("streams out of order")
		return
	}
	if _, err := sw.w.Write(data); err != nil {
		sw.err = err
		return
	}
	sw.crc = crc32.Update(sw.crc, castagnoli, data)
	for _, e := range ends {
		sw.ends = append(sw.ends, sw.size+uint64(e))
	}
	sw.size += uint64(len(data))
}

// Range reads the streams of docs lo…hi-1 gathered so far (see Streams.Range).
func (sw *StreamWriter) Range(lo, hi uint32, buf []byte, ends []int) ([]byte, []int, bool) {
	sw.mu.Lock()
	if sw.err != nil || lo >= hi || int(hi) > len(sw.ends) {
		sw.mu.Unlock()
		return buf, ends, false
	}
	if sw.ends[hi-1] > sw.flushed {
		if err := sw.w.Flush(); err != nil {
			sw.err = err
			sw.mu.Unlock()
			return buf, ends, false
		}
		sw.flushed = sw.size
	}
	docEnds, limit := sw.ends[:hi], sw.flushed // elements below len never change
	sw.mu.Unlock()
	return readRange(sw.f, 0, docEnds, limit, lo, hi, buf, ends)
}

// Discard drops the gathered streams.
func (sw *StreamWriter) Discard() {
	sw.f.Close()
	os.Remove(sw.f.Name())
}

// streamsHeader is what the envelope says about the streams section.
type streamsHeader struct {
	docs    uint64 // 0: no streams
	size    uint64 // bytes of stream data
	endsCRC uint32
	dataCRC uint32
}

func (sw *StreamWriter) header() (streamsHeader, []byte) {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	ends := make([]byte, 8*len(sw.ends))
	for i, e := range sw.ends {
		binary.LittleEndian.PutUint64(ends[8*i:], e)
	}
	return streamsHeader{docs: uint64(len(sw.ends)), size: sw.size, endsCRC: crc32.Checksum(ends, castagnoli), dataCRC: sw.crc}, ends
}

// copyTo appends the gathered data to w.
func (sw *StreamWriter) copyTo(w io.Writer) error {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	if sw.err != nil {
		return sw.err
	}
	if err := sw.w.Flush(); err != nil {
		return err
	}
	sw.flushed = sw.size
	n, err := io.Copy(w, io.NewSectionReader(sw.f, 0, int64(sw.size)))
	if err == nil && uint64(n) != sw.size {
		err = errors.New("streams file changed size")
	}
	return err
}

// Streams reads docs' term streams from a snapshot file (an index.Streams).
type Streams struct {
	f     *os.File
	data  int64    // offset of the stream data in f
	ends  []uint64 // by doc: where its stream ends; non-decreasing, at most limit
	limit uint64   // bytes of stream data
}

// Len is the number of docs with a stream.
func (s *Streams) Len() int { return len(s.ends) }

// Range appends the streams of docs lo…hi-1 to buf with one read, and where each ends.
func (s *Streams) Range(lo, hi uint32, buf []byte, ends []int) ([]byte, []int, bool) {
	if lo >= hi || int(hi) > len(s.ends) {
		return buf, ends, false
	}
	return readRange(s.f, s.data, s.ends, s.limit, lo, hi, buf, ends)
}

// readRange reads the streams of docs lo…hi-1 from f, whose stream data starts at off and
// whose docs end at docEnds (all ≤ limit), appending them to buf and their ends to ends.
func readRange(f *os.File, off int64, docEnds []uint64, limit uint64, lo, hi uint32, buf []byte, ends []int) ([]byte, []int, bool) {
	start := uint64(0)
	if lo > 0 {
		start = docEnds[lo-1]
	}
	stop := docEnds[hi-1]
	if start > stop || stop > limit {
		return buf, ends, false
	}
	n := len(buf)
	buf = slices.Grow(buf, int(stop-start))[:n+int(stop-start)]
	if _, err := f.ReadAt(buf[n:], off+int64(start)); err != nil {
		return buf[:n], ends, false
	}
	for doc := lo; doc < hi; doc++ {
		ends = append(ends, n+int(docEnds[doc]-start))
	}
	return buf, ends, true
}

// Close releases the snapshot file.
func (s *Streams) Close() error { return s.f.Close() }

// openStreams checks and opens the streams section of f, which starts at off.
func openStreams(f *os.File, off int64, h streamsHeader) (*Streams, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if h.docs > uint64(info.Size()-off)/8 || h.size > uint64(info.Size()) || uint64(off)+8*h.docs+h.size != uint64(info.Size()) {
		return nil, errCorrupt
	}
	raw := make([]byte, 8*h.docs)
	if _, err := f.ReadAt(raw, off); err != nil || crc32.Checksum(raw, castagnoli) != h.endsCRC {
		return nil, errCorrupt
	}
	s := &Streams{f: f, data: off + int64(len(raw)), ends: make([]uint64, h.docs), limit: h.size}
	prev := uint64(0)
	for i := range s.ends {
		e := binary.LittleEndian.Uint64(raw[8*i:])
		if e < prev || e > h.size {
			return nil, errCorrupt
		}
		s.ends[i], prev = e, e
	}
	// The data is checked once, streamed through a small buffer: it is not kept in memory.
	sum := crc32.New(castagnoli)
	if _, err := io.Copy(sum, io.NewSectionReader(f, s.data, int64(h.size))); err != nil || sum.Sum32() != h.dataCRC {
		return nil, errCorrupt
	}
	return s, nil
}
