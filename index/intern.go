package index

// interner numbers the distinct terms of a batch. It is an open-addressing table keyed by the
// hash terms.Scanner computes while scanning, so a repeated term costs one probe and one
// compare rather than a map lookup that hashes it again. A term of at most 8 bytes is known by
// its hash and length alone (terms.Hash is a bijection on them): no bytes are compared.
type interner struct {
	slots []slot // len is a power of two, 1<<(64-shift), at most half full
	shift uint   // a term's first slot is its hash's top bits: hash >> shift
	names []string
}

type slot struct {
	hash uint64
	id   uint32 // id+1; 0 marks an empty slot
	n    uint32 // the term's length
}

func newInterner() *interner {
	return &interner{slots: make([]slot, 1<<13), shift: 64 - 13} // a batch part holds a few thousand distinct terms
}

// id returns the number of term w, whose hash is h, adding it when new.
func (in *interner) id(w []byte, h uint64) (id uint32, added bool) {
	mask := uint64(len(in.slots) - 1)
	for i := h >> in.shift; ; i = (i + 1) & mask {
		s := &in.slots[i]
		if s.id == 0 {
			id = uint32(len(in.names))
			in.names = append(in.names, string(w))
			s.hash, s.id, s.n = h, id+1, uint32(len(w))
			if 2*len(in.names) > len(in.slots) {
				in.grow()
			}
			return id, true
		}
		if s.hash == h && s.n == uint32(len(w)) && (len(w) <= 8 || in.names[s.id-1] == string(w)) {
			return s.id - 1, false
		}
	}
}

func (in *interner) grow() {
	old := in.slots
	in.slots = make([]slot, 2*len(old))
	in.shift--
	mask := uint64(len(in.slots) - 1)
	for _, s := range old {
		if s.id == 0 {
			continue
		}
		i := s.hash >> in.shift
		for in.slots[i].id != 0 {
			i = (i + 1) & mask
		}
		in.slots[i] = s
	}
}
