package e2e

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const longTitle = "Long story about trains"

// longLibrary is the small library plus a long story of 200 numbered paragraphs.
func longLibrary(t testing.TB) string {
	t.Helper()
	dir := smallLibrary(t)
	writeStory(t, dir, "7-long.txt", longTitle, longParas(200), "Trains", "Weather")
	return dir
}

// header is the story view's first line.
func header(screen string) string {
	return strings.TrimSpace(lines(screen)[0])
}

// waitHeader waits until the story view's header is title and the story is rendered.
func (tm *Term) waitHeader(title string) string {
	tm.t.Helper()
	return tm.waitFor(fmt.Sprintf("story %q open and rendered", title), func(s string) bool {
		return header(s) == title && percent(s) >= 0 && !strings.Contains(s, "rendering…")
	})
}

// openAt moves the list cursor to row i (from the top) and opens the story.
func (tm *Term) openAt(i int) {
	tm.t.Helper()
	tm.keys("g")
	for range i {
		tm.keys("j")
	}
	tm.keys("Enter")
}

var markRE = regexp.MustCompile(`mark(\d{4})`)

// markers returns the paragraph numbers whose marker is on screen.
func markers(screen string) []int {
	var out []int
	for _, m := range markRE.FindAllStringSubmatch(screen, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// scrollTo presses space until the footer shows at least pct.
func (tm *Term) scrollTo(pct int) int {
	tm.t.Helper()
	s := tm.screen()
	for p := percent(s); p < pct; {
		tm.keys("Space")
		s = tm.waitFor(fmt.Sprintf("footer past %d%%", p), func(s string) bool { return percent(s) > p })
		p = percent(s)
	}
	return percent(s)
}

// Scenario 3: open a story, G to the end, n/p between stories, esc back on the same story.
func TestReaderNavigation(t *testing.T) {
	t.Parallel()
	dir := longLibrary(t)
	titles := listTitles(t, t.TempDir(), dir)
	if len(titles) != 7 {
		t.Fatalf("list: %q", titles)
	}
	body := map[string]string{longTitle: "mark0000"}
	for _, f := range small {
		body[f.title] = strings.Join(strings.Fields(f.body[0])[:4], " ")
	}
	tm := start(t, opts{args: []string{"--no-state", dir}})
	tm.waitStatus(7, 7)

	tm.openAt(1)
	tm.waitHeader(titles[1])
	tm.waitText(body[titles[1]])
	tm.keys("n")
	tm.waitHeader(titles[2])
	tm.waitText(body[titles[2]])
	tm.keys("p")
	tm.waitHeader(titles[1])
	tm.keys("Escape")
	s := tm.waitStatus(7, 7)
	tm.keys("Enter")
	s = tm.waitHeader(titles[1])
	tm.keys("Escape")
	s = tm.waitStatus(7, 7)

	// The long story: 0% at the top, G shows the last paragraph and 100%.
	tm.openAt(slices.Index(titles, longTitle))
	s = tm.waitHeader(longTitle)
	if p := percent(s); p != 0 {
		t.Errorf("a story opens at %d%%, want 0%%", p)
	}
	tm.keys("G")
	s = tm.waitFor("100% after G", func(s string) bool { return percent(s) == 100 })
	if !strings.Contains(s, "mark0199") {
		t.Errorf("the last paragraph is not on screen at 100%%:\n%s", s)
	}
	tm.keys("g")
	tm.waitFor("0% after g", func(s string) bool { return percent(s) == 0 })
}

// paragraphsIntact checks that every paragraph shown whole on the screen reads exactly as
// written (no cut words): it returns how many there are, and an error for a broken one.
func paragraphsIntact(screen string) (int, error) {
	ls := lines(screen)
	if len(ls) < 3 { // a capture taken while tmux resizes the pane can hold a single line
		return 0, nil
	}
	var words []string
	for _, l := range ls[1 : len(ls)-2] { // no header, footer, key hint
		words = append(words, strings.Fields(l)...)
	}
	text := strings.Join(words, " ")
	whole := 0
	for _, n := range markers(screen) {
		want := longParas(n + 1)[n]
		start := strings.Index(text, fmt.Sprintf("Paragraph %d begins", n))
		if start < 0 {
			continue
		}
		rest := text[start:]
		end := strings.Index(rest, "phones.")
		if end < 0 {
			continue // runs off the bottom
		}
		if got := rest[:end+len("phones.")]; got != want {
			return whole, fmt.Errorf("paragraph %d reads %q", n, got)
		}
		whole++
	}
	return whole, nil
}

// Scenario 4: resizing while reading reflows the text and keeps the position.
func TestReaderResize(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeStory(t, dir, "long.txt", longTitle, longParas(200), "Trains", "Weather")
	tm := start(t, opts{w: 120, h: 40, args: []string{"--no-state", dir}})
	tm.waitStatus(1, 1)
	tm.keys("Enter")
	tm.waitHeader(longTitle)
	pct := tm.scrollTo(45)
	s := tm.screen()
	before := markers(s)
	wholeBefore, err := paragraphsIntact(s)
	if err != nil || wholeBefore == 0 {
		t.Fatalf("at 120 columns: %d whole paragraphs, %v\n%s", wholeBefore, err, s)
	}
	for _, w := range []int{60, 150} {
		tm.resize(w, 40)
		s = tm.waitFor(fmt.Sprintf("the story reflowed to %d columns", w), func(s string) bool {
			ls := lines(s)
			n, err := paragraphsIntact(s)
			return len(ls) >= 3 && header(s) == longTitle && percent(s) >= 0 &&
				!strings.Contains(s, "rendering…") && n > 0 && err == nil
		})
		for i, l := range lines(s) {
			if n := len([]rune(l)); n > w {
				t.Errorf("at %d columns line %d is %d wide: %q", w, i, n, l)
			}
		}
		whole, _ := paragraphsIntact(s)
		if w == 60 && whole >= wholeBefore {
			t.Errorf("at 60 columns %d whole paragraphs fit, at 120 %d: the text did not reflow\n%s", whole, wholeBefore, s)
		}
		if p := percent(s); p < pct-10 || p > pct+10 {
			t.Errorf("at %d columns the position is %d%%, was %d%%\n%s", w, p, pct, s)
		}
		after := markers(s)
		if len(after) == 0 || after[0] > before[len(before)-1]+2 || after[len(after)-1] < before[0]-2 {
			t.Errorf("at %d columns paragraphs %v show, before %v", w, after, before)
		}
	}
}
