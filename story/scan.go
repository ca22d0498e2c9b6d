package story

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// The scans every story goes through (a clean check and a word count) read eight ASCII bytes
// at a time: a load of 100,000 stories spends a fifth of its parsing in them otherwise.

const (
	ones  = 0x0101010101010101
	low7  = 0x7f7f7f7f7f7f7f7f
	highs = 0x8080808080808080
)

// load8 reads s[i:i+8] as a little-endian word (the compiler makes it one load).
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// zeros has 0x80 in each byte of v that is zero and 0 elsewhere; v's bytes must be ASCII.
func zeros(v uint64) uint64 {
	return ^((v & low7) + low7 | v | low7)
}

// spaces has 0x80 in each byte of the ASCII word v that is white space (\t \n \v \f \r or a
// space), 0 elsewhere. No byte sum below carries into the next: every byte is at most 0x7f.
func spaces(v uint64) uint64 {
	controls := (v + 0x77*ones) &^ (v + 0x72*ones) & highs // 0x09 ≤ b ≤ 0x0d
	return zeros(v^0x20*ones) | controls
}

// dirty has 0x80 in each byte of the ASCII word v that Sanitize would remove or change: a C0
// control other than newline, or DEL.
func dirty(v uint64) uint64 {
	controls := ^(v + 0x60*ones) & highs // b < 0x20
	return controls&^zeros(v^0x0a*ones) | zeros(v^0x7f*ones)
}

// mayHold has 0x80 in some byte when a byte of v may be c (never when none is).
func mayHold(v uint64, c byte) uint64 {
	x := v ^ uint64(c)*ones
	return (x - ones) &^ x & highs
}

// unicodeSpaceLead reports whether v may hold the first byte of a white-space character above
// ASCII: U+0085 and U+00A0 start with 0xc2, U+1680, U+2000..U+205F and U+3000 with 0xe1..0xe3.
func unicodeSpaceLead(v uint64) bool {
	return mayHold(v, 0xc2)|mayHold(v&(0xfc*ones), 0xe0) != 0
}

// countWords counts the runs of non-space characters in s.
func countWords(s string) int {
	n := 0
	inWord := false
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			if v := load8(s, i); v&highs == 0 || !unicodeSpaceLead(v) {
				// Bytes above ASCII are then parts of letters and symbols: not spaces.
				word := (^spaces(v&low7) | v) & highs
				before := word << 8
				if inWord {
					before |= 0x80
				}
				n += bits.OnesCount64(word &^ before)
				inWord = word>>63 != 0
				i += 8
				continue
			}
		}
		var space bool
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			space = c == ' ' || '\t' <= c && c <= '\r'
			i++
		case c != 0xc2 && (c < 0xe1 || c > 0xe3):
			// No space above ASCII starts with this byte (they are U+0085, U+00A0, U+1680,
			// U+2000..U+205F and U+3000); a letter's later bytes are never spaces either.
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// hasControls reports whether s holds anything Sanitize removes or changes, other than
// invalid UTF-8: C0 controls but newline, DEL, or C1 controls.
func hasControls(s string) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Above ASCII only C1 controls (0xc2 0x80..0x9f) are dirty.
			if v := load8(s, i); v&highs == 0 || mayHold(v, 0xc2) == 0 {
				if dirty(v&low7)&^v != 0 {
					return true
				}
				i += 8
				continue
			}
		}
		c := s[i]
		if c < 0x20 && c != '\n' || c == 0x7f {
			return true
		}
		if c == 0xc2 && i+1 < len(s) && s[i+1] < 0xa0 { // U+0080..U+009F
			return true
		}
		i++
	}
	return false
}
