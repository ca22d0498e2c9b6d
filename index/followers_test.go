package index

import (
	"context"
	"slices"
	"testing"

	"newsread/query"
)

// TestFollowersAnswerTheNextKey: after `"w ` (the next key likely begins the phrase's next
// word), `"w x` is answered from the followers scanned meanwhile, and finds what a search of
// its own finds, in the same order, title matches first; stories added since the scan are not
// left out.
func TestFollowersAnswerTheNextKey(t *testing.T) {
	_, stories := synthIndex(t, 400)
	build := func(n int) (*Index, *memStreams) {
		streams := &memStreams{}
		ix := New(failingReader)
		ix.SetStreamSink(streams.sink)
		for i := 0; i < n; i += 61 {
			ix.Add(stories[i:min(i+61, n)])
		}
		ix.SetStreams(streams)
		return ix, streams
	}
	typed, _ := build(len(stories))
	fresh, _ := build(len(stories))
	firsts := []string{"the", "of", "police"}
	for i := 0; i < len(stories); i += 80 {
		if w := firstWords(stories[i].Title, 1); len(w) == 1 {
			firsts = append(firsts, w[0])
		}
		if w := firstWords(stories[i].Body, 2); len(w) == 2 {
			firsts = append(firsts, w[0]+" "+w[1])
		}
	}
	answered, found, titles := 0, 0, 0
	// key types q into typed, which its followers may answer, and checks it against fresh.
	key := func(q string) {
		t.Helper()
		parsed := query.Parse(q)
		if _, _, ok := typed.followed(context.Background(), parsed.Root); ok {
			answered++
		}
		got := typed.Search(Filter{Query: parsed})
		fresh.phrases.forget()
		want := fresh.Search(Filter{Query: parsed})
		if !slices.Equal(got.Docs, want.Docs) || got.TitleHits != want.TitleHits {
			t.Fatalf("%q: %d stories (%d by title) typed, %d (%d) from the streams alone", q, len(got.Docs), got.TitleHits, len(want.Docs), want.TitleHits)
		}
		found += len(got.Docs)
		titles += got.TitleHits
	}
	for _, first := range firsts {
		typed.Search(Filter{Query: query.Parse(`"` + first + " ")})
		for _, c := range "abcdefghijklmnopqrstuvwxyz019" {
			key(`"` + first + " " + string(c))
		}
	}
	if answered == 0 || found == 0 || titles == 0 {
		t.Fatalf("followers answered %d searches, finding %d stories, %d by title: the test checks too little", answered, found, titles)
	}

	// A word typed on a character at a time: each key is read from the followers of the one
	// before, scanned meanwhile.
	answered = 0
	for i := 0; i < len(stories); i += 40 {
		w := firstWords(stories[i].Body, 2)
		if len(w) < 2 {
			continue
		}
		typed.Search(Filter{Query: query.Parse(`"` + w[0] + " ")})
		for end := 1; end <= len(w[1]); end++ {
			waitFollowers(typed)
			key(`"` + w[0] + " " + w[1][:end])
		}
	}
	if answered < 20 {
		t.Fatalf("followers answered only %d keys of words typed on", answered)
	}

	// Stories added after the scan: the followers do not tell, and the streams are read.
	loading, _ := build(250)
	loading.Search(Filter{Query: query.Parse(`"the `)})
	q := query.Parse(`"the g`)
	if _, _, ok := loading.followed(context.Background(), q.Root); !ok {
		t.Fatal("the followers of the scanned stories do not tell")
	}
	loading.Add(stories[250:])
	if _, _, ok := loading.followed(context.Background(), q.Root); ok {
		t.Fatal("the followers tell of stories added after their scan")
	}
	fresh.phrases.forget()
	if got, want := loading.Search(Filter{Query: q}), fresh.Search(Filter{Query: q}); !slices.Equal(got.Docs, want.Docs) {
		t.Fatalf("after more stories: %d stories, want %d", len(got.Docs), len(want.Docs))
	}
}

// waitFollowers waits for the scan of ix's followers under way, if any.
func waitFollowers(ix *Index) {
	ix.follow.mu.Lock()
	ready := ix.follow.ready
	ix.follow.mu.Unlock()
	if ready != nil {
		<-ready
	}
}
