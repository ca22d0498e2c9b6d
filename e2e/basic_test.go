package e2e

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const seedTitle = "Putin thanks Trump for CIA’s help in preventing terrorist attacks in St. Petersburg"

var seedTags = []string{"Putin", "Trump", "St. Petersburg", "CIA"}

// Scenario 1: the built-in stories at two sizes: the seed title (or its start) and its tags.
func TestLaunchShowsSeed(t *testing.T) {
	t.Parallel()
	for _, sz := range []struct{ w, h int }{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			tm := start(t, opts{w: sz.w, h: sz.h, args: []string{"--no-state"}})
			s := tm.waitText("Putin thanks Trump", "2 / 2 stories")
			if sz.w >= 100 {
				for _, tag := range seedTags {
					if !strings.Contains(s, tag) {
						t.Errorf("tag %q not on screen:\n%s", tag, s)
					}
				}
				return
			}
			// Narrow: one pane; the tags are in the tag pane after tab.
			if strings.Contains(s, "│") && strings.Contains(s, "Saved") {
				t.Errorf("at %d columns both panes show:\n%s", sz.w, s)
			}
			tm.keys("Tab")
			s = tm.waitText("Saved", "All")
			for _, tag := range seedTags {
				if !strings.Contains(s, tag) {
					t.Errorf("tag %q not in the tag pane after tab:\n%s", tag, s)
				}
			}
		})
	}
}

// The first frame is drawn before Bubble Tea starts (ui/firstpaint.go): the stories are in
// the terminal's output before Bubble Tea's own first frame, which turns the mouse on.
func TestFirstFrameBeforeBubbleTea(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "output")
	tm := start(t, opts{args: []string{"--no-state"}, record: out})
	tm.waitText("Putin thanks Trump", "2 / 2 stories")
	tm.waitFor("Bubble Tea's first frame in the output", func(string) bool {
		raw, _ := os.ReadFile(out)
		return bytes.Contains(raw, []byte(mouseOn))
	})
	raw, _ := os.ReadFile(out)
	early, bubbleTea := bytes.Index(raw, []byte("Putin thanks Trump")), bytes.Index(raw, []byte(mouseOn))
	if early < 0 || early > bubbleTea {
		t.Errorf("the stories are not in the output before Bubble Tea's first frame (at byte %d, Bubble Tea's at %d):\n%q", early, bubbleTea, raw[:min(len(raw), 600)])
	}
	tm.keys("q")
	if s := tm.waitText("EXIT:"); !strings.Contains(s, "EXIT:0") {
		t.Errorf("exit status is not 0:\n%s", s)
	}
}

// mouseOn is what Bubble Tea writes to turn on mouse reports (cell motion), in its first frame.
const mouseOn = "\x1b[?1002h"

// garbage is what leaks when the terminal's replies to queries are not read: OSC 11 colour
// replies, DECRQM / DA replies.
var garbage = regexp.MustCompile(`11;rgb|\]11;|\[\?[0-9;]*[a-zA-Z$]|\^\[|\x1b`)

// Scenario 6: q quits cleanly and leaves no stray terminal replies on the shell line.
func TestQuitClean(t *testing.T) {
	t.Parallel()
	tm := start(t, opts{w: 100, h: 30, args: []string{"--no-state"}})
	tm.waitText("Putin thanks Trump")
	tm.keys("q")
	s := tm.waitText("EXIT:")
	if !strings.Contains(s, "EXIT:0") {
		t.Errorf("exit status is not 0:\n%s", s)
	}
	if g := garbage.FindString(s); g != "" {
		t.Errorf("stray terminal reply %q on screen after quit:\n%s", g, s)
	}
	for _, l := range lines(s) {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "EXIT:") {
			t.Errorf("unexpected text after quit: %q", l)
		}
	}
}
