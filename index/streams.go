package index

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// A story's term stream is the terms of its title, body and each tag in order, each written as
// the uvarint of its term id + 1, and each field ended by a 0 byte (which no term's bytes
// hold, so no phrase spans two fields). Phrases are checked against streams rather than story
// text when a Streams is set: a few hundred bytes per story instead of reading and
// tokenising a file.

// fieldBreak ends a field in batchTerms.seq.
const fieldBreak = ^uint32(0)

// StreamSink receives the term streams of the stories as they are indexed: data holds the
// streams of docs first, first+1, … one after another, and ends[i] is where doc first+i's
// stream ends within data. It is called a few times per Add (once per part of its stories),
// outside the index's locks, in doc order (Add is then called from one goroutine at a time),
// and must not keep data or ends. A part whose streams would pass 4 GiB is not handed on,
// which the sink sees as a gap.
type StreamSink func(first uint32, data []byte, ends []uint32)

// Streams gives back the term streams of docs.
type Streams interface {
	// Range appends the streams of docs lo, lo+1, … hi-1 to buf, one after another, and
	// appends to ends where each ends in the returned slice; ok is false when it cannot (the
	// caller then reads the stories' text). A range of docs is read at once, since phrase
	// candidates are often close together.
	Range(lo, hi uint32, buf []byte, ends []int) (data []byte, docEnds []int, ok bool)
}

// SetStreamSink makes every later Add hand its stories' term streams to sink.
func (ix *Index) SetStreamSink(sink StreamSink) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.sink = sink
}

// SetStreams makes phrase checks read term streams from s (nil: the stories' text).
func (ix *Index) SetStreams(s Streams) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.streams = s
}

// sendStreams encodes the streams of a batch's parts, each part on a CPU of its own, into
// buffers kept in bufs, and hands them to sink part by part, in doc order, the first part's
// first doc being base. Joined into one slice they had been about 150 MB of garbage per load
// of 100,000 stories.
func sendStreams(sink StreamSink, base uint32, parts []*batchTerms, globals [][]uint32, bufs *idBufs) {
	datas, endss := make([][]byte, len(parts)), make([][]uint32, len(parts))
	var wg sync.WaitGroup
	for i, b := range parts {
		wg.Go(func() {
			datas[i], endss[i] = encodeStreams(b, globals[i], bufs.takeBytes(), make([]uint32, 0, len(b.spans)))
		})
	}
	wg.Wait()
	for i, b := range parts {
		if uint64(len(datas[i])) <= math.MaxUint32 {
			sink(base, datas[i], endss[i])
		}
		base += uint32(len(b.docs))
		bufs.putBytes(datas[i])
	}
}

// encodeStreams writes a part's stories as streams of global term ids. Each local term's
// uvarint is made once, packed in a word, and written with one store per occurrence: a
// byte-by-byte uvarint per occurrence was a tenth of a first load's tokenising.
func encodeStreams(b *batchTerms, global []uint32, data []byte, ends []uint32) ([]byte, []uint32) {
	packed := make([]uint64, len(global)) // the uvarint of global[local]+1 (at most 5 bytes), in its low bytes
	lens := make([]uint8, len(global))
	longest := 1
	for local, g := range global {
		var buf [binary.MaxVarintLen64]byte
		n := binary.PutUvarint(buf[:], uint64(g)+1)
		packed[local], lens[local] = binary.LittleEndian.Uint64(buf[:8]), uint8(n)
		longest = max(longest, n)
	}
	size := 0
	for _, span := range b.spans {
		size += span[1] - span[0]
	}
	// Room for the longest uvarint at every term, and for the last store's whole word.
	data = slices.Grow(data, longest*size+8)
	out := data[len(data):cap(data)]
	pos := 0
	for _, span := range b.spans {
		for _, local := range b.seq[span[0]:span[1]] {
			if local == fieldBreak {
				out[pos] = 0
				pos++
				continue
			}
			binary.LittleEndian.PutUint64(out[pos:pos+8], packed[local])
			pos += int(lens[local])
		}
		ends = append(ends, uint32(len(data)+pos))
	}
	return data[:len(data)+pos], ends
}

// bitset is a set of term ids, a bit each: a phrase's last word, when a prefix, is checked
// against it at every place the rest of the phrase is found.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) add(id uint32) { b[id/64] |= 1 << (id % 64) }

func (b bitset) has(id uint64) bool { return id/64 < uint64(len(b)) && b[id/64]&(1<<(id%64)) != 0 }

// prefixPhraseAt returns where stream holds pattern at a term boundary followed by one of the
// terms last (a phrase whose last word is a prefix), or -1. Its loop is phraseAt's: one helper
// for both, called for every place found, made a phrase being typed 5% slower.
func prefixPhraseAt(stream, pattern []byte, last bitset) int {
	for off := 0; ; {
		var i int
		if len(pattern) == 1 { // one frequent word before the prefix ("the g): found bytes.Index's way, without its dispatch
			i = bytes.IndexByte(stream[off:], pattern[0])
		} else {
			i = bytes.Index(stream[off:], pattern)
		}
		if i < 0 {
			return -1
		}
		at := off + i
		if next := at + len(pattern); (at == 0 || stream[at-1] < 0x80) && next < len(stream) {
			if b := stream[next]; b < 0x80 { // the next term's id in one byte, or a field's end
				if b > 0 && last.has(uint64(b)-1) {
					return at
				}
			} else if v, n := binary.Uvarint(stream[next:]); n > 0 && last.has(v-1) {
				return at
			}
		}
		off = at + 1
	}
}

// phrasePattern is the stream bytes of a phrase's term ids.
func phrasePattern(ids []uint32) []byte {
	var p []byte
	for _, id := range ids {
		p = binary.AppendUvarint(p, uint64(id)+1)
	}
	return p
}

// phraseAt returns where stream holds pattern (a phrasePattern) at a term boundary, or -1.
// A uvarint's last byte is the only one below 0x80, so a match is a whole run of terms exactly
// when it starts the stream or follows such a byte; the search itself is bytes.Index.
func phraseAt(stream, pattern []byte) int {
	for off := 0; ; {
		i := bytes.Index(stream[off:], pattern)
		if i < 0 {
			return -1
		}
		at := off + i
		if at == 0 || stream[at-1] < 0x80 {
			return at
		}
		off = at + 1
	}
}

// inTitle reports whether offset at of stream lies in its first field, the title: a stream's
// first 0 byte ends it, and the first place a phrase is found is in the title if any is.
func inTitle(stream []byte, at int) bool {
	return at < bytes.IndexByte(stream, 0)
}

// eachStream calls fn for each of docs (sorted) with i, its place in docs, and its term stream,
// ok false when streams (nil: none) cannot give it. The work is split over the CPUs in
// stretches of consecutive docs, whose streams are read at once when the docs lie close enough
// together (their streams lie side by side); fn may run on several at a time, for different
// i. It stops when ctx is done.
func eachStream(ctx context.Context, docs []uint32, streams Streams, fn func(i int, stream []byte, ok bool)) {
	const stretch = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(docs)/32)) {
		wg.Go(func() {
			var buf []byte
			var ends []int
			for {
				lo := int(next.Add(stretch)) - stretch
				if lo >= len(docs) || ctx.Err() != nil {
					return
				}
				hi := min(lo+stretch, len(docs))
				var data []byte
				first, span := docs[lo], docs[hi-1]-docs[lo]+1
				ranged := false
				if streams != nil && int(span) <= 4*(hi-lo)+64 {
					data, ends, ranged = streams.Range(first, first+span, buf[:0], ends[:0])
					buf = data
				}
				for i := lo; i < hi; i++ {
					switch {
					case ranged:
						k := docs[i] - first
						start := 0
						if k > 0 {
							start = ends[k-1]
						}
						fn(i, data[start:ends[k]], true)
					case streams != nil:
						one, oneEnds, ok := streams.Range(docs[i], docs[i]+1, buf[:0], ends[:0])
						if ok {
							buf, ends = one, oneEnds
						}
						fn(i, one, ok)
					default:
						fn(i, nil, false)
					}
				}
			}
		})
	}
	wg.Wait()
}
