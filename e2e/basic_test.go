package e2e

import (
	"fmt"
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
