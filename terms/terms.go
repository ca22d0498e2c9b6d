// Package terms splits text into search terms: lower-cased, accent-folded runs of letters and
// digits. The index and the query parser both use it, so a word is the same word on both sides.
// It knows nothing of stories, tags or files.
package terms

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// EachBytes calls fn with every term of text, in order. The slice passed to fn is reused
// between calls: copy it (string(word)) to keep it.
func EachBytes(text string, fn func(word []byte)) {
	EachHashed(text, func(w []byte, _ uint64) { fn(w) })
}

// EachHashed is EachBytes that also gives each term's Hash, computed while scanning.
func EachHashed(text string, fn func(word []byte, hash uint64)) {
	var buf [64]byte
	word := buf[:0]
	ascii := true
	h := uint64(fnvOffset)
	var nfd, folded []byte // reused by every non-ASCII word
	flush := func() {
		if len(word) == 0 {
			return
		}
		if ascii {
			fn(word, h)
		} else {
			var ok bool
			if folded, ok = appendFoldedFast(folded[:0], word); !ok {
				nfd = norm.NFD.Append(nfd[:0], word...)
				folded = appendFolded(folded[:0], nfd)
			}
			fn(folded, Hash(folded))
		}
		word = word[:0]
		ascii = true
		h = fnvOffset
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				flush()
				i++
				continue
			}
			word = append(word, c)
			h = (h ^ uint64(c)) * fnvPrime
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (len(word) > 0 && unicode.IsMark(r)) {
			word = append(word, text[i:i+size]...)
			ascii = false
		} else {
			flush()
		}
		i += size
	}
	flush()
}

// FNV-1a, 64 bits: cheap to compute a byte at a time while scanning.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Hash is the hash EachHashed gives a term.
func Hash(term []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range term {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// Each calls fn with every term of text, in order, as a string of its own.
func Each(text string, fn func(word string)) {
	EachBytes(text, func(w []byte) { fn(string(w)) })
}

// List returns the terms of text.
func List(text string) []string {
	var out []string
	Each(text, func(w string) { out = append(out, w) })
	return out
}

// Fold returns text as one lower-cased, accent-folded string, keeping everything but case
// and combining marks: "Zürich" → "zurich", "Петербурге" → "петербурге".
func Fold(text string) string {
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf || ('A' <= text[i] && text[i] <= 'Z') {
			return string(foldRunes([]byte(text)))
		}
	}
	return text
}

// foldRunes decomposes b (NFD), drops combining marks and lower-cases what remains.
func foldRunes(b []byte) []byte {
	return appendFolded(nil, norm.NFD.Bytes(b))
}

// appendFoldedFast folds word without the norm package when every rune is either already
// decomposed or a precomposed letter of the table; ok is false when it cannot.
func appendFoldedFast(out, word []byte) (_ []byte, ok bool) {
	bases := baseLetters()
	for i := 0; i < len(word); {
		r, size := utf8.DecodeRune(word[i:])
		i += size
		if b, found := bases[r]; found {
			r = b
		} else if norm.NFD.QuickSpan(word[i-size:i]) < size {
			return out, false
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		out = utf8.AppendRune(out, unicode.ToLower(r))
	}
	return out, true
}

// baseLetters maps each precomposed letter of the Latin, Greek, Cyrillic and Vietnamese blocks
// to its base letter (é → e, й → и), as NFD and dropping the marks would. It is built from the
// norm package on first use.
var baseLetters = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	for _, block := range [][2]rune{{0xC0, 0x24F}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x1E00, 0x1EFF}} {
		for r := block[0]; r <= block[1]; r++ {
			d := []rune(norm.NFD.String(string(r)))
			if len(d) < 2 {
				continue
			}
			marks := true
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

// appendFolded appends decomposed text d to out without its combining marks, lower-cased.
// out must not share memory with d: lower-casing can grow a rune (Ⱦ → ⱦ).
func appendFolded(out, d []byte) []byte {
	for i := 0; i < len(d); {
		r, size := utf8.DecodeRune(d[i:])
		i += size
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		out = utf8.AppendRune(out, unicode.ToLower(r))
	}
	return out
}
