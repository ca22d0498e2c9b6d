package story

import (
	"strings"
	"testing"

	"newsread/synth"
)

// BenchmarkParse parses 2,000 generated stories (seed 1, 5% markdown) per op; MB/s is of
// story text, the figure to compare with the other stages of a load (see PERFORMANCE.md).
func BenchmarkParse(b *testing.B) {
	benchmarkParse(b, synth.Options{N: 2000, Seed: 1})
}

// BenchmarkParseMarkdown is BenchmarkParse with every story markdown with front matter.
func BenchmarkParseMarkdown(b *testing.B) {
	benchmarkParse(b, synth.Options{N: 2000, Seed: 1, Markdown: 1})
}

func benchmarkParse(b *testing.B, opt synth.Options) {
	names := make([]string, opt.N)
	files := make([]string, opt.N)
	size := 0
	for i := range files {
		names[i] = synth.Name(i, opt)
		files[i] = string(synth.Story(i, opt))
		size += len(files[i])
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for i, f := range files {
			if _, _, err := ParseString(names[i], f); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCleanCheck is the check every story's text goes through before it is sanitised,
// on plain ASCII and on text with a curly quote or a dash every 17 bytes (0xe2, the lead byte
// they share with the bidirectional controls, has each of its places looked at).
func BenchmarkCleanCheck(b *testing.B) {
	for _, tt := range []struct{ name, line string }{
		{"ascii", "The minister said it's fine and left the room. Then more text."},
		{"quotes", "The minister said it\u2019s \u201cfine\u201d \u2014 and left the room. "},
	} {
		b.Run(tt.name, func(b *testing.B) {
			s := strings.Repeat(tt.line, 20000)
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				if hasControls(s) {
					b.Fatal("dirty")
				}
			}
		})
	}
}
