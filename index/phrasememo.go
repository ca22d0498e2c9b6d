package index

import (
	"slices"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"newsread/query"
)

// phraseMemo keeps the newest phrase checked to its end, so that the next one typed after it
// (`"the g`, then `"the go`) checks only the stories the first one found: a phrase that
// narrows another finds nothing the other did not.
type phraseMemo struct {
	mu     sync.Mutex
	words  []string
	prefix bool
	docs   int    // stories in the index when it was checked: later ones were not
	found  bitset // what it found among those
}

// narrow returns the candidates of phrase n that are worth checking: those the memo's phrase
// found when n narrows it, and those added since. docs is changed in place.
func (p *phraseMemo) narrow(n *query.Node, docs []uint32) []uint32 {
	p.mu.Lock()
	found, upTo, ok := p.found, p.docs, narrows(n.Words, n.Prefix, p.words, p.prefix)
	p.mu.Unlock()
	if !ok {
		return docs
	}
	out := docs[:0]
	for _, d := range docs {
		if int(d) >= upTo || found.has(uint64(d)) {
			out = append(out, d)
		}
	}
	return out
}

// keep makes phrase n, checked in stories 0…docs-1, the memo's phrase.
func (p *phraseMemo) keep(n *query.Node, docs int, found *roaring.Bitmap) {
	f := bitset(found.ToDense())
	p.mu.Lock()
	defer p.mu.Unlock()
	p.words, p.prefix, p.docs, p.found = slices.Clone(n.Words), n.Prefix, docs, f
}

// forget empties the memo: the next phrase is checked in full.
func (p *phraseMemo) forget() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.words, p.found = nil, nil
}

// narrows reports whether every place that holds the phrase words (its last word a prefix
// when prefix) also holds the phrase was (its last word a prefix when wasPrefix): the same
// words, the last of was standing for any term it starts when a prefix, and then any others.
func narrows(words []string, prefix bool, was []string, wasPrefix bool) bool {
	if len(was) < 2 || len(words) < len(was) {
		return false
	}
	last := len(was) - 1
	if !slices.Equal(words[:last], was[:last]) {
		return false
	}
	if wasPrefix {
		return strings.HasPrefix(words[last], was[last])
	}
	return words[last] == was[last] && !(prefix && last == len(words)-1)
}
