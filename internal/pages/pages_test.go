package pages

import (
	"testing"
	"unsafe"
)

// touch writes into every page the bytes are part of, wherever they start in a page and
// however many there are.
func TestTouchReachesEveryPage(t *testing.T) {
	buf := make([]byte, 5*minPageSize)
	for _, start := range []int{0, 1, 100, minPageSize - 1, minPageSize} {
		for _, n := range []int{1, 2, minPageSize - 1, minPageSize, minPageSize + 1, 2*minPageSize + 7, 3 * minPageSize} {
			for i := range buf {
				buf[i] = 0xff
			}
			b := buf[start : start+n]
			touch(b)
			written := map[uintptr]bool{}
			for i := range b {
				if b[i] == 0 {
					written[uintptr(unsafe.Pointer(&b[i]))/minPageSize] = true
				}
			}
			first, last := uintptr(unsafe.Pointer(&b[0]))/minPageSize, uintptr(unsafe.Pointer(&b[n-1]))/minPageSize
			for p := first; p <= last; p++ {
				if !written[p] {
					t.Errorf("start %d, %d bytes: page %d of 0…%d not written", start, n, p-first, last-first)
				}
			}
			if buf[start+n] != 0xff || start > 0 && buf[start-1] != 0xff {
				t.Errorf("start %d, %d bytes: a byte outside was written", start, n)
			}
		}
	}
}

type mixed struct {
	s string
	n int
	b []byte
	p *mixed
}

// Make gives what make gives: the length and capacity asked, every element zero, whatever the
// element's size; empty slices and empty elements too.
func TestMakeIsMake(t *testing.T) {
	for _, c := range []int{1, 7, 4096, 100_003} {
		strs := Make[string](c/2, c)
		if len(strs) != c/2 || cap(strs) != c {
			t.Fatalf("Make[string](%d, %d): len %d, cap %d", c/2, c, len(strs), cap(strs))
		}
		for i, s := range strs[:c] {
			if s != "" {
				t.Fatalf("string %d of %d is %q", i, c, s)
			}
		}
		ms := Make[mixed](c, c)
		for i, m := range ms {
			if m.s != "" || m.n != 0 || m.b != nil || m.p != nil {
				t.Fatalf("element %d of %d is %+v", i, c, m)
			}
		}
	}
	bigs := Make[[5000]byte](3, 3)
	for i := range bigs {
		if bigs[i] != [5000]byte{} {
			t.Fatalf("big element %d is not zero", i)
		}
	}
	if s := Make[struct{}](4, 4); len(s) != 4 {
		t.Fatalf("Make of empty elements: len %d", len(s))
	}
	if s := Make[int](0, 0); len(s) != 0 || cap(s) != 0 {
		t.Fatalf("Make[int](0, 0): len %d, cap %d", len(s), cap(s))
	}
}
