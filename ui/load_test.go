package ui

import (
	"runtime/debug"
	"testing"
)

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestLoosenGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	restore := loosenGC()
	if got := gcPercent(); got != loadGCPercent {
		t.Errorf("while loading: GC percent %d, want %d", got, loadGCPercent)
	}
	restore()
	if got := gcPercent(); got != 100 {
		t.Errorf("after the load: GC percent %d, want 100 again", got)
	}
	debug.SetGCPercent(150) // a later change by someone else stays
	restore()
	if got := gcPercent(); got != 150 {
		t.Errorf("a second restore changed the GC percent to %d", got)
	}

	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50)
	loosenGC()()
	if got := gcPercent(); got != 50 {
		t.Errorf("with GOGC set: GC percent %d, want it left at 50", got)
	}
}
