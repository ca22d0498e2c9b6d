// Package story parses one story file (plain text or markdown) into a Story: title, tags,
// date, body, and a stable identity. Everything it returns is sanitised: no control character
// or escape sequence survives, so no byte of a story can act on a terminal. It reads bytes it
// is given; it never opens files, walks folders or imports UI code.
package story

import (
	"time"
)

// Format is the kind of file a story came from.
type Format uint8

const (
	Text     Format = iota // plain text: nothing in it is markup
	Markdown               // markdown with optional YAML front matter
)

func (f Format) String() string {
	if f == Markdown {
		return "markdown"
	}
	return "text"
}

// Story is one parsed story. Every string field is sanitised.
type Story struct {
	ID      string    // 16 hex digits of SHA-256 over title and body: same story, same id, wherever it lives
	Title   string    // one line, never empty
	Tags    []string  // display spellings, unique by TagKey, in file order
	Date    time.Time // zero when unknown
	Source  string    // where it was loaded from, for people and for reading it again
	Origin  string    // the front matter's `source` (a URL or a publication), if any
	Summary string
	Format  Format
	Words   int    // words in the body
	Body    string // text: paragraphs separated by one blank line; markdown: the markdown body
}

// ReadingMinutes is the time an average reader (230 words a minute) takes, at least 1.
func (s Story) ReadingMinutes() int {
	return max(1, (s.Words+229)/230)
}
