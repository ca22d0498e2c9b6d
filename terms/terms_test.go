package terms

import (
	"reflect"
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
		{"東京 2024年", []string{"東京", "2024年"}},
		{"e\u0301te\u0301", []string{"ete"}},
		{"a-b_c.d", []string{"a", "b", "c", "d"}},
		{"🙂 emoji", []string{"emoji"}},
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
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFastFoldMatchesNorm(t *testing.T) {
	for r := rune(0x80); r < 0x3000; r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		w := []byte("x" + string(r) + "y")
		fast, ok := appendFoldedFast(nil, w)
		if ok && string(fast) != string(foldRunes(w)) {
			t.Errorf("%U: fast fold %q, norm fold %q", r, fast, foldRunes(w))
		}
	}
}

func FuzzEachBytes(f *testing.F) {
	f.Add("Putin thanks Trump for CIA’s help")
	f.Add("Zürich \xff\xfe в Петербурге")
	f.Fuzz(func(t *testing.T, s string) {
		EachHashed(s, func(w []byte, h uint64) {
			if h != Hash(w) {
				t.Fatalf("hash of %q is %x, want %x", w, h, Hash(w))
			}
			if len(w) == 0 {
				t.Fatalf("empty term from %q", s)
			}
			if again := List(string(w)); len(again) != 1 || again[0] != string(w) {
				t.Fatalf("term %q of %q is not stable: %q", w, s, again)
			}
		})
	})
}

func BenchmarkEachBytes(b *testing.B) {
	text := "The Central Intelligence Agency of the United States gave the Russian special services information that helped to prevent bombings in St. Petersburg, Zürich."
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		EachBytes(text, func([]byte) {})
	}
}
