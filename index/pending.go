package index

import (
	"runtime"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// pending holds the postings of the batches merged since the bitmaps were last folded. Adding
// every batch's docs to the roaring bitmaps as it came took a tenth of a cold load's CPU time,
// all of it before the total could show; a merge now only files each term's run of docs here,
// searches read the runs beside the bitmaps, and Compact folds them in once the load is done.
// The price is memory until then: 4 bytes a posting where a bitmap takes about 2 (at 100,000
// stories the live heap at the end of a load is some 60 MB larger, for a fraction of a second).
type pending struct {
	any   [][][]uint32 // by term id: runs of docs not yet in vocabulary.any, each ascending; nil: none pending
	title [][][]uint32 // by term id: runs of docs not yet in vocabulary.title; nil: none pending
}

// add files a batch's postings (by local term id, as postingsBuf.postings gives them) under
// their global term ids. The runs are kept, not copied: their memory must not be reused.
func (p *pending) add(any, title [][]uint32, global []uint32, terms int) {
	p.any = fileRuns(p.any, any, global, terms)
	p.title = fileRuns(p.title, title, global, terms)
}

// fileRuns appends each local term's docs to its global term's runs in byTerm, grown to hold
// terms ids.
func fileRuns(byTerm [][][]uint32, local [][]uint32, global []uint32, terms int) [][][]uint32 {
	if len(byTerm) < terms {
		byTerm = append(byTerm, make([][][]uint32, terms-len(byTerm))...)
	}
	for l, docs := range local {
		if len(docs) > 0 {
			g := global[l]
			byTerm[g] = append(byTerm[g], docs)
		}
	}
	return byTerm
}

// anyRuns and titleRuns return a term's pending runs (nil for none).
func (p *pending) anyRuns(id uint32) [][]uint32   { return runsOf(p.any, id) }
func (p *pending) titleRuns(id uint32) [][]uint32 { return runsOf(p.title, id) }

func runsOf(byTerm [][][]uint32, id uint32) [][]uint32 {
	if int(id) < len(byTerm) {
		return byTerm[id]
	}
	return nil
}

// union returns the docs of the given terms: their bitmaps (from maps; nil entries count as
// empty) or'ed with their pending runs (from runs). The result may be one of maps unless own
// is set. docs is how many docs the index holds.
func union(ids []uint32, maps []*roaring.Bitmap, runs func(uint32) [][]uint32, docs int, own bool) *roaring.Bitmap {
	var held []*roaring.Bitmap
	var dense []uint64 // the runs' docs, a bit each: cheaper than adding them to a bitmap one by one
	for _, id := range ids {
		if m := maps[id]; m != nil && !m.IsEmpty() {
			held = append(held, m)
		}
		for _, r := range runs(id) {
			if dense == nil {
				dense = make([]uint64, (docs+63)/64)
			}
			for _, d := range r {
				dense[d>>6] |= 1 << (d & 63)
			}
		}
	}
	if dense != nil {
		held = append(held, roaring.FromDense(dense, false))
	}
	switch len(held) {
	case 0:
		return roaring.New()
	case 1:
		if own {
			return held[0].Clone()
		}
		return held[0]
	}
	return roaring.FastOr(held...)
}

// anyOf returns the docs holding term id in any field; titleOf those holding it in the title
// (nil for none). Shared: do not modify. docs is how many docs the index holds.
func (v *vocabulary) anyOf(id uint32, docs int) *roaring.Bitmap {
	if v.more.anyRuns(id) == nil {
		return v.any[id]
	}
	return union([]uint32{id}, v.any, v.more.anyRuns, docs, false)
}

func (v *vocabulary) titleOf(id uint32, docs int) *roaring.Bitmap {
	if v.more.titleRuns(id) == nil {
		return v.title[id]
	}
	return union([]uint32{id}, v.title, v.more.titleRuns, docs, false)
}

// prefixDocs returns the docs holding any of the terms ids, in any field. Shared: do not
// modify.
func (v *vocabulary) prefixDocs(ids []uint32, docs int) *roaring.Bitmap {
	return union(ids, v.any, v.more.anyRuns, docs, false)
}

// titleDocs returns the docs holding any of the terms ids in the title, a bitmap of the
// caller's own.
func (v *vocabulary) titleDocs(ids []uint32, docs int) *roaring.Bitmap {
	return union(ids, v.title, v.more.titleRuns, docs, true)
}

// fold adds the pending runs to the bitmaps in place. The caller holds the write lock.
func (v *vocabulary) fold() {
	if v.more.any == nil && v.more.title == nil {
		return
	}
	for id := range v.names {
		for _, r := range v.more.anyRuns(uint32(id)) {
			v.any[id].AddMany(r)
		}
		for _, r := range v.more.titleRuns(uint32(id)) {
			if v.title[id] == nil {
				v.title[id] = roaring.New()
			}
			v.title[id].AddMany(r)
		}
	}
	v.more = pending{}
	v.gen++
}

// folded returns the tightest copy of each term's bitmaps with its pending runs added (a nil
// title stays nil when nothing is pending for it), without changing v. The caller holds the
// read lock; docs is how many docs the index holds. It leaves a CPU to others: it runs just
// after a load reports its total, and on every CPU it held up the frame showing that total
// (Done → the frame in tmux, medians of 5: 15 → 7 ms).
func (v *vocabulary) folded(docs int) (any, title []*roaring.Bitmap) {
	any, title = make([]*roaring.Bitmap, len(v.any)), make([]*roaring.Bitmap, len(v.title))
	parts := max(1, runtime.GOMAXPROCS(0)-1)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			dense := make([]uint64, (docs+63)/64)
			for i := p; i < len(v.any); i += parts { // interleaved: frequent terms come first
				any[i] = tightWith(v.any[i], v.more.anyRuns(uint32(i)), dense)
				title[i] = tightWith(v.title[i], v.more.titleRuns(uint32(i)), dense)
			}
		})
	}
	wg.Wait()
	return any, title
}

// tightWith returns the tightest copy of b with runs added; nil when b is nil and there are no
// runs. dense is zero scratch of a bit per doc, and is left zero. A term in many docs gets its
// bitmap from the bits at once, its arrays at their exact size: adding the runs to a bitmap
// grew its arrays step by step, and the garbage left among the kept arrays held 20 MB of the
// heap's pages after the load. A term in few docs is added doc by doc: reading the bits back
// costs a word per 64 docs up to its last, whatever it holds.
func tightWith(b *roaring.Bitmap, runs [][]uint32, dense []uint64) *roaring.Bitmap {
	var c *roaring.Bitmap
	n, words := 0, 0
	for _, r := range runs {
		n += len(r)
		words = max(words, int(r[len(r)-1]>>6)+1)
	}
	switch {
	case runs == nil && b == nil:
		return nil
	case runs == nil:
		c = b.Clone()
	case b == nil || b.IsEmpty():
		if 32*n < words {
			c = roaring.New()
			for _, r := range runs {
				c.AddMany(r)
			}
			break
		}
		for _, r := range runs {
			for _, d := range r {
				dense[d>>6] |= 1 << (d & 63)
			}
		}
		c = roaring.FromDense(dense[:words], true)
		for _, r := range runs {
			for _, d := range r {
				dense[d>>6] = 0
			}
		}
	default: // runs added to a bitmap folded before (stories added after a Compact)
		c = b.Clone()
		for _, r := range runs {
			c.AddMany(r)
		}
	}
	if c.RunOptimize(); c.HasRunCompression() {
		c = c.Clone() // run containers are built with room to spare
	}
	return c
}
