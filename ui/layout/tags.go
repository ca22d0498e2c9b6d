package layout

import (
	"strings"

	"newsread/story"
)

// TagList joins tags with ", ", each in the spelling names gives its key (the one the tag
// pane shows: a story may spell it otherwise, "cia" where most write "CIA"); a tag names does
// not know keeps its own spelling, and so does every tag when names is nil.
func TagList(tags []string, names map[string]string) string {
	if names == nil {
		return strings.Join(tags, ", ")
	}
	spelled := make([]string, len(tags))
	for i, t := range tags {
		spelled[i] = t
		if n, ok := names[story.TagKey(t)]; ok {
			spelled[i] = n
		}
	}
	return strings.Join(spelled, ", ")
}
