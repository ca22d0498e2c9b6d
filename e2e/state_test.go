package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// listRow returns the story list's part (right of "│") of the row holding title.
func listRow(screen, title string) string {
	for _, l := range lines(screen) {
		if _, right, ok := strings.Cut(l, "│"); ok && strings.Contains(right, title) {
			return right
		}
	}
	return ""
}

var savedRE = regexp.MustCompile(`(?m)^[ ▸]+Saved +(\d+)`)

func savedCount(screen string) string {
	m := savedRE.FindStringSubmatch(screen)
	if m == nil {
		return ""
	}
	return m[1]
}

// quit presses q on the list and waits for a clean exit.
func (tm *Term) quit() {
	tm.t.Helper()
	tm.keys("q")
	s := tm.waitText("EXIT:")
	if !strings.Contains(s, "EXIT:0") {
		tm.t.Fatalf("newsread did not exit cleanly:\n%s", tm.history())
	}
}

// Scenario 10: read and saved marks, and the reading position, survive a restart.
func TestReadingStatePersists(t *testing.T) {
	t.Parallel()
	dir := longLibrary(t)
	state := t.TempDir()
	titles := listTitles(t, state, dir)
	read, saved := titles[0], titles[1]

	tm := start(t, opts{args: []string{dir}, state: state})
	s := tm.waitStatus(7, 7)
	if !strings.HasPrefix(listRow(s, read), "●") {
		t.Fatalf("a new story is not marked unread: %q", listRow(s, read))
	}
	tm.keys("g", "m")
	s = tm.waitFor("the first story marked read", func(s string) bool {
		return !strings.HasPrefix(listRow(s, read), "●")
	})
	tm.keys("j", "s")
	s = tm.waitFor("the second story saved", func(s string) bool {
		return strings.Contains(listRow(s, saved), "★") && savedCount(s) == "1"
	})

	// Reading position: scroll the long story to about half way.
	tm.keys("G")
	for i := 0; ; i++ {
		if i == len(titles) {
			t.Fatalf("%q not in %q", longTitle, titles)
		}
		if titles[i] == longTitle {
			tm.openAt(i)
			break
		}
	}
	tm.waitHeader(longTitle)
	pct := tm.scrollTo(45)
	tm.keys("Escape")
	tm.waitStatus(7, 7)
	tm.quit()

	tm = start(t, opts{args: []string{dir}, state: state})
	s = tm.waitFor("the marks restored", func(s string) bool {
		a, _ := status(s)
		return a == 7 && savedCount(s) == "1"
	})
	if r := listRow(s, read); strings.HasPrefix(r, "●") {
		t.Errorf("after restart the read story is unread again: %q", r)
	}
	if r := listRow(s, saved); !strings.Contains(r, "★") {
		t.Errorf("after restart the saved story has no ★: %q", r)
	}
	if r := listRow(s, titles[2]); !strings.HasPrefix(r, "●") {
		t.Errorf("after restart an untouched story is not unread: %q", r)
	}
	for i, title := range titles {
		if title == longTitle {
			tm.openAt(i)
		}
	}
	s = tm.waitHeader(longTitle)
	s = tm.waitFor("the reading position restored", func(s string) bool { return percent(s) > 0 })
	if p := percent(s); p < pct-10 || p > pct+10 {
		t.Errorf("the long story reopens at %d%%, left at %d%%\n%s", p, pct, s)
	}
}
