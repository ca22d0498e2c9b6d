package state

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
)

// The packed blob holds every non-zero mark as of the last fold:
//
//	uvarint count
//	count times:
//	    uvarint len(id), id
//	    byte    flagRead|flagSaved, plus packedHasPosition when a position follows
//	    [8]byte position, float64 bits, little-endian (only with packedHasPosition)
//	    uvarint updated, unix seconds
//	[4]byte CRC-32C of everything before it, little-endian
//
// SQLite checks the structure of its pages but not their content; the checksum covers that.
const packedHasPosition = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func encode(m map[string]Mark) []byte {
	b := make([]byte, 0, 16+len(m)*40)
	b = binary.AppendUvarint(b, uint64(len(m)))
	for id, mark := range m {
		b = binary.AppendUvarint(b, uint64(len(id)))
		b = append(b, id...)
		var flags byte
		if mark.Read {
			flags |= flagRead
		}
		if mark.Saved {
			flags |= flagSaved
		}
		if mark.Position != 0 {
			flags |= packedHasPosition
		}
		b = append(b, flags)
		if mark.Position != 0 {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(mark.Position))
		}
		b = binary.AppendUvarint(b, uint64(max(mark.Updated, 0)))
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// decode parses a packed blob. The map's keys share one copy of the blob's bytes.
func decode(b []byte) (map[string]Mark, error) {
	if len(b) < 4 {
		return nil, corruptionf("packed marks are %d bytes long", len(b))
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, corruptionf("packed marks fail their checksum")
	}
	r := reader{s: string(body)}
	count := r.uvarint()
	if count > uint64(len(body)) {
		return nil, corruptionf("packed marks claim %d entries in %d bytes", count, len(body))
	}
	m := make(map[string]Mark, count)
	for range count {
		id := r.str(r.uvarint())
		flags := r.byte()
		mark := Mark{Read: flags&flagRead != 0, Saved: flags&flagSaved != 0}
		if flags&packedHasPosition != 0 {
			mark.Position = math.Float64frombits(r.uint64())
		}
		mark.Updated = int64(r.uvarint())
		if r.bad {
			break
		}
		m[id] = mark
	}
	if r.bad || r.s != "" || len(m) != int(count) {
		return nil, corruptionf("packed marks do not parse")
	}
	return m, nil
}

// reader reads a packed blob from a string, so that ids can be sliced out without copying.
// After a read past the end, bad is set and every read returns zero.
type reader struct {
	s   string
	bad bool
}

func (r *reader) uvarint() uint64 {
	var x uint64
	for i := 0; i < len(r.s) && i < binary.MaxVarintLen64; i++ {
		c := r.s[i]
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			r.s = r.s[i+1:]
			return x
		}
	}
	r.bad, r.s = true, ""
	return 0
}

func (r *reader) str(n uint64) string {
	if n > uint64(len(r.s)) {
		r.bad, r.s = true, ""
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *reader) byte() byte {
	if s := r.str(1); s != "" {
		return s[0]
	}
	return 0
}

func (r *reader) uint64() uint64 {
	s := r.str(8)
	if len(s) < 8 {
		return 0
	}
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// corruption is damage that the store finds itself, beyond what SQLite reports.
type corruption string

func (c corruption) Error() string { return string(c) }

func corruptionf(format string, args ...any) error {
	return corruption(fmt.Sprintf(format, args...))
}
