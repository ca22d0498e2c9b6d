package index

import (
	"errors"
	"runtime"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"newsread/story"
)

// Slot is one doc of a patched index: a doc of the old index kept as it was, or a new story.
type Slot struct {
	Old   int         // the old index's doc; -1 for a new story
	Story story.Story // the new story, with its body, when Old is -1
}

// Patch fills the empty index ix with slots, doc i being slots[i]: the index a fresh load of
// those stories would build, except that kept stories are not tokenised again. Their postings
// are carried over from old, renumbered; only new stories are read. Kept docs must come in
// increasing order of their old numbers (a library's walk order keeps them so). When ix has a
// stream sink, every doc's stream is handed to it in order: kept docs' read from oldStreams,
// new docs' encoded afresh.
func (ix *Index) Patch(old *Index, oldStreams Streams, slots []Slot) error {
	old.mu.RLock()
	oldStories, oldVocab := old.stories, old.vocab
	old.mu.RUnlock()
	ix.mu.RLock()
	sink, empty := ix.sink, len(ix.stories) == 0
	ix.mu.RUnlock()
	if !empty {
		return errors.New("index is not empty")
	}
	if sink != nil && oldStreams == nil {
		return errors.New("no streams to carry over")
	}

	const dropped = ^uint32(0)
	remap := make([]uint32, len(oldStories)) // old doc → new doc, or dropped
	for i := range remap {
		remap[i] = dropped
	}
	stories := make([]story.Story, len(slots))
	var fresh []story.Story
	var freshDocs []uint32
	last := -1
	for i, sl := range slots {
		switch {
		case sl.Old < 0:
			stories[i] = sl.Story
			stories[i].Body = ""
			fresh = append(fresh, sl.Story)
			freshDocs = append(freshDocs, uint32(i))
		case sl.Old <= last || sl.Old >= len(oldStories):
			return errors.New("kept docs out of order")
		default:
			stories[i] = oldStories[sl.Old]
			remap[sl.Old] = uint32(i)
			last = sl.Old
		}
	}

	// The old postings, renumbered: kept docs keep their order, so each list stays sorted.
	v := vocabulary{
		ids:   make(map[string]uint32, len(oldVocab.names)),
		names: slices.Clone(oldVocab.names),
		any:   make([]*roaring.Bitmap, len(oldVocab.names)),
		title: make([]*roaring.Bitmap, len(oldVocab.names)),
		dirty: true,
	}
	for id, name := range v.names {
		v.ids[name] = uint32(id)
	}
	renumber := func(b *roaring.Bitmap, buf []uint32) (*roaring.Bitmap, []uint32) {
		buf = buf[:0]
		it := b.Iterator()
		for it.HasNext() {
			if d := remap[it.Next()]; d != dropped {
				buf = append(buf, d)
			}
		}
		out := roaring.New()
		out.AddMany(buf)
		out.RunOptimize()
		return out, buf
	}
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			var buf []uint32
			for id := w; id < len(v.names); id += workers {
				v.any[id], buf = renumber(oldVocab.anyOf(uint32(id), len(oldStories)), buf)
				if t := oldVocab.titleOf(uint32(id), len(oldStories)); t != nil {
					if v.title[id], buf = renumber(t, buf); v.title[id].IsEmpty() {
						v.title[id] = nil
					}
				}
			}
		})
	}
	parts := tokenize(fresh, sink != nil, nil)
	wg.Wait()
	globals := make([][]uint32, len(parts))
	docs := freshDocs
	for i, b := range parts {
		globals[i] = v.merge(b, docs[:len(b.docs)])
		docs = docs[len(b.docs):]
	}
	v.fold() // a few stories' postings: no Compact follows a patch

	next := New(ix.read)
	next.stories, next.vocab = stories, v
	for doc, s := range stories {
		for _, t := range s.Tags {
			next.addTag(t, uint32(doc))
		}
	}
	next.reorder(0)
	next.rebuildTagList()
	if sink != nil {
		if err := patchStreams(sink, oldStreams, slots, parts, globals); err != nil {
			return err
		}
	}

	ix.mu.Lock()
	defer ix.mu.Unlock()
	if len(ix.stories) > 0 {
		return errors.New("index is not empty")
	}
	gen := ix.vocab.gen
	ix.stories, ix.order, ix.tags, ix.tagList, ix.vocab = next.stories, next.order, next.tags, next.tagList, next.vocab
	ix.vocab.gen = gen + 1
	return nil
}

// patchStreams hands sink the streams of every slot in order, in batches: runs of kept docs
// are read from old at once, new docs come from their parts' encoding.
func patchStreams(sink StreamSink, old Streams, slots []Slot, parts []*batchTerms, globals [][]uint32) error {
	var fresh [][]byte // by new story, in order
	for i, b := range parts {
		data, ends := encodeStreams(b, globals[i], nil, nil)
		start := uint32(0)
		for _, e := range ends {
			fresh = append(fresh, data[start:e])
			start = e
		}
	}
	const flushAt = 4 << 20
	var data []byte
	var ends []uint32
	var oldEnds []int
	first := 0
	flush := func(upTo int) {
		if len(ends) > 0 {
			sink(uint32(first), data, ends)
		}
		data, ends, first = data[:0], ends[:0], upTo
	}
	for i := 0; i < len(slots); {
		if slots[i].Old < 0 {
			data = append(data, fresh[0]...)
			fresh = fresh[1:]
			ends = append(ends, uint32(len(data)))
			i++
		} else {
			j := i + 1 // a run of consecutive old docs
			for j < len(slots) && slots[j].Old == slots[j-1].Old+1 && j-i < 4096 {
				j++
			}
			var ok bool
			data, oldEnds, ok = old.Range(uint32(slots[i].Old), uint32(slots[j-1].Old+1), data, oldEnds[:0])
			if !ok {
				return errors.New("cannot read the old streams")
			}
			for _, e := range oldEnds {
				ends = append(ends, uint32(e))
			}
			i = j
		}
		if len(data) >= flushAt {
			flush(i)
		}
	}
	flush(len(slots))
	return nil
}
