package render

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestCacheEvictsByBytes(t *testing.T) {
	entry := int64(1000 + len("id0") + len("dark") + entryOverhead)
	c := NewCache(3 * entry)
	text := strings.Repeat("x", 1000)
	for i := range 3 {
		c.Put(fmt.Sprint("id", i), 80, "dark", text)
	}
	if c.Len() != 3 || c.Bytes() != 3*entry {
		t.Fatalf("3 entries: Len %d, Bytes %d, want 3, %d", c.Len(), c.Bytes(), 3*entry)
	}
	c.Get("id0", 80, "dark") // id1 is now the least recently used
	c.Put("id3", 80, "dark", text)
	if _, ok := c.Get("id1", 80, "dark"); ok {
		t.Error("the least recently used entry was kept")
	}
	for _, id := range []string{"id0", "id2", "id3"} {
		if got, ok := c.Get(id, 80, "dark"); !ok || got != text {
			t.Errorf("%s evicted", id)
		}
	}
	// A big entry evicts as many as it needs.
	c.Put("big", 80, "dark", strings.Repeat("y", 2500))
	if c.Len() != 1 || c.Bytes() > 3*entry {
		t.Errorf("after a big entry: Len %d, Bytes %d", c.Len(), c.Bytes())
	}
	// An entry larger than the budget is not stored, and drops the old value of its key.
	c.Put("big", 80, "dark", strings.Repeat("z", 4000))
	if _, ok := c.Get("big", 80, "dark"); ok || c.Len() != 0 || c.Bytes() != 0 {
		t.Errorf("an entry over budget: Len %d, Bytes %d", c.Len(), c.Bytes())
	}
}

func TestCacheKeys(t *testing.T) {
	c := NewCache(0)
	c.Put("a", 80, "dark", "a80dark")
	c.Put("a", 81, "dark", "a81dark")
	c.Put("a", 80, "light", "a80light")
	c.Put("b", 80, "dark", "b80dark")
	c.Put("a", 80, "dark", "replaced")
	for _, k := range []struct {
		id    string
		width int
		style string
		want  string
	}{{"a", 80, "dark", "replaced"}, {"a", 81, "dark", "a81dark"}, {"a", 80, "light", "a80light"}, {"b", 80, "dark", "b80dark"}} {
		if got, ok := c.Get(k.id, k.width, k.style); !ok || got != k.want {
			t.Errorf("Get(%q, %d, %q) = %q, %v", k.id, k.width, k.style, got, ok)
		}
	}
	if c.Len() != 4 {
		t.Errorf("Len %d, want 4", c.Len())
	}
	c.Invalidate("a")
	if c.Len() != 1 {
		t.Errorf("after Invalidate(a): Len %d, want 1", c.Len())
	}
	if _, ok := c.Get("b", 80, "dark"); !ok {
		t.Error("Invalidate(a) dropped b")
	}
	var sum int64
	sum += int64(len("b") + len("dark") + len("b80dark") + entryOverhead)
	if c.Bytes() != sum {
		t.Errorf("Bytes %d, want %d", c.Bytes(), sum)
	}
}

// TestCacheConcurrent: Get, Put and Invalidate from 8 goroutines keep the byte count right (run
// with -race).
func TestCacheConcurrent(t *testing.T) {
	c := NewCache(50_000)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				id := fmt.Sprint((i * (g + 1)) % 97)
				switch i % 7 {
				case 0:
					c.Invalidate(id)
				case 1, 2:
					c.Put(id, 80+g%2, "dark", strings.Repeat("r", i%1500))
				default:
					if s, ok := c.Get(id, 80, "dark"); ok && strings.Trim(s, "r") != "" {
						t.Errorf("corrupt entry %q", s[:10])
					}
				}
			}
		})
	}
	wg.Wait()
	if c.Bytes() > 50_000 {
		t.Errorf("%d bytes over the budget", c.Bytes())
	}
	var sum int64
	c.mu.Lock()
	for el := c.lru.Front(); el != nil; el = el.Next() {
		sum += el.Value.(*cacheEntry).size()
	}
	n := c.lru.Len()
	c.mu.Unlock()
	if sum != c.Bytes() || n != c.Len() {
		t.Errorf("bookkeeping: %d bytes counted, %d listed; %d entries, %d listed", c.Bytes(), sum, c.Len(), n)
	}
}
