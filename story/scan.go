package story

import (
	"math/bits"
	"unicode"
	"unicode/utf8"

	"newsread/swar"
)

// The scans every story goes through (a clean check and a word count) read eight ASCII bytes
// at a time: a load of 100,000 stories spends a fifth of its parsing in them otherwise.

// spaces marks the bytes of the ASCII word v that are white space (\t \n \v \f \r or a
// space).
func spaces(v uint64) uint64 {
	controls := swar.AtLeast(v, 0x09) &^ swar.AtLeast(v, 0x0e)
	return swar.Zeros(v^0x20*swar.Ones) | controls
}

// dirty marks the bytes of the ASCII word v that Sanitize would remove or change: a C0
// control other than newline, or DEL.
func dirty(v uint64) uint64 {
	controls := swar.Highs &^ swar.AtLeast(v, 0x20)
	return controls&^swar.Zeros(v^0x0a*swar.Ones) | swar.Zeros(v^0x7f*swar.Ones)
}

// unicodeSpaceLead reports whether v may hold the first byte of a white-space character above
// ASCII: U+0085 and U+00A0 start with 0xc2, U+1680, U+2000..U+205F and U+3000 with 0xe1..0xe3.
func unicodeSpaceLead(v uint64) bool {
	return swar.MayHold(v, 0xc2)|swar.MayHold(v&(0xfc*swar.Ones), 0xe0) != 0
}

// countWords counts the runs of non-space characters in s.
func countWords(s string) int {
	n := 0
	inWord := false
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			if v := swar.Load(s, i); v&swar.Highs == 0 || !unicodeSpaceLead(v) {
				// Bytes above ASCII are then parts of letters and symbols: not spaces.
				word := (^spaces(v&swar.Low7) | v) & swar.Highs
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
// invalid UTF-8: C0 controls but newline, DEL, C1 controls, the soft hyphen, or bidirectional
// embeddings, overrides and isolates.
func hasControls(s string) bool {
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			v := swar.Load(s, i)
			if dirty(v&swar.Low7)&^v != 0 {
				return true
			}
			// Above ASCII only sequences led by 0xc2 (C1 controls, the soft hyphen) or 0xe2
			// (bidirectional formatting) can be dirty: each one is looked at.
			if v&swar.Highs != 0 {
				for m := swar.Zeros(v^0xc2*swar.Ones) | swar.Zeros(v^0xe2*swar.Ones); m != 0; m &= m - 1 {
					if dirtyAt(s, i+bits.TrailingZeros64(m)>>3) {
						return true
					}
				}
			}
			i += 8
			continue
		}
		if c := s[i]; c < 0x20 && c != '\n' || c == 0x7f || dirtyAt(s, i) {
			return true
		}
		i++
	}
	return false
}

// dirtyAt reports whether the character at s[i] is one Sanitize removes besides ASCII
// controls: a C1 control (U+0080..U+009F; a 0xc2 before a byte that continues nothing is
// counted too, which costs only a slower sanitising) or a format character. It is formatAt
// with the C1 test folded in: calling formatAt from it made the clean check 10% slower.
func dirtyAt(s string, i int) bool {
	switch s[i] {
	case 0xc2:
		return i+1 < len(s) && (s[i+1] < 0xa0 || s[i+1] == 0xad)
	case 0xe2:
		return i+2 < len(s) && bidiFormat(s[i+1], s[i+2])
	}
	return false
}

// formatAt reports whether s[i] starts a format character (isFormat): the soft hyphen or
// bidirectional formatting.
func formatAt(s string, i int) bool {
	switch s[i] {
	case 0xc2:
		return i+1 < len(s) && s[i+1] == 0xad
	case 0xe2:
		return i+2 < len(s) && bidiFormat(s[i+1], s[i+2])
	}
	return false
}

// bidiFormat reports whether 0xe2 b1 b2 encodes a bidirectional embedding, override or
// isolate (U+202A..U+202E, U+2066..U+2069).
func bidiFormat(b1, b2 byte) bool {
	return b1 == 0x80 && b2 >= 0xaa && b2 <= 0xae || b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9
}

// containsFormat reports whether s holds a format character (isFormat).
func containsFormat(s string) bool {
	for i := range len(s) {
		if formatAt(s, i) {
			return true
		}
	}
	return false
}
