// Package theme builds the styles every pane of the reader draws with, for a dark or light
// background, or with no colour at all. Panes get a Theme injected; none keeps a global style.
// It owns no state and draws nothing itself.
package theme

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Theme is the set of styles for one background.
type Theme struct {
	Dark       bool
	TextCursor bool // the terminal shows no styles (TERM=dumb): panes mark the cursor with CursorGlyph
	// Width measures text in cells as Bubble Tea's renderer and the terminal do: ansi.WcWidth
	// (the zero value), unless the terminal reports grapheme clustering (mode 2027).
	Width ansi.Method

	Title       lipgloss.Style // pane titles and the story header
	Dim         lipgloss.Style // secondary text: counts, dates, tags in the list
	Selected    lipgloss.Style // the row under the cursor in the focused pane
	SelectedOff lipgloss.Style // the row under the cursor in a pane without focus
	Chosen      lipgloss.Style // a tag in the active tag set
	Unread      lipgloss.Style // an unread story's title (bold: works without colour)
	Match       lipgloss.Style // a searched word in a title or story
	CursorMatch lipgloss.Style // a searched word on the focused cursor's row, over Selected: its colours, and a look it has not
	OffMatch    lipgloss.Style // a searched word on the other pane's cursor row, over SelectedOff (and Unread): likewise
	Status      lipgloss.Style // the status line
	Warn        lipgloss.Style // problems: skipped files, query hints
	Border      lipgloss.Style // the line between panes
	Help        help.Styles
}

// New returns the theme for a dark or light background. With colour off, styles use only
// bold, reverse and underline, so selection and unread still show.
func New(dark, colour bool) Theme {
	ld := lipgloss.LightDark(dark)
	c := func(light, darkc string) color.Color {
		if !colour {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(darkc))
	}
	accent := c("#5A3FC0", "#B8A6FF")
	dim := c("#6B6B6B", "#8A8A8A")
	t := Theme{
		Dark:        dark,
		Title:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Dim:         lipgloss.NewStyle().Foreground(dim),
		Selected:    lipgloss.NewStyle().Reverse(true).Bold(true),
		SelectedOff: lipgloss.NewStyle().Underline(true),
		Chosen:      lipgloss.NewStyle().Bold(true).Foreground(c("#007A5E", "#5FE3B4")),
		Unread:      lipgloss.NewStyle().Bold(true),
		Match:       lipgloss.NewStyle().Underline(true).Foreground(c("#B35C00", "#FFB454")),
		CursorMatch: lipgloss.NewStyle().Underline(true),
		OffMatch:    lipgloss.NewStyle().Reverse(true),
		Status:      lipgloss.NewStyle().Foreground(dim),
		Warn:        lipgloss.NewStyle().Foreground(c("#B00020", "#FF8A80")),
		Border:      lipgloss.NewStyle().Foreground(dim),
		Help:        help.DefaultStyles(dark),
	}
	if colour {
		t.Selected = lipgloss.NewStyle().Bold(true).Foreground(c("#FFFFFF", "#1A1A1A")).Background(accent)
	} else {
		t.Help = help.Styles{}
	}
	return t
}

// CursorGlyph marks the cursor where no style shows: ">" in the focused pane, "-" in the
// other, so that the focus shows too.
func (t Theme) CursorGlyph(focused bool) string {
	if focused {
		return ">"
	}
	return "-"
}
