package render

import (
	"strings"

	"charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	xansi "github.com/charmbracelet/x/ansi"
)

// Document renders a story to be read on its own: its title as the style's first-level
// heading, then body (markdown) as Render renders it, a blank line between.
//
// The title is laid out here rather than by glamour, which wraps a heading with its prefix
// inside the text and writes its margin after: a wrapped title's later lines started a column
// left of its first in the coloured styles (" Putin thanks…" over "in St. Petersburg"), and in
// the plain ones, whose prefix is "# ", a line could be cut twice (" St." alone, then
// "Petersburg") and a title in Chinese or Japanese, one long word to the wrapper, left the "#"
// alone on its line. Here the title is wrapped to what is left beside the prefix, and every
// later line is indented under the first one's text.
func Document(title, body string, width int, style string) (string, error) {
	cfg, ok := styleConfigs()[style]
	if !ok {
		return "", styleError(style)
	}
	head := heading(title, max(width, MinWidth), cfg)
	if body == "" {
		return head, nil
	}
	rest, err := Render(body, width, style)
	if err != nil {
		return "", err
	}
	return head + "\n\n" + rest, nil
}

// heading lays out title as cfg's first-level heading in a document width columns wide.
func heading(title string, width int, cfg ansi.StyleConfig) string {
	margin, indent := documentMargins(cfg)
	rules := overlay(overlay(cfg.Document.StylePrimitive, cfg.Heading.StylePrimitive), cfg.H1.StylePrimitive)
	prefix, suffix := headingPrefix(cfg), cfg.H1.Suffix
	if suffix == "" {
		suffix = cfg.Heading.Suffix
	}
	look := lipglossStyle(rules)
	pad := strings.Repeat(" ", xansi.StringWidth(prefix))
	room := max(1, width-indent-2*margin-len(pad)-xansi.StringWidth(suffix))
	left := strings.Repeat(" ", margin+indent)
	lines := strings.Split(xansi.Wrap(title, room, ""), "\n")
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
			prefix = pad
		}
		b.WriteString(left)
		b.WriteString(look.Render(prefix + strings.TrimRight(line, " ") + suffix))
	}
	return b.String()
}

// documentMargins are cfg's document margin, on either side, and indent, on the left, as
// glamour counts them.
func documentMargins(cfg ansi.StyleConfig) (margin, indent int) {
	if m := cfg.Document.Margin; m != nil {
		margin = int(*m)
	}
	if i := cfg.Document.Indent; i != nil {
		indent = int(*i)
	}
	return margin, indent
}

// headingPrefix is the prefix of cfg's first-level headings: its own, else every heading's.
func headingPrefix(cfg ansi.StyleConfig) string {
	if cfg.H1.Prefix != "" {
		return cfg.H1.Prefix
	}
	return cfg.Heading.Prefix
}

// overlay is parent's look with child's settings on top, as glamour cascades styles.
func overlay(parent, child ansi.StylePrimitive) ansi.StylePrimitive {
	for _, f := range []struct{ p, c **bool }{
		{&parent.Bold, &child.Bold}, {&parent.Italic, &child.Italic}, {&parent.Underline, &child.Underline},
		{&parent.Faint, &child.Faint}, {&parent.CrossedOut, &child.CrossedOut}, {&parent.Inverse, &child.Inverse},
	} {
		if *f.c != nil {
			*f.p = *f.c
		}
	}
	if child.Color != nil {
		parent.Color = child.Color
	}
	if child.BackgroundColor != nil {
		parent.BackgroundColor = child.BackgroundColor
	}
	return parent
}

// lipglossStyle draws text with s's colours and attributes.
func lipglossStyle(s ansi.StylePrimitive) lipgloss.Style {
	st := lipgloss.NewStyle()
	if s.Color != nil {
		st = st.Foreground(lipgloss.Color(*s.Color))
	}
	if s.BackgroundColor != nil {
		st = st.Background(lipgloss.Color(*s.BackgroundColor))
	}
	on := func(b *bool) bool { return b != nil && *b }
	return st.Bold(on(s.Bold)).Italic(on(s.Italic)).Underline(on(s.Underline)).
		Faint(on(s.Faint)).Strikethrough(on(s.CrossedOut)).Reverse(on(s.Inverse))
}
