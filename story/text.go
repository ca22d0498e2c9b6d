package story

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseText reads the plain-text format: the first non-blank line is the title, paragraphs
// are separated by blank lines, and the last non-blank line is the tag line when it is
// indented by white space (the seed uses U+00A0) or starts with "Tags:".
func parseText(text string) Story {
	lines := strings.Split(text, "\n")
	first, last := -1, -1
	for i, l := range lines {
		if !isBlank(l) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	s := Story{Format: Text, Title: oneLine(lines[first])}
	end := last + 1
	if last > first {
		if list, ok := tagLine(lines[last]); ok {
			s.Tags = parseTags(list)
			end = last
		}
	}
	s.Body = paragraphs(lines[first+1 : end])
	return s
}

// tagLine returns the tag list of line when line is a tag line.
func tagLine(line string) (string, bool) {
	if r, _ := utf8.DecodeRuneInString(line); unicode.IsSpace(r) {
		return line, true
	}
	if len(line) >= 5 && strings.EqualFold(line[:5], "tags:") {
		return line[5:], true
	}
	return "", false
}

// paragraphs joins lines into paragraphs separated by one blank line, each line trimmed.
func paragraphs(lines []string) string {
	var b strings.Builder
	inPara := false
	for _, l := range lines {
		l = trimSpace(l)
		if l == "" {
			inPara = false
			continue
		}
		switch {
		case inPara:
			b.WriteByte('\n')
		case b.Len() > 0:
			b.WriteString("\n\n")
		}
		b.WriteString(l)
		inPara = true
	}
	return b.String()
}
