// Package swar tests eight bytes of text at once, in one 64-bit word (SIMD within a
// register): the scans every story goes through when a library loads use it. A result marks
// the bytes it found with 0x80 in that byte and 0 elsewhere. It knows nothing of stories or
// terms.
package swar

const (
	Ones  = 0x0101010101010101 // times a byte: that byte in every place
	Highs = 0x8080808080808080 // the mark bit of every byte; also the bytes above ASCII
	Low7  = 0x7f7f7f7f7f7f7f7f
)

// Load reads s[i:i+8] as a little-endian word (the compiler makes it one load).
func Load(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// AtLeast marks the bytes of v that are c or more. v's bytes must be ASCII (below 0x80), so
// that no byte's sum carries into the next.
func AtLeast(v uint64, c byte) uint64 {
	return (v + uint64(0x80-c)*Ones) & Highs
}

// Zeros marks exactly the bytes of v that are 0, whatever the others are.
func Zeros(v uint64) uint64 {
	return ^((v & Low7) + Low7 | v | Low7)
}

// MayHold is not 0 when some byte of v is c, and 0 when none is (of any v). It may mark more
// bytes than those that are c.
func MayHold(v uint64, c byte) uint64 {
	x := v ^ uint64(c)*Ones
	return (x - Ones) &^ x & Highs
}
