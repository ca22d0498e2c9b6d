package index

import (
	"slices"

	"github.com/RoaringBitmap/roaring/v2"

	"newsread/wire"
)

// putBitmap writes b in roaring's portable form; nil is written as an empty string.
func putBitmap(e *wire.Encoder, b *roaring.Bitmap) error {
	if b == nil {
		e.Uint(0)
		return nil
	}
	data, err := b.ToBytes()
	e.Bytes(data)
	return err
}

// getBitmap reads a bitmap whose values must all be below limit; an empty string is nil.
func getBitmap(d *wire.Decoder, limit uint32) *roaring.Bitmap {
	data := d.Bytes()
	if len(data) == 0 || d.Err != nil {
		return nil
	}
	// A bitmap of its own bytes: reading from data itself would tie the caller's whole buffer
	// to the index (through the bitmap, or through roaring's pooled readers).
	b := roaring.New()
	if _, err := b.FromBuffer(slices.Clone(data)); err != nil || b.Validate() != nil {
		d.Fail()
		return nil
	}
	if !b.IsEmpty() && b.Maximum() >= limit {
		d.Fail()
		return nil
	}
	return b
}
