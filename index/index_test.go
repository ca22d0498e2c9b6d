package index

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"newsread/query"
	"newsread/story"
	"newsread/terms"
)

func mk(title, body string, date string, tags ...string) story.Story {
	s := story.Story{Title: title, Body: body, Tags: tags, Source: title}
	if date != "" {
		s.Date, _ = time.Parse("2006-01-02", date)
	}
	h := fnv.New64a()
	h.Write([]byte(title + "\x00" + body))
	s.ID = fmt.Sprintf("%016x", h.Sum64())
	return s
}

// reader serves bodies from a map, as the library would from files.
func reader(stories []story.Story) Reader {
	bodies := map[string]story.Story{}
	for _, s := range stories {
		bodies[s.Source] = s
	}
	return func(src string) (story.Story, error) { return bodies[src], nil }
}

func titles(ix *Index, docs []uint32) string {
	var out []string
	for _, d := range docs {
		out = append(out, ix.Story(d).Title)
	}
	return strings.Join(out, "|")
}

func TestTagsAndOrder(t *testing.T) {
	stories := []story.Story{
		mk("A", "x", "", "CIA", "Putin"),
		mk("B", "x", "2024-01-02", "cia", "St. Petersburg"),
		mk("C", "x", "", "cia", "st petersburg"),
		mk("D", "x", "2024-05-01", "Trump"),
	}
	ix := New(reader(stories))
	ix.Add(stories[:2])
	ix.Add(stories[2:])
	if got := titles(ix, ix.Search(Filter{}).Docs); got != "D|B|A|C" {
		t.Errorf("display order %q, want dated newest first then doc order", got)
	}
	var tags []string
	for _, tc := range ix.Tags() {
		tags = append(tags, fmt.Sprintf("%s:%d", tc.Name, tc.Count))
	}
	if got := strings.Join(tags, " "); got != "cia:3 St. Petersburg:2 Putin:1 Trump:1" {
		t.Errorf("tags %q", got)
	}
	both := ix.Search(Filter{Tags: []string{story.TagKey("CIA"), story.TagKey("st. petersburg")}})
	if got := titles(ix, both.Docs); got != "B|C" {
		t.Errorf("CIA AND St. Petersburg: %q", got)
	}
	if got := ix.Search(Filter{Tags: []string{"nosuchtag"}}); len(got.Docs) != 0 {
		t.Errorf("unknown tag matched %d", len(got.Docs))
	}
	if doc, n := ix.Lookup(stories[1].ID); n != 1 || ix.Story(doc).Title != "B" {
		t.Errorf("Lookup by id: %d matches", n)
	}
	if doc, n := ix.Lookup(strings.ToUpper(stories[1].ID[:6])); n != 1 || ix.Story(doc).Title != "B" {
		t.Errorf("Lookup by unique prefix, upper case: %d matches", n)
	}
	if _, n := ix.Lookup("abc"); n != 0 {
		t.Errorf("a 3-digit prefix matched %d", n)
	}
}

// Lookup takes a whole id or a prefix of MinIDPrefix characters or more, in any case, and
// says how many ids it fits.
func TestLookup(t *testing.T) {
	ids := []string{"3f2a9c1e00000001", "3f2a9c1e00000002", "3f2b000000000003", "7169bb7d21fe476b"}
	var stories []story.Story
	for i, id := range ids {
		s := mk(fmt.Sprint("story ", i), "text", "")
		s.ID = id
		stories = append(stories, s)
	}
	ix := New(reader(stories))
	ix.Add(stories)
	for _, tc := range []struct {
		id      string
		doc     uint32 // when matches is 1
		matches int
	}{
		{"7169bb7d21fe476b", 3, 1},
		{" 7169BB7D21FE476B\n", 3, 1},
		{"3f2a9c1e00000002", 1, 1},
		{"3f2a9c1e0000000", 0, 2}, // a prefix of two
		{"3f2a", 0, 2},
		{"3f2b", 2, 1},
		{"3F2", 0, 0}, // too short to be a prefix
		{"7169bb7d21fe476b0", 0, 0},
		{"ffff", 0, 0},
		{"", 0, 0},
	} {
		doc, n := ix.Lookup(tc.id)
		if n != tc.matches || n == 1 && doc != tc.doc {
			t.Errorf("Lookup(%q) = doc %d, %d matches; want doc %d, %d matches", tc.id, doc, n, tc.doc, tc.matches)
		}
	}
}

func TestSearchExamples(t *testing.T) {
	stories := []story.Story{
		mk("Zürich bank news", "The council of Zürich met.", "", "Finance"),
		mk("Russia", "Встреча в Петербурге прошла.", "", "Москва"),
		mk("Spies", "The CIA shared information with the FSB.", "", "CIA", "FSB"),
		mk("Sport today", "Putin watched the match. information shared", "", "Sport"),
		mk("Putin speaks", "A long speech.", "", "Putin"),
		mk("でんきの話", "ﾃﾞﾝｷ料金が上がる。", "", "経済"),
		mk("東京の天気", "てんきよほう", "", "天気"),
	}
	ix := New(reader(stories))
	ix.Add(stories)
	read := roaring.BitmapOf(0)
	saved := roaring.BitmapOf(2)
	tests := []struct{ q, want string }{
		{"zurich", "Zürich bank news"},
		{"петербург", "Russia"},
		{"infor", "Spies|Sport today"},
		{`"information with"`, "Spies"},
		{`"shared information"`, "Spies"},
		{`"information shared"`, "Sport today"},
		{"#cia,#fsb", "Spies"},
		{"#sport OR #finance", "Zürich bank news|Sport today"},
		{"putin -#sport", "Putin speaks"},
		{"putin", "Putin speaks|Sport today"}, // title match first
		{"the -(cia OR zurich)", "Sport today"},
		{"is:unread -putin", "Russia|Spies|でんきの話|東京の天気"},
		{"is:saved", "Spies"},
		{"is:read", "Zürich bank news"},
		{"nomatch", ""},
		// Kana keep their voicing: で is not て, whatever is typed after it.
		{"て", "東京の天気"},
		{"で", "でんきの話"},
		{"でんき", "でんきの話"},
		{"デンキ", "でんきの話"},
		{"てんき", "東京の天気"},
		{"天気", "東京の天気"},
		{`#"st petersburg"`, ""},
	}
	for _, tt := range tests {
		r := ix.Search(Filter{Query: query.Parse(tt.q), Read: read, Saved: saved})
		if got := titles(ix, r.Docs); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.q, got, tt.want)
		}
	}
	if r := ix.Search(Filter{Unread: true, Read: read}); len(r.Docs) != 6 {
		t.Errorf("unread only: %d", len(r.Docs))
	}
	if r := ix.Search(Filter{SavedOnly: true, Saved: saved}); titles(ix, r.Docs) != "Spies" {
		t.Errorf("saved only: %q", titles(ix, r.Docs))
	}
	// A mark of a doc the index does not hold (stale) is no result, and costs no bitset of its size.
	stale := roaring.BitmapOf(2, 1<<31)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := ix.Search(Filter{SavedOnly: true, Saved: stale})
	runtime.ReadMemStats(&after)
	if titles(ix, r.Docs) != "Spies" {
		t.Errorf("saved only, with a stale mark: %q", titles(ix, r.Docs))
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("a search with a stale mark allocated %d bytes", grew)
	}
}

// TestSearchMatchesBruteForce checks random queries on a generated library against a direct
// evaluation over the stories' terms.
func TestSearchMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"alpha", "alps", "beta", "bet", "gamma", "zürich", "zurichsee", "петербург", "東京", "cia", "news"}
	tagNames := []string{"CIA", "cia", "St. Petersburg", "Sport", "Zürich", "東京"}
	var stories []story.Story
	for i := range 400 {
		gen := func(n int) string {
			var w []string
			for range n {
				w = append(w, words[rng.IntN(len(words))])
			}
			return strings.Join(w, " ")
		}
		var tags []string
		for range rng.IntN(3) {
			tags = append(tags, tagNames[rng.IntN(len(tagNames))])
		}
		date := ""
		if rng.IntN(4) == 0 {
			date = fmt.Sprintf("2024-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))
		}
		s := mk(fmt.Sprintf("%d %s", i, gen(3)), gen(20), date, tags...)
		s.Tags = dedupeTags(s.Tags)
		stories = append(stories, s)
	}
	// The same stories in five indexes: postings still pending (as during a load), folded into
	// the bitmaps (after Compact), pending on top of folded ones (Adds after Compact), those
	// folded in turn, and the first one encoded and restored.
	addAll := func(ix *Index, from, to int) {
		for i := from; i < to; i += 97 {
			ix.Add(stories[i:min(i+97, to)])
		}
	}
	pending, folded, mixed, refolded := New(reader(stories)), New(reader(stories)), New(reader(stories)), New(reader(stories))
	addAll(pending, 0, len(stories))
	addAll(folded, 0, len(stories))
	folded.Compact()
	addAll(mixed, 0, 250)
	mixed.Compact()
	addAll(mixed, 250, len(stories))
	addAll(refolded, 0, 250)
	refolded.Compact()
	addAll(refolded, 250, len(stories))
	refolded.Compact()
	encoded, err := pending.Encode() // a snapshot of postings still pending
	if err != nil {
		t.Fatal(err)
	}
	restored := New(reader(stories))
	if err := restored.Restore(encoded); err != nil {
		t.Fatal(err)
	}
	read := roaring.New()
	for i := range 400 {
		if i%3 == 0 {
			read.Add(uint32(i))
		}
	}
	atoms := []string{"al", "alpha", "bet", `"bet"`, "zurich", "петер", "東京", `"alpha beta"`, `"beta bet"`, `"alpha be*"`, `"bet a*"`, `"zurich z*"`, "#cia", `#"st petersburg"`, "#sport,#zürich", "is:unread", "news"}
	for range 300 {
		var parts []string
		for range 1 + rng.IntN(3) {
			a := atoms[rng.IntN(len(atoms))]
			switch rng.IntN(5) {
			case 0:
				a = "-" + a
			case 1:
				a = "(" + a + " OR " + atoms[rng.IntN(len(atoms))] + ")"
			}
			parts = append(parts, a)
		}
		qs := strings.Join(parts, " ")
		q := query.Parse(qs)
		got := pending.Search(Filter{Query: q, Read: read}).Docs
		var want []uint32
		for _, doc := range pending.Search(Filter{}).Docs {
			if brute(q.Root, stories[doc], read.Contains(doc)) {
				want = append(want, doc)
			}
		}
		gotSorted := slices.Clone(got)
		slices.Sort(gotSorted)
		wantSorted := slices.Clone(want)
		slices.Sort(wantSorted)
		if !slices.Equal(gotSorted, wantSorted) {
			t.Fatalf("%s: got %d docs, want %d", qs, len(got), len(want))
		}
		// In order: those whose title matches a searched word or phrase first.
		var first, rest []uint32
		for _, doc := range want {
			if q.Root != nil && bruteTitle(q.Root, stories[doc].Title) {
				first = append(first, doc)
			} else {
				rest = append(rest, doc)
			}
		}
		if ordered := append(first, rest...); !slices.Equal(got, ordered) {
			t.Fatalf("%s: got the order %v, want %v (%d title matches first)", qs, got, ordered, len(first))
		}
		for name, ix := range map[string]*Index{"folded": folded, "mixed": mixed, "refolded": refolded, "restored": restored} {
			if other := ix.Search(Filter{Query: q, Read: read}).Docs; !slices.Equal(other, got) {
				t.Fatalf("%s: %s index gives %v, pending postings %v", qs, name, other, got)
			}
		}
	}
}

func dedupeTags(tags []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range tags {
		if k := story.TagKey(t); !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}

func brute(n *query.Node, s story.Story, read bool) bool {
	if n == nil {
		return true
	}
	fields := append([]string{s.Title, s.Body}, s.Tags...)
	switch n.Kind {
	case query.Word:
		for _, f := range fields {
			for _, w := range terms.List(f) {
				if strings.HasPrefix(w, n.Word) {
					return true
				}
			}
		}
		return false
	case query.Phrase:
		k := len(n.Words)
		for _, f := range fields {
			ws := terms.List(f)
			for i := 0; i+k <= len(ws); i++ {
				if slices.Equal(ws[i:i+k-1], n.Words[:k-1]) && (ws[i+k-1] == n.Words[k-1] || n.Prefix && strings.HasPrefix(ws[i+k-1], n.Words[k-1])) {
					return true
				}
			}
		}
		return false
	case query.Tag:
		for _, name := range n.Tags {
			for _, t := range s.Tags {
				if story.TagKey(t) == story.TagKey(name) {
					return true
				}
			}
		}
		return false
	case query.Is:
		return n.Word == "unread" && !read || n.Word == "read" && read
	case query.Not:
		return !brute(n.Kids[0], s, read)
	case query.And:
		for _, k := range n.Kids {
			if !brute(k, s, read) {
				return false
			}
		}
		return true
	case query.Or:
		for _, k := range n.Kids {
			if brute(k, s, read) {
				return true
			}
		}
		return false
	}
	return false
}

// bruteTitle reports whether title matches one of n's positive words or phrases.
func bruteTitle(n *query.Node, title string) bool {
	switch n.Kind {
	case query.Word, query.Phrase:
		return brute(n, story.Story{Title: title}, false)
	case query.And, query.Or:
		for _, k := range n.Kids {
			if bruteTitle(k, title) {
				return true
			}
		}
	}
	return false
}

func TestHasPhrase(t *testing.T) {
	for _, tt := range []struct {
		text  string
		words []string
		want  bool
	}{
		{"a a b", []string{"a", "b"}, true},
		{"a b a b c", []string{"a", "b", "c"}, true},
		{"a a a b", []string{"a", "a", "b"}, true},
		{"a b", []string{"b", "a"}, false},
		{"a x b", []string{"a", "b"}, false},
	} {
		if got := hasPhrase(tt.text, tt.words); got != tt.want {
			t.Errorf("hasPhrase(%q, %q) = %v", tt.text, tt.words, got)
		}
	}
}

// TestCompactWhileSearching: Compact copies under the read lock, so searches run alongside
// it (go test -race sees any write to what they read) and find what they found before.
func TestCompactWhileSearching(t *testing.T) {
	var stories []story.Story
	for i := range 300 {
		stories = append(stories, mk(fmt.Sprintf("Story %d", i), fmt.Sprintf("zebra w%d w%d", i%7, i%11), "", fmt.Sprintf("tag%d", i%5)))
	}
	ix := New(reader(stories))
	ix.Reserve(len(stories))
	ix.Add(stories[:100])
	ix.Add(stories[100:])
	want := titles(ix, ix.Search(Filter{Query: query.Parse("w3 OR #tag2")}).Docs)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if got := titles(ix, ix.Search(Filter{Query: query.Parse("w3 OR #tag2")}).Docs); got != want {
					t.Errorf("during Compact: %q, want %q", got, want)
					return
				}
			}
		})
	}
	ix.Compact()
	close(done)
	wg.Wait()
	if got := titles(ix, ix.Search(Filter{Query: query.Parse("w3 OR #tag2")}).Docs); got != want {
		t.Errorf("after Compact: %q, want %q", got, want)
	}
}

// TestCompactAfterAdd: stories added while Compact makes its copies are not lost to the swap.
func TestCompactAfterAdd(t *testing.T) {
	stories := []story.Story{mk("Alpha", "zebra", "", "a"), mk("Beta", "yak", "", "b")}
	ix := New(reader(stories))
	ix.Add(stories[:1])
	defer func() { compactCopied = nil }()
	compactCopied = func() { ix.Add(stories[1:]) }
	ix.Compact()
	for q, want := range map[string]string{"yak": "Beta", "#b": "Beta", "zebra": "Alpha"} {
		if got := titles(ix, ix.Search(Filter{Query: query.Parse(q)}).Docs); got != want {
			t.Errorf("%s after an Add during Compact: %q, want %q", q, got, want)
		}
	}
}

func TestCompactKeepsResults(t *testing.T) {
	stories := []story.Story{mk("Alpha news", "zebra one", "", "CIA"), mk("Beta", "zebra two", "2024-01-01", "cia"), mk("Gamma", "three", "", "FSB")}
	ix := New(reader(stories))
	ix.Add(stories)
	queries := []string{"zebra", "#cia", "alpha OR three", "-zebra"}
	var before []string
	for _, q := range queries {
		before = append(before, titles(ix, ix.Search(Filter{Query: query.Parse(q)}).Docs))
	}
	ix.Compact()
	for i, q := range queries {
		if got := titles(ix, ix.Search(Filter{Query: query.Parse(q)}).Docs); got != before[i] {
			t.Errorf("%s after Compact: %q, before %q", q, got, before[i])
		}
	}
	ix.Add([]story.Story{mk("Delta zebra", "x", "", "CIA")})
	if got := titles(ix, ix.Search(Filter{Query: query.Parse("zebra")}).Docs); got != "Delta zebra|Beta|Alpha news" {
		t.Errorf("Add after Compact: %q", got)
	}
}

// TestTokenBuffersReusedUntilCompact: a batch's id slices serve the next batch, and none of
// them outlives the load (Compact drops them).
func TestTokenBuffersReusedUntilCompact(t *testing.T) {
	stories := []story.Story{mk("Alpha", "one two", "", "a"), mk("Beta", "three", "", "b")}
	ix := New(reader(stories))
	ix.Add(stories[:1])
	if len(ix.bufs.free) == 0 {
		t.Fatal("no id slices kept after a batch")
	}
	kept := &ix.bufs.free[0][:1][0]
	ix.Add(stories[1:])
	if len(ix.bufs.free) != 1 || &ix.bufs.free[0][:1][0] != kept {
		t.Errorf("after the second batch %d id slices are kept; want the first batch's one, used again", len(ix.bufs.free))
	}
	ix.Compact()
	if len(ix.bufs.free) != 0 {
		t.Errorf("%d id slices kept after Compact", len(ix.bufs.free))
	}
}

// TestCompactRareAndCommonTerms: Compact builds a term in few docs doc by doc and one in many
// from a dense block of bits; both keep exactly their docs, as searched before it.
func TestCompactRareAndCommonTerms(t *testing.T) {
	const n = 3000
	var stories []story.Story
	want := map[string][]uint32{}
	for i := range n {
		words := []string{"common"}
		if i%10 == 0 {
			words = append(words, "tenth")
		}
		if i == n-1 {
			words = append(words, "rare")
		}
		for _, w := range words {
			want[w] = append(want[w], uint32(i))
		}
		stories = append(stories, mk(fmt.Sprintf("story %d", i), strings.Join(words, " "), ""))
	}
	ix := New(reader(stories))
	for i := 0; i < n; i += 500 {
		ix.Add(stories[i:min(i+500, n)])
	}
	check := func(when string) {
		for w, docs := range want {
			got := slices.Clone(ix.Search(Filter{Query: query.Parse(w)}).Docs)
			slices.Sort(got)
			if !slices.Equal(got, docs) {
				t.Errorf("%s: %q finds %d docs, want %d", when, w, len(got), len(docs))
			}
		}
	}
	check("before Compact")
	ix.Compact()
	if ix.vocab.more.any != nil || ix.vocab.more.title != nil {
		t.Fatal("after Compact postings are still pending")
	}
	check("after Compact")
}
