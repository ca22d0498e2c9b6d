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
					t.Errorf("start %d, %d bytes: page %d of %d…%d not written", start, n, p-first, 0, last-first)
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

// Touch leaves every element as it was made, up to the capacity, whatever the element's size;
// empty slices and empty elements are left alone.
func TestTouchKeepsZeros(t *testing.T) {
	for _, n := range []int{1, 7, 4096, 100_003} {
		strs := make([]string, n/2, n)
		Touch(strs)
		for i, s := range strs[:n] {
			if s != "" {
				t.Fatalf("string %d of %d is %q after Touch", i, n, s)
			}
		}
		ms := make([]mixed, n)
		Touch(ms)
		for i, m := range ms {
			if m.s != "" || m.n != 0 || m.b != nil || m.p != nil {
				t.Fatalf("element %d of %d is %+v after Touch", i, n, m)
			}
		}
	}
	bigs := make([][5000]byte, 3)
	Touch(bigs)
	for i := range bigs {
		if bigs[i] != [5000]byte{} {
			t.Fatalf("big element %d changed", i)
		}
	}
	Touch(make([]struct{}, 4))
	Touch([]int(nil))
	Touch(make([]int, 0))
}
