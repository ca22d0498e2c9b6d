package story

import (
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// frontMatter is the YAML block that may open a markdown story.
type frontMatter struct {
	Title   string    `yaml:"title"`
	Tags    yaml.Node `yaml:"tags"`
	Date    string    `yaml:"date"`
	Source  string    `yaml:"source"`
	Summary string    `yaml:"summary"`
}

// dateLayouts are the front matter date forms newsread understands.
var dateLayouts = []string{
	"2006-01-02", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04",
	"2 January 2006", "January 2, 2006", "2 Jan 2006", "Jan 2, 2006", time.RFC1123Z, time.RFC1123,
}

// parseMarkdown reads a markdown story: optional front matter, then the body. The title is the
// front matter's, else the first level-one heading (taken out of the body), else the caller
// falls back to the file name.
func parseMarkdown(text string) (Story, []string) {
	s := Story{Format: Markdown}
	var warnings []string
	body := text
	if fm, rest, ok, closed := splitFrontMatter(text); ok {
		if !closed {
			warnings = append(warnings, "front matter has no closing ---; read as body")
		} else {
			body = rest
			var m frontMatter
			if err := decodeFrontMatter(fm, &m); err != nil {
				warnings = append(warnings, "front matter ignored: "+firstLine(err.Error()))
			} else {
				warnings = append(warnings, applyFrontMatter(&s, &m)...)
			}
		}
	}
	if s.Title == "" {
		if title, rest, ok := takeHeading(body); ok {
			s.Title, body = title, rest
		}
	}
	s.Body = strings.Trim(body, "\n")
	return s, warnings
}

// splitFrontMatter splits a leading "---" block from text. ok: text opens with one;
// closed: it ends with a "---" or "..." line.
func splitFrontMatter(text string) (fm, rest string, ok, closed bool) {
	first, after, found := strings.Cut(text, "\n")
	if strings.TrimRight(first, " ") != "---" {
		return "", text, false, false
	}
	if !found {
		return "", "", true, false
	}
	for off := 0; off <= len(after); {
		line, next, more := strings.Cut(after[off:], "\n")
		if l := strings.TrimRight(line, " "); l == "---" || l == "..." {
			return after[:off], next, true, true
		}
		if !more {
			break
		}
		off += len(line) + 1
	}
	return "", text, true, false
}

func applyFrontMatter(s *Story, m *frontMatter) []string {
	var warnings []string
	s.Title = oneLine(m.Title)
	s.Origin = oneLine(m.Source)
	s.Summary = oneLine(m.Summary)
	switch m.Tags.Kind {
	case yaml.ScalarNode:
		s.Tags = parseTags(m.Tags.Value)
	case yaml.SequenceNode:
		var list []string
		for _, n := range m.Tags.Content {
			if n.Kind == yaml.ScalarNode {
				list = append(list, strings.ReplaceAll(n.Value, ",", " "))
			}
		}
		s.Tags = parseTags(strings.Join(list, ","))
	case 0:
	default:
		warnings = append(warnings, "front matter tags must be a list or a comma-separated string")
	}
	if d := strings.TrimSpace(m.Date); d != "" {
		if t, ok := parseDate(d); ok {
			s.Date = t
		} else {
			warnings = append(warnings, fmt.Sprintf("front matter date %q not understood", oneLine(d)))
		}
	}
	return warnings
}

func parseDate(d string) (time.Time, bool) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, d); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// takeHeading finds the first level-one ATX heading outside fenced code and returns its text
// and the body without it.
func takeHeading(body string) (string, string, bool) {
	fence := ""
	for off := 0; off < len(body); {
		line, _, _ := strings.Cut(body[off:], "\n")
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
		case strings.HasPrefix(trimmed, "```"):
			fence = "```"
		case strings.HasPrefix(trimmed, "~~~"):
			fence = "~~~"
		case strings.HasPrefix(line, "# "):
			title := oneLine(strings.TrimRight(strings.TrimSpace(line[2:]), "#"))
			if title != "" {
				end := min(off+len(line)+1, len(body))
				return title, body[:off] + body[end:], true
			}
		}
		off += len(line) + 1
	}
	return "", body, false
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
