package story

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The word-at-a-time scans must agree with these byte-at-a-time definitions.

func countWordsRef(s string) int {
	n := 0
	in := false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

func hasControlsRef(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' || c == 0x7f {
			return true
		}
		if c == 0xc2 && i+1 < len(s) && (s[i+1] < 0xa0 || s[i+1] == 0xad) {
			return true
		}
	}
	for _, r := range s {
		if r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return true
		}
	}
	return false
}

var scanCases = []string{
	"",
	"a",
	" ",
	"one two  three",
	"exactly8",
	"exactly8 and then sixteen bytes!",
	"\t\n\v\f\r words\tbetween\vevery\fkind\rof space\n",
	"        leading spaces on a whole word and more",
	"trailing spaces on a whole word        ",
	"word\x1b[31mred\x1b[0m",
	"a DEL\x7f in the middle of a long ascii run",
	"a bell\x07 here",
	"a C1 CSI \u009b31m and more text after it",
	"Zürich Петербурге 北京 words mixed with ASCII in one line of text",
	"no\u00a0break\u3000ideographic\u2003em space",
	"\u00a0\u00a0\u00a0\u00a0\u00a0 spaces that are not ASCII before words",
	"invalid \xff\xfe bytes \xc2 at the end \xc2",
	strings.Repeat("abcdefg ", 9),
	strings.Repeat("x", 31) + "\x00",
	"\x1f\x20\x21\x08\x09\x0d\x0e\x7e\x7f",
	"an override \u202e in the middle of a line, then \u202c",
	"isolates\u2066\u2067\u2068\u2069 and a soft\u00adhyphen",
	"quotes \u201cand\u201d dashes \u2014 are clean \u2026 \u2065\u206a\u00ac",
	"ends in a lead byte \xe2\x80",
	"1234567\u00ad at a word's end",
}

func TestScansMatchByteAtATime(t *testing.T) {
	for _, s := range scanCases {
		// every alignment of every case
		for pre := range 8 {
			in := strings.Repeat("z", pre) + s
			if got, want := countWords(in), countWordsRef(in); got != want {
				t.Errorf("countWords(%q) = %d, want %d", in, got, want)
			}
			if got, want := hasControls(in), hasControlsRef(in); got != want {
				t.Errorf("hasControls(%q) = %v, want %v", in, got, want)
			}
		}
	}
	// every byte value at every position of a word
	for b := range 256 {
		for pos := range 8 {
			buf := []byte("abcdefghijklmnop")
			buf[pos] = byte(b)
			s := string(buf)
			if got, want := countWords(s), countWordsRef(s); got != want {
				t.Errorf("countWords(%q) = %d, want %d", s, got, want)
			}
			if got, want := hasControls(s), hasControlsRef(s); got != want {
				t.Errorf("hasControls(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

func FuzzScans(f *testing.F) {
	for _, s := range scanCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), countWordsRef(s); got != want {
			t.Fatalf("countWords(%q) = %d, want %d", s, got, want)
		}
		if got, want := hasControls(s), hasControlsRef(s); got != want {
			t.Fatalf("hasControls(%q) = %v, want %v", s, got, want)
		}
		if isClean(s) != (!hasControlsRef(s) && utf8.ValidString(s)) {
			t.Fatalf("isClean(%q) disagrees", s)
		}
	})
}
