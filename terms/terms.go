// Package terms splits text into search terms: lower-cased, accent-folded runs of letters and
// digits, except that Chinese and Japanese characters, written without spaces between words,
// are a term each (see StandsAlone). The index and the query parser both use it, so a word is
// the same word on both sides. It knows nothing of stories, tags or files.
package terms

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"newsread/swar"
)

// Scanner reads the terms of a text one at a time, without a call per term through a
// function value (a load of 100,000 stories scans some 30 million of them):
//
//	var sc terms.Scanner
//	sc.Reset(text)
//	for sc.Next() {
//		use(sc.Term(), sc.Hash())
//	}
type Scanner struct {
	text string
	i    int // where the next term is looked for in text
	term []byte
	hash uint64
	buf  [64]byte // the current term while it is ASCII and short
	// reused by every non-ASCII term
	nfd, folded []byte
	rest        []byte // of folded: its terms still to come (folding made characters that stand alone)
}

// Reset starts reading text from its beginning.
func (s *Scanner) Reset(text string) {
	s.text, s.i, s.rest = text, 0, nil
}

// Next moves to the next term and reports whether there is one.
func (s *Scanner) Next() bool {
	if len(s.rest) > 0 {
		s.piece()
		return true
	}
	text, i := s.text, s.i
	// Most terms are short ASCII words that begin and end within the next eight or sixteen
	// bytes: one or two loads find, lower-case and hash them.
	for i+8 <= len(text) {
		v := swar.Load(text, i)
		if v&swar.Highs != 0 {
			break
		}
		letters, digits := alnum(v)
		a := letters | digits
		if a == 0 {
			i += 8
			continue
		}
		start := bits.TrailingZeros64(a) >> 3
		lower := (v | letters>>2) >> (8 * start) // 0x80 >> 2 is the case bit
		if stop := ^a & swar.Highs &^ (1<<(8*start) - 1); stop != 0 {
			end := bits.TrailingZeros64(stop) >> 3 // a separator ends the term
			lower &= 1<<(8*(end-start)) - 1
			binary.LittleEndian.PutUint64(s.buf[:8], lower)
			s.term, s.hash, s.i = s.buf[:end-start], mix(lower), i+end+1
			return true
		}
		// The term runs past these eight bytes; it may end within the next eight.
		if i+16 > len(text) {
			i += start
			break
		}
		v2 := swar.Load(text, i+8)
		letters2, digits2 := alnum(v2)
		stop := ^(letters2 | digits2) & swar.Highs
		if v2&swar.Highs != 0 || stop == 0 {
			i += start
			break
		}
		end := bits.TrailingZeros64(stop) >> 3
		n := 8 - start + end
		tail := (v2 | letters2>>2) & (1<<(8*end) - 1)
		first := lower | tail<<(8*(8-start)) // the term's first eight bytes (all of it when n <= 8)
		rest := tail >> (8 * start)          // its bytes after those
		binary.LittleEndian.PutUint64(s.buf[:8], first)
		binary.LittleEndian.PutUint64(s.buf[8:16], rest)
		h := mix(first)
		if n > 8 {
			h = mix(mix(hashSeed^first) ^ rest)
		}
		s.term, s.hash, s.i = s.buf[:n], h, i+8+end+1
		return true
	}
	// Find the term's first character, eight ASCII bytes at a time where possible.
	for i < len(text) {
		if i+8 <= len(text) {
			if v := swar.Load(text, i); v&swar.Highs == 0 {
				letters, digits := alnum(v)
				if a := letters | digits; a != 0 {
					i += bits.TrailingZeros64(a) >> 3
					break
				}
				i += 8
				continue
			}
		}
		if c := text[i]; c < utf8.RuneSelf {
			if lowerASCII[c] != 0 {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		i += size
	}
	if i >= len(text) {
		s.i = i
		return false
	}
	word := s.buf[:0]
	ascii := true
	h := hasher{h: hashSeed}
	for i < len(text) {
		if i+8 <= len(text) {
			if v := swar.Load(text, i); v&swar.Highs == 0 {
				letters, digits := alnum(v)
				lower := v | letters>>2 // 0x80 >> 2 is the case bit
				m := 8
				if stop := ^(letters | digits) & swar.Highs; stop != 0 {
					m = bits.TrailingZeros64(stop) >> 3
				}
				if m > 0 {
					lower &= ^uint64(0) >> (64 - 8*m)
					word = appendWord(word, lower, m)
					h.add(lower, m)
					i += m
				}
				if m < 8 { // text[i] ends the term
					i++
					break
				}
				continue
			}
		}
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			l := lowerASCII[c]
			if l == 0 {
				break
			}
			word = append(word, l)
			h.add(uint64(l), 1)
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if StandsAlone(r) { // piece would split it out after folding too; here it is folded alone, 3–5% faster (BenchmarkTokenize)
			if len(word) > 0 {
				break // it begins the next term
			}
			word = append(word, text[i:i+size]...)
			i += size
			for i < len(text) { // and the marks after it
				m, size := utf8.DecodeRuneInString(text[i:])
				if !Attaches(m) {
					break
				}
				word = append(word, text[i:i+size]...)
				i += size
			}
			ascii = false
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			word = append(word, text[i:i+size]...)
			ascii = false
		} else {
			i += size
			break
		}
		i += size
	}
	s.i = i
	if ascii {
		s.term, s.hash = word, h.sum(len(word))
		return true
	}
	var ok bool
	if s.folded, ok = appendFoldedFast(s.folded[:0], word); !ok {
		s.nfd = norm.NFKD.Append(s.nfd[:0], combiningVoicing(word)...)
		s.folded = keepTermRunes(appendFolded(s.folded[:0], s.nfd))
		if len(s.folded) == 0 {
			return s.Next()
		}
	}
	s.rest = s.folded
	s.piece()
	return true
}

// piece takes the next term out of rest, a folded run: a character that stands alone (with
// the marks after it), or the characters up to the next one. Folding can make them where the text had none, or several
// of one ("ｰ" is "ー", "ゟ" is "より").
func (s *Scanner) piece() {
	w := s.rest
	n := len(w)
	if slices.ContainsFunc(w, func(b byte) bool { return b >= 0xe2 }) { // below U+2000 nothing stands alone
		for i := 0; i < len(w); {
			r, size := utf8.DecodeRune(w[i:])
			if StandsAlone(r) {
				n = i
				if i == 0 {
					for n = size; n < len(w); n += size {
						if r, size = utf8.DecodeRune(w[n:]); !unicode.IsMark(r) {
							break
						}
					}
				}
				break
			}
			i += size
		}
	}
	s.term, s.hash, s.rest = w[:n], Hash(w[:n]), w[n:]
}

// keepTermRunes drops from a folded word what a compatibility decomposition may have put in
// it that is no part of a term (U+FDFA decomposes to a phrase, spaces and all), and the marks
// before its first letter or digit, which folding may leave there ("ﾞ⃝": the letter ﾞ folds to
// a mark, dropped, before the enclosing circle).
func keepTermRunes(w []byte) []byte {
	out := w[:0]
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRune(w[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || len(out) > 0 && unicode.IsMark(r) {
			out = append(out, w[i:i+size]...)
		}
		i += size
	}
	return out
}

// alnum marks the bytes of the ASCII word v that are letters, and those that are digits.
func alnum(v uint64) (letters, digits uint64) {
	folded := v | 0x20*swar.Ones // A-Z onto a-z, and no other byte into a-z
	letters = swar.AtLeast(folded, 'a') &^ swar.AtLeast(folded, 'z'+1)
	digits = swar.AtLeast(v, '0') &^ swar.AtLeast(v, '9'+1)
	return letters, digits
}

// appendWord appends the m low bytes of v to word with one store.
func appendWord(word []byte, v uint64, m int) []byte {
	n := len(word)
	word = slices.Grow(word, 8)
	binary.LittleEndian.PutUint64(word[n:n+8], v)
	return word[:n+m]
}

// hasher computes Hash of a term given in pieces of at most 8 bytes, without reading the term
// back from memory (a load over bytes just stored one by one stalls).
type hasher struct {
	h     uint64 // the mix of the full chunks before chunk, from hashSeed
	chunk uint64 // the last k bytes (1..8), not mixed yet: Hash treats the last chunk apart
	k     int
}

// add appends the m (1..8) low bytes of v, whose other bytes are zero.
func (h *hasher) add(v uint64, m int) {
	if h.k+m <= 8 {
		h.chunk |= v << (8 * h.k)
		h.k += m
		return
	}
	free := 8 - h.k
	h.h = mix(h.h ^ (h.chunk | v<<(8*h.k)))
	h.chunk, h.k = v>>(8*free), m-free
}

// sum is Hash of the n bytes added.
func (h *hasher) sum(n int) uint64 {
	if n <= 8 {
		return mix(h.chunk)
	}
	return mix(h.h ^ h.chunk)
}

// Term is the current term, lower-cased and accent-folded. The slice is reused by Next: copy
// it (string(term)) to keep it.
func (s *Scanner) Term() []byte { return s.term }

// Hash is Hash(Term()).
func (s *Scanner) Hash() uint64 { return s.hash }

// lowerASCII maps an ASCII letter or digit to its lower case, and anything else to 0.
var lowerASCII = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// EachBytes calls fn with every term of text, in order. The slice passed to fn is reused
// between calls: copy it (string(word)) to keep it.
func EachBytes(text string, fn func(word []byte)) {
	var s Scanner
	s.Reset(text)
	for s.Next() {
		fn(s.Term())
	}
}

// Concat returns the terms of text written one after another ("St. Petersburg" →
// "stpetersburg"). It makes no copy when text already is that, and none but the result's for
// ASCII text.
func Concat(text string) string {
	var buf [64]byte
	out := buf[:0]
	same := true // out is text so far
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			return concatSlow(text)
		}
		l := lowerASCII[c]
		same = same && l == c && l != 0
		if l != 0 {
			out = append(out, l)
		}
	}
	if same {
		return text
	}
	return string(out)
}

func concatSlow(text string) string {
	var b []byte
	var s Scanner
	s.Reset(text)
	for s.Next() {
		b = append(b, s.Term()...)
	}
	return string(b)
}

// Hash is a 64-bit hash of a term for hash tables, whose high bits are the well-mixed ones
// (Fibonacci hashing: a table of 2^b slots takes the top b bits). For a term of at most 8
// bytes it is a bijection of the term's bytes: two such terms of one length have equal hashes
// only when they are equal.
func Hash(term []byte) uint64 {
	if len(term) <= 8 {
		return mix(pack(term))
	}
	h := uint64(hashSeed)
	for len(term) > 8 {
		h = mix(h ^ binary.LittleEndian.Uint64(term))
		term = term[8:]
	}
	return mix(h ^ pack(term))
}

const hashSeed = 0x9e3779b97f4a7c15

// pack reads at most 8 bytes as a little-endian word.
func pack(b []byte) uint64 {
	var v uint64
	for i := len(b) - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v
}

// mix multiplies by an odd constant (2^64 / φ): a bijection, one instruction, that carries
// every bit of k into the high bits of the result.
func mix(k uint64) uint64 {
	return k * 0x9e3779b97f4a7c15
}

// Each calls fn with every term of text, in order, as a string of its own.
func Each(text string, fn func(word string)) {
	EachBytes(text, func(w []byte) { fn(string(w)) })
}

// StandsAlone reports whether r is a term by itself: a Chinese character or Japanese kana, a
// letter (and the marks after it). These languages put no space between words, so a run of them
// held whole as one term could be found only by its first characters; each character a term,
// a word inside a run is found as the phrase of its characters.
func StandsAlone(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case 0x4E00 <= r && r <= 0x9FFF: // the unified ideographs, all letters of the Han script
		return true
	case 0x3040 <= r && r <= 0x30FF: // kana: letters, less marks, punctuation and ゛゜
		return 0x3041 <= r && r <= 0x3096 || 0x309D <= r && r <= 0x309F || 0x30A1 <= r && r <= 0x30FA || 0x30FC <= r
	}
	return unicode.IsLetter(r) && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// List returns the terms of text.
func List(text string) []string {
	var out []string
	Each(text, func(w string) { out = append(out, w) })
	return out
}

// Fold returns text as one lower-cased, accent-folded string, keeping everything but case
// and combining marks (kana keep their voicing): "Zürich" → "zurich", "Петербурге" →
// "петербурге", "Straße" → "strasse", "ﬁnance" → "finance", "ＣＩＡ" → "cia", "ﾃﾞﾝｷ" → "デンキ".
func Fold(text string) string {
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf || ('A' <= text[i] && text[i] <= 'Z') {
			return string(foldRunes([]byte(text)))
		}
	}
	return text
}

// foldRunes decomposes b (NFKD: accents, ligatures, full-width and other compatibility
// forms), drops combining marks (but kana voicing: see appendMark) and lower-cases what
// remains.
func foldRunes(b []byte) []byte {
	return appendFolded(nil, norm.NFKD.Bytes(combiningVoicing(b)))
}

// combiningVoicing turns the spacing voicing marks ゛ and ゜ in b, which Attaches keeps after
// their kana, into the combining ones (か゛ is が), in place: decomposed, they would be a space
// and the mark, which is then after no kana.
func combiningVoicing(b []byte) []byte {
	for i := 0; i+2 < len(b); i++ {
		if b[i] == 0xe3 && b[i+1] == 0x82 && (b[i+2] == 0x9b || b[i+2] == 0x9c) { // U+309B, U+309C
			b[i+2] -= 2 // U+3099, U+309A
		}
	}
	return b
}

// appendFoldedFast folds word without the norm package when every rune is either already
// decomposed or a precomposed letter of the table; ok is false when it cannot.
func appendFoldedFast(out, word []byte) (_ []byte, ok bool) {
	table := foldTable()
	for i := 0; i < len(word); {
		r, size := utf8.DecodeRune(word[i:])
		i += size
		if int(r) < len(table) {
			switch f := table[r]; f {
			case foldSlow:
				return out, false
			case foldDrop:
			default:
				out = utf8.AppendRune(out, f)
			}
			continue
		}
		if b, found := baseLetters()[r]; found {
			r = b
		} else if norm.NFKD.QuickSpan(word[i-size:i]) < size {
			return out, false
		}
		if unicode.Is(unicode.Mn, r) {
			out = appendMark(out, r)
			continue
		}
		out = utf8.AppendRune(out, unicode.ToLower(r))
	}
	return out, true
}

// Attaches reports whether r belongs to the character before it: a combining mark, or a kana
// voicing mark written as a character of its own, half-width (ﾃﾞ is デ) or spacing (て゛ is
// で), which folds to the combining one.
func Attaches(r rune) bool {
	return unicode.IsMark(r) || r == 'ﾞ' || r == 'ﾟ' || r == '゛' || r == '゜'
}

// appendMark appends to folded what folding makes of the combining mark r that follows it:
// nothing for an accent, but a kana voicing mark after its kana makes another sound (で is
// not て, ぱ is not は), so the two are the voiced kana, one character, as the text most often
// has it; decomposition had split it (で is て U+3099), and half-width text writes it so
// (ﾃﾞ). Where no character is both (か゚), the mark stays after the kana.
func appendMark(folded []byte, r rune) []byte {
	if r != '\u3099' && r != '\u309a' {
		return folded
	}
	kana, size := utf8.DecodeLastRune(folded)
	if !unicode.In(kana, unicode.Hiragana, unicode.Katakana) {
		return folded
	}
	if v, ok := voicedKana()[[2]rune{kana, r}]; ok {
		return utf8.AppendRune(folded[:len(folded)-size], v)
	}
	return utf8.AppendRune(folded, r)
}

// voicedKana maps a kana and a voicing mark to the kana that is both (て U+3099 to で), as
// the norm package composes them.
var voicedKana = sync.OnceValue(func() map[[2]rune]rune {
	m := map[[2]rune]rune{}
	for kana := rune(0x3040); kana <= 0x30ff; kana++ {
		for _, mark := range []rune{'\u3099', '\u309a'} {
			if c := []rune(norm.NFC.String(string([]rune{kana, mark}))); len(c) == 1 {
				m[[2]rune{kana, mark}] = c[0]
			}
		}
	}
	return m
})

const (
	foldDrop = 0  // a combining mark
	foldSlow = -1 // needs the norm package
)

// foldTable holds what appendFoldedFast makes of each rune below U+2000 (Latin, Greek,
// Cyrillic and the other alphabets most text is in): its folded rune, foldDrop or foldSlow.
// One lookup replaces a map lookup, a normalisation check and two Unicode table searches.
var foldTable = sync.OnceValue(func() []rune {
	t := make([]rune, 0x2000)
	for r := range rune(len(t)) {
		switch b, found := baseLetters()[r]; {
		case found:
			t[r] = unicode.ToLower(b)
		case r == 'ß' || r == 'ẞ', norm.NFKD.QuickSpan(utf8.AppendRune(nil, r)) < utf8.RuneLen(r):
			t[r] = foldSlow
		case unicode.Is(unicode.Mn, r):
			t[r] = foldDrop
		default:
			t[r] = unicode.ToLower(r)
		}
	}
	return t
})

// baseLetters maps each precomposed letter of the Latin, Greek, Cyrillic and Vietnamese blocks
// to its base letter (é → e, й → и), as NFKD and dropping the marks would. It is built from the
// norm package on first use.
var baseLetters = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	for _, block := range [][2]rune{{0xC0, 0x24F}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x1E00, 0x1EFF}} {
		for r := block[0]; r <= block[1]; r++ {
			d := []rune(norm.NFKD.String(string(r)))
			if len(d) < 2 {
				continue
			}
			marks := unicode.IsLetter(d[0]) // U+037A is a space and a mark, under NFKD
			for _, x := range d[1:] {
				marks = marks && unicode.Is(unicode.Mn, x)
			}
			if marks {
				m[r] = d[0]
			}
		}
	}
	return m
})

// appendFolded appends decomposed text d to out without its combining marks (kana keep their
// voicing: see appendMark), lower-cased,
// with ß as ss (as Unicode case folding has it: "strasse" finds "Straße"). out must not
// share memory with d: lower-casing can grow a rune (Ⱦ → ⱦ).
func appendFolded(out, d []byte) []byte {
	for i := 0; i < len(d); {
		r, size := utf8.DecodeRune(d[i:])
		i += size
		switch {
		case unicode.Is(unicode.Mn, r):
			out = appendMark(out, r)
		case r == 'ß' || r == 'ẞ':
			out = append(out, "ss"...)
		default:
			out = utf8.AppendRune(out, unicode.ToLower(r))
		}
	}
	return out
}
