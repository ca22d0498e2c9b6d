package layout

import (
	"fmt"
	"newsread/query"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestRowsFillTheWindow(t *testing.T) {
	row := func(i int) string { return Fit(ansi.WcWidth, strings.Repeat("x", i), 4) }
	got := Rows(ansi.WcWidth, 4, 3, 1, 10, row)
	if want := "x   \nxx  \nxxx "; got != want {
		t.Errorf("Rows = %q, want %q", got, want)
	}
	got = Rows(ansi.WcWidth, 4, 3, 0, 1, row)
	if want := "    \n    \n    "; got != want {
		t.Errorf("short list: %q, want %q", got, want)
	}
	if Rows(ansi.WcWidth, 0, 3, 0, 5, row) != "" || Rows(ansi.WcWidth, 4, 0, 0, 5, row) != "" {
		t.Error("an empty window drew something")
	}
}

func TestFitCutsAndPadsByCells(t *testing.T) {
	const (
		family = "\U0001F468\u200d\U0001F469\u200d\U0001F467" // one grapheme; three wide runes
		heart  = "\u2764\ufe0f"                               // a narrow rune made an emoji
	)
	for _, tt := range []struct {
		wm   ansi.Method
		in   string
		w    int
		want string
	}{
		{ansi.WcWidth, "abc", 5, "abc  "},
		{ansi.WcWidth, "abcdef", 4, "abc…"},
		{ansi.WcWidth, "東京都", 5, "東京…"},
		{ansi.WcWidth, "東京", 3, "東…"},
		{ansi.WcWidth, "", 2, "  "},
		{ansi.GraphemeWidth, "東京都", 5, "東京…"},
		// The two measures disagree on emoji sequences: 6 cells or 2, 1 cell or 2.
		{ansi.WcWidth, "a" + family + "b", 9, "a" + family + "b "},
		{ansi.GraphemeWidth, "a" + family + "b", 8, "a" + family + "b    "},
		{ansi.WcWidth, "a" + family + "bc", 8, "a" + family + "…"},
		{ansi.WcWidth, "a" + family + "bc", 7, "a…     "},
		{ansi.GraphemeWidth, "a" + family + "bc", 5, "a" + family + "bc"},
		{ansi.WcWidth, heart + "x", 3, heart + "x "},
		{ansi.GraphemeWidth, heart + "x", 3, heart + "x"},
		// A keycap is one grapheme of 2 cells; x/ansi's Truncate counts its digit alone.
		{ansi.GraphemeWidth, "1\ufe0f\u20e32\ufe0f\u20e33\ufe0f\u20e3 news", 5, "1\ufe0f\u20e32\ufe0f\u20e3…"},
	} {
		got := Fit(tt.wm, tt.in, tt.w)
		if got != tt.want || tt.wm.StringWidth(got) != tt.w {
			t.Errorf("Fit(%v, %q, %d) = %q (%d cells), want %q", tt.wm, tt.in, tt.w, got, tt.wm.StringWidth(got), tt.want)
		}
	}
}

func TestBesideJoinsLineByLine(t *testing.T) {
	family := "\U0001F468\u200d\U0001F469\u200d\U0001F467"
	got := Beside(Fit(ansi.WcWidth, family, 6)+"\n"+Fit(ansi.WcWidth, "ab", 6), "│\n│", "x\ny")
	if want := family + "│x\nab    │y"; got != want {
		t.Errorf("Beside = %q, want %q", got, want)
	}
}

func TestMatches(t *testing.T) {
	word := func(w string) query.Highlight { return query.Highlight{Words: []string{w}} }
	whole := func(w string) query.Highlight { return query.Highlight{Words: []string{w}, Whole: true} }
	phrase := func(ws ...string) query.Highlight { return query.Highlight{Words: ws, Whole: true} }
	for _, tt := range []struct {
		text string
		hs   []query.Highlight
		want string
	}{
		{"Zürich council meets in ZURICH; Petersburg", []query.Highlight{word("zur"), word("peter")}, "Zürich|ZURICH|Petersburg"},
		{"The party: partying, then the Party", []query.Highlight{whole("the"), whole("party")}, "The|party|the|Party"},
		// A phrase is marked where its words come one after another, and only there.
		{"The party: partying, then the Party", []query.Highlight{phrase("the", "party")}, "The party|the Party"},
		{"then the party; the - party", []query.Highlight{phrase("the", "party"), word("then")}, "then|the party|the - party"},
		{"party is over, and the", []query.Highlight{phrase("the", "party")}, ""},
		// Chinese and Japanese characters are words of their own, as the index has them.
		{"東京の天気予報 tokyo天気", []query.Highlight{phrase("天", "気"), word("tok")}, "天気|tokyo天気"}, // spans that touch are one
		{"東京の天気予報", []query.Highlight{phrase("東", "京", "の", "天", "気")}, "東京の天気"},
		// Kana keep their voicing, written whole, decomposed or half-width.
		{"でんき てんき ﾃﾞﾝｷ デンキ て゛んき", []query.Highlight{phrase("で", "ん", "き"), phrase("デ", "ン", "キ")}, "でんき|ﾃﾞﾝｷ|デンキ|て゛んき"},
		// A phrase still being typed: its last word is a prefix.
		{"The party: partying, then the par", []query.Highlight{{Words: []string{"the", "par"}}}, "The party|the par"},
	} {
		var got []string
		for _, s := range Matches(tt.text, tt.hs) {
			got = append(got, tt.text[s.Start:s.End])
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("matches in %q = %q, want %q", tt.text, got, tt.want)
		}
	}
	if c := Cells(ansi.WcWidth, "東京 tokyo", Matches("東京 tokyo", []query.Highlight{word("tok")})); len(c) != 1 || c[0] != (Span{5, 10}) {
		t.Errorf("Cells = %v, want [{5 10}]", c)
	}
}

// TestLineMatches: in wrapped text a phrase is marked where it runs over a line's edge, on
// from the lines before or on to the lines after (over blank ones too: the index reads a
// story's text as one run of words), and only where those lines go on with it.
func TestLineMatches(t *testing.T) {
	phrase := func(ws ...string) []query.Highlight { return []query.Highlight{{Words: ws, Whole: true}} }
	long := phrase("the", "central", "intelligence", "agency", "of", "the", "united", "states", "gave", "the", "russian")
	for _, tt := range []struct {
		lines []string
		i     int
		hs    []query.Highlight
		want  string
	}{
		{[]string{"then the", "party is over, and the", "party again"}, 1, phrase("the", "party"), "party|the"},
		{[]string{"party is over, and the"}, 0, phrase("the", "party"), ""},                   // a story of one line
		{[]string{"the cat", "party is over, and the", "end"}, 1, phrase("the", "party"), ""}, // the lines around go on otherwise
		{[]string{"the party", "is over"}, 0, phrase("the", "party", "is", "over"), "the party"},
		{[]string{"the party", "is", "over now"}, 1, phrase("the", "party", "is", "over"), "is"}, // a line inside the phrase
		{[]string{"the", "partying and then"}, 1, phrase("the", "party"), ""},
		{[]string{"the", "party began"}, 1, []query.Highlight{{Words: []string{"the", "par"}}}, "party"}, // still being typed
		{[]string{"東京の天", "気予報"}, 1, phrase("天", "気"), "気"},
		{[]string{"the", "party and the", "party"}, 1, append(phrase("the", "party"), query.Highlight{Words: []string{"and"}}), "party|and|the"},
		// Over blank lines, as the index reads the text.
		{[]string{"ends with the", "", "  ", "party starts this one"}, 3, phrase("the", "party"), "party"},
		{[]string{"ends with the", "", "party starts this one"}, 0, phrase("the", "party"), "the"},
		// A phrase over three lines and more: each line marks its part.
		{[]string{"a statement the central", "intelligence agency of the united", "states gave the russian"}, 0, long, "the central"},
		{[]string{"a statement the central", "intelligence agency of the united", "states gave the russian"}, 1, long, "intelligence agency of the united"},
		{[]string{"a statement the central", "intelligence agency of the united", "states gave the russian"}, 2, long, "states gave the russian"},
		{[]string{"the central", "intelligence", "agency", "of", "the", "united", "states", "gave", "the", "russian"}, 0, long, "the central"},
	} {
		var got []string
		line := tt.lines[tt.i]
		for _, s := range LineMatches(line, tt.i, len(tt.lines), func(j int) string { return tt.lines[j] }, tt.hs) {
			got = append(got, line[s.Start:s.End])
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("line matches in line %d of %q = %q, want %q", tt.i, tt.lines, got, tt.want)
		}
		if marked := slices.Contains(MatchingLines(tt.lines, tt.hs), tt.i); marked != (tt.want != "") {
			t.Errorf("MatchingLines(%q) holds line %d: %v, want %v", tt.lines, tt.i, marked, !marked)
		}
	}
	lines := []string{"the cat sat", "and the party began", "then the", "party went on", "partying and the", "", "party"}
	if got := MatchingLines(lines, phrase("the", "party")); fmt.Sprint(got) != "[1 2 3 4 6]" {
		t.Errorf("MatchingLines = %v, want [1 2 3 4 6]", got)
	}
}

func TestUnjoinByRunesOnly(t *testing.T) {
	family := "\U0001F468\u200d\U0001F469\u200d\U0001F467"
	in := "a " + family + " \u2764\ufe0f 1\ufe0f\u20e3 b"
	got := Unjoin(ansi.WcWidth, in)
	if want := "a \U0001F468\U0001F469\U0001F467 \u2764 1\u20e3 b"; got != want {
		t.Errorf("Unjoin(WcWidth) = %q, want %q", got, want)
	}
	if ansi.WcWidth.StringWidth(got) != ansi.WcWidth.StringWidth(in) {
		t.Errorf("Unjoin changed the width by runes: %d, not %d", ansi.WcWidth.StringWidth(got), ansi.WcWidth.StringWidth(in))
	}
	if got := Unjoin(ansi.GraphemeWidth, in); got != in {
		t.Errorf("Unjoin(GraphemeWidth) = %q, want it unchanged", got)
	}
	if got := Clip(ansi.WcWidth, in+"\n"+family, 40, 2); got != Unjoin(ansi.WcWidth, in)+"\n"+Unjoin(ansi.WcWidth, family) {
		t.Errorf("Clip = %q, its lines not unjoined", got)
	}
}
