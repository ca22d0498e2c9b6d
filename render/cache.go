package render

import (
	"container/list"
	"sync"
)

// DefaultCacheBytes is the budget of a Cache made with NewCache(0).
const DefaultCacheBytes = 64 << 20

// entryOverhead approximates the bookkeeping bytes of one cache entry (map slot, list element,
// entry struct), counted against the budget with the key and content lengths.
const entryOverhead = 128

// Cache holds rendered documents keyed by (id, width, style), up to a budget of bytes, evicting
// the least recently used first. It is safe for concurrent use. The id must name the content:
// give an edited document a new id, or Invalidate it.
type Cache struct {
	mu    sync.Mutex
	max   int64
	bytes int64
	lru   list.List // of *cacheEntry, most recently used first
	items map[cacheKey]*list.Element
}

type cacheKey struct {
	id    string
	width int
	style string
}

type cacheEntry struct {
	key     cacheKey
	content string
}

func (e *cacheEntry) size() int64 {
	return int64(len(e.key.id) + len(e.key.style) + len(e.content) + entryOverhead)
}

// NewCache returns an empty cache holding up to maxBytes bytes of rendered text (keys and
// bookkeeping included); maxBytes < 1 means DefaultCacheBytes.
func NewCache(maxBytes int64) *Cache {
	if maxBytes < 1 {
		maxBytes = DefaultCacheBytes
	}
	return &Cache{max: maxBytes, items: make(map[cacheKey]*list.Element)}
}

// Get returns the rendered text cached for (id, width, style) and marks it recently used.
func (c *Cache) Get(id string, width int, style string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[cacheKey{id, width, style}]
	if !ok {
		return "", false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry).content, true
}

// Put stores content for (id, width, style), replacing what was there, and evicts least
// recently used entries until the cache fits its budget. Content larger than the whole budget
// is not stored (and drops what was stored for the key).
func (c *Cache) Put(id string, width int, style string, content string) {
	key := cacheKey{id, width, style}
	e := &cacheEntry{key, content}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.remove(el)
	}
	if e.size() > c.max {
		return
	}
	c.items[key] = c.lru.PushFront(e)
	c.bytes += e.size()
	for c.bytes > c.max {
		c.remove(c.lru.Back())
	}
}

// Invalidate drops every entry of id, at all widths and styles.
func (c *Cache) Invalidate(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for key, el := range c.items {
		if key.id == id {
			c.remove(el)
		}
	}
}

// Len returns the number of entries.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

// Bytes returns the bytes counted against the budget.
func (c *Cache) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

func (c *Cache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*cacheEntry)
	delete(c.items, e.key)
	c.bytes -= e.size()
}
