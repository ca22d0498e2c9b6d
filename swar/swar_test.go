package swar

import "testing"

// Every byte value in every place of a word, against the byte-at-a-time answers.
func TestAgainstBytes(t *testing.T) {
	base := "abcdefgh"
	for place := range 8 {
		for b := range 256 {
			buf := []byte(base)
			buf[place] = byte(b)
			v := Load(string(buf), 0)
			if got := MayHold(v, byte(b)); got == 0 {
				t.Fatalf("MayHold(%q, %#x) = 0", buf, b)
			}
			want := uint64(0)
			for i, x := range buf {
				if x == 0 {
					want |= 0x80 << (8 * i)
				}
			}
			if got := Zeros(v); got != want {
				t.Fatalf("Zeros(%q) = %#x, want %#x", buf, got, want)
			}
			if b >= 0x80 {
				continue
			}
			for _, c := range []byte{0, 0x09, 0x20, 'a', 'z' + 1, 0x7f} {
				want := uint64(0)
				for i, x := range buf {
					if x >= c {
						want |= 0x80 << (8 * i)
					}
				}
				if got := AtLeast(v, c); got != want {
					t.Fatalf("AtLeast(%q, %#x) = %#x, want %#x", buf, c, got, want)
				}
			}
		}
	}
	if MayHold(Load("abcdefgh", 0), 'z') != 0 {
		t.Error("MayHold finds a byte that is not there")
	}
}
