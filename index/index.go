// Package index holds the loaded stories' metadata and answers questions about them fast: tags
// with counts, the stories carrying a set of tags, and query-language searches over titles,
// bodies and tags, in a stable display order. It grows while a library loads and is safe for
// concurrent readers; it encodes itself for a cache, and can be patched from an older index.
// It never reads files itself: phrase checks read the caller's term Streams, or the story text
// through the caller's Reader. It never imports UI code.
package index

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"newsread/internal/pages"
	"newsread/story"
)

// Reader returns a whole story (with its body) again, from its Source.
type Reader func(source string) (story.Story, error)

// Index is the searchable set of stories. Documents are numbered 0, 1, 2… in load order.
type Index struct {
	read Reader

	mu      sync.RWMutex
	stories []story.Story // by doc number; bodies dropped
	order   []uint32      // every doc in display order: dated newest first, then undated, by doc
	tags    map[string]*tagEntry
	tagList []TagCount // by count, descending, then name; rebuilt on Add
	vocab   vocabulary

	bufs    *idBufs    // for tokenising the next batch; emptied by Compact
	sink    StreamSink // receives the stories' term streams; nil for none
	streams Streams    // phrase checks read term streams from it; nil: the text, through read

	searchMu sync.Mutex // held by Search, inside mu's read lock: guards vocab.sorted and cache
	cache    prefixCache
	phrases  phraseMemo
	follow   followers
}

// tagEntry is one tag: its documents and how often each spelling was used.
type tagEntry struct {
	key       string
	docs      *roaring.Bitmap
	spellings map[string]int
	first     string // the first spelling seen, which wins ties
}

// TagCount is a tag as shown to people.
type TagCount struct {
	Key   string // story.TagKey of the tag
	Name  string // its most common spelling
	Count int
}

// New returns an empty index; read is used to check phrases against story text.
func New(read Reader) *Index {
	return &Index{read: read, tags: map[string]*tagEntry{}, vocab: newVocabulary(), bufs: &idBufs{}}
}

// Len is the number of stories indexed.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.stories)
}

// Story returns the metadata of doc (its Body is empty).
func (ix *Index) Story(doc uint32) story.Story {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.stories[doc]
}

// Stories returns the metadata of every doc, by doc number. The slice is shared: do not modify.
func (ix *Index) Stories() []story.Story {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.stories[:len(ix.stories):len(ix.stories)]
}

// MinIDPrefix is the fewest characters of a story id that Lookup takes as a prefix.
const MinIDPrefix = 4

// Lookup finds the story whose id is id, or starts with it (MinIDPrefix characters at least),
// in any case. matches is how many ids it fits: the doc is meaningful only when it is 1. It
// reads every story's id (1 ms at 100,000): only `newsread read` asks, once, and a map kept
// for it cost every load 100,000 insertions.
func (ix *Index) Lookup(id string) (doc uint32, matches int) {
	id = strings.ToLower(strings.TrimSpace(id))
	if id == "" {
		return 0, 0
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for d, s := range ix.stories {
		switch {
		case s.ID == id: // ids are unique (the loader drops repeats) and of one length: none other starts so
			return uint32(d), 1
		case len(id) >= MinIDPrefix && strings.HasPrefix(s.ID, id):
			doc, matches = uint32(d), matches+1
		}
	}
	return doc, matches
}

// Tags returns every tag with its count, most used first.
func (ix *Index) Tags() []TagCount {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.tagList
}

// TagKeyOf returns the key of the tag spelled name, if any story carries it.
func (ix *Index) TagKeyOf(name string) (string, bool) {
	key := story.TagKey(name)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	_, ok := ix.tags[key]
	return key, ok
}

// Add indexes stories as the next documents. Their bodies are read for terms and then dropped.
// With a stream sink, Add must be called from one goroutine at a time, so that the sink sees
// the docs in order.
func (ix *Index) Add(stories []story.Story) {
	if len(stories) == 0 {
		return
	}
	ix.mu.RLock()
	sink, bufs := ix.sink, ix.bufs
	ix.mu.RUnlock()
	parts := tokenize(stories, sink != nil, bufs)
	base, globals := ix.add(stories, parts)
	if sink != nil {
		sendStreams(sink, base, parts, globals, bufs)
	}
	for _, b := range parts {
		b.release(bufs)
	}
}

// add puts tokenised stories in the index and returns their first doc and, per part, the
// global ids of its local terms.
func (ix *Index) add(stories []story.Story, parts []*batchTerms) (uint32, [][]uint32) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	base := uint32(len(ix.stories))
	ix.reserve(len(stories))
	for i := range stories {
		s := stories[i]
		s.Body = ""
		doc := base + uint32(i)
		ix.stories = append(ix.stories, s)
		for _, t := range s.Tags {
			ix.addTag(t, doc)
		}
	}
	docs := make([]uint32, len(stories))
	for i := range docs {
		docs[i] = base + uint32(i)
	}
	globals := make([][]uint32, len(parts))
	for i, b := range parts {
		globals[i] = ix.vocab.merge(b, docs[:len(b.docs)])
		docs = docs[len(b.docs):]
	}
	ix.reorder(base)
	ix.rebuildTagList()
	return base, globals
}

// Reserve makes room for total stories in all, so that a load that knows how many files it
// found grows the story table once or twice rather than copying it at every batch.
func (ix *Index) Reserve(total int) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.reserve(total - len(ix.stories))
}

// reserve makes room for n more stories, at least doubling the table when it grows (append
// grows a large slice by a quarter: 80 MB copied to fill a table of 16 MB).
func (ix *Index) reserve(n int) {
	if n <= cap(ix.stories)-len(ix.stories) {
		return
	}
	// Its pages written to before the copy and the appends read them.
	grown := pages.Make[story.Story](len(ix.stories), max(2*cap(ix.stories), len(ix.stories)+n))
	copy(grown, ix.stories)
	ix.stories = grown
}

func (ix *Index) addTag(name string, doc uint32) {
	key := story.TagKey(name)
	e := ix.tags[key]
	if e == nil {
		e = &tagEntry{key: key, docs: roaring.New(), spellings: map[string]int{}, first: name}
		ix.tags[key] = e
	}
	e.docs.Add(doc)
	e.spellings[name]++
}

func (ix *Index) rebuildTagList() {
	list := make([]TagCount, 0, len(ix.tags))
	for _, e := range ix.tags {
		list = append(list, TagCount{Key: e.key, Name: e.name(), Count: int(e.docs.GetCardinality())})
	}
	slices.SortFunc(list, func(a, b TagCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Key, b.Key)
	})
	ix.tagList = list
}

// name is the most common spelling; the first one seen wins a tie with it, else the
// alphabetically first.
func (e *tagEntry) name() string {
	name, best := e.first, e.spellings[e.first]
	for s, n := range e.spellings {
		if n > best || n == best && name != e.first && s < name {
			name, best = s, n
		}
	}
	return name
}

// reorder extends the display order with the docs from base on: the new docs are sorted
// among themselves and merged in, so a batch costs O(n), not a sort of everything.
func (ix *Index) reorder(base uint32) {
	fresh := make([]uint32, 0, len(ix.stories)-int(base))
	for doc := base; doc < uint32(len(ix.stories)); doc++ {
		fresh = append(fresh, doc)
	}
	slices.SortStableFunc(fresh, ix.compareDocs)
	if len(ix.order) == 0 || ix.compareDocs(ix.order[len(ix.order)-1], fresh[0]) <= 0 {
		ix.order = append(ix.order, fresh...)
		return
	}
	merged := make([]uint32, 0, len(ix.order)+len(fresh))
	i, j := 0, 0
	for i < len(ix.order) && j < len(fresh) {
		if ix.compareDocs(fresh[j], ix.order[i]) < 0 {
			merged = append(merged, fresh[j])
			j++
		} else {
			merged = append(merged, ix.order[i])
			i++
		}
	}
	merged = append(merged, ix.order[i:]...)
	ix.order = append(merged, fresh[j:]...)
}

// compareDocs orders dated docs newest first, then undated ones, each by doc number.
func (ix *Index) compareDocs(a, b uint32) int {
	da, db := ix.stories[a].Date, ix.stories[b].Date
	switch {
	case da.Equal(db):
		return int(a) - int(b)
	case da.IsZero():
		return 1
	case db.IsZero():
		return -1
	case da.After(db):
		return -1
	}
	return 1
}

// UnreadByTag returns, for each tag key, how many of its stories are not in read.
func (ix *Index) UnreadByTag(read *roaring.Bitmap) map[string]int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make(map[string]int, len(ix.tags))
	for k, e := range ix.tags {
		n := e.docs.GetCardinality()
		if read != nil {
			n -= e.docs.AndCardinality(read)
		}
		out[k] = int(n)
	}
	return out
}

// Compact folds the postings merged while loading into the terms' bitmaps (until then searches
// read them beside the bitmaps, a little slower) and trims the memory the index grew with:
// postings get their tightest containers and no spare capacity, and the story slice at most a
// sixteenth spare (Reserve sized it from the files found, some of which may hold no story).
// Call it once a load is done. The trimmed copies are made under the read lock, on all CPUs
// but one, so searches go on meanwhile and see the same results; only the swap takes the write
// lock. Stories added while the copies are made leave the index as it was (unfolded,
// uncompacted, and whole).
func (ix *Index) Compact() {
	ix.mu.RLock()
	gen := ix.vocab.gen
	entries := make([]*tagEntry, 0, len(ix.tags))
	tagDocs := make([]*roaring.Bitmap, 0, len(ix.tags))
	for _, e := range ix.tags {
		entries, tagDocs = append(entries, e), append(tagDocs, e.docs)
	}
	any, title := ix.vocab.folded(len(ix.stories))
	tagDocs = compactAll(tagDocs)
	ix.mu.RUnlock()
	if compactCopied != nil {
		compactCopied()
	}

	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.vocab.gen != gen || len(ix.vocab.any) != len(any) { // stories came in meanwhile
		return
	}
	ix.vocab.any, ix.vocab.title, ix.vocab.more = any, title, pending{}
	for i, e := range entries {
		e.docs = tagDocs[i]
	}
	if spare := cap(ix.stories) - len(ix.stories); spare > len(ix.stories)/16 {
		ix.stories = slices.Clone(ix.stories)
	}
	ix.order = slices.Clip(ix.order)
	ix.vocab.scratch = [2]postingsBuf{}
	ix.bufs = &idBufs{}
	ix.vocab.gen++ // cached prefix unions point at the old bitmaps
}

// compactCopied, when a test sets it, runs between Compact's copies and its swap.
var compactCopied func()

// compactAll returns the tightest copy of each bitmap (nil stays nil), without changing them.
func compactAll(bs []*roaring.Bitmap) []*roaring.Bitmap {
	out := make([]*roaring.Bitmap, len(bs))
	parts := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			for i := p; i < len(bs); i += parts { // interleaved: frequent terms come first
				if bs[i] == nil {
					continue
				}
				c := bs[i].Clone()
				if c.RunOptimize(); c.HasRunCompression() {
					c = c.Clone() // run containers are built with room to spare
				}
				out[i] = c
			}
		})
	}
	wg.Wait()
	return out
}
