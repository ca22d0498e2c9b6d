// Package wire is the byte encoding of newsread's cache files: unsigned and signed varints and
// length-prefixed byte strings, written by an Encoder and read back by a Decoder that checks
// every bound. It knows nothing of what the bytes mean; index and snapshot give them a layout.
package wire

import (
	"encoding/binary"
	"errors"
	"math"
)

// ErrCorrupt is every decoding failure: callers only need to know the data is unusable.
var ErrCorrupt = errors.New("data is corrupt")

// Encoder appends values to Buf.
type Encoder struct {
	Buf []byte
}

func (e *Encoder) Uint(v uint64) { e.Buf = binary.AppendUvarint(e.Buf, v) }
func (e *Encoder) Int(v int64)   { e.Buf = binary.AppendVarint(e.Buf, v) }

func (e *Encoder) Text(s string) {
	e.Uint(uint64(len(s)))
	e.Buf = append(e.Buf, s...)
}

func (e *Encoder) Bytes(b []byte) {
	e.Uint(uint64(len(b)))
	e.Buf = append(e.Buf, b...)
}

// Decoder reads what an Encoder wrote. The first failure sticks in Err and later reads return
// zero values, so decoding code checks Err once at the end.
type Decoder struct {
	buf []byte
	Err error
}

func NewDecoder(b []byte) *Decoder { return &Decoder{buf: b} }

// Fail marks the data corrupt; decoding code calls it when a value is out of range.
func (d *Decoder) Fail() {
	if d.Err == nil {
		d.Err = ErrCorrupt
	}
	d.buf = nil
}

// Rest is how many bytes are left unread.
func (d *Decoder) Rest() int { return len(d.buf) }

func (d *Decoder) Uint() uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.Fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *Decoder) Int() int64 {
	v, n := binary.Varint(d.buf)
	if n <= 0 {
		d.Fail()
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

// Count reads a number of items that must fit in what is left, each taking at least min
// bytes, so a corrupt count cannot make the caller allocate more than the data could hold.
func (d *Decoder) Count(min int) int {
	n := d.Uint()
	if n > uint64(len(d.buf))/uint64(max(min, 1)) || n > math.MaxInt32 {
		d.Fail()
		return 0
	}
	return int(n)
}

// Bytes reads a byte string; the result shares the decoder's buffer.
func (d *Decoder) Bytes() []byte {
	n := d.Count(1)
	b := d.buf[:n:n]
	d.buf = d.buf[n:]
	return b
}

func (d *Decoder) Text() string { return string(d.Bytes()) }
