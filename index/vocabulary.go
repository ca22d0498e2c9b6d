package index

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"newsread/story"
	"newsread/terms"
)

// vocabulary maps every term to the docs that hold it.
type vocabulary struct {
	ids    map[string]uint32
	names  []string          // by term id
	any    []*roaring.Bitmap // by term id: docs with the term in title, body or tags, less those pending in more
	title  []*roaring.Bitmap // by term id: docs with the term in the title, less those pending in more; nil for none
	more   pending           // postings merged and not yet folded into any and title
	sorted []uint32          // term ids by name; valid while !dirty
	dirty  bool
	gen    uint64 // bumped by every change of the postings (merge, Compact, Patch, Decode); keys the prefix cache

	scratch [2]postingsBuf // for merge's two postings (any, title); merges never overlap
}

func newVocabulary() vocabulary {
	return vocabulary{ids: map[string]uint32{}}
}

// batchTerms is a batch of stories' terms, gathered without the index lock.
type batchTerms struct {
	names []string   // local term id → term
	docs  [][]uint32 // per story: distinct local term ids in title, body or tags
	title [][]uint32 // per story: distinct local term ids in the title
	seq   []uint32   // when streams are wanted: each story's fields' terms in order (local ids), each field ended by fieldBreak
	spans [][2]int   // when streams are wanted: per story, its part of seq
	flat  []uint32   // the memory docs and title are cut from
}

// idBufs keeps the id slices of tokenised batches (flat and seq), and the bytes of their term
// streams, for the next batches: a few MB per part, some 200 MB of garbage per load of 100,000
// stories otherwise. It belongs to one
// index and is dropped by Compact, so that none of it outlives the load. A nil idBufs keeps
// nothing.
type idBufs struct {
	mu    sync.Mutex
	free  [][]uint32
	bytes [][]byte
}

// takeBytes returns an empty byte slice, a kept one when there is one.
func (p *idBufs) takeBytes() []byte {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.bytes); n > 0 {
		b := p.bytes[n-1]
		p.bytes = p.bytes[:n-1]
		return b[:0]
	}
	return nil
}

// putBytes keeps b for a later takeBytes; b must not be used after.
func (p *idBufs) putBytes(b []byte) {
	if p != nil && cap(b) > 0 {
		p.mu.Lock()
		p.bytes = append(p.bytes, b)
		p.mu.Unlock()
	}
}

// take returns an empty slice with room for n ids, a kept one when one is large enough.
func (p *idBufs) take(n int) []uint32 {
	if p != nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		for i, ids := range p.free {
			if cap(ids) >= n {
				p.free = slices.Delete(p.free, i, i+1)
				return ids[:0]
			}
		}
	}
	return make([]uint32, 0, n)
}

// release hands the batch's id slices to p; b must not be used after.
func (b *batchTerms) release(p *idBufs) {
	if p != nil {
		p.mu.Lock()
		for _, ids := range [][]uint32{b.flat, b.seq} {
			if cap(ids) > 0 {
				p.free = append(p.free, ids)
			}
		}
		p.mu.Unlock()
	}
	*b = batchTerms{}
}

// tokenize gathers the terms of stories, in parallel: one part of the batch per CPU. With
// streams, each story's terms are also kept in order.
func tokenize(stories []story.Story, streams bool, bufs *idBufs) []*batchTerms {
	parts := min(runtime.GOMAXPROCS(0), max(1, len(stories)/64))
	out := make([]*batchTerms, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(stories)/parts, (p+1)*len(stories)/parts
		wg.Go(func() { out[p] = tokenizePart(stories[lo:hi], streams, bufs) })
	}
	wg.Wait()
	return out
}

// tokenizePart gathers the terms of consecutive stories. Each story's term ids are collected
// in reused scratch slices and copied into one flat slice for the part.
func tokenizePart(stories []story.Story, streams bool, bufs *idBufs) *batchTerms {
	b := &batchTerms{docs: make([][]uint32, len(stories)), title: make([][]uint32, len(stories))}
	in := newInterner()
	var last, lastTitle []int // term id → index+1 of the last story that held it (in any field / in the title)
	var doc, title []uint32   // scratch for one story
	var sc terms.Scanner
	size := 0
	for i := range stories {
		size += len(stories[i].Body)
	}
	flat := bufs.take(size/10 + 64*len(stories)) // every story's ids, one after another; most text has a distinct term per 10 bytes or fewer
	if streams {
		b.seq = bufs.take(size/5 + 16*len(stories)) // a term per 6 bytes of text, about
	}
	type span struct{ doc, title [2]int }
	spans := make([]span, len(stories))
	for i := range stories {
		s := &stories[i]
		doc, title = doc[:0], title[:0]
		field := func(text string, inTitle bool) {
			sc.Reset(text)
			for sc.Next() {
				id, added := in.id(sc.Term(), sc.Hash())
				if added {
					last = append(last, 0)
					lastTitle = append(lastTitle, 0)
				}
				if last[id] != i+1 {
					last[id] = i + 1
					doc = append(doc, id)
				}
				if inTitle && lastTitle[id] != i+1 {
					lastTitle[id] = i + 1
					title = append(title, id)
				}
				if streams {
					b.seq = append(b.seq, id)
				}
			}
			if streams {
				b.seq = append(b.seq, fieldBreak)
			}
		}
		start := len(b.seq)
		field(s.Title, true)
		field(s.Body, false)
		for _, t := range s.Tags {
			field(t, false)
		}
		if streams {
			b.spans = append(b.spans, [2]int{start, len(b.seq)})
		}
		spans[i].doc = [2]int{len(flat), len(flat) + len(doc)}
		flat = append(flat, doc...)
		spans[i].title = [2]int{len(flat), len(flat) + len(title)}
		flat = append(flat, title...)
	}
	for i, sp := range spans {
		b.docs[i] = flat[sp.doc[0]:sp.doc[1]:sp.doc[1]]
		b.title[i] = flat[sp.title[0]:sp.title[1]:sp.title[1]]
	}
	b.flat = flat
	b.names = in.names
	return b
}

// merge adds a batch whose stories are docs (ascending), and returns the global id of each of
// the batch's local term ids.
func (v *vocabulary) merge(b *batchTerms, docs []uint32) []uint32 {
	global := make([]uint32, len(b.names))
	for local, name := range b.names {
		id, ok := v.ids[name]
		if !ok {
			id = uint32(len(v.names))
			v.ids[name] = id
			v.names = append(v.names, name)
			v.any = append(v.any, roaring.New())
			v.title = append(v.title, nil)
			v.dirty = true
		}
		global[local] = id
	}
	// Each term's docs (ascending), filed as they are: the bitmaps take them after the load.
	any := v.scratch[0].postings(b.docs, len(b.names), docs)
	title := v.scratch[1].postings(b.title, len(b.names), docs)
	v.more.add(any, title, global, len(v.names))
	v.gen++
	return global
}

// postingsBuf is the scratch memory of postings, reused from one batch to the next.
type postingsBuf struct {
	next []uint32
	out  [][]uint32
}

// postings turns per-story term lists into per-term doc lists, in doc order; story i is
// doc docs[i]. The lists have memory of their own; the slice holding them is valid until the
// next call.
func (p *postingsBuf) postings(perDoc [][]uint32, terms int, docs []uint32) [][]uint32 {
	next := grown(p.next, terms) // first a count per term, then where its next doc goes in flat
	clear(next)
	total := 0
	for _, ids := range perDoc {
		for _, id := range ids {
			next[id]++
		}
		total += len(ids)
	}
	flat := make([]uint32, total) // sliced per term
	out := grown(p.out, terms)
	p.next, p.out = next, out
	off := uint32(0)
	for id, n := range next {
		out[id] = flat[off : off+n : off+n]
		next[id] = off
		off += n
	}
	for i, ids := range perDoc {
		d := docs[i]
		for _, id := range ids {
			flat[next[id]] = d
			next[id]++
		}
	}
	return out
}

// prefixRange returns the ids of the terms that start with prefix. The caller holds the write
// lock or has made sure sorted is valid.
func (v *vocabulary) prefixRange(prefix string) []uint32 {
	lo, _ := slices.BinarySearchFunc(v.sorted, prefix, func(id uint32, p string) int { return strings.Compare(v.names[id], p) })
	hi := lo
	for hi < len(v.sorted) && strings.HasPrefix(v.names[v.sorted[hi]], prefix) {
		hi++
	}
	return v.sorted[lo:hi]
}

// sortIfDirty rebuilds the sorted term list after merges.
func (v *vocabulary) sortIfDirty() {
	if !v.dirty {
		return
	}
	v.sorted = make([]uint32, len(v.names))
	for i := range v.sorted {
		v.sorted[i] = uint32(i)
	}
	slices.SortFunc(v.sorted, func(a, b uint32) int { return strings.Compare(v.names[a], v.names[b]) })
	v.dirty = false
}

// grown returns s with length n, reusing its memory when it is large enough.
func grown[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
