package story

import (
	"slices"
	"strings"
)

// parseTextRef is parseText written over a slice of the text's lines (as it was before it
// worked on offsets): the definition the fuzz test holds parseText to.
func parseTextRef(text string) Story {
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
	var paras []string
	for _, l := range lines[first+1 : end] {
		switch l = trimSpace(l); {
		case l == "":
			paras = append(paras, "")
		case len(paras) == 0 || paras[len(paras)-1] == "":
			paras = append(paras, l)
		default:
			paras[len(paras)-1] += "\n" + l
		}
	}
	s.Body = strings.Join(slices.DeleteFunc(paras, func(p string) bool { return p == "" }), "\n\n")
	return s
}
