package index

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
)

// encoder appends the index's binary form: unsigned varints, length-prefixed strings and
// roaring bitmaps in their portable serialisation.
type encoder struct {
	buf []byte
	err error
}

func (e *encoder) uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *encoder) int(v int64)   { e.buf = binary.AppendVarint(e.buf, v) }

func (e *encoder) string(s string) {
	e.uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) bytes(b []byte) {
	e.uint(uint64(len(b)))
	e.buf = append(e.buf, b...)
}

func (e *encoder) bitmap(b *roaring.Bitmap) {
	if b == nil {
		e.uint(0)
		return
	}
	data, err := b.ToBytes()
	if err != nil && e.err == nil {
		e.err = err
	}
	e.bytes(data)
}

// errCorrupt is every decoding failure: the caller only needs to know the data is unusable.
var errCorrupt = errors.New("index data is corrupt")

// decoder reads what encoder wrote. Every read is bounds-checked; the first failure sticks and
// later reads return zero values, so decoding code checks err once at the end.
type decoder struct {
	buf []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.buf = nil
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) int() int64 {
	v, n := binary.Varint(d.buf)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

// count reads a length that must fit in what is left, each item taking at least min bytes.
func (d *decoder) count(min int) int {
	n := d.uint()
	if n > uint64(len(d.buf))/uint64(max(min, 1)) || n > math.MaxInt32 {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) bytes() []byte {
	n := d.count(1)
	b := d.buf[:n:n]
	d.buf = d.buf[n:]
	return b
}

func (d *decoder) string() string { return string(d.bytes()) }

// bitmap reads a bitmap whose values must all be below limit; an empty encoding is nil.
func (d *decoder) bitmap(limit uint32) *roaring.Bitmap {
	data := d.bytes()
	if len(data) == 0 || d.err != nil {
		return nil
	}
	b := roaring.New()
	if err := b.UnmarshalBinary(data); err != nil || b.Validate() != nil {
		d.fail()
		return nil
	}
	if !b.IsEmpty() && b.Maximum() >= limit {
		d.fail()
		return nil
	}
	return b
}
