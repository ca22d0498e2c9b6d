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

// LineMatches is Matches for line i of n lines of wrapped text, whose plain text text(j)
// gives; line is line i as shown, which the spans are of. A phrase may run on from the lines
// before it or on to the lines after, over blank ones too (the index reads a story's text as
// one run of words), and is marked on its part of line i.
func LineMatches(line string, i, n int, text func(j int) string, hs []query.Highlight) []Span {
	if len(hs) == 0 {
		return nil
	}
	lw := newLineWords(n, text)
	before, after := lw.beside(i, phraseLength(hs)-1)
	return matches(before, split(line), after, hs)
}

// MatchingLines returns the indexes of the lines that LineMatches finds something in,
// splitting each line once.
func MatchingLines(lines []string, hs []query.Highlight) []int {
	if len(hs) == 0 {
		return nil
	}
	need := phraseLength(hs) - 1
	lw := newLineWords(len(lines), func(j int) string { return lines[j] })
	var out []int
	for i := range lines {
		before, after := lw.beside(i, need)
		if len(matches(before, lw.at(i), after, hs)) > 0 {
			out = append(out, i)
		}
		lw.drop(i - need - besideLines) // behind every later line's reach
	}
	return out
}

// besideLines is how many lines without words (blank, or only rules or symbols) a phrase is
// followed over, besides one line per word it lacks.
const besideLines = 8

// lineWords splits n lines of text on demand, each once while it is kept.
type lineWords struct {
	n     int
	text  func(j int) string
	words map[int][]word // by line, those split and not dropped (MatchingLines drops those behind)
}

func newLineWords(n int, text func(int) string) *lineWords {
	return &lineWords{n: n, text: text, words: map[int][]word{}}
}

func (lw *lineWords) at(j int) []word {
	ws, ok := lw.words[j]
	if !ok {
		ws = split(lw.text(j))
		lw.words[j] = ws
	}
	return ws
}

func (lw *lineWords) drop(j int) { delete(lw.words, j) }

// beside returns the last need words of the lines before line i, in order, and the first need
// words of the lines after it.
func (lw *lineWords) beside(i, need int) (before, after []word) {
	if need <= 0 {
		return nil, nil
	}
	reach := need + besideLines
	var parts [][]word
	for j, got := i-1, 0; j >= 0 && i-j <= reach && got < need; j-- {
		ws := lastWords(lw.at(j), need-got)
		parts, got = append(parts, ws), got+len(ws)
	}
	for k := len(parts) - 1; k >= 0; k-- {
		before = append(before, parts[k]...)
	}
	for j := i + 1; j < lw.n && j-i <= reach && len(after) < need; j++ {
		after = append(after, firstWords(lw.at(j), need-len(after))...)
	}
	return before, after
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
