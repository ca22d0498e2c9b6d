package story

import (
	"slices"
	"strings"

	"newsread/terms"
)

// TagKey is the identity of a tag: case, accents, white space and punctuation do not count,
// so "St. Petersburg", "st petersburg" and " ST.PETERSBURG " are one tag. Empty for a tag
// with no letters or digits.
func TagKey(tag string) string {
	return terms.Concat(tag)
}

// SpellTags returns tags each in the spelling names gives its TagKey (the one shown for the
// tag everywhere: a story may spell it otherwise, "cia" where most write "CIA"); a tag names
// does not know keeps its own spelling, and with nil names tags come back as they are.
func SpellTags(tags []string, names map[string]string) []string {
	if names == nil || tags == nil {
		return tags
	}
	spelled := make([]string, len(tags))
	for i, t := range tags {
		spelled[i] = t
		if n, ok := names[TagKey(t)]; ok {
			spelled[i] = n
		}
	}
	return spelled
}

// parseTags splits a comma-separated tag list, dropping empty tags and repeats (by TagKey).
// Repeats are looked for in a slice while there are few tags, in a map past that (a hostile
// tag line can hold a million).
func parseTags(list string) []string {
	var tags, keys []string
	var seen map[string]bool // nil while keys is short
	for rest, more := list, true; more; {
		var t string
		t, rest, more = strings.Cut(rest, ",")
		t = oneLine(t)
		k := TagKey(t)
		if k == "" || seen[k] || seen == nil && slices.Contains(keys, k) {
			continue
		}
		tags = append(tags, t)
		switch {
		case seen != nil:
			seen[k] = true
		case len(keys) < 16:
			keys = append(keys, k)
		default:
			seen = make(map[string]bool, 64)
			for _, k := range keys {
				seen[k] = true
			}
			seen[k] = true
		}
	}
	return tags
}
