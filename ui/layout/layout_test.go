package layout

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestRowsFillTheWindow(t *testing.T) {
	row := func(i int) string { return Fit(strings.Repeat("x", i), 4) }
	got := Rows(4, 3, 1, 10, row)
	if want := "x   \nxx  \nxxx "; got != want {
		t.Errorf("Rows = %q, want %q", got, want)
	}
	got = Rows(4, 3, 0, 1, row)
	if want := "    \n    \n    "; got != want {
		t.Errorf("short list: %q, want %q", got, want)
	}
	if Rows(0, 3, 0, 5, row) != "" || Rows(4, 0, 0, 5, row) != "" {
		t.Error("an empty window drew something")
	}
}

func TestFitCutsAndPadsByCells(t *testing.T) {
	for _, tt := range []struct {
		in   string
		w    int
		want string
	}{
		{"abc", 5, "abc  "},
		{"abcdef", 4, "abc…"},
		{"東京都", 5, "東京…"},
		{"東京", 3, "東…"},
		{"", 2, "  "},
	} {
		got := Fit(tt.in, tt.w)
		if got != tt.want || ansi.StringWidth(got) != tt.w {
			t.Errorf("Fit(%q, %d) = %q (%d cells), want %q", tt.in, tt.w, got, ansi.StringWidth(got), tt.want)
		}
	}
}

func TestMatches(t *testing.T) {
	text := "Zürich council meets in ZURICH; Petersburg"
	spans := Matches(text, []string{"zur", "peter"})
	var got []string
	for _, s := range spans {
		got = append(got, text[s.Start:s.End])
	}
	if strings.Join(got, "|") != "Zürich|ZURICH|Petersburg" {
		t.Errorf("Matches = %q", got)
	}
	if c := Cells("東京 tokyo", Matches("東京 tokyo", []string{"tok"})); len(c) != 1 || c[0] != (Span{5, 10}) {
		t.Errorf("Cells = %v, want [{5 10}]", c)
	}
}
