package story

import (
	"strconv"
	"strings"
)

// Markdown returns the body as markdown for rendering. A plain-text story becomes markdown in
// which nothing is markup: every ASCII punctuation character is backslash-escaped, so "1. ",
// "# ", "*", "<script>" and the like show literally.
func (s Story) Markdown() string {
	if s.Format == Markdown {
		return s.Body
	}
	return EscapeMarkdown(s.Body)
}

// Reading returns what the reader shows under the story's title bar, as markdown: a line with
// the date and the source when the story has either (front matter's date and source), its
// summary quoted when it has one, then the body.
func (s Story) Reading() string {
	var head []string
	var meta []string
	if !s.Date.IsZero() {
		meta = append(meta, s.Date.Format("2006-01-02"))
	}
	if s.Origin != "" {
		meta = append(meta, s.Origin)
	}
	if len(meta) > 0 {
		head = append(head, "*"+EscapeMarkdown(strings.Join(meta, " · "))+"*")
	}
	if s.Summary != "" {
		head = append(head, "> "+EscapeMarkdown(s.Summary))
	}
	if len(head) == 0 {
		return s.Markdown()
	}
	return strings.Join(head, "\n\n") + "\n\n" + s.Markdown()
}

// EscapeMarkdown makes text literal for glamour's CommonMark (with GFM and linkify): markup
// characters get a backslash, and the characters glamour shows with their backslash (& ~ : @ =,
// which start entities, strikethrough, autolinks and setext headings) become numeric entities.
// Line-leading white space (an indented code block) is dropped.
func EscapeMarkdown(text string) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	lineStart := true
	for i := 0; i < len(text); i++ {
		c := text[i]
		if lineStart && (c == ' ' || c == '\t') {
			continue
		}
		lineStart = c == '\n'
		switch {
		case strings.IndexByte(backslashEscaped, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case strings.IndexByte(entityEscaped, c) >= 0:
			b.WriteString("&#")
			b.WriteString(strconv.Itoa(int(c)))
			b.WriteByte(';')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Measured against glamour v2.0.1: it drops the backslash before these, and keeps it before
// any other punctuation.
const (
	backslashEscaped = "!#()*+-.<>[\\]_`{|}"
	entityEscaped    = "&~:@="
)
