//go:build unix

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// A signal that ends newsread as it starts, before or after Bubble Tea's first frame, leaves
// the shell's screen as it was: the main screen, the cursor shown. newsread draws its first
// frame before Bubble Tea starts, so for a while nobody but newsread knows the terminal is on
// the alternate screen; the signals are sent at every few milliseconds of the start.
func TestSignalAtStartLeavesTheScreen(t *testing.T) {
	t.Parallel()
	for _, sig := range []string{"INT", "TERM", "HUP"} {
		t.Run(sig, func(t *testing.T) {
			t.Parallel()
			for after := time.Millisecond; after <= 45*time.Millisecond; after += time.Millisecond { // timeout takes 0 as no time limit
				tm := start(t, opts{w: 100, h: 30, args: []string{"--no-state"},
					under: []string{"timeout", "--foreground", "-s", sig, fmt.Sprintf("%.3f", after.Seconds())}})
				if !tm.poll(deadline, func(s string) bool { return strings.Contains(s, "EXIT:") }) {
					t.Fatalf("SIG%s %v after the start: newsread did not end; screen:\n%s", sig, after, tm.screen())
				}
				if got := strings.TrimSpace(tm.tmux("display", "-p", "-t", "0", "#{alternate_on} #{cursor_flag}")); got != "0 1" {
					t.Errorf("SIG%s %v after the start: alternate screen, cursor shown = %q, want \"0 1\"; screen:\n%s", sig, after, got, tm.screen())
				}
			}
		})
	}
}

// A resize while newsread starts, before Bubble Tea watches for resizes, is not lost: the
// screen ends up laid out for the new size.
func TestResizeAtStart(t *testing.T) {
	t.Parallel()
	for after := 0 * time.Millisecond; after <= 50*time.Millisecond; after += time.Millisecond {
		tm := start(t, opts{w: 120, h: 40, args: []string{"--no-state"}, held: true})
		tm.keys("Enter")
		time.Sleep(after)
		tm.resize(60, 20)
		tm.waitFor(fmt.Sprintf("the list alone at 60 columns (resized %v after the start)", after), func(s string) bool {
			return strings.Contains(s, "2 / 2 stories") && !strings.Contains(s, "│") && len(lines(s)) <= 20
		})
	}
}
