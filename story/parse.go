package story

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Reasons a file is not a story. The library names the file and one of these.
var (
	ErrEmpty  = errors.New("empty file")
	ErrBinary = errors.New("binary file (NUL bytes)")
)

// IsStoryFile reports whether a file name has a story extension (.txt or .md, any case).
func IsStoryFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".md", ".markdown":
		return true
	}
	return false
}

// Parse parses one story file. name picks the format by extension (.md and .markdown are
// markdown, anything else plain text) and is the title of last resort; it becomes Source.
// Warnings describe what was repaired; an error means the file holds no story.
func Parse(name string, data []byte) (Story, []string, error) {
	return ParseString(name, string(data))
}

// ParseString is Parse for a file already held as a string. No copy is made of it: the
// story's Body may share its memory, and no other field does (the library reuses a file's
// memory once the bodies are dropped).
func ParseString(name string, data string) (Story, []string, error) {
	if strings.IndexByte(data, 0) >= 0 {
		return Story{}, nil, ErrBinary
	}
	var warnings []string
	valid := utf8.ValidString(data)
	if !valid {
		warnings = append(warnings, "invalid UTF-8 replaced with U+FFFD")
	}
	text, clean := normalize(data, valid)
	if strings.TrimFunc(text, unicode.IsSpace) == "" {
		return Story{}, warnings, ErrEmpty
	}
	var s Story
	var w []string
	if ext := strings.ToLower(path.Ext(name)); ext == ".md" || ext == ".markdown" {
		s, w = parseMarkdown(text)
	} else {
		s = parseText(text)
	}
	warnings = append(warnings, w...)
	s.Title = clipTitle(orFileTitle(s.Title, name))
	s.Source = name
	keepOwnCopies(&s)
	s.Words = countWords(s.Body)
	s.ID = identity(s.Title, s.Body)
	dropFormat(&s, !clean)
	if s.Title == "" { // it was format characters only
		s.Title = stripFormat(orFileTitle("", name))
		if s.Title == "" {
			s.Title = "Untitled"
		}
	}
	return s, warnings, nil
}

// orFileTitle is title, or when it is empty the file's name without its extension; "Untitled"
// when that is empty, "." or "/".
func orFileTitle(title, name string) string {
	if title == "" {
		title = oneLine(strings.TrimSuffix(path.Base(name), path.Ext(name)))
	}
	if title == "" || title == "." || title == "/" {
		title = "Untitled"
	}
	return title
}

// keepOwnCopies gives the short fields their own memory: cut from the file's text, they would
// keep the whole text alive after the body is dropped (2 KB a story, 200 MB at 100,000), and
// change with it when the library reads other files into that memory.
func keepOwnCopies(s *Story) {
	s.Title = strings.Clone(s.Title)
	s.Origin = strings.Clone(s.Origin)
	s.Summary = strings.Clone(s.Summary)
	for i, t := range s.Tags {
		s.Tags[i] = strings.Clone(t)
	}
}

// dropFormat removes the format characters (stripFormat) that parsing kept until the id was
// taken. inText tells whether the file's text may hold some; when it holds none, only the
// title can (it may come from the file's name).
func dropFormat(s *Story, inText bool) {
	s.Title = stripFormat(s.Title)
	if !inText {
		return
	}
	s.Body = stripFormat(s.Body)
	s.Origin = stripFormat(s.Origin)
	s.Summary = stripFormat(s.Summary)
	for i, t := range s.Tags {
		s.Tags[i] = stripFormat(t)
	}
}

// normalize returns data as sanitised text with LF line endings and no byte-order mark,
// format characters kept (see stripFormat), and whether sanitising found the text clean.
// valid tells whether data is valid UTF-8 (dropping a mark or a CR keeps it so).
func normalize(data string, valid bool) (string, bool) {
	s := strings.TrimPrefix(data, "\uFEFF")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return sanitize(s, valid, true)
}

func identity(title, body string) string {
	h := sha256.New()
	h.Write(bytesOf(title))
	h.Write([]byte{0})
	h.Write(bytesOf(body))
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// bytesOf views s as bytes without copying it, for a reader that never writes (a hash).
func bytesOf(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func isBlank(line string) bool {
	return strings.TrimFunc(line, unicode.IsSpace) == ""
}

func trimSpace(s string) string {
	return strings.TrimFunc(s, unicode.IsSpace)
}
