package index

import (
	"context"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"newsread/query"
	"newsread/story"
	"newsread/terms"
)

// Filter says which stories to show.
type Filter struct {
	Query     query.Query
	Tags      []string        // tag keys; a story must carry all of them
	Read      *roaring.Bitmap // docs marked read, for is:read / is:unread and Unread; nil is none
	Saved     *roaring.Bitmap // docs saved, for is:saved and Saved; nil is none
	Unread    bool            // only unread stories
	SavedOnly bool            // only saved stories
}

// Result is the stories a Filter selects.
type Result struct {
	Docs      []uint32 // in display order: title matches first, then the display order
	TitleHits int      // Docs[:TitleHits] matched a searched word in the title
	Total     int      // stories in the index when the search ran
}

// Search returns the stories that pass f.
func (ix *Index) Search(f Filter) Result {
	r, _ := ix.SearchContext(context.Background(), f)
	return r
}

// SearchContext is Search that gives up when ctx is done. Phrases are checked against the
// stories' text outside the index's locks (reading files), so a slow phrase holds up neither
// loading nor a newer search, which cancels it.
func (ix *Index) SearchContext(ctx context.Context, f Filter) (Result, error) {
	if len(f.Query.Next) > 0 { // the next key likely begins the phrase's next word
		ix.prepareFollowers(f.Query.Next, "")
	}
	phrases, err := ix.checkPhrases(ctx, f.Query.Root)
	if err != nil {
		return Result{}, err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	ix.searchMu.Lock()
	defer ix.searchMu.Unlock()
	ix.vocab.sortIfDirty()
	n := uint32(len(ix.stories))
	e := eval{ix: ix, f: &f, all: roaring.New(), phrases: phrases}
	e.all.AddRange(0, uint64(n))

	set := e.all
	restricted := false
	and := func(b *roaring.Bitmap) {
		if !restricted {
			set, restricted = b.Clone(), true
			return
		}
		set.And(b)
	}
	for _, key := range f.Tags {
		if t := ix.tags[key]; t != nil {
			and(t.docs)
		} else {
			and(roaring.New())
		}
	}
	if f.Unread {
		and(roaring.AndNot(e.all, orEmpty(f.Read)))
	}
	if f.SavedOnly {
		and(orEmpty(f.Saved))
	}
	if f.Query.Root != nil {
		and(e.node(f.Query.Root))
	}
	r := Result{Total: int(n)}
	if !restricted {
		r.Docs = slices.Clone(ix.order)
		return r, nil
	}
	title := e.titleHits(f.Query.Root)
	r.Docs = make([]uint32, 0, set.GetCardinality())
	if title != nil {
		title.And(set)
		r.Docs = inOrder(r.Docs, ix.order, title)
		r.TitleHits = len(r.Docs)
		set.AndNot(title)
	}
	r.Docs = inOrder(r.Docs, ix.order, set)
	return r, nil
}

// inOrder appends the docs of set to out in the order order gives them. The set is made a
// plain bitset first: a roaring Contains per story of the library took 1–2 ms at 100k.
func inOrder(out, order []uint32, set *roaring.Bitmap) []uint32 {
	if !set.IsEmpty() && set.Maximum() >= uint32(len(order)) { // no doc so high: a stale mark, which would size the bitset
		set = set.Clone()
		set.RemoveRange(uint64(len(order)), 1<<32)
	}
	dense := bitset(set.ToDense())
	for _, doc := range order {
		if dense.has(uint64(doc)) {
			out = append(out, doc)
		}
	}
	return out
}

func orEmpty(b *roaring.Bitmap) *roaring.Bitmap {
	if b == nil {
		return roaring.New()
	}
	return b
}

// eval evaluates one search; its bitmaps are fresh and may be modified.
type eval struct {
	ix      *Index
	f       *Filter
	all     *roaring.Bitmap
	phrases map[*query.Node]phraseHits // checked docs of each phrase node
}

// phraseHits are the docs found to hold a phrase.
type phraseHits struct {
	docs   *roaring.Bitmap
	titles *roaring.Bitmap // those of docs whose title holds it
}

func (e *eval) node(n *query.Node) *roaring.Bitmap {
	switch n.Kind {
	case query.Word:
		return e.ix.prefix(n.Word).Clone()
	case query.Phrase:
		if h := e.phrases[n]; h.docs != nil {
			return h.docs.Clone()
		}
		return roaring.New()
	case query.Tag:
		out := roaring.New()
		for _, name := range n.Tags {
			if t := e.ix.tags[story.TagKey(name)]; t != nil {
				out.Or(t.docs)
			}
		}
		return out
	case query.Is:
		switch n.Word {
		case "read":
			return orEmpty(e.f.Read).Clone()
		case "unread":
			return roaring.AndNot(e.all, orEmpty(e.f.Read))
		case "saved":
			return orEmpty(e.f.Saved).Clone()
		}
		return roaring.New()
	case query.Not:
		return roaring.AndNot(e.all, e.node(n.Kids[0]))
	case query.Or:
		out := roaring.New()
		for _, k := range n.Kids {
			out.Or(e.node(k))
		}
		return out
	case query.And:
		var out *roaring.Bitmap
		var nots []*query.Node
		for _, k := range n.Kids {
			if k.Kind == query.Not {
				nots = append(nots, k.Kids[0])
				continue
			}
			if out == nil {
				out = e.node(k)
			} else {
				out.And(e.node(k))
			}
		}
		if out == nil {
			out = e.all.Clone()
		}
		for _, k := range nots {
			out.AndNot(e.node(k))
		}
		return out
	}
	return roaring.New()
}

// prefix returns the docs holding a term that starts with p. Shared: do not modify.
func (ix *Index) prefix(p string) *roaring.Bitmap {
	if b := ix.cache.get(p, ix.vocab.gen); b != nil {
		return b
	}
	b := ix.vocab.prefixDocs(ix.vocab.prefixRange(p), len(ix.stories))
	ix.cache.put(p, ix.vocab.gen, b)
	return b
}

// checkPhrases finds, for every phrase of the query, the docs whose title, body or a tag
// holds its words consecutively. Candidates (docs with all the words, and what the phrase
// typed before found when this one narrows it) are taken under the read lock; their text is
// checked after it is released, on every CPU.
func (ix *Index) checkPhrases(ctx context.Context, root *query.Node) (map[*query.Node]phraseHits, error) {
	var nodes []*query.Node
	root.Walk(func(n *query.Node) {
		if n.Kind == query.Phrase {
			nodes = append(nodes, n)
		}
	})
	if len(nodes) == 0 {
		return nil, nil
	}
	out := make(map[*query.Node]phraseHits, len(nodes))
	for _, n := range nodes {
		if len(n.Words) == 1 { // a quoted word: the docs holding it, nothing to check
			out[n] = ix.wordHits(n.Words[0])
			continue
		}
		if n.Prefix { // the next key likely makes its last word a character longer
			defer ix.prepareFollowers(n.Words[:len(n.Words)-1], n.Words[len(n.Words)-1])
		}
		if h, docs, ok := ix.followed(ctx, n); ok { // its words, then the next one's start and a character
			ix.phrases.keep(n, docs, h.docs)
			out[n] = h
			continue
		}
		c := ix.phraseCandidates(n)
		c.docs = ix.phrases.narrow(n, c.docs)
		found, err := ix.checkText(ctx, n, c)
		if err != nil {
			return nil, err
		}
		ix.phrases.keep(n, len(c.stories), found.docs)
		out[n] = found
	}
	return out, nil
}

// wordHits returns the docs holding the term w in any field, and those holding it in the title.
func (ix *Index) wordHits(w string) phraseHits {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	h := phraseHits{docs: roaring.New(), titles: roaring.New()}
	if id, ok := ix.vocab.ids[w]; ok {
		h.docs.Or(ix.vocab.anyOf(id, len(ix.stories)))
		if t := ix.vocab.titleOf(id, len(ix.stories)); t != nil {
			h.titles.Or(t)
		}
	}
	return h
}

// candidates are the docs that may hold a phrase, and what checking them needs.
type candidates struct {
	docs    []uint32
	stories []story.Story // metadata by doc (the index's own slice: only read)
	pattern []byte        // the phrase as stream bytes (but its last word, when a prefix)
	last    bitset        // when the phrase's last word is a prefix: the ids of the terms it starts; nil otherwise
	streams Streams       // nil: check the text
}

// phraseCandidates returns the docs holding every word of phrase n (a term its last word
// starts, when that is a prefix).
func (ix *Index) phraseCandidates(n *query.Node) candidates {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	words := n.Words
	var cand *roaring.Bitmap
	c := candidates{streams: ix.streams}
	if n.Prefix {
		ix.searchMu.Lock() // prefixRange reads the sorted terms
		ix.vocab.sortIfDirty()
		last := ix.vocab.prefixRange(words[len(words)-1])
		c.last = newBitset(len(ix.vocab.names))
		for _, id := range last {
			c.last.add(id)
		}
		cand = ix.vocab.prefixDocs(last, len(ix.stories)).Clone()
		ix.searchMu.Unlock()
		words = words[:len(words)-1]
	}
	cand, ids, ok := ix.vocab.withAll(cand, words, func(id uint32) *roaring.Bitmap { return ix.vocab.anyOf(id, len(ix.stories)) })
	if !ok {
		return candidates{}
	}
	c.pattern = phrasePattern(ids)
	c.docs = cand.ToArray()
	c.stories = ix.stories // Add only appends, and no doc is rewritten in place: the docs seen here stay as they are
	return c
}

// checkText keeps the candidates whose title, a tag or body holds phrase n, and tells those
// whose title does. Bodies are read as term streams when there are streams, else as text
// through the index's Reader. The work is split over the CPUs, in stretches of consecutive
// docs (their streams lie side by side), and stops when ctx is done.
func (ix *Index) checkText(ctx context.Context, n *query.Node, c candidates) (phraseHits, error) {
	const (
		found = 1 << iota
		inTitleToo
	)
	inStream := func(stream []byte) uint8 {
		var at int
		if c.last != nil {
			at = prefixPhraseAt(stream, c.pattern, c.last)
		} else {
			at = phraseAt(stream, c.pattern)
		}
		switch {
		case at < 0:
			return 0
		case inTitle(stream, at):
			return found | inTitleToo
		}
		return found
	}
	docs, stories := c.docs, c.stories
	keep := make([]uint8, len(docs))
	eachStream(ctx, docs, c.streams, func(i int, stream []byte, ok bool) {
		if ok {
			keep[i] = inStream(stream)
			return
		}
		s := stories[docs[i]]
		switch {
		case textHas(s.Title, n):
			keep[i] = found | inTitleToo
		case tagsHave(s.Tags, n):
			keep[i] = found
		case ix.read != nil:
			if full, err := ix.read(s.Source); err == nil && textHas(full.Body, n) {
				keep[i] = found
			}
		}
	})
	if err := ctx.Err(); err != nil {
		return phraseHits{}, err
	}
	out := phraseHits{docs: roaring.New(), titles: roaring.New()}
	for i, d := range docs {
		if keep[i]&found != 0 {
			out.docs.Add(d)
		}
		if keep[i]&inTitleToo != 0 {
			out.titles.Add(d)
		}
	}
	return out, nil
}

func tagsHave(tags []string, n *query.Node) bool {
	for _, t := range tags {
		if textHas(t, n) {
			return true
		}
	}
	return false
}

// textHas reports whether text's terms hold phrase n: its words consecutively, the last one
// only starting a term when it is a prefix.
func textHas(text string, n *query.Node) bool {
	if !n.Prefix {
		return hasPhrase(text, n.Words)
	}
	ws, k := terms.List(text), len(n.Words)
	for i := 0; i+k <= len(ws); i++ {
		if slices.Equal(ws[i:i+k-1], n.Words[:k-1]) && strings.HasPrefix(ws[i+k-1], n.Words[k-1]) {
			return true
		}
	}
	return false
}

// hasPhrase reports whether text's terms hold words consecutively.
func hasPhrase(text string, words []string) bool {
	matched, found := 0, false
	terms.EachBytes(text, func(w []byte) {
		if found {
			return
		}
		for {
			if string(w) == words[matched] {
				matched++
				if matched == len(words) {
					found = true
				}
				return
			}
			if matched == 0 {
				return
			}
			matched = restart(words, matched)
		}
	})
	return found
}

// restart is how much of words still matches after a mismatch at words[matched] (naive
// fallback: retry from the longest proper suffix that is a prefix).
func restart(words []string, matched int) int {
	for k := matched - 1; k > 0; k-- {
		if slices.Equal(words[matched-k:matched], words[:k]) {
			return k
		}
	}
	return 0
}

// titleHits returns the docs whose title matches a searched positive word (a term starting
// with it) or phrase (its terms consecutively; a quoted word, that term), or nil when the
// query searches none.
func (e *eval) titleHits(root *query.Node) *roaring.Bitmap {
	var out *roaring.Bitmap
	add := func(b *roaring.Bitmap) {
		if out == nil {
			out = roaring.New()
		}
		out.Or(b)
	}
	var walk func(n *query.Node)
	walk = func(n *query.Node) {
		switch n.Kind {
		case query.Word:
			add(e.ix.vocab.titleDocs(e.ix.vocab.prefixRange(n.Word), len(e.ix.stories)))
		case query.Phrase:
			if t := e.phrases[n].titles; t != nil {
				add(t)
			}
		case query.And, query.Or:
			for _, k := range n.Kids {
				walk(k)
			}
		}
	}
	if root != nil {
		walk(root)
	}
	return out
}

// withAll narrows cand (nil: every doc) to the docs that of gives for each of words (nil:
// none), and returns it with the words' term ids; ok is false when a word is no term or in no
// doc. cand may be changed; of's bitmaps are not.
func (v *vocabulary) withAll(cand *roaring.Bitmap, words []string, of func(id uint32) *roaring.Bitmap) (_ *roaring.Bitmap, ids []uint32, ok bool) {
	ids = make([]uint32, 0, len(words))
	for _, w := range words {
		id, known := v.ids[w]
		if !known {
			return nil, nil, false
		}
		docs := of(id)
		if docs == nil {
			return nil, nil, false
		}
		ids = append(ids, id)
		if cand == nil {
			cand = docs.Clone()
		} else {
			cand.And(docs)
		}
	}
	return cand, ids, true
}
