// Package bleve measures github.com/blevesearch/bleve/v2 on newsread's synthetic workload, next
// to newsread's own index (newsread/index) built the same way in the same process, to decide
// between a search library and the own index (PERFORMANCE.md, "Search library or own index:
// bleve measured"). It is a separate module so that bleve never enters newsread's go.mod.
//
// Reproduce (from the repo root; the machine has 2 cores, so read medians of -count 3):
//
//	cd compare/bleve
//	go vet ./...
//	go test -run TestAccentFolding -v .
//	go test -run XXX -bench 'Build/.*/n=10000$' -benchtime 1x -count 3 -timeout 60m .
//	go test -run XXX -bench 'Build/.*/n=100000$' -benchtime 1x -count 3 -timeout 60m .
//	go test -run XXX -bench 'Query100k' -benchtime 0.5s -count 3 -timeout 60m .
//	NEWSREAD_BLEVE_N=10000 go test -run XXX -bench 'Query100k/.*/(own|bleve-mem)' -benchtime 0.5s -count 3 .
//	NEWSREAD_BLEVE_NOPOS=1 go test -run XXX -bench 'Build/bleve-scorch/n=10000$' -benchtime 1x -count 3 .
//	go list -m all | wc -l   # modules with bleve; compare with the same command in the root
//
// Engines:
//
//   - "own": newsread/index (index.New + Add per batch), phrases verified by re-parsing the
//     story from the in-memory MapFS (the UI re-reads the file from disk, which is slower);
//   - "bleve-mem": bleve.NewMemOnly, which in bleve v2.6.3 is the legacy upsidedown index on
//     the gtreap in-memory KV store;
//   - "bleve-scorch": bleve's current index type (scorch) kept in memory (path ""): no
//     persister and no merger run, so every batch stays a segment of its own;
//   - "bleve-disk": scorch in a temporary folder (bleve.New), the way bleve is meant to be
//     used: segments persisted and merged in the background (the build's time stops when the
//     last Batch returns; merging may go on, and its CPU after that is not counted).
//
// bleve-mem takes ~50 s for 10,000 stories (gtreap), so it is skipped at 100,000 (its 100k
// figures in PERFORMANCE.md are extrapolated) and its queries run only with
// NEWSREAD_BLEVE_N=10000.
//
// Workload: synth.MapFS(N, seed 1), parsed with story.Parse on GOMAXPROCS workers in batches of
// 1000 stories; each engine indexes title, body and tags as one text field (the own index does
// the same) and tag keys (story.TagKey) as a keyword field. bleve's analyzer is a custom one
// (asciifolding char filter, unicode tokenizer, to_lower): the "standard" analyzer drops
// English stop words (so "the government" would not be a phrase of two words) and does not
// fold accents, while newsread keeps every word and folds case and accents.
//
// Build metrics: ns/op is wall time for parse+index of N stories, cpu-s/op the process's user+
// system CPU (getrusage) over it, MB-live the heap after GC with the index alive minus the heap
// after GC before the build (the MapFS itself is excluded), MB-disk (bleve-disk only) the size
// of the index's files, which it mmaps instead of holding on the heap. "parse" is the parse alone, to
// subtract. Query metrics: ns/op per search, hits the number of matching stories; "count" asks
// bleve for the total only (Size 0), "all" for every hit's ID (Size = hits), both without
// scoring (Score "none"); own searches return every doc in display order and are warm (the
// own index's prefix cache hit; cold numbers are in index/bench_test.go).
package bleve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"newsread/index"
	"newsread/query"
	"newsread/story"
	"newsread/synth"
)

const batchSize = 1000

// corpus is a synthetic library held in memory.
type corpus struct {
	fs    fstest.MapFS
	names []string // Name(i) in story order
}

var (
	corpusMu sync.Mutex
	corpora  = map[int]*corpus{}
)

func corpusOf(n int) *corpus {
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if c, ok := corpora[n]; ok {
		return c
	}
	opt := synth.Options{N: n, Seed: 1}
	c := &corpus{fs: synth.MapFS(opt), names: make([]string, n)}
	for i := range n {
		c.names[i] = synth.Name(i, opt)
	}
	corpora[n] = c
	return c
}

// read parses one story of the corpus again (the own index's phrase check).
func (c *corpus) read(source string) (story.Story, error) {
	f, ok := c.fs[source]
	if !ok {
		return story.Story{}, fmt.Errorf("%s: not in corpus", source)
	}
	s, _, err := story.Parse(source, f.Data)
	return s, err
}

// parse parses stories [lo, hi) on GOMAXPROCS workers, as library.Load does.
func (c *corpus) parse(lo, hi int) []story.Story {
	out := make([]story.Story, hi-lo)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo + w; i < hi; i += workers {
				s, _, err := story.Parse(c.names[i], c.fs[c.names[i]].Data)
				if err != nil {
					panic(fmt.Sprintf("%s: %v", c.names[i], err))
				}
				out[i-lo] = s
			}
		}()
	}
	wg.Wait()
	return out
}

// newMapping is the bleve mapping used by every bleve engine: "text" (title, body and tags,
// analyzed by "fold", with term vectors for phrases) and "tag" (tag keys, keyword).
func newMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer("fold", map[string]any{
		"type":          custom.Name,
		"char_filters":  []string{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		panic(err)
	}
	text := bleve.NewTextFieldMapping()
	text.Analyzer = "fold"
	text.Store = false
	text.IncludeInAll = false
	text.DocValues = false
	// Positions: needed by phrase queries. NEWSREAD_BLEVE_NOPOS=1 turns them off, to measure
	// what they cost (phrase queries then find nothing).
	text.IncludeTermVectors = os.Getenv("NEWSREAD_BLEVE_NOPOS") == ""
	tag := bleve.NewKeywordFieldMapping()
	tag.Store = false
	tag.IncludeInAll = false
	tag.DocValues = false
	tag.IncludeTermVectors = false
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("text", text)
	dm.AddFieldMappingsAt("tag", tag)
	im.DefaultMapping = dm
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	im.DefaultAnalyzer = "fold"
	return im
}

// newBleve opens an empty bleve index; dir, if not "", is a temporary folder to remove after
// closing it.
func newBleve(engine string) (idx bleve.Index, dir string, err error) {
	switch engine {
	case "bleve-mem":
		idx, err = bleve.NewMemOnly(newMapping())
		return idx, "", err
	case "bleve-scorch":
		idx, err = bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
		return idx, "", err
	case "bleve-disk":
		if dir, err = os.MkdirTemp("", "newsread-bleve-"); err != nil {
			return nil, "", err
		}
		if idx, err = bleve.New(dir+"/index", newMapping()); err != nil {
			os.RemoveAll(dir)
			return nil, "", err
		}
		return idx, dir, nil
	}
	return nil, "", fmt.Errorf("unknown engine %q", engine)
}

// doc is what bleve indexes for one story.
func doc(s story.Story) map[string]any {
	keys := make([]string, len(s.Tags))
	for i, t := range s.Tags {
		keys[i] = story.TagKey(t)
	}
	return map[string]any{
		"text": []string{s.Title, s.Body, strings.Join(s.Tags, " ")},
		"tag":  keys,
	}
}

// built is an index of either kind.
type built struct {
	own *index.Index
	blv bleve.Index
	dir string // bleve-disk's temporary folder
}

func (x built) Close() {
	if x.blv != nil {
		x.blv.Close()
	}
	if x.dir != "" {
		os.RemoveAll(x.dir)
	}
}

// build parses and indexes the first n stories of c with engine, batch by batch.
func build(engine string, c *corpus, n int) (built, error) {
	if engine == "own" {
		ix := index.New(c.read)
		for lo := 0; lo < n; lo += batchSize {
			ix.Add(c.parse(lo, min(lo+batchSize, n)))
		}
		return built{own: ix}, nil
	}
	if engine == "parse" {
		for lo := 0; lo < n; lo += batchSize {
			_ = c.parse(lo, min(lo+batchSize, n))
		}
		return built{}, nil
	}
	idx, dir, err := newBleve(engine)
	if err != nil {
		return built{}, err
	}
	x := built{blv: idx, dir: dir}
	for lo := 0; lo < n; lo += batchSize {
		stories := c.parse(lo, min(lo+batchSize, n))
		b := idx.NewBatch()
		for i, s := range stories {
			if err := b.Index(strconv.Itoa(lo+i), doc(s)); err != nil {
				x.Close()
				return built{}, err
			}
		}
		if err := idx.Batch(b); err != nil {
			x.Close()
			return built{}, err
		}
	}
	return x, nil
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

// dirBytes is the total size of the files under dir.
func dirBytes(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func heapAfterGC() uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

var engines = []string{"parse", "own", "bleve-mem", "bleve-scorch", "bleve-disk"}

// tooSlow reports whether engine is skipped at n stories.
func tooSlow(engine string, n int) bool { return engine == "bleve-mem" && n > 20_000 }

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		for _, engine := range engines {
			b.Run(fmt.Sprintf("%s/n=%d", engine, n), func(b *testing.B) {
				if tooSlow(engine, n) {
					b.Skipf("%s: ~5 ms per story, too slow at %d", engine, n)
				}
				c := corpusOf(n)
				var cpu, live, disk float64
				for b.Loop() {
					b.StopTimer()
					before := heapAfterGC()
					cpu0 := cpuSeconds()
					b.StartTimer()
					x, err := build(engine, c, n)
					b.StopTimer()
					cpu += cpuSeconds() - cpu0
					if err != nil {
						b.Fatal(err)
					}
					live = float64(heapAfterGC()) - float64(before)
					if x.dir != "" {
						disk = float64(dirBytes(x.dir))
					}
					runtime.KeepAlive(x)
					x.Close()
					b.StartTimer()
				}
				b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
				b.ReportMetric(live/1e6, "MB-live")
				if disk > 0 {
					b.ReportMetric(disk/1e6, "MB-disk") // bleve-disk: files (mmapped, not heap)
				}
			})
		}
	}
}

// queryN is the size of the library the query benchmarks search; NEWSREAD_BLEVE_N overrides it.
func queryN() int {
	if v, err := strconv.Atoi(os.Getenv("NEWSREAD_BLEVE_N")); err == nil && v > 0 {
		return v
	}
	return 100_000
}

var (
	builtMu sync.Mutex
	builtBy = map[string]built{}
)

func builtFor(b *testing.B, engine string) built {
	b.Helper()
	builtMu.Lock()
	defer builtMu.Unlock()
	if x, ok := builtBy[engine]; ok {
		return x
	}
	start := time.Now()
	x, err := build(engine, corpusOf(queryN()), queryN())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: built %d stories in %v", engine, queryN(), time.Since(start))
	builtBy[engine] = x
	return x
}

type search struct {
	name  string
	own   string              // newsread query syntax
	bleve func() bquery.Query // the closest bleve query
}

func prefix(p string) func() bquery.Query {
	return func() bquery.Query {
		q := bleve.NewPrefixQuery(p)
		q.SetField("text")
		return q
	}
}

func tagQ(key string) bquery.Query {
	q := bleve.NewTermQuery(key)
	q.SetField("tag")
	return q
}

func phrase(p string) func() bquery.Query {
	return func() bquery.Query {
		q := bleve.NewMatchPhraseQuery(p)
		q.SetField("text")
		return q
	}
}

var searches = []search{
	{"prefix1", "s", prefix("s")},
	{"prefix4", "gove", prefix("gove")},
	// The own index treats a word as a prefix (government also finds governments); bleve's
	// MatchQuery is the exact term.
	{"word", "government", func() bquery.Query {
		q := bleve.NewMatchQuery("government")
		q.SetField("text")
		return q
	}},
	{"tag", "#politics", func() bquery.Query { return tagQ("politics") }},
	{"tags2AND", "#politics #economy", func() bquery.Query {
		return bleve.NewConjunctionQuery(tagQ("politics"), tagQ("economy"))
	}},
	{"phraseRare", `"police officials"`, phrase("police officials")},
	{"phraseCommon", `"the government"`, phrase("the government")},
}

func BenchmarkQuery100k(b *testing.B) {
	for _, s := range searches {
		b.Run(s.name+"/own", func(b *testing.B) {
			ix := builtFor(b, "own").own
			f := index.Filter{Query: query.Parse(s.own)}
			var hits int
			for b.Loop() {
				r, err := ix.SearchContext(context.Background(), f)
				if err != nil {
					b.Fatal(err)
				}
				hits = len(r.Docs)
			}
			b.ReportMetric(float64(hits), "hits")
		})
		for _, engine := range []string{"bleve-mem", "bleve-scorch", "bleve-disk"} {
			for _, all := range []bool{false, true} {
				mode := "count"
				if all {
					mode = "all"
				}
				b.Run(s.name+"/"+engine+"/"+mode, func(b *testing.B) {
					if tooSlow(engine, queryN()) {
						b.Skipf("%s: too slow to build at %d", engine, queryN())
					}
					idx := builtFor(b, engine).blv
					size := 0
					if all {
						req := bleve.NewSearchRequestOptions(s.bleve(), 0, 0, false)
						req.Score = "none"
						res, err := idx.Search(req)
						if err != nil {
							b.Fatal(err)
						}
						size = int(res.Total)
					}
					var hits int
					for b.Loop() {
						req := bleve.NewSearchRequestOptions(s.bleve(), size, 0, false)
						req.Score = "none"
						res, err := idx.Search(req)
						if err != nil {
							b.Fatal(err)
						}
						hits = int(res.Total)
						if all && len(res.Hits) != hits {
							b.Fatalf("%d hits returned of %d", len(res.Hits), hits)
						}
					}
					b.ReportMetric(float64(hits), "hits")
				})
			}
		}
	}
}

// TestAccentFolding records what bleve's analyzers make of "Zürich": the standard analyzer
// only lower-cases (and drops English stop words), so "zurich" does not find it; the custom
// analyzer used above adds the asciifolding char filter, as newsread/terms folds accents.
func TestAccentFolding(t *testing.T) {
	m := newMapping()
	tokens := func(analyzer string) []string {
		a := m.AnalyzerNamed(analyzer)
		if a == nil {
			t.Fatalf("no analyzer %q", analyzer)
		}
		var out []string
		for _, tok := range a.Analyze([]byte("Zürich: the Straße to Ærø")) {
			out = append(out, string(tok.Term))
		}
		return out
	}
	std, fold := tokens(standard.Name), tokens("fold")
	t.Logf("standard: %q", std)
	t.Logf("fold:     %q", fold)
	if std[0] != "zürich" {
		t.Errorf("standard analyzer: %q, want zürich (no accent folding)", std[0])
	}
	if fold[0] != "zurich" {
		t.Errorf("fold analyzer: %q, want zurich", fold[0])
	}

	// The same through an index: a prefix query "zur" finds the story only with folding.
	for _, analyzer := range []string{standard.Name, "fold"} {
		im := bleve.NewIndexMapping()
		if err := im.AddCustomAnalyzer("fold", map[string]any{
			"type":          custom.Name,
			"char_filters":  []string{asciifolding.Name},
			"tokenizer":     unicode.Name,
			"token_filters": []string{lowercase.Name},
		}); err != nil {
			t.Fatal(err)
		}
		im.DefaultAnalyzer = analyzer
		idx, err := bleve.NewMemOnly(im)
		if err != nil {
			t.Fatal(err)
		}
		if err := idx.Index("1", map[string]any{"text": "Flooding in Zürich"}); err != nil {
			t.Fatal(err)
		}
		q := bleve.NewPrefixQuery("zur")
		q.SetField("text")
		res, err := idx.Search(bleve.NewSearchRequest(q))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: prefix \"zur\" finds %d of 1", analyzer, res.Total)
		if want := map[string]uint64{standard.Name: 0, "fold": 1}[analyzer]; res.Total != want {
			t.Errorf("%s: prefix zur found %d, want %d", analyzer, res.Total, want)
		}
		idx.Close()
	}
}

// TestMain closes the indexes the query benchmarks built (removing bleve-disk's folder).
func TestMain(m *testing.M) {
	code := m.Run()
	for _, x := range builtBy {
		x.Close()
	}
	os.Exit(code)
}
