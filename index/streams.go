package index

import (
	"encoding/binary"
	"slices"
)

// A body's term stream is its terms in order, each written as the uvarint of its term id.
// Phrases are checked against streams rather than story text when a Streams is set: a few
// hundred bytes per story instead of reading and tokenising a file.

// StreamSink receives the term streams of the bodies as they are indexed: data holds the
// streams of docs first, first+1, … one after another, and ends[i] is where doc first+i's
// stream ends within data. It is called once per Add, outside the index's locks, in doc
// order, and must not keep data or ends.
type StreamSink func(first uint32, data []byte, ends []uint32)

// Streams gives back the term stream of a doc's body, appended to buf; ok is false when it
// cannot (the caller then reads the story's text).
type Streams interface {
	Stream(doc uint32, buf []byte) (stream []byte, ok bool)
}

// SetStreamSink makes every later Add hand its bodies' term streams to sink.
func (ix *Index) SetStreamSink(sink StreamSink) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.sink = sink
}

// SetStreams makes phrase checks read bodies' term streams from s (nil: from the text).
func (ix *Index) SetStreams(s Streams) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.streams = s
}

// encodeStreams writes the bodies of a part's stories as streams of global term ids.
func encodeStreams(b *batchTerms, global []uint32, data []byte, ends []uint32) ([]byte, []uint32) {
	for _, span := range b.body {
		for _, local := range b.seq[span[0]:span[1]] {
			data = binary.AppendUvarint(data, uint64(global[local]))
		}
		ends = append(ends, uint32(len(data)))
	}
	return data, ends
}

// streamHasPhrase reports whether stream holds the term ids of a phrase consecutively.
func streamHasPhrase(stream []byte, ids []uint32) bool {
	matched := 0
	for len(stream) > 0 {
		v, n := binary.Uvarint(stream)
		if n <= 0 {
			return false
		}
		stream = stream[n:]
		for {
			if uint32(v) == ids[matched] && v <= uint64(^uint32(0)) {
				matched++
				if matched == len(ids) {
					return true
				}
				break
			}
			if matched == 0 {
				break
			}
			matched = restartIDs(ids, matched)
		}
	}
	return false
}

// restartIDs is restart for term ids.
func restartIDs(ids []uint32, matched int) int {
	for k := matched - 1; k > 0; k-- {
		if slices.Equal(ids[matched-k:matched], ids[:k]) {
			return k
		}
	}
	return 0
}
