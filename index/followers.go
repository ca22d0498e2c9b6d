package index

import (
	"bytes"
	"context"
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"

	"newsread/query"
)

// followers keeps, for a phrase being typed (its words, then the start of its next word: none
// after `"the `, "g" after `"the g`), the next character of every term that follows its words
// and starts so, in each story, as a bit (followerBit). The next key's phrase (`"the g`, then
// `"the go`), the start one character longer, is read from these bits instead of from the
// stories' term streams: the streams are scanned between the keys.
type followers struct {
	mu     sync.Mutex
	words  []string           // the phrase's whole words; nil: none
	start  string             // the start of its next word
	ready  chan struct{}      // closed when the scan for words has ended
	cancel context.CancelFunc // stops that scan
	docs   int                // stories scanned: 0…docs-1
	any    []uint64           // by doc: the bits of the terms after the words, in any field; nil until the scan has run to its end (it needs streams)
	title  []uint64           // by doc: those in the title
}

// otherFollower is the bit of every byte but a–z and 0–9.
const otherFollower = 1 << 63

// followerBit is the bit of byte b: a–z and 0–9 their own.
func followerBit(b byte) uint64 {
	switch {
	case 'a' <= b && b <= 'z':
		return 1 << (b - 'a')
	case '0' <= b && b <= '9':
		return 1 << (26 + b - '0')
	}
	return otherFollower
}

// prepareFollowers starts scanning the followers of words that begin with start, unless that
// scan is already done or under way; one for others is stopped.
func (ix *Index) prepareFollowers(words []string, start string) {
	f := &ix.follow
	f.mu.Lock()
	if f.ready != nil && slices.Equal(f.words, words) && f.start == start {
		f.mu.Unlock()
		return
	}
	if f.cancel != nil {
		f.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	f.words, f.start, f.ready, f.cancel, f.any, f.title = slices.Clone(words), start, ready, cancel, nil, nil
	f.mu.Unlock()
	go func() {
		defer close(ready)
		docs, anyBits, titleBits, ok := ix.scanFollowers(ctx, words, start)
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.ready == ready && ok {
			f.docs, f.any, f.title = docs, anyBits, titleBits
		}
	}()
}

// followed returns the docs holding phrase n, and those holding it in the title, from the
// followers when n is their words and then their start and one more character (a–z, 0–9),
// and the number of stories they tell of; ok is false when they cannot tell (other words or
// start, no streams, stories added since the scan, ctx done). It waits for a scan under way
// for a first character (`"the g`), which no other search narrows; a later one (`"the go`) is
// read faster from what the phrase before it found than by waiting, and its scan is stopped.
func (ix *Index) followed(ctx context.Context, n *query.Node) (_ phraseHits, docs int, ok bool) {
	k := len(n.Words) - 1
	if !n.Prefix || k < 1 || n.Words[k] == "" {
		return phraseHits{}, 0, false
	}
	last := n.Words[k]
	bit := followerBit(last[len(last)-1])
	f := &ix.follow
	f.mu.Lock()
	ready, same := f.ready, slices.Equal(f.words, n.Words[:k]) && f.start == last[:len(last)-1]
	f.mu.Unlock()
	if bit == otherFollower || ready == nil || !same {
		return phraseHits{}, 0, false
	}
	if len(last) > 1 {
		select {
		case <-ready:
		default: // not waited for: its CPUs go to this search
			f.mu.Lock()
			if f.ready == ready {
				f.cancel()
				f.words, f.ready = nil, nil
			}
			f.mu.Unlock()
			return phraseHits{}, 0, false
		}
	}
	select {
	case <-ready:
	case <-ctx.Done():
		return phraseHits{}, 0, false
	}
	f.mu.Lock()
	docs, anyBits, titleBits, scanned := f.docs, f.any, f.title, f.any != nil && f.ready == ready
	f.mu.Unlock()
	if !scanned || docs != ix.Len() {
		return phraseHits{}, 0, false
	}
	h := phraseHits{docs: roaring.New(), titles: roaring.New()}
	for d := range uint32(docs) {
		if anyBits[d]&bit != 0 {
			h.docs.Add(d)
		}
		if titleBits[d]&bit != 0 {
			h.titles.Add(d)
		}
	}
	return h, docs, true
}

// scanFollowers reads, in the term streams of the stories that hold every one of words (and,
// with a start, that the phrase of words and start found, as the phrase memo has it), the term
// after each place they come one after another, as checkText reads a phrase's places.
func (ix *Index) scanFollowers(ctx context.Context, words []string, start string) (docs int, anyBits, titleBits []uint64, ok bool) {
	ix.mu.RLock()
	streams, docs := ix.streams, len(ix.stories)
	cand, ids, found := ix.vocab.withAll(nil, words, func(id uint32) *roaring.Bitmap { return ix.vocab.anyOf(id, docs) })
	bits := make([]uint64, len(ix.vocab.names)) // by term id: followerBit of its byte after start, 0 for none
	for id, name := range ix.vocab.names {
		if len(name) > len(start) && strings.HasPrefix(name, start) {
			bits[id] = followerBit(name[len(start)])
		}
	}
	ix.mu.RUnlock()
	if streams == nil {
		return 0, nil, nil, false
	}
	anyBits, titleBits = make([]uint64, docs), make([]uint64, docs)
	if !found {
		return docs, anyBits, titleBits, true // no story holds the words
	}
	pattern, list := phrasePattern(ids), cand.ToArray()
	if start != "" {
		list = ix.phrases.narrow(&query.Node{Kind: query.Phrase, Words: append(slices.Clone(words), start), Prefix: true}, list)
	}
	var failed atomic.Bool
	eachStream(ctx, list, streams, func(i int, stream []byte, ok bool) {
		if !ok || failed.Load() {
			failed.Store(true)
			return
		}
		d := list[i]
		titleEnd := bytes.IndexByte(stream, 0)
		for off := 0; ; {
			k := bytes.Index(stream[off:], pattern)
			if k < 0 {
				return
			}
			at := off + k
			off = at + 1
			if at > 0 && stream[at-1] >= 0x80 { // inside a term's bytes
				continue
			}
			if v, n := binary.Uvarint(stream[at+len(pattern):]); n > 0 && v > 0 && v-1 < uint64(len(bits)) {
				anyBits[d] |= bits[v-1]
				if at < titleEnd {
					titleBits[d] |= bits[v-1]
				}
			}
		}
	})
	if ctx.Err() != nil || failed.Load() {
		return 0, nil, nil, false
	}
	return docs, anyBits, titleBits, true
}
