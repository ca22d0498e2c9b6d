package layout

import (
	"slices"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"newsread/query"
	"newsread/terms"
)

// Span is a byte range of a text.
type Span struct{ Start, End int }

// Matches returns the spans of text that hs mark, in order and apart: each word of text (a
// run of letters, digits and marks, or a Chinese or Japanese character, as package terms
// splits them) whose folded form starts with a highlighted word (is it, when Whole), and each
// run of words that are a highlighted phrase's, one after another, from the first word's start
// to the last one's end.
func Matches(text string, hs []query.Highlight) []Span {
	return matches(text, hs, false)
}

// LineMatches is Matches for a line of wrapped text, where a phrase may go on past either
// end: words at the line's start that end a phrase, and words at its end that begin one, are
// marked too.
func LineMatches(text string, hs []query.Highlight) []Span {
	return matches(text, hs, true)
}

type word struct {
	start, end int
	folded     string
}

func matches(text string, hs []query.Highlight, edges bool) []Span {
	if len(hs) == 0 {
		return nil
	}
	words := split(text)
	var spans []Span
	mark := func(from, to int) { spans = append(spans, Span{words[from].start, words[to].end}) }
	for i, w := range words {
		for _, h := range hs {
			if len(h.Words) == 1 {
				if q := h.Words[0]; h.Whole && w.folded == q || !h.Whole && strings.HasPrefix(w.folded, q) {
					mark(i, i)
				}
				continue
			}
			n, prefix := len(h.Words), !h.Whole // a phrase still being typed: its last word a prefix
			switch {
			case i+n <= len(words) && phraseAt(words[i:i+n], h.Words, prefix):
				mark(i, i+n-1)
			case edges && i+n > len(words) && phraseAt(words[i:], h.Words[:len(words)-i], false):
				mark(i, len(words)-1) // it may go on on the next line
			}
			if edges && i < n-1 && phraseAt(words[:i+1], h.Words[n-1-i:], prefix) {
				mark(0, i) // it may have begun on the line before
			}
		}
	}
	return merge(spans)
}

// phraseAt reports whether the words' folded forms are want (the last one only starting
// with its word, when prefix).
func phraseAt(ws []word, want []string, prefix bool) bool {
	if len(ws) != len(want) || len(ws) == 0 {
		return false
	}
	last := len(ws) - 1
	for k, w := range ws {
		if w.folded != want[k] && !(prefix && k == last && strings.HasPrefix(w.folded, want[k])) {
			return false
		}
	}
	return true
}

// split returns the words of text, as package terms splits them; a word whose folded form
// is several terms is there once for each, with the same span.
func split(text string) []word {
	var words []word
	start := -1
	alone := false // the word at start is a character that stands alone
	end := func(i int) {
		if start >= 0 {
			// Its terms, as the index has them: usually one, but folding can make more.
			for _, t := range terms.List(text[start:i]) {
				words = append(words, word{start, i, t})
			}
		}
		start, alone = -1, false
	}
	for i, r := range text {
		switch {
		case terms.StandsAlone(r):
			end(i)
			start, alone = i, true
		case alone && terms.Attaches(r): // ﾃﾞ: one character
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if alone {
				end(i)
			}
			if start < 0 {
				start = i
			}
		case start >= 0 && unicode.IsMark(r):
		default:
			end(i)
		}
	}
	end(len(text))
	return words
}

// merge sorts spans and joins those that overlap or touch.
func merge(spans []Span) []Span {
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	out := spans[:1]
	for _, s := range spans[1:] {
		if last := &out[len(out)-1]; s.Start <= last.End {
			last.End = max(last.End, s.End)
		} else {
			out = append(out, s)
		}
	}
	return out
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
