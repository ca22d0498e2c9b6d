package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"testing"

	"newsread/query"
	"newsread/story"
	"newsread/terms"
)

// memStreams keeps what a StreamSink receives, as the loader keeps it on disk.
type memStreams struct {
	data []byte
	ends []uint64 // ends[doc] is where doc's stream ends in data
}

func (m *memStreams) sink(first uint32, data []byte, ends []uint32) {
	if int(first) != len(m.ends) {
		panic("streams out of order")
	}
	base := uint64(len(m.data))
	m.data = append(m.data, data...)
	for _, e := range ends {
		m.ends = append(m.ends, base+uint64(e))
	}
}

func (m *memStreams) Range(lo, hi uint32, buf []byte, ends []int) ([]byte, []int, bool) {
	if int(hi) > len(m.ends) || lo >= hi {
		return buf, ends, false
	}
	for doc := lo; doc < hi; doc++ {
		start := uint64(0)
		if doc > 0 {
			start = m.ends[doc-1]
		}
		buf = append(buf, m.data[start:m.ends[doc]]...)
		ends = append(ends, len(buf))
	}
	return buf, ends, true
}

// failingReader fails every read, so a test knows phrases were checked against streams.
func failingReader(string) (story.Story, error) { return story.Story{}, errors.New("no text") }

// TestPhrasesFromStreamsMatchText: phrases checked against the streams a sink gathered find what
// the text gives, with batches of one part and of several (one per CPU, streamed part by part).
func TestPhrasesFromStreamsMatchText(t *testing.T) {
	text, stories := synthIndex(t, 400)
	for _, batch := range []int{37, 200} {
		streams := &memStreams{}
		ix := New(failingReader)
		ix.SetStreamSink(streams.sink)
		for i := 0; i < len(stories); i += batch {
			ix.Add(stories[i:min(i+batch, len(stories))])
		}
		if len(streams.ends) != len(stories) {
			t.Fatalf("batches of %d: the sink got %d streams for %d stories", batch, len(streams.ends), len(stories))
		}
		ix.SetStreams(streams)
		// Phrases made of consecutive words of real bodies, plus common and absent ones.
		phrases := []string{`"the government"`, `"police officials"`, `"of the"`, `"zzz qqq"`, `"the the"`}
		for i := 0; i < len(stories); i += 50 {
			if words := firstWords(stories[i].Body, 3); len(words) == 3 {
				phrases = append(phrases, `"`+words[0]+" "+words[1]+`"`, `"`+words[0]+" "+words[1]+" "+words[2]+`"`,
					`"`+words[0]+" "+words[1][:1]+`*"`, `"`+words[0]+" "+words[1]+" "+words[2][:min(2, len(words[2]))]) // prefix phrases, one still open
			}
		}
		found := 0
		for _, p := range phrases {
			f := Filter{Query: query.Parse(p)}
			want, got := text.Search(f).Docs, ix.Search(f).Docs
			if !slices.Equal(want, got) {
				t.Errorf("batches of %d: %s: %d stories from streams, %d from text", batch, p, len(got), len(want))
			}
			found += len(got)
		}
		if found == 0 {
			t.Fatal("no phrase matched anything: the test checks nothing")
		}
	}
}

// firstWords returns the first n terms of body, in order.
func firstWords(body string, n int) []string {
	var out []string
	terms.EachBytes(body, func(w []byte) {
		if len(out) < n {
			out = append(out, string(w))
		}
	})
	return out
}

// encodeStreamsRef is encodeStreams one uvarint at a time.
func encodeStreamsRef(b *batchTerms, global []uint32, data []byte, ends []uint32) ([]byte, []uint32) {
	for _, span := range b.spans {
		for _, local := range b.seq[span[0]:span[1]] {
			if local == fieldBreak {
				data = append(data, 0)
			} else {
				data = binary.AppendUvarint(data, uint64(global[local])+1)
			}
		}
		ends = append(ends, uint32(len(data)))
	}
	return data, ends
}

// TestEncodeStreamsMatchesUvarints: global ids of every uvarint length (1 to 5 bytes), in
// stories of a few terms and none, after what data already held.
func TestEncodeStreamsMatchesUvarints(t *testing.T) {
	global := []uint32{0, 1, 126, 127, 128, 16382, 16383, 1<<21 - 2, 1<<21 - 1, 1<<28 - 2, 1<<28 - 1, math.MaxUint32 - 1}
	var seq []uint32
	var spans [][2]int
	for story := range 40 {
		start := len(seq)
		for k := range story % 7 {
			if k == 3 {
				seq = append(seq, fieldBreak)
			}
			seq = append(seq, uint32((story*5+k*3)%len(global)))
		}
		seq = append(seq, fieldBreak)
		spans = append(spans, [2]int{start, len(seq)})
	}
	spans = append(spans, [2]int{len(seq), len(seq)}) // a story of no terms at all
	b := &batchTerms{seq: seq, spans: spans}
	prefix := []byte("held")
	gotData, gotEnds := encodeStreams(b, global, slices.Clone(prefix), []uint32{7})
	wantData, wantEnds := encodeStreamsRef(b, global, slices.Clone(prefix), []uint32{7})
	if !bytes.Equal(gotData, wantData) || !slices.Equal(gotEnds, wantEnds) {
		t.Fatalf("encodeStreams = %x %v, want %x %v", gotData, gotEnds, wantData, wantEnds)
	}
}

func TestStreamHasPhrase(t *testing.T) {
	enc := func(ids ...uint32) []byte {
		b := &batchTerms{seq: ids, spans: [][2]int{{0, len(ids)}}}
		global := make([]uint32, 1000)
		for i := range global {
			global[i] = uint32(i)
		}
		data, _ := encodeStreams(b, global, nil, nil)
		return data
	}
	cases := []struct {
		stream []uint32
		phrase []uint32
		want   bool
	}{
		{[]uint32{1, 2, 3}, []uint32{2, 3}, true},
		{[]uint32{1, 2, 3}, []uint32{1, 3}, false},
		{[]uint32{1, 1, 2}, []uint32{1, 2}, true},
		{[]uint32{1, 2, 1, 2, 3}, []uint32{1, 2, 3}, true},
		{[]uint32{5, 5, 5, 6}, []uint32{5, 5, 6}, true},
		{[]uint32{300, 999}, []uint32{300, 999}, true},
		{[]uint32{300}, []uint32{300, 999}, false},
		{[]uint32{300, 2, 5}, []uint32{2, 5}, true},
		{[]uint32{1, fieldBreak, 2}, []uint32{1, 2}, false},
		{[]uint32{1, fieldBreak, 1, 2}, []uint32{1, 2}, true},
		{[]uint32{1, 300, 2, 5}, []uint32{300, 2}, true},
		{nil, []uint32{1, 2}, false},
	}
	for _, c := range cases {
		if got := streamHasPhrase(enc(c.stream...), phrasePattern(c.phrase)); got != c.want {
			t.Errorf("%v in %v: %v, want %v", c.phrase, c.stream, got, c.want)
		}
	}
	// A phrase whose last word is a prefix: the pattern of the others, then one of the terms.
	for _, c := range []struct {
		stream, phrase []uint32
		last           []uint32
		want           bool
	}{
		{[]uint32{1, 2, 3}, []uint32{1}, []uint32{2, 7}, true},
		{[]uint32{1, 2, 3}, []uint32{1}, []uint32{3, 7}, false},
		{[]uint32{1, fieldBreak, 2}, []uint32{1}, []uint32{2}, false},
		{[]uint32{4, 1}, []uint32{1}, []uint32{2}, false},
		{[]uint32{1, 300, 1, 999}, []uint32{1}, []uint32{999}, true},
	} {
		last := newBitset(1000)
		for _, id := range c.last {
			last.add(id)
		}
		if got := streamHasPrefixPhrase(enc(c.stream...), phrasePattern(c.phrase), last); got != c.want {
			t.Errorf("%v then one of %v in %v: %v, want %v", c.phrase, c.last, c.stream, got, c.want)
		}
	}
	// 300 is written as 301, 0xad 0x02: the 0x02 ending it must not start a match of the
	// phrase [1 5], written 0x02 0x06.
	if streamHasPhrase(enc(300, 5), phrasePattern([]uint32{1, 5})) {
		t.Error("a match inside a term's bytes counted")
	}
}
