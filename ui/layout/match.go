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
	if len(hs) == 0 {
		return nil
	}
	return matches(nil, split(text), nil, hs)
}

// LineMatches is Matches for a line of wrapped text, between the line before it and the line
// after it ("" where there is none, or a blank line ends the paragraph): a phrase that runs
// over the line's edge, on from the line before or on to the line after, is marked on its
// part of it.
func LineMatches(before, line, after string, hs []query.Highlight) []Span {
	if len(hs) == 0 {
		return nil
	}
	longest := phraseLength(hs)
	return matches(lastWords(split(before), longest-1), split(line), firstWords(split(after), longest-1), hs)
}

// MatchingLines returns the indexes of the lines of wrapped text that LineMatches finds
// something in, splitting each line once.
func MatchingLines(lines []string, hs []query.Highlight) []int {
	if len(hs) == 0 {
		return nil
	}
	longest := phraseLength(hs)
	var out []int
	var prev, cur, next []word
	if len(lines) > 0 {
		next = split(lines[0])
	}
	for i := range lines {
		prev, cur = cur, next
		next = nil
		if i+1 < len(lines) {
			next = split(lines[i+1])
		}
		if len(matches(lastWords(prev, longest-1), cur, firstWords(next, longest-1), hs)) > 0 {
			out = append(out, i)
		}
	}
	return out
}

// phraseLength is the number of words of hs's longest phrase (1 with words only).
func phraseLength(hs []query.Highlight) int {
	n := 1
	for _, h := range hs {
		n = max(n, len(h.Words))
	}
	return n
}

func lastWords(ws []word, n int) []word  { return ws[len(ws)-min(n, len(ws)):] }
func firstWords(ws []word, n int) []word { return ws[:min(n, len(ws))] }

type word struct {
	start, end int
	folded     string
}

// matches marks hs in words, which before and after (words of the lines around, for
// phrases that run over their edges) may continue; the spans are of words' text.
func matches(before, words, after []word, hs []query.Highlight) []Span {
	all := words
	if len(before)+len(after) > 0 {
		all = slices.Concat(before, words, after)
	}
	lo, hi := len(before), len(before)+len(words) // words within all
	var spans []Span
	mark := func(from, to int) { // words all[from..to], the part of them on the line
		if from, to = max(from, lo), min(to, hi-1); from <= to {
			spans = append(spans, Span{all[from].start, all[to].end})
		}
	}
	for i, w := range all {
		for _, h := range hs {
			if len(h.Words) == 1 {
				if q := h.Words[0]; lo <= i && i < hi && (h.Whole && w.folded == q || !h.Whole && strings.HasPrefix(w.folded, q)) {
					mark(i, i)
				}
				continue
			}
			if n := len(h.Words); i+n <= len(all) && phraseAt(all[i:i+n], h.Words, !h.Whole) { // not Whole: a phrase still being typed, its last word a prefix
				mark(i, i+n-1)
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
