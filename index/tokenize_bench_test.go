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
	opt := synth.Options{N: 2000, Seed: 1}
	stories := make([]story.Story, opt.N)
	size := 0
	for i := range stories {
		s, _, err := story.Parse(synth.Name(i, opt), synth.Story(i, opt))
		if err != nil {
			b.Fatal(err)
		}
		stories[i] = s
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
