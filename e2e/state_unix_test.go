//go:build unix

package e2e

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The reading position is kept when newsread ends without q: its terminal closed (SIGHUP) or
// a kill (SIGTERM).
func TestPositionSavedWhenEndedBySignal(t *testing.T) {
	t.Parallel()
	dir := longLibrary(t)
	for _, sig := range []string{"HUP", "TERM"} {
		t.Run(sig, func(t *testing.T) {
			t.Parallel()
			state := t.TempDir()
			titles := listTitles(t, state, dir)
			open := func(tm *Term) string {
				for i, title := range titles {
					if title == longTitle {
						tm.openAt(i)
					}
				}
				return tm.waitHeader(longTitle)
			}
			tm := start(t, opts{args: []string{dir}, state: state})
			tm.waitStatus(7, 7)
			open(tm)
			pct := tm.scrollTo(45)
			shell := strings.TrimSpace(tm.tmux("display", "-p", "#{pane_pid}"))
			children, err := os.ReadFile("/proc/" + shell + "/task/" + shell + "/children")
			if err != nil {
				t.Skipf("cannot find newsread's process: %v", err)
			}
			pid, err := strconv.Atoi(strings.TrimSpace(string(children)))
			if err != nil {
				t.Fatalf("the pane's shell has children %q", children)
			}
			signal := map[string]syscall.Signal{"HUP": syscall.SIGHUP, "TERM": syscall.SIGTERM}[sig]
			if err := syscall.Kill(pid, signal); err != nil {
				t.Fatal(err)
			}
			tm.waitText("EXIT:")

			tm = start(t, opts{args: []string{dir}, state: state})
			tm.waitStatus(7, 7)
			open(tm)
			s := tm.waitFor("the reading position restored", func(s string) bool { return percent(s) > 0 })
			if p := percent(s); p < pct-10 || p > pct+10 {
				t.Errorf("after SIG%s the long story reopens at %d%%, left at %d%%\n%s", sig, p, pct, s)
			}
		})
	}
}
