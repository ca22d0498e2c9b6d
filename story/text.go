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
	s.Body = paragraphs(text, lines, first+1, end)
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

// paragraphs returns lines[from:to] of text as paragraphs separated by one blank line, each
// line trimmed. Text already in that form (every seed-format file) is returned as a part of
// text, without a copy.
func paragraphs(text string, lines []string, from, to int) string {
	if body, ok := canonical(text, lines, from, to); ok {
		return body
	}
	return joinParagraphs(lines[from:to])
}

// canonical returns lines[from:to] as one piece of text when they already are trimmed
// paragraphs separated by single empty lines.
func canonical(text string, lines []string, from, to int) (string, bool) {
	for from < to && lines[from] == "" {
		from++
	}
	for to > from && lines[to-1] == "" {
		to--
	}
	if from == to {
		return "", true
	}
	start := 0
	for _, l := range lines[:from] {
		start += len(l) + 1
	}
	end := start
	for i := from; i < to; i++ {
		l := lines[i]
		if l == "" {
			if lines[i-1] == "" {
				return "", false
			}
		} else if trimSpace(l) != l {
			return "", false
		}
		end += len(l) + 1
	}
	return text[start : end-1], true
}

// joinParagraphs joins lines into paragraphs separated by one blank line, each line trimmed.
func joinParagraphs(lines []string) string {
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
