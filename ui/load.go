package ui

import (
	"context"
	"math"
	"os"
	"runtime/debug"
	"sync"

	tea "charm.land/bubbletea/v2"

	"newsread/library"
	"newsread/loader"
)

// batchMsg is one batch of the library, already in the index.
type batchMsg struct {
	warnings []library.Warning
	found    int
	done     bool
}

// startLoad fills the index in the background (from a snapshot when the library is
// unchanged, else parsing and indexing as it goes) and reports each step with a batchMsg.
func (m Model) startLoad(ctx context.Context) tea.Cmd {
	lib, ix, feed, opt, done := m.lib, m.ix, m.feed, loader.Options{CacheDir: m.opts.CacheDir}, m.loadDone
	go func() {
		defer close(done)
		restoreGC := loosenGC()
		defer restoreGC()
		loader.Fill(ctx, lib, ix, opt, func(p loader.Progress) {
			select {
			case feed <- batchMsg{warnings: p.Warnings, found: p.Found, done: p.Done}:
			case <-ctx.Done():
			}
		})
		restoreGC()
		settleMemory()
	}()
	return waitBatch(ctx, feed)
}

// waitBatch waits for the next batch, or for the end of the program.
func waitBatch(ctx context.Context, feed <-chan batchMsg) tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-feed:
			return msg
		case <-ctx.Done():
			return nil
		}
	}
}

// memoryLimit is a soft limit for the Go heap once a library is loaded: without it the
// collector lets the heap grow to twice what is live (with 100,000 stories, about 170 MB). It
// leaves room above the loaded index (about 85 MB) for rendering a huge story: at 120 MiB the
// collector ran almost without pause then, and keys took 14 ms instead of 0.5. It is not set
// while loading, where it would slow the load by a third.
const memoryLimit = 160 << 20

// settleMemory gives the memory a load churned through back to the system, and from then on
// keeps the heap under memoryLimit (unless GOMEMLIMIT is set).
func settleMemory() {
	debug.FreeOSMemory()
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(memoryLimit)
	}
}

// loadGCPercent is the collector's target while a load runs. A cold load of 100,000 stories
// allocates some 700 MB (file buffers, batches, tokens) to keep 85 MB; at the default of 100
// the collector runs 20 times in it, its write barriers on for most of the load. At 200 the
// load took 0.24 CPU-s and 120 ms less (3.76 → 3.52 CPU-s), for a peak of 340 rather than
// 260 MB while loading and some 6 MB more once settled; 300 saved little more and peaked at
// 400 MB (medians of 4, /tmp/uicpu-style runs in PERFORMANCE.md).
const loadGCPercent = 200

// loosenGC sets loadGCPercent unless GOGC is set, and returns what puts the setting back; the
// second and later calls of that do nothing.
func loosenGC() (restore func()) {
	return loosenGCWith(os.Getenv("GOGC"), debug.SetGCPercent)
}

// loosenGCWith is loosenGC for the value of GOGC and the setter given (tests give their own:
// the collector's setting is the whole process's, and loads of other tests change it).
func loosenGCWith(gogc string, set func(percent int) (old int)) (restore func()) {
	if gogc != "" {
		return func() {}
	}
	old := set(loadGCPercent)
	return sync.OnceFunc(func() { set(old) })
}
