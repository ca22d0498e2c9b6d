package library_test

// Benchmarks of loading synthetic libraries from disk (see PERFORMANCE.md):
//
//	go test ./library -run XXX -bench . -benchmem -count 5
//
// The libraries are written by synth.Generate (seed 1, default options) into a temporary
// folder once per size and per test process, and removed when the process ends.

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"newsread/index"
	"newsread/internal/cputime"
	"newsread/library"
	"newsread/synth"
)

type benchLib struct {
	dir   string
	stats synth.Stats
	err   error
}

var (
	benchMu   sync.Mutex
	benchLibs = map[int]*benchLib{}
	benchRoot string
)

// synthLibrary returns the folder of a generated library of n stories, generating it on first
// use within this process.
func synthLibrary(b *testing.B, n int) (string, synth.Stats) {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	l := benchLibs[n]
	if l == nil {
		l = &benchLib{}
		if benchRoot == "" {
			benchRoot, l.err = os.MkdirTemp("", "newsread-bench-")
		}
		if l.err == nil {
			l.dir = fmt.Sprintf("%s/lib%d", benchRoot, n)
			l.stats, l.err = synth.Generate(l.dir, synth.Options{N: n, Seed: 1})
		}
		benchLibs[n] = l
	}
	if l.err != nil {
		b.Fatal(l.err)
	}
	return l.dir, l.stats
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot != "" {
		os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}

var sizes = []int{1_000, 10_000, 100_000}

// peakSampler follows the live heap (objects, not STW) every 2 ms until stopped.
type peakSampler struct {
	stop chan struct{}
	done chan uint64
}

func samplePeak() *peakSampler {
	p := &peakSampler{stop: make(chan struct{}), done: make(chan uint64)}
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-p.stop:
				p.done <- peak
				return
			case <-t.C:
			}
		}
	}()
	return p
}

func (p *peakSampler) Stop() uint64 { close(p.stop); return <-p.done }

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkLoadAll: walk, read and parse every file, keeping the stories with their bodies.
func BenchmarkLoadAll(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			dir, st := synthLibrary(b, n)
			lib, err := library.Paths([]string{dir})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Bytes)
			runtime.GC()
			b.ResetTimer()
			var peak, live uint64
			var cpu time.Duration
			for b.Loop() {
				p := samplePeak()
				c := cputime.Process()
				stories, _ := lib.LoadAll(context.Background())
				cpu += cputime.Process() - c
				peak = max(peak, p.Stop())
				if len(stories) != n {
					b.Fatalf("loaded %d stories, want %d", len(stories), n)
				}
				b.StopTimer()
				live = liveHeap()
				runtime.KeepAlive(stories)
				stories = nil
				runtime.GC()
				b.StartTimer()
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(live)/1e6, "MB-live")
			b.ReportMetric(float64(peak)/1e6, "MB-peak")
		})
	}
}

// BenchmarkLoadIndex: what the UI does at launch, library.Load feeding index.Add batch by
// batch in the emit callback, until the last batch is in the index.
func BenchmarkLoadIndex(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			dir, st := synthLibrary(b, n)
			lib, err := library.Paths([]string{dir})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Bytes)
			runtime.GC()
			b.ResetTimer()
			var peak, live uint64
			var first, cpu time.Duration
			for b.Loop() {
				p := samplePeak()
				c := cputime.Process()
				start := time.Now()
				ix := index.New(lib.Read)
				batches := 0
				lib.Load(context.Background(), func(bt library.Batch) {
					ix.Add(bt.Stories)
					if batches == 0 {
						first += time.Since(start)
					}
					batches++
				})
				ix.Search(index.Filter{}) // searchable: sorts the vocabulary
				cpu += cputime.Process() - c
				peak = max(peak, p.Stop())
				if ix.Len() != n {
					b.Fatalf("indexed %d stories, want %d", ix.Len(), n)
				}
				b.StopTimer()
				live = liveHeap()
				runtime.KeepAlive(ix)
				ix = nil
				runtime.GC()
				b.StartTimer()
			}
			b.ReportMetric(float64(first)/1e6/float64(b.N), "ms-first-batch")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(live)/1e6, "MB-live")
			b.ReportMetric(float64(peak)/1e6, "MB-peak")
		})
	}
}
