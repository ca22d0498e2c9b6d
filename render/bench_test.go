package render

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"charm.land/glamour/v2"
)

// Benchmarks: go test -run '^$' -bench . -benchmem ./render/
// The 6.5 MB ones take seconds an operation; -benchtime=1x runs each once.

var (
	story2K  = sync.OnceValue(func() string { return genStory(1, 2<<10, false) })
	story40K = sync.OnceValue(func() string { return genStory(2, 40<<10, false) })
	story6M  = sync.OnceValue(func() string { return genStory(3, 6500<<10, false) })
)

func benchRender(b *testing.B, md string) {
	b.SetBytes(int64(len(md)))
	for b.Loop() {
		if _, err := Render(md, 80, "dark"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender2KB(b *testing.B)  { benchRender(b, story2K()) }
func BenchmarkRender40KB(b *testing.B) { benchRender(b, story40K()) }

// BenchmarkRender2KBNewRenderer builds a glamour renderer for every render, as Render would
// without its pool.
func BenchmarkRender2KBNewRenderer(b *testing.B) {
	md := story2K()
	b.SetBytes(int64(len(md)))
	for b.Loop() {
		r, err := newRenderer(80, "dark")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.Render(md); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRenderer is what a renderer costs to build; the pool saves it.
func BenchmarkNewRenderer(b *testing.B) {
	for b.Loop() {
		if _, err := newRenderer(80, "dark"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstChunk6MB is the time from sending a Service.Cmd for a 6.5 MB story to its
// first Msg, the first screens.
func BenchmarkFirstChunk6MB(b *testing.B) {
	md := story6M()
	s := NewService(nil)
	i := 0
	for b.Loop() {
		i++
		req := Request{ID: fmt.Sprint(i), Markdown: md, Width: 80, Style: "dark", Seq: uint64(i)}
		m := s.Cmd(req)().(Msg)
		if m.Done || m.Content == "" {
			b.Fatal("first Msg is Done or empty")
		}
		s.Cancel(req.Seq)
		m.Next()()
	}
}

// BenchmarkFull6MBRender is one glamour call over the whole 6.5 MB story.
func BenchmarkFull6MBRender(b *testing.B) {
	md := story6M()
	b.SetBytes(int64(len(md)))
	for b.Loop() {
		out, err := Render(md, 80, "dark")
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(out))/float64(len(md)), "out/in")
	}
}

// BenchmarkFull6MBProgressive is the whole Cmd chain for the 6.5 MB story: first Msg, then
// Next until Done, chunks rendered on all cores.
func BenchmarkFull6MBProgressive(b *testing.B) {
	md := story6M()
	b.SetBytes(int64(len(md)))
	s := NewService(NewCache(1))
	i := 0
	for b.Loop() {
		i++
		req := Request{ID: fmt.Sprint(i), Markdown: md, Width: 80, Style: "dark", Seq: uint64(i)}
		start := time.Now()
		var m Msg
		msgs := 0
		for cmd := s.Cmd(req); cmd != nil; cmd = m.Next() {
			m = cmd().(Msg)
			msgs++
			if msgs == 1 {
				b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "ms-first")
			}
		}
		if m.Err != nil {
			b.Fatal(m.Err)
		}
		b.ReportMetric(float64(msgs), "msgs")
	}
}

// BenchmarkCancelMidStep cancels the 6.5 MB story 20 ms into its third step (512 KB in
// MaxChunkBytes chunks on two cores): ms-to-stop is how long that step still runs (the chunks
// being rendered finish), ms-step how long it takes uncanceled.
func BenchmarkCancelMidStep(b *testing.B) {
	md := story6M()
	s := NewService(NewCache(1))
	i := 0
	for b.Loop() {
		for _, cancel := range []bool{false, true} {
			i++
			req := Request{ID: fmt.Sprint(i), Markdown: md, Width: 80, Style: "dark", Seq: uint64(i)}
			m := s.Cmd(req)().(Msg)
			m = m.Next()().(Msg)
			done := make(chan Msg)
			start := time.Now()
			go func() { done <- m.Next()().(Msg) }()
			if !cancel {
				<-done
				b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-step")
				s.Cancel(req.Seq)
				continue
			}
			time.Sleep(20 * time.Millisecond)
			stop := time.Now()
			s.Cancel(req.Seq)
			<-done
			b.ReportMetric(float64(time.Since(stop).Milliseconds()), "ms-to-stop")
		}
	}
}

// BenchmarkSplit6MB cuts the whole 6.5 MB story (the Service cuts as it goes).
func BenchmarkSplit6MB(b *testing.B) {
	md := story6M()
	b.SetBytes(int64(len(md)))
	for b.Loop() {
		b.ReportMetric(float64(len(Split(md, MaxChunkBytes))), "chunks")
	}
}

// BenchmarkCacheHit is a Service.Cmd answered from the cache.
func BenchmarkCacheHit(b *testing.B) {
	s := NewService(nil)
	req := Request{ID: "x", Markdown: story40K(), Width: 80, Style: "dark", Seq: 1}
	var m Msg
	for cmd := s.Cmd(req); cmd != nil; cmd = m.Next() {
		m = cmd().(Msg)
	}
	for b.Loop() {
		if m := s.Cmd(req)().(Msg); !m.Done {
			b.Fatal("not a hit")
		}
	}
}

// BenchmarkGlamourDirect is glamour with WithStandardStyle and nothing else, for comparison.
func BenchmarkGlamourDirect2KB(b *testing.B) {
	md := story2K()
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle("dark"), glamour.WithWordWrap(80))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(md)))
	for b.Loop() {
		if _, err := r.Render(md); err != nil {
			b.Fatal(err)
		}
	}
}
