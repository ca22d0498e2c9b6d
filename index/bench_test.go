package index

// Benchmarks of searching a 100,000-story index built from a synthetic library on disk, the
// way the UI builds it (library.Load feeding Add batch by batch); see PERFORMANCE.md:
//
//	go test ./index -run XXX -bench . -benchmem -count 5
//
// "warm" repeats one search, so its prefixes come from the prefix cache (as when a key is
// deleted and typed again); "cold" empties the cache before every search (a new prefix).

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"

	"newsread/library"
	"newsread/query"
	"newsread/story"
	"newsread/synth"
)

const benchN = 100_000

var (
	benchOnce    sync.Once
	benchIx      *Index
	benchLoading *Index // benchIx before its Compact
	benchDir     string
	benchErr     error
)

// benchIndex returns the index of a generated library of benchN stories (seed 1), built once
// per process.
func benchIndex(b *testing.B) *Index {
	b.Helper()
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "newsread-index-bench-")
		if benchErr != nil {
			return
		}
		if _, benchErr = synth.Generate(benchDir, synth.Options{N: benchN, Seed: 1}); benchErr != nil {
			return
		}
		var lib *library.Library
		if lib, benchErr = library.Paths([]string{benchDir}); benchErr != nil {
			return
		}
		// Phrases are checked against term streams, as after a load that kept a snapshot
		// (here they are kept in memory rather than in the snapshot file).
		streams := &memStreams{}
		benchIx = New(lib.Read)
		benchIx.SetStreamSink(streams.sink)
		benchLoading = New(lib.Read)
		lib.Load(context.Background(), func(bt library.Batch) {
			benchIx.Add(bt.Stories)
			benchLoading.Add(bt.Stories)
		})
		benchIx.SetStreams(streams)
		benchLoading.SetStreams(streams)
		benchIx.Compact() // as the loader does once the load is done
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	if benchIx.Len() != benchN {
		b.Fatalf("index holds %d stories, want %d", benchIx.Len(), benchN)
	}
	return benchIx
}

// benchLoadingIndex returns the same index as benchIndex before its Compact: every posting
// still pending, as while a library loads.
func benchLoadingIndex(b *testing.B) *Index {
	benchIndex(b)
	return benchLoading
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

type benchSearch struct {
	name  string
	query string
	tags  []string // tag names, selected as in the tag pane
}

var benchSearches = []benchSearch{
	{name: "all"},
	{name: "prefix1", query: "s"},
	{name: "prefix4", query: "gove"},
	{name: "word", query: "government"},
	{name: "tag", query: "#politics"},
	{name: "tagpane1", tags: []string{"Politics"}},
	{name: "tagpane2AND", tags: []string{"Politics", "Economy"}},
	{name: "tags2AND", query: "#politics #economy"},
	{name: "tagOR", query: "#politics OR #economy"},
	{name: "wordNotTag", query: "police -#politics"},
	{name: "phraseRare", query: `"police officials"`},
	{name: "phraseCommon", query: `"the government"`},
	{name: "phraseTyping", query: `"the gov`}, // a quote still open: the last word a prefix
	{name: "phraseTyping1", query: `"the g`},
	{name: "cjkWord", query: "天気"}, // Chinese and Japanese words are phrases of their characters
}

func (s benchSearch) filter() Filter {
	f := Filter{Query: query.Parse(s.query)}
	for _, t := range s.tags {
		f.Tags = append(f.Tags, story.TagKey(t))
	}
	return f
}

func BenchmarkSearch100k(b *testing.B) {
	benchSearch100k(b, benchIndex(b))
}

// BenchmarkSearchWhileLoading100k: the same searches while the postings are pending, as
// between a load's batches and until its Compact.
func BenchmarkSearchWhileLoading100k(b *testing.B) {
	benchSearch100k(b, benchLoadingIndex(b))
}

func benchSearch100k(b *testing.B, ix *Index) {
	for _, s := range benchSearches {
		f := s.filter()
		for _, cold := range []bool{false, true} {
			name := s.name + "/warm"
			if cold {
				name = s.name + "/cold"
			}
			b.Run(name, func(b *testing.B) {
				var hits int
				for b.Loop() {
					if cold {
						ix.searchMu.Lock()
						ix.cache = prefixCache{}
						ix.searchMu.Unlock()
					}
					ix.phrases.forget() // a phrase's own cost, not narrowed by the same phrase before
					hits = len(ix.Search(f).Docs)
				}
				b.ReportMetric(float64(hits), "hits")
			})
		}
	}
}

func BenchmarkTags100k(b *testing.B) {
	ix := benchIndex(b)
	for b.Loop() {
		_ = ix.Tags()
	}
}

// BenchmarkFilterStep100k is the work of one key press in the "/" prompt as ui.Model.refresh
// does it off the UI goroutine: parse the query, clone the marks, Search, Tags and
// UnreadByTag. Each step types one more letter of "government", so every prefix is new.
func BenchmarkFilterStep100k(b *testing.B) {
	ix := benchIndex(b)
	read, saved := roaring.New(), roaring.New()
	for d := uint32(0); d < benchN; d += 7 {
		read.Add(d) // some stories read, so UnreadByTag has work to do
	}
	const word = "government"
	i := 0
	for b.Loop() {
		q := word[:1+i%len(word)]
		if i%len(word) == 0 {
			ix.searchMu.Lock()
			ix.cache = prefixCache{}
			ix.searchMu.Unlock()
		}
		i++
		r, s := read.Clone(), saved.Clone()
		res := ix.Search(Filter{Query: query.Parse(q), Read: r, Saved: s})
		_ = ix.Tags()
		_ = ix.UnreadByTag(r)
		_ = res
	}
}
