// Package layout sizes text to exact cell counts and finds searched words in text, for the
// panes to draw with. It measures cells the way it is told (ansi.WcWidth or
// ansi.GraphemeWidth: the two disagree on emoji sequences such as 👩‍💻 or ❤️), which must be
// the way Bubble Tea's renderer and the terminal measure them; it never styles or stores
// anything.
package layout

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Fit cuts s to w cells with "…" and pads it with spaces to exactly w cells, as wm measures.
func Fit(wm ansi.Method, s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = Truncate(wm, s, w, "…")
	if n := wm.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// Truncate cuts s to w cells as wm measures, ending it with tail when it cuts. It works
// around two faults of x/ansi v0.11.9's Truncate: it returns s whole when s fits by grapheme
// width, even with wm = ansi.WcWidth (a 👨‍👩‍👧 is 2 cells that way, 6 by wcwidth), so s is
// padded past w, which takes that shortcut away, and the cut drops the padding; and by
// graphemes it counts a keycap's digit and its U+FE0F U+20E3 apart (1 cell, then 0), so a cut
// can end a cell wider than w, and is made shorter until it fits.
func Truncate(wm ansi.Method, s string, w int, tail string) string {
	if wm.StringWidth(s) <= w {
		return s
	}
	padded := s + strings.Repeat(" ", w+1)
	out := wm.Truncate(padded, w, tail)
	for n := w - 1; n >= 0 && wm.StringWidth(out) > w; n-- {
		out = wm.Truncate(padded, n, tail)
	}
	return out
}

// Unjoin removes from s, when wm counts rune by rune, the characters that ask a terminal to
// draw several as one: zero-width joiners (U+200D) and emoji presentation selectors (U+FE0F).
// Terminals differ on honouring them (tmux 3.3 draws 👨‍👩‍👧 in 2 cells, others in 6, and
// Bubble Tea's renderer counts 6); without them every terminal draws the cells counted, the
// family as its three people and ❤️ as ❤. Both are 0 cells by rune, so no width changes.
func Unjoin(wm ansi.Method, s string) string {
	if wm != ansi.WcWidth || !strings.Contains(s, "\u200d") && !strings.Contains(s, "\ufe0f") {
		return s
	}
	return unjoiner.Replace(s)
}

var unjoiner = strings.NewReplacer("\u200d", "", "\ufe0f", "")

// Clip cuts every line of s to w cells and keeps at most h lines, padding to h lines, drawn
// the same by every terminal (Unjoin).
func Clip(wm ansi.Method, s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = Truncate(wm, Unjoin(wm, l), w, "")
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Rows draws rows from..n-1 of a list, one a line, as many as fit in h lines, and pads the
// rest with blank lines of w cells: exactly w × h cells when every row is w wide.
func Rows(wm ansi.Method, w, h, from, n int, row func(i int) string) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := make([]string, 0, h)
	for i := from; i < n && len(lines) < h; i++ {
		lines = append(lines, row(i))
	}
	for len(lines) < h {
		lines = append(lines, Fit(wm, "", w))
	}
	return strings.Join(lines, "\n")
}

// Beside puts blocks of lines side by side, line by line; every block must have as many lines
// as the others, each already the block's width (as Fit and Rows make them). Unlike lipgloss.JoinHorizontal it measures
// nothing, so a line that the measures disagree on cannot widen a whole block.
func Beside(blocks ...string) string {
	cols := make([][]string, len(blocks))
	n := 0
	for i, b := range blocks {
		cols[i] = strings.Split(b, "\n")
		n = max(n, len(cols[i]))
	}
	lines := make([]string, n)
	for i := range lines {
		var b strings.Builder
		for _, c := range cols {
			if i < len(c) {
				b.WriteString(c[i])
			}
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}
