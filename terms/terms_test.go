package terms

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

func TestList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Putin thanks Trump", []string{"putin", "thanks", "trump"}},
		{"CIA’s help", []string{"cia", "s", "help"}},
		{"Zürich, ZÜRICH!", []string{"zurich", "zurich"}},
		{"в Петербурге", []string{"в", "петербурге"}},
		{"東京 2024年", []string{"東", "京", "2024", "年"}},
		{"東京の天気予報です。", []string{"東", "京", "の", "天", "気", "予", "報", "で", "す"}},
		// Kana keep their voicing (で is not て), as one character however it was written.
		{"でんき てんき ﾃﾞﾝｷ デンキ ぱ ば は", []string{"で", "ん", "き", "て", "ん", "き", "デ", "ン", "キ", "デ", "ン", "キ", "ぱ", "ば", "は"}},
		{"て\u3099 ﾊﾟ て゛んき は゜", []string{"で", "パ", "で", "ん", "き", "ぱ"}},
		{"゛ a゛b", []string{"a", "b"}},                       // a spacing mark after no kana stays a separator
		{"か\u309a ㇷ\u309a", []string{"か\u309a", "ㇷ\u309a"}}, // no character is both: the mark stays
		{"ﾞ aﾞ e\u3099 ー\u3099", []string{"a", "e", "ー"}},   // after no kana it is dropped, as accents are
		{"ﾞ\u20dd x", []string{"x"}},                        // a mark left first by folding is no term
		{"ラーメン屋abc", []string{"ラ", "ー", "メ", "ン", "屋", "abc"}},
		{"서울 뉴스", []string{Fold("서울"), Fold("뉴스")}}, // Korean puts spaces between words: runs stay whole
		{"e\u0301te\u0301", []string{"ete"}},
		{"a-b_c.d", []string{"a", "b", "c", "d"}},
		{"🙂 emoji", []string{"emoji"}},
		{"Straße STRASSE", []string{"strasse", "strasse"}},
		{"ﬁnance ＣＩＡ Ǆemal", []string{"finance", "cia", "dzemal"}},
		{"x\ufdfay", []string{"xصلىاللهعليهوسلمy"}},
	}
	for _, tt := range tests {
		if got := List(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("List(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Zürich": "zurich", "cia": "cia", "ÉCOLE": "ecole", "Петербург": "петербург", "St. P": "st. p",
		"Straße": "strasse", "ﬁnance": "finance", "ＣＩＡ": "cia",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFastFoldMatchesNorm(t *testing.T) {
	for r := rune(0x80); r < 0x3000; r++ {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			continue
		}
		w := []byte("x" + string(r) + "y")
		want := keepTermRunes(foldRunes(w)) // a term's definition
		if fast, ok := appendFoldedFast(nil, w); ok && string(fast) != string(want) {
			t.Errorf("%U: fast fold %q, norm fold %q", r, fast, want)
		}
	}
}

// listRef is the definition the Scanner must meet, a rune at a time: runs of letters and
// digits (with the marks that follow them), each folded by the norm package; a character that
// stands alone (Chinese, Japanese kana) is a run by itself, with the marks after it.
func listRef(text string) []string {
	var out []string
	var word []rune
	alone := false // word is a character that stands alone
	flush := func() {
		if len(word) > 0 {
			// Folding can make characters that stand alone ("ｰ" is "ー", "ゟ" is "より"):
			// each is a term again, and so is each run of other characters.
			var piece []rune
			lastAlone := false // the last term out is a character that stands alone
			for _, r := range string(keepTermRunes(foldRunes([]byte(string(word))))) {
				switch {
				case StandsAlone(r):
					if len(piece) > 0 {
						out = append(out, string(piece))
					}
					out, piece, lastAlone = append(out, string(r)), piece[:0], true
				case lastAlone && unicode.IsMark(r):
					out[len(out)-1] += string(r)
				default:
					piece, lastAlone = append(piece, r), false
				}
			}
			if len(piece) > 0 {
				out = append(out, string(piece))
			}
			word = word[:0]
		}
		alone = false
	}
	for _, r := range text {
		switch {
		case StandsAlone(r):
			flush()
			word, alone = append(word, r), true
		case alone && (r == 'ﾞ' || r == 'ﾟ' || r == '゛' || r == '゜'): // voicing written apart: part of the kana before it
			word = append(word, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if alone {
				flush()
			}
			word = append(word, r)
		case len(word) > 0 && unicode.IsMark(r):
			word = append(word, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

func TestScannerMatchesReference(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "Putin thanks Trump for CIA’s help.", "Zürich \xff\xfe в Петербурге",
		"e\u0301te\u0301 \u0301lone mark", "x\u00a0y\u3000z", "東京 2024年", "ALL CAPS AND 123",
		"か\u3099が abc東京def 北京大学的新研究", "ﾃﾚﾋﾞ テレビ", "ゟ ヿ aｰb 00000000000000000ｰ00",
		strings.Repeat("long", 40) + " " + strings.Repeat("Ü", 40), "tail,", ",head",
	} {
		got := List(s)
		if want := listRef(s); !reflect.DeepEqual(got, want) {
			t.Errorf("List(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestConcat(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "politics": "politics", "St. Petersburg": "stpetersburg", " ST.PETERSBURG ": "stpetersburg",
		"Zürich": "zurich", "a-b_c": "abc", "...": "", "a\x00b": "ab", "x\u0301y": "xy", "東京 2024": "東京2024",
	} {
		if got := Concat(in); got != want {
			t.Errorf("Concat(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHash(t *testing.T) {
	// A short term's hash does not depend on the memory after it.
	for _, w := range []string{"a", "ab", "abcdefg", "abcdefgh", "zürich"} {
		small := []byte(w)[:len(w):len(w)]
		big := append([]byte(w), "garbage!"...)[:len(w)]
		if Hash(small) != Hash(big) {
			t.Errorf("Hash(%q) depends on the bytes after the term", w)
		}
	}
	// Terms of up to 8 bytes never collide.
	seen := map[uint64]string{}
	var sc Scanner
	for i := range 200000 {
		sc.Reset(strconv.FormatInt(int64(i)*7919, 36))
		for sc.Next() {
			w := string(sc.Term())
			if len(w) > 8 {
				continue
			}
			if other, ok := seen[sc.Hash()]; ok && other != w {
				t.Fatalf("%q and %q share hash %x", w, other, sc.Hash())
			}
			seen[sc.Hash()] = w
		}
	}
}

// TestScannerAtEveryOffset: every string of 9 bytes over a letter of each case, a digit and
// two separators, so that terms start and end at every place of an eight-byte load, meets
// the reference, hashes included.
func TestScannerAtEveryOffset(t *testing.T) {
	const alphabet, n = "aZ7 .", 9
	buf := make([]byte, n)
	var sc Scanner
	for code := 0; code < pow(len(alphabet), n); code++ {
		for i, c := 0, code; i < n; i, c = i+1, c/len(alphabet) {
			buf[i] = alphabet[c%len(alphabet)]
		}
		text := string(buf)
		want := listRef(text)
		sc.Reset(text)
		for k := 0; ; k++ {
			if !sc.Next() {
				if k != len(want) {
					t.Fatalf("%q: %d terms, want %q", text, k, want)
				}
				break
			}
			if k >= len(want) || string(sc.Term()) != want[k] || sc.Hash() != Hash(sc.Term()) {
				t.Fatalf("%q: term %d is %q (hash %x), want %q", text, k, sc.Term(), sc.Hash(), want)
			}
		}
	}
}

// TestScannerAcrossTwoLoads: a term of every length up to 17 bytes, starting at every place
// of an eight-byte load, ended by each kind of byte (or the text's end) and followed by more
// text, meets the reference, hashes included: the terms that end within the second load take
// a path of their own.
func TestScannerAcrossTwoLoads(t *testing.T) {
	const letters = "aB3cD4eF5gH6iJ7kL8"
	var sc Scanner
	for lead := range 8 {
		for n := 1; n <= 17; n++ {
			for _, after := range []string{"", " ", ".", "é", "\xff", "Ü rest of the text", " more words after it"} {
				text := strings.Repeat(" ", lead) + letters[:n] + after
				want := listRef(text)
				sc.Reset(text)
				var got []string
				for sc.Next() {
					if sc.Hash() != Hash(sc.Term()) {
						t.Fatalf("%q: hash of %q is %x, want %x", text, sc.Term(), sc.Hash(), Hash(sc.Term()))
					}
					got = append(got, string(sc.Term()))
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("terms of %q: %q, want %q", text, got, want)
				}
			}
		}
	}
}

func pow(b, e int) int {
	r := 1
	for range e {
		r *= b
	}
	return r
}

func FuzzScanner(f *testing.F) {
	f.Add("Putin thanks Trump for CIA’s help")
	f.Add("Zürich \xff\xfe в Петербурге")
	f.Add("ﾞ\u20dd でんき ﾃﾞﾝｷ か\u309a") // voicing kept; a mark left first by folding dropped
	f.Fuzz(func(t *testing.T, s string) {
		var sc Scanner
		sc.Reset(s)
		var got []string
		for sc.Next() {
			w := sc.Term()
			if sc.Hash() != Hash(w) {
				t.Fatalf("hash of %q is %x, want %x", w, sc.Hash(), Hash(w))
			}
			if len(w) == 0 {
				t.Fatalf("empty term from %q", s)
			}
			if again := List(string(w)); len(again) != 1 || again[0] != string(w) {
				t.Fatalf("term %q of %q is not stable: %q", w, s, again)
			}
			got = append(got, string(w))
		}
		if want := listRef(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("terms of %q: %q, want %q", s, got, want)
		}
		if got, want := Concat(s), strings.Join(listRef(s), ""); got != want {
			t.Fatalf("Concat(%q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkEachBytes(b *testing.B) {
	text := "The Central Intelligence Agency of the United States gave the Russian special services information that helped to prevent bombings in St. Petersburg, Zürich."
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		EachBytes(text, func([]byte) {})
	}
}

// TestStandsAloneMatchesItsDefinition: the ranges StandsAlone checks first say what its
// definition says, for every character.
func TestStandsAloneMatchesItsDefinition(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.IsLetter(r) && (r == 'ー' || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana))
		if got := StandsAlone(r); got != want {
			t.Errorf("StandsAlone(%U) = %v, want %v", r, got, want)
		}
	}
}
