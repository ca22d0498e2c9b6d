package synth

import "testing"

func BenchmarkScratch(b *testing.B) {
	opt := Options{N: 100000, Seed: 1}
	var buf []byte
	n := 0
	for i := 0; i < b.N; i++ {
		buf, _ = appendStory(buf[:0], i%opt.N, opt)
		n += len(buf)
	}
	b.SetBytes(int64(n / b.N))
}
