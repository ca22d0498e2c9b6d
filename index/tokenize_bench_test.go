package index

import (
	"testing"

	"newsread/story"
	"newsread/synth"
)

// BenchmarkTokenize gathers the terms (with streams) of 2,000 generated stories per op on one
// goroutine, the per-CPU step of every batch a load adds; MB/s is of story text.
func BenchmarkTokenize(b *testing.B) {
	benchmarkTokenize(b, true)
}

// BenchmarkTokenizeNoStreams is BenchmarkTokenize as a load without a cache runs it.
func BenchmarkTokenizeNoStreams(b *testing.B) {
	benchmarkTokenize(b, false)
}

func benchmarkTokenize(b *testing.B, streams bool) {
	stories := parsedStories(b, 2000)
	size := 0
	for _, s := range stories {
		size += len(s.Title) + len(s.Body)
		for _, t := range s.Tags {
			size += len(t)
		}
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		tokenizePart(stories, streams, nil)
	}
}

// parsedStories returns the first n stories of the generated library (seed 1), parsed.
func parsedStories(b *testing.B, n int) []story.Story {
	opt := synth.Options{N: n, Seed: 1}
	stories := make([]story.Story, n)
	for i := range stories {
		s, _, err := story.Parse(synth.Name(i, opt), synth.Story(i, opt))
		if err != nil {
			b.Fatal(err)
		}
		stories[i] = s
	}
	return stories
}

// BenchmarkEncodeStreams writes the term streams of 2,000 tokenised stories per op, as a load
// that keeps a snapshot does for every batch part; global ids up to 156,000 (three-byte
// uvarints, as in a library of 100,000 stories).
func BenchmarkEncodeStreams(b *testing.B) {
	part := tokenizePart(parsedStories(b, 2000), true, nil)
	global := make([]uint32, len(part.names))
	for i := range global {
		global[i] = uint32(i * 37)
	}
	for b.Loop() {
		encodeStreams(part, global, nil, nil)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(part.seq)), "ns/term")
}

// BenchmarkPostings turns the per-story term lists of 4,096 tokenised stories (a batch part at
// the end of a load) into per-term doc lists, as every merge does; ns/posting is per (term,
// story) pair.
func BenchmarkPostings(b *testing.B) {
	part := tokenizePart(parsedStories(b, 4096), false, nil)
	docs := make([]uint32, len(part.docs))
	for i := range docs {
		docs[i] = uint32(50_000 + i)
	}
	pairs := 0
	for _, ids := range part.docs {
		pairs += len(ids)
	}
	var p postingsBuf
	for b.Loop() {
		p.postings(part.docs, len(part.names), docs)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pairs), "ns/posting")
}
