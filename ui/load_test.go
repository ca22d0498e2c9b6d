package ui

import (
	"slices"
	"testing"
)

func TestLoosenGC(t *testing.T) {
	percent := 100
	var calls []int
	set := func(p int) int {
		calls = append(calls, p)
		old := percent
		percent = p
		return old
	}
	restore := loosenGCWith("", set)
	if percent != loadGCPercent {
		t.Errorf("while loading: GC percent %d, want %d", percent, loadGCPercent)
	}
	restore()
	if percent != 100 {
		t.Errorf("after the load: GC percent %d, want 100 again", percent)
	}
	restore()
	if want := []int{loadGCPercent, 100}; !slices.Equal(calls, want) {
		t.Errorf("settings %v, want %v: the second restore must do nothing", calls, want)
	}

	calls = nil
	loosenGCWith("50", set)()
	if len(calls) != 0 {
		t.Errorf("with GOGC set: settings %v, want none", calls)
	}
}
