// Package layout sizes text to exact cell counts and finds searched words in text, for the
// panes to draw with. It measures with the terminal's cell widths (CJK and emoji are two
// cells) and never styles or stores anything.
package layout

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Fit cuts s to w cells with "…" and pads it with spaces to exactly w cells.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// Clip cuts every line of s to w cells and keeps at most h lines, padding to h lines.
func Clip(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Rows draws rows from..n-1 of a list, one a line, as many as fit in h lines, and pads the
// rest with blank lines of w cells: exactly w × h cells when every row is w wide.
func Rows(w, h, from, n int, row func(i int) string) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := make([]string, 0, h)
	for i := from; i < n && len(lines) < h; i++ {
		lines = append(lines, row(i))
	}
	for len(lines) < h {
		lines = append(lines, Fit("", w))
	}
	return strings.Join(lines, "\n")
}
