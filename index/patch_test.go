package index

import (
	"fmt"
	"slices"
	"testing"

	"newsread/query"
	"newsread/story"
	"newsread/synth"
)

// streamed builds an index of stories in batches, keeping its streams in memory.
func streamed(t *testing.T, stories []story.Story) (*Index, *memStreams) {
	t.Helper()
	ms := &memStreams{}
	ix := New(failingReader)
	ix.SetStreamSink(ms.sink)
	for i := 0; i < len(stories); i += 53 {
		ix.Add(stories[i:min(i+53, len(stories))])
	}
	ix.SetStreams(ms)
	return ix, ms
}

func TestPatchEqualsAFreshLoad(t *testing.T) {
	opt := synth.Options{N: 500, Seed: 11}
	gen := func(i int) story.Story {
		s, _, err := story.Parse(synth.Name(i, opt), synth.Story(i, opt))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	var before []story.Story
	for i := range 400 {
		before = append(before, gen(i))
	}
	old, oldStreams := streamed(t, before)

	// The library afterwards: some stories gone, some edited, some new ones among them.
	var after []story.Story
	var slots []Slot
	for i, s := range before {
		switch {
		case i%17 == 3: // removed
		case i%23 == 5: // edited: new title and body, same file
			e := s
			e.Title = "Edited " + s.Title
			e.Body = s.Body + "\n\nA quokka paragraph was added."
			e.ID = fmt.Sprintf("e%015d", i)
			after = append(after, e)
			slots = append(slots, Slot{Old: -1, Story: e})
		default:
			after = append(after, s)
			slots = append(slots, Slot{Old: i})
		}
		if i%31 == 7 { // a new file right after this one
			n := gen(400 + i/31)
			after = append(after, n)
			slots = append(slots, Slot{Old: -1, Story: n})
		}
	}

	want, _ := streamed(t, after)
	got := New(failingReader)
	patched := &memStreams{}
	got.SetStreamSink(patched.sink)
	if err := got.Patch(old, oldStreams, slots); err != nil {
		t.Fatal(err)
	}
	got.SetStreams(patched)
	if len(patched.ends) != len(after) {
		t.Fatalf("the patch handed on %d streams for %d stories", len(patched.ends), len(after))
	}
	if !slices.EqualFunc(got.Stories(), want.Stories(), sameMetadata) {
		t.Fatal("stories differ from a fresh load")
	}
	if !slices.Equal(got.Tags(), want.Tags()) {
		t.Errorf("tags differ from a fresh load")
	}
	queries := []string{"", "s", "gove", "government", "quokka", "#politics", "#politics OR #economy",
		"police -#politics", `"the government"`, `"of the"`, `"quokka paragraph"`, `"was added"`, "edited", "zürich OR 東京"}
	for _, w := range firstWords(after[len(after)/2].Body, 3) {
		queries = append(queries, w)
	}
	if ws := firstWords(after[10].Body, 2); len(ws) == 2 {
		queries = append(queries, `"`+ws[0]+" "+ws[1]+`"`)
	}
	for _, qs := range queries {
		f := Filter{Query: query.Parse(qs)}
		a, b := got.Search(f), want.Search(f)
		if !slices.Equal(a.Docs, b.Docs) || a.TitleHits != b.TitleHits || a.Total != b.Total {
			t.Errorf("%q: patched index finds %d (%d in titles), a fresh one %d (%d)", qs, len(a.Docs), a.TitleHits, len(b.Docs), b.TitleHits)
		}
	}
	if r := got.Search(Filter{Query: query.Parse(`"quokka paragraph"`)}); len(r.Docs) == 0 {
		t.Error("the edited stories' new phrase is not found")
	}
	// The patched index survives a round trip like any other.
	if !slices.EqualFunc(roundTrip(t, got).Stories(), want.Stories(), sameMetadata) {
		t.Error("the restored patched index differs")
	}
}

func TestPatchRefusesBadSlots(t *testing.T) {
	old, streams := streamed(t, []story.Story{mk("a", "x", ""), mk("b", "y", ""), mk("c", "z", "")})
	for name, slots := range map[string][]Slot{
		"out of order": {{Old: 1}, {Old: 0}},
		"repeated":     {{Old: 1}, {Old: 1}},
		"beyond":       {{Old: 3}},
	} {
		ix := New(nil)
		if err := ix.Patch(old, streams, slots); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	ix := New(nil)
	ix.SetStreamSink(func(uint32, []byte, []uint32) {})
	if err := ix.Patch(old, nil, []Slot{{Old: 0}}); err == nil {
		t.Error("a patch with a sink but no old streams was accepted")
	}
}
