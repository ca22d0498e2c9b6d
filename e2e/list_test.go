package e2e

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// tagIndex returns the row of the tag pane (the text left of "│") that names tag, or -1.
func tagIndex(screen, tag string) int {
	row := regexp.MustCompile(`^[ ▸]+` + regexp.QuoteMeta(tag) + ` +\d`)
	for i, l := range lines(screen) {
		left, _, ok := strings.Cut(l, "│")
		if !ok {
			break
		}
		if row.MatchString(left) {
			return i
		}
	}
	return -1
}

// toTag focuses the tag pane (wide layout) and moves its cursor onto tag.
func (tm *Term) toTag(tag string) {
	tm.t.Helper()
	s := tm.screen()
	i := tagIndex(s, tag)
	if i < 0 {
		tm.t.Fatalf("tag %q not in the tag pane:\n%s", tag, s)
	}
	tm.keys("g")
	for range i {
		tm.keys("j")
	}
}

// shownTitles returns, in screen order, which of titles are on screen.
func shownTitles(screen string, titles []string) []string {
	var out []string
	for _, l := range lines(screen) {
		for _, t := range titles {
			if strings.Contains(l, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

func smallTitles(pred func(fixture) bool) []string {
	var out []string
	for _, f := range small {
		if pred(f) {
			out = append(out, f.title)
		}
	}
	return out
}

func allTitles() []string { return smallTitles(func(fixture) bool { return true }) }

func hasTag(tags ...string) func(fixture) bool {
	return func(f fixture) bool {
		for _, t := range tags {
			if !slices.Contains(f.tags, t) {
				return false
			}
		}
		return true
	}
}

// sameSet reports whether a and b hold the same strings.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// Scenario 2: enter on a tag narrows the list, space on a second tag narrows to both, esc widens.
func TestTagSelection(t *testing.T) {
	t.Parallel()
	dir := smallLibrary(t)
	tm := start(t, opts{args: []string{"--no-state", dir}})
	tm.waitStatus(6, 6)
	tm.keys("Tab")
	tm.toTag("Alpha")
	tm.keys("Enter")
	s := tm.waitStatus(3, 6)
	if !strings.Contains(s, "#Alpha") {
		t.Errorf("status does not name the tag:\n%s", s)
	}
	if got, want := shownTitles(s, allTitles()), smallTitles(hasTag("Alpha")); !sameSet(got, want) {
		t.Errorf("after enter on Alpha: titles %q, want %q\n%s", got, want, s)
	}

	tm.keys("Tab")
	tm.toTag("Bravo")
	tm.keys("Space")
	s = tm.waitStatus(2, 6)
	if !strings.Contains(s, "#Alpha + #Bravo") && !strings.Contains(s, "#Bravo + #Alpha") {
		t.Errorf("status does not name both tags:\n%s", s)
	}
	if got, want := shownTitles(s, allTitles()), smallTitles(hasTag("Alpha", "Bravo")); !sameSet(got, want) {
		t.Errorf("Alpha AND Bravo: titles %q, want %q\n%s", got, want, s)
	}

	tm.keys("Escape")
	s = tm.waitStatus(6, 6)
	if got := shownTitles(s, allTitles()); len(got) != 6 {
		t.Errorf("after esc: titles %q, want all six\n%s", got, s)
	}
}

// search opens the prompt, types q and keeps the search with enter.
func (tm *Term) search(q string) {
	tm.t.Helper()
	tm.keys("/")
	tm.waitText("enter keep search")
	tm.typeText(q)
}

// Scenario 11: the query language in the UI, and list --query giving the same stories in the
// same order.
func TestSearchQueries(t *testing.T) {
	t.Parallel()
	dir := smallLibrary(t)
	state := t.TempDir()
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"#cia OR #putin", []string{"Zebra crossing opens downtown", "Xylophone concert draws crowd", "Walrus spotted near harbor"}},
		{"-putin", []string{"Zebra crossing opens downtown", "Yak herders celebrate festival", "Violin maker retires after decades", "Umbrella sales soar in rainy week"}},
		{`"quiet harbor lights"`, []string{"Walrus spotted near harbor"}},
		{"harb", []string{"Zebra crossing opens downtown", "Walrus spotted near harbor"}},
	} {
		t.Run(c.q, func(t *testing.T) {
			cli := listTitles(t, state, "--query", c.q, dir)
			if !sameSet(cli, c.want) {
				t.Errorf("list --query %q: %q, want %q", c.q, cli, c.want)
			}
			tm := start(t, opts{args: []string{"--no-state", dir}, state: state})
			tm.waitStatus(6, 6)
			tm.search(c.q)
			s := tm.waitStatus(len(c.want), 6)
			tm.keys("Enter")
			s = tm.waitGone("enter keep search")
			if a, _ := status(s); a != len(c.want) {
				t.Errorf("after enter the search is not kept:\n%s", s)
			}
			ui := shownTitles(s, allTitles())
			if !sameSet(ui, c.want) {
				t.Errorf("UI for %q: %q, want %q\n%s", c.q, ui, c.want, s)
			}
			if !slices.Equal(ui, cli) {
				t.Errorf("order differs for %q: UI %q, list --query %q", c.q, ui, cli)
			}
		})
	}
}

var sgrRE = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// Scenario 5: the list narrows as a word is typed, the match is highlighted, a query without
// match shows the empty state, esc clears.
func TestFilterAsYouType(t *testing.T) {
	t.Parallel()
	dir := smallLibrary(t)
	tm := start(t, opts{args: []string{"--no-state", dir}})
	tm.waitStatus(6, 6)
	base := tm.screenE()
	tm.keys("/")
	tm.waitText("enter keep search")
	prev := 6
	word := "Xylophone"
	for i, r := range word {
		tm.typeText(string(r))
		prefix := word[:i+1]
		s := tm.waitText("“" + prefix + "”")
		n, _ := status(s)
		if n > prev || n < 1 {
			t.Errorf("after %q: %d stories shown (before %d)\n%s", prefix, n, prev, s)
		}
		prev = n
	}
	s := tm.waitStatus(1, 6)
	if got := shownTitles(s, allTitles()); !slices.Equal(got, []string{"Xylophone concert draws crowd"}) {
		t.Errorf("after typing %q: titles %q\n%s", word, got, s)
	}
	e := tm.screenE()
	// The highlighted word sits between SGR sequences that the unfiltered row did not have.
	hl := regexp.MustCompile(`\x1b\[[0-9;:]*m` + word + `\x1b\[`)
	if !hl.MatchString(e) {
		t.Errorf("the matched word is not highlighted; row:\n%q", rowOf(e, word))
	}
	if rowOf(e, "concert draws") == rowOf(base, "concert draws") {
		t.Errorf("the row looks the same as before the search:\n%q", rowOf(e, "concert draws"))
	}

	tm.typeText("zzq")
	s = tm.waitText("No story matches")
	if n, _ := status(s); n != 0 {
		t.Errorf("empty state with %d stories in the status:\n%s", n, s)
	}
	tm.keys("Escape")
	s = tm.waitStatus(6, 6)
	if strings.Contains(s, "enter keep search") || strings.Contains(s, "No story matches") {
		t.Errorf("esc did not clear the search:\n%s", s)
	}
}

// rowOf returns the first line of screen holding text (escapes ignored when matching).
func rowOf(screen, text string) string {
	for _, l := range lines(screen) {
		if strings.Contains(sgrRE.ReplaceAllString(l, ""), text) {
			return l
		}
	}
	return ""
}
