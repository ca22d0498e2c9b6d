package loader

// Benchmarks of filling an index from a generated library of 100,000 stories (205 MB), the
// way the reader starts (see PERFORMANCE.md):
//
//	go test ./loader -run XXX -bench . -benchtime 5x
//
// "cold" parses and indexes every file and saves a snapshot (with the phrase streams);
// "warm" restores that snapshot after checking every file's size and time; "patch" restores
// it with 100 changed files parsed again (and saves the result); "nocache" is a cold load that
// keeps nothing, as with --no-cache.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"newsread/index"
	"newsread/internal/cputime"
	"newsread/library"
	"newsread/snapshot"
	"newsread/synth"
)

const benchN = 100_000

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

func benchLibrary(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		if benchDir, benchErr = os.MkdirTemp("", "newsread-loader-bench-"); benchErr != nil {
			return
		}
		lib := filepath.Join(benchDir, "lib")
		if _, benchErr = synth.Generate(lib, synth.Options{N: benchN, Seed: 1}); benchErr == nil {
			ageDir(lib)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return filepath.Join(benchDir, "lib")
}

func BenchmarkFill100k(b *testing.B) {
	dir := benchLibrary(b)
	lib, err := library.Paths([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"nocache", "cold", "warm", "patch"} {
		b.Run(mode, func(b *testing.B) {
			cache := filepath.Join(benchDir, "cache-"+mode)
			snap := snapshot.Path(cache, []string{dir})
			var orig []byte
			if mode == "warm" || mode == "patch" {
				fillOnce(b, lib, cache) // the snapshot to restore
				orig, _ = os.ReadFile(snap)
			}
			round := 0
			var cpu, done time.Duration
			for b.Loop() {
				if mode == "cold" {
					os.RemoveAll(cache)
				}
				if mode == "patch" { // 100 files touched since the snapshot was saved
					b.StopTimer()
					os.WriteFile(snap, orig, 0o600)
					round++
					when := time.Now().Add(-time.Hour + time.Duration(round)*time.Second)
					for i := 0; i < benchN; i += benchN / 100 {
						os.Chtimes(filepath.Join(dir, synth.Name(i, synth.Options{N: benchN, Seed: 1})), when, when)
					}
					b.StartTimer()
				}
				dirFor := cache
				if mode == "nocache" {
					dirFor = ""
				}
				c, start := cputime.Process(), time.Now()
				ix := index.New(lib.Read)
				Fill(context.Background(), lib, ix, Options{CacheDir: dirFor}, func(p Progress) {
					if p.Done {
						done += time.Since(start)
						if p.Restored != (mode == "warm" || mode == "patch") || p.Patched != (mode == "patch") {
							b.Fatalf("%s: restored %v", mode, p.Restored)
						}
					}
				})
				ix.Search(index.Filter{}) // searchable: sorts the vocabulary
				cpu += cputime.Process() - c
				if ix.Len() != benchN {
					b.Fatalf("%d stories, want %d", ix.Len(), benchN)
				}
				runtime.GC()
			}
			b.ReportMetric(float64(done)/1e6/float64(b.N), "ms-to-done")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			if mode != "nocache" {
				if info, err := os.Stat(snapshot.Path(cache, []string{dir})); err == nil {
					b.ReportMetric(float64(info.Size())/1e6, "MB-snapshot")
				}
			}
		})
	}
}

func fillOnce(b *testing.B, lib *library.Library, cache string) {
	ix := index.New(lib.Read)
	Fill(context.Background(), lib, ix, Options{CacheDir: cache}, func(Progress) {})
	if _, err := os.Stat(snapshot.Path(cache, lib.Roots())); err != nil {
		b.Fatal(fmt.Errorf("no snapshot to restore: %w", err))
	}
}
