package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
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
// the text gives, in the same order (those with the phrase in the title first), with batches of
// one part and of several (one per CPU, streamed part by part), and with streams for only the
// first docs (as while a load gathers them), the rest read as text.
func TestPhrasesFromStreamsMatchText(t *testing.T) {
	text, stories := synthIndex(t, 400)
	for _, c := range []struct {
		batch  int
		stream int // docs with a stream
	}{{37, 400}, {200, 400}, {37, 150}} {
		batch := c.batch
		streams := &memStreams{}
		read := failingReader
		if c.stream < len(stories) {
			read = reader(stories)
		}
		ix := New(read)
		ix.SetStreamSink(streams.sink)
		for i := 0; i < len(stories); i += batch {
			ix.Add(stories[i:min(i+batch, len(stories))])
		}
		if len(streams.ends) != len(stories) {
			t.Fatalf("batches of %d: the sink got %d streams for %d stories", batch, len(streams.ends), len(stories))
		}
		streams.ends = streams.ends[:c.stream]
		ix.SetStreams(streams)
		// Phrases made of consecutive words of real bodies, plus common and absent ones.
		phrases := []string{`"the government"`, `"police officials"`, `"of the"`, `"zzz qqq"`, `"the the"`}
		for i := 0; i < len(stories); i += 50 {
			if words := firstWords(stories[i].Title, 2); len(words) == 2 { // phrases found in titles too, ranked first
				phrases = append(phrases, `"`+words[0]+" "+words[1]+`"`, `"`+words[0]+" "+words[1][:1])
			}
			if words := firstWords(stories[i].Body, 3); len(words) == 3 {
				phrases = append(phrases, `"`+words[0]+" "+words[1]+`"`, `"`+words[0]+" "+words[1]+" "+words[2]+`"`,
					`"`+words[0]+" "+words[1][:1]+`*"`, `"`+words[0]+" "+words[1]+" "+words[2][:min(2, len(words[2]))]) // prefix phrases, one still open
			}
		}
		found, titles := 0, 0
		for _, p := range phrases {
			f := Filter{Query: query.Parse(p)}
			want, got := text.Search(f), ix.Search(f)
			if !slices.Equal(want.Docs, got.Docs) || want.TitleHits != got.TitleHits {
				t.Errorf("batches of %d, %d streams: %s: %d stories (%d by title) from streams, %d (%d) from text", batch, c.stream, p, len(got.Docs), got.TitleHits, len(want.Docs), want.TitleHits)
			}
			found += len(got.Docs)
			titles += got.TitleHits
		}
		if found == 0 || titles == 0 {
			t.Fatalf("phrases found %d stories, %d by title: the test checks too little", found, titles)
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

// TestPhraseAt: where a phrase is found in a stream, given as the index of the term it starts
// at (-1: nowhere), and whether that lies in the title (the first field).
func TestPhraseAt(t *testing.T) {
	global := make([]uint32, 1000)
	for i := range global {
		global[i] = uint32(i)
	}
	enc := func(ids ...uint32) []byte {
		b := &batchTerms{seq: ids, spans: [][2]int{{0, len(ids)}}}
		data, _ := encodeStreams(b, global, nil, nil)
		return data
	}
	// offset is the byte offset of term k of ids, -1 for -1.
	offset := func(ids []uint32, k int) int {
		if k < 0 {
			return -1
		}
		return len(enc(ids[:k]...))
	}
	cases := []struct {
		stream []uint32
		phrase []uint32
		at     int
		title  bool
	}{
		{[]uint32{1, 2, 3}, []uint32{2, 3}, 1, false}, // no field break: no title ended
		{[]uint32{1, 2, 3, fieldBreak}, []uint32{2, 3}, 1, true},
		{[]uint32{1, 2, 3}, []uint32{1, 3}, -1, false},
		{[]uint32{1, 1, 2}, []uint32{1, 2}, 1, false},
		{[]uint32{1, 2, 1, 2, 3}, []uint32{1, 2, 3}, 2, false},
		{[]uint32{5, 5, 5, 6}, []uint32{5, 5, 6}, 1, false},
		{[]uint32{300, 999}, []uint32{300, 999}, 0, false},
		{[]uint32{300}, []uint32{300, 999}, -1, false},
		{[]uint32{300, 2, 5}, []uint32{2, 5}, 1, false},
		{[]uint32{1, fieldBreak, 2}, []uint32{1, 2}, -1, false},
		{[]uint32{1, fieldBreak, 1, 2}, []uint32{1, 2}, 2, false},
		{[]uint32{1, 2, fieldBreak, 1, 2}, []uint32{1, 2}, 0, true},
		{[]uint32{fieldBreak, 1, 2}, []uint32{1, 2}, 1, false}, // an empty title
		{[]uint32{1, 300, 2, 5}, []uint32{300, 2}, 1, false},
		{nil, []uint32{1, 2}, -1, false},
	}
	for _, c := range cases {
		stream := enc(c.stream...)
		at := phraseAt(stream, phrasePattern(c.phrase))
		if want := offset(c.stream, c.at); at != want {
			t.Errorf("%v in %v: at byte %d, want %d", c.phrase, c.stream, at, want)
		}
		if at >= 0 && inTitle(stream, at) != c.title {
			t.Errorf("%v in %v: in the title %v, want %v", c.phrase, c.stream, !c.title, c.title)
		}
	}
	// A phrase whose last word is a prefix: the pattern of the others, then one of the terms.
	for _, c := range []struct {
		stream, phrase []uint32
		last           []uint32
		at             int
	}{
		{[]uint32{1, 2, 3}, []uint32{1}, []uint32{2, 7}, 0},
		{[]uint32{1, 2, 3}, []uint32{1}, []uint32{3, 7}, -1},
		{[]uint32{1, fieldBreak, 2}, []uint32{1}, []uint32{2}, -1},
		{[]uint32{4, 1}, []uint32{1}, []uint32{2}, -1},
		{[]uint32{1, 300, 1, 999}, []uint32{1}, []uint32{999}, 2},
		{[]uint32{5, 300, 2, 7}, []uint32{300, 2}, []uint32{7}, 1}, // a pattern of several bytes
		{[]uint32{300, 2, 8, 300, 2, 7}, []uint32{300, 2}, []uint32{7}, 3},
		{[]uint32{4, 1}, []uint32{1}, nil, -1},
	} {
		last := newBitset(1000)
		for _, id := range c.last {
			last.add(id)
		}
		if got, want := prefixPhraseAt(enc(c.stream...), phrasePattern(c.phrase), last), offset(c.stream, c.at); got != want {
			t.Errorf("%v then one of %v in %v: at byte %d, want %d", c.phrase, c.last, c.stream, got, want)
		}
	}
	// 300 is written as 301, 0xad 0x02: the 0x02 ending it must not start a match of the
	// phrase [1 5], written 0x02 0x06.
	if at := phraseAt(enc(300, 5), phrasePattern([]uint32{1, 5})); at >= 0 {
		t.Errorf("a match inside a term's bytes counted, at byte %d", at)
	}
}

// TestPrefixPhraseAtMatchesDecoding holds prefixPhraseAt, which finds its first word eight
// bytes at a time when that word's id is one byte, to a term-by-term reading of random streams.
func TestPrefixPhraseAtMatchesDecoding(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	global := make([]uint32, 20000)
	for i := range global {
		global[i] = uint32(i)
	}
	pick := func() uint32 { // mostly small ids, some of two and three bytes, some field ends
		switch rng.IntN(10) {
		case 0:
			return fieldBreak
		case 1, 2:
			return uint32(rng.IntN(20000))
		}
		return uint32(rng.IntN(8))
	}
	found := 0
	for range 3000 {
		ids := make([]uint32, rng.IntN(40))
		for i := range ids {
			ids[i] = pick()
		}
		phrase := []uint32{uint32(rng.IntN(8))}
		if rng.IntN(3) == 0 {
			phrase = append(phrase, pick()&1023) // a pattern of several bytes
		}
		last := newBitset(20000)
		var lastIDs []uint32
		for range 1 + rng.IntN(3) {
			id := uint32(rng.IntN(8))
			if rng.IntN(2) == 0 {
				id = uint32(rng.IntN(20000))
			}
			last.add(id)
			lastIDs = append(lastIDs, id)
		}
		b := &batchTerms{seq: ids, spans: [][2]int{{0, len(ids)}}}
		stream, _ := encodeStreams(b, global, nil, nil)
		want := -1
	terms:
		for i := 0; i+len(phrase) < len(ids); i++ {
			for k, id := range phrase {
				if ids[i+k] != id {
					continue terms
				}
			}
			if next := ids[i+len(phrase)]; next != fieldBreak && slices.Contains(lastIDs, next) {
				sub, _ := encodeStreams(&batchTerms{seq: ids[:i], spans: [][2]int{{0, i}}}, global, nil, nil)
				want = len(sub)
				break
			}
		}
		if got := prefixPhraseAt(stream, phrasePattern(phrase), last); got != want {
			t.Fatalf("%v then one of %v in %v: at byte %d, want %d", phrase, lastIDs, ids, got, want)
		}
		if want >= 0 {
			found++
		}
	}
	if found < 100 {
		t.Fatalf("only %d streams held their phrase: the test checks too little", found)
	}
}
