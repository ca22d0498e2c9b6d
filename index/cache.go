package index

import "github.com/RoaringBitmap/roaring/v2"

// prefixCache keeps the doc sets of recent prefixes, so typing "pe", "pet", "pete" and
// deleting back costs one union per new prefix. Entries of an older vocabulary generation miss.
type prefixCache struct {
	gen     uint64
	entries map[string]*roaring.Bitmap
}

const prefixCacheSize = 64

func (c *prefixCache) get(p string, gen uint64) *roaring.Bitmap {
	if c.gen != gen {
		return nil
	}
	return c.entries[p]
}

func (c *prefixCache) put(p string, gen uint64, b *roaring.Bitmap) {
	if c.gen != gen || c.entries == nil || len(c.entries) >= prefixCacheSize {
		c.gen, c.entries = gen, map[string]*roaring.Bitmap{}
	}
	c.entries[p] = b
}
