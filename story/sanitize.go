package story

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize removes everything from s that could act on a terminal: C0 controls other than
// newline, DEL, C1 controls, and whole escape sequences (CSI, OSC, DCS, SOS, PM, APC, and
// two-byte escapes), in their 7-bit and 8-bit forms. It also removes what would make the
// screen disagree with the text: bidirectional embeddings, overrides and isolates (U+202A..
// U+202E, U+2066..U+2069), which reorder the rest of a line in terminals that do bidi
// (a title could show another title's words, or a tag's count backwards), and the soft
// hyphen, which some terminals draw a column wide and the layout counts as none. Tabs become
// spaces; invalid UTF-8 becomes U+FFFD. Newlines are kept.
func Sanitize(s string) string {
	s, _ = sanitize(s, false, false)
	return s
}

// sanitize is Sanitize for a caller that may already know s to be valid UTF-8; keepFormat
// keeps the bidirectional formatting and soft hyphens (see stripFormat). clean reports that s
// held nothing Sanitize would change, format characters included, and comes back as it was.
func sanitize(s string, valid, keepFormat bool) (_ string, clean bool) {
	if !hasControls(s) && (valid || utf8.ValidString(s)) {
		return s, true
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case r == 0x1b:
			i = skipEscape(s, i+1)
			continue
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // C1 DCS, SOS, OSC, PM, APC
			i = skipString(s, i+size)
			continue
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
		case isFormat(r) && !keepFormat:
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String(), false
}

// isFormat reports the format characters Sanitize removes besides controls: bidirectional
// embeddings, overrides and isolates, and the soft hyphen.
func isFormat(r rune) bool {
	return r == 0xad || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// stripFormat removes the format characters (isFormat) from s. A parsed story keeps them until
// its id is taken, so that the id stays what it was before newsread removed them: reading
// state is kept by id.
func stripFormat(s string) string {
	if !containsFormat(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isFormat(r) {
			return -1
		}
		return r
	}, s)
}

// isClean reports whether s is valid UTF-8 with nothing for Sanitize to do.
func isClean(s string) bool {
	return !hasControls(s) && utf8.ValidString(s)
}

// skipEscape returns the index after the escape sequence whose ESC ended just before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f { // intermediates, as in ESC ( B
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI returns the index after a control sequence's parameters, intermediates and final byte.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString returns the index after a control string ended by BEL, ESC \ or ST (U+009C),
// or the end of s.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		}
		i++
	}
	return i
}

// Printable returns s as it is when nothing in it acts on a terminal, else Go-quoted
// ("a\x1b]0;x\a.txt"), so a file name can still be told apart and typed, and shows nothing
// but printable text.
func Printable(s string) string {
	if isClean(s) && !strings.Contains(s, "\n") {
		return s
	}
	return strconv.Quote(s)
}

// oneLine sanitises s, keeping format characters (see stripFormat), and folds every run of
// white space (newlines included) into one space.
func oneLine(s string) string {
	// A tag after a comma starts with a space: trimming spaces first keeps such tags on the
	// fast path (foldLine costs a tenth of a cold load's parse at 100,000 stories).
	if t := strings.Trim(s, " "); plainLine(t) {
		return t
	}
	return foldLine(s)
}

// foldLine is oneLine for any s.
func foldLine(s string) string {
	s, _ = sanitize(s, false, true)
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) &&
		!strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// plainLine reports whether oneLine leaves s as it is, from the common case alone: printable
// ASCII with single spaces between words and none around them.
func plainLine(s string) bool {
	if s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == ' ' && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// maxTitleRunes bounds a title kept in memory; displays cut titles far shorter.
const maxTitleRunes = 1000

func clipTitle(s string) string {
	if len(s) <= maxTitleRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxTitleRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
