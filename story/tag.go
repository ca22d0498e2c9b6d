package story

import (
	"strings"

	"newsread/terms"
)

// TagKey is the identity of a tag: case, accents, white space and punctuation do not count,
// so "St. Petersburg", "st petersburg" and " ST.PETERSBURG " are one tag. Empty for a tag
// with no letters or digits.
func TagKey(tag string) string {
	return terms.Concat(tag)
}

// parseTags splits a comma-separated tag list, dropping empty tags and repeats (by TagKey).
func parseTags(list string) []string {
	var tags []string
	seen := map[string]bool{}
	for _, t := range strings.Split(list, ",") {
		t = oneLine(t)
		k := TagKey(t)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		tags = append(tags, t)
	}
	return tags
}
