package index

import (
	"slices"
	"testing"

	"newsread/query"
)

func TestNarrows(t *testing.T) {
	for _, tt := range []struct {
		now, was string
		want     bool
	}{
		{`"the go`, `"the g`, true},
		{`"the government"`, `"the gov`, true},
		{`"the government s`, `"the gov`, true},
		{`"the government"`, `"the government"`, true}, // the same phrase again
		{`"the g`, `"the go`, false},                   // wider
		{`"the go`, `"the government"`, false},         // a prefix of a whole word is wider
		{`"the government"`, `"the government`, true},
		{`"the government`, `"the government"`, false}, // the quote opened again: "governments" too
		{`"the government party"`, `"the government"`, true},
		{`"a go`, `"the g`, false},
		{`"the"`, `"the"`, false}, // one word: not a checked phrase
	} {
		now, was := query.Parse(tt.now).Root, query.Parse(tt.was).Root
		if got := narrows(now.Words, now.Prefix, was.Words, was.Prefix); got != tt.want {
			t.Errorf("%s after %s: narrows %v, want %v", tt.now, tt.was, got, tt.want)
		}
	}
}

// TestPhraseTypedKeyByKey: a phrase typed a key at a time, each search narrowed by the one
// before, finds what a search of its own finds, also when stories are added between keys.
func TestPhraseTypedKeyByKey(t *testing.T) {
	_, stories := synthIndex(t, 400)
	typed := New(reader(stories))
	fresh := New(reader(stories))
	typed.Add(stories[:250])
	fresh.Add(stories[:250])
	var phrases []string
	for i := 0; i < len(stories); i += 40 {
		if w := firstWords(stories[i].Body, 3); len(w) == 3 {
			phrases = append(phrases, `"`+w[0]+" "+w[1]+" "+w[2]+`"`)
		}
	}
	phrases = append(phrases, `"of the"`, `"the government"`, `"the pol`)
	checked, found := 0, 0
	for _, p := range phrases {
		for end := 2; end <= len(p); end++ {
			if p == `"the government"` && end == len(`"the go`) { // the rest of the library arrives while a common phrase is typed
				typed.Add(stories[250:])
				fresh.Add(stories[250:])
			}
			f := Filter{Query: query.Parse(p[:end])}
			got := typed.Search(f)
			fresh.phrases.forget() // nothing to narrow by
			want := fresh.Search(f)
			if !slices.Equal(got.Docs, want.Docs) || got.TitleHits != want.TitleHits {
				t.Fatalf("%s typed after %s: %d stories (%d by title), want %d (%d)", p[:end], p[:end-1], len(got.Docs), got.TitleHits, len(want.Docs), want.TitleHits)
			}
			checked++
			found += len(got.Docs)
		}
	}
	if found == 0 {
		t.Fatalf("%d searches found nothing: the test checks nothing", checked)
	}
}
