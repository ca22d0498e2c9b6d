package story

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseText reads the plain-text format: the first non-blank line is the title, paragraphs
// are separated by blank lines, and the last non-blank line is the tag line when it is
// indented by white space (the seed uses U+00A0) or starts with "Tags:". It works on offsets
// into text, without a slice of its lines: only the title and tag lines are looked for from
// the ends, and the body's lines are left to paragraphs.
func parseText(text string) Story {
	fs, fe := firstFilled(text)
	ls, le := lastFilled(text)
	s := Story{Format: Text, Title: oneLine(text[fs:fe])}
	end := le // of the lines after the title that are the body
	if ls > fs {
		if list, ok := tagLine(text[ls:le]); ok {
			s.Tags = parseTags(list)
			end = ls - 1
		}
	}
	if end > fe {
		s.Body = paragraphs(text[fe+1 : end])
	}
	return s
}

// firstFilled returns the bounds of the first line of text that is not blank (empty bounds at
// the end when there is none).
func firstFilled(text string) (start, end int) {
	for start = 0; start < len(text); start = end + 1 {
		end = start + strings.IndexByte(text[start:], '\n')
		if end < start {
			end = len(text)
		}
		if !isBlank(text[start:end]) {
			return start, end
		}
	}
	return len(text), len(text)
}

// lastFilled returns the bounds of the last line of text that is not blank (empty bounds at the
// start when there is none).
func lastFilled(text string) (start, end int) {
	for end = len(text); end > 0; end = start - 1 {
		start = strings.LastIndexByte(text[:end], '\n') + 1
		if !isBlank(text[start:end]) {
			return start, end
		}
	}
	return 0, 0
}

// tagLine returns the tag list of line when line is a tag line: indented, or "Tags:" (or
// both: an indented "Tags:" is a label, not a tag).
func tagLine(line string) (string, bool) {
	r, _ := utf8.DecodeRuneInString(line)
	indented := unicode.IsSpace(r)
	list := strings.TrimLeftFunc(line, unicode.IsSpace)
	if len(list) >= 5 && strings.EqualFold(list[:5], "tags:") {
		return list[5:], true
	}
	return list, indented
}

// paragraphs returns lines (text of one or more lines) as paragraphs separated by one blank
// line, each line trimmed. Text already in that form (every seed-format file) is returned as
// it is, without a copy.
func paragraphs(lines string) string {
	if body, ok := canonical(lines); ok {
		return body
	}
	return joinParagraphs(lines)
}

// canonical returns lines without its leading and trailing empty lines when they are trimmed
// paragraphs separated by single empty lines.
func canonical(lines string) (string, bool) {
	lines = strings.Trim(lines, "\n")
	empty := false // the line before was empty
	for rest := lines; rest != ""; {
		line, after, _ := strings.Cut(rest, "\n")
		if line == "" {
			if empty {
				return "", false
			}
			empty = true
		} else if trimSpace(line) != line {
			return "", false
		} else {
			empty = false
		}
		rest = after
	}
	return lines, true
}

// joinParagraphs joins lines into paragraphs separated by one blank line, each line trimmed.
func joinParagraphs(lines string) string {
	var b strings.Builder
	inPara := false
	for rest, more := lines, true; more; {
		var l string
		l, rest, more = strings.Cut(rest, "\n")
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
