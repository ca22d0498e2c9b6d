package layout

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"newsread/query"
	"newsread/terms"
)

// Span is a byte range of a text.
type Span struct{ Start, End int }

// Matches returns the spans of the words of text (runs of letters, digits and marks, a
// Chinese or Japanese character each, as package terms splits them) that one of words marks:
// whose folded form starts with its Word, or is it when Whole.
func Matches(text string, words []query.Highlight) []Span {
	if len(words) == 0 {
		return nil
	}
	var spans []Span
	start := -1
	check := func(end int) {
		if start < 0 {
			return
		}
		w := terms.Fold(text[start:end])
		for _, q := range words {
			if q.Whole && w == q.Word || !q.Whole && strings.HasPrefix(w, q.Word) {
				spans = append(spans, Span{start, end})
				break
			}
		}
		start = -1
	}
	alone := false // the word at start is a character that stands alone
	for i, r := range text {
		switch {
		case terms.StandsAlone(r):
			check(i)
			start, alone = i, true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if alone {
				check(i)
				alone = false
			}
			if start < 0 {
				start = i
			}
		case start >= 0 && unicode.IsMark(r):
		default:
			check(i)
			alone = false
		}
	}
	check(len(text))
	return spans
}

// Cells converts byte spans of plain text to cell ranges, as wm measures.
func Cells(wm ansi.Method, text string, spans []Span) []Span {
	out := make([]Span, len(spans))
	for i, s := range spans {
		a := wm.StringWidth(text[:s.Start])
		out[i] = Span{a, a + wm.StringWidth(text[s.Start:s.End])}
	}
	return out
}
