package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"newsread/story"
)

// TestSlabReferences: a slab is shared by the files read into it and the worker reading, and
// is handed back (emptied) when the last of them lets go.
func TestSlabReferences(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := range 3 {
		paths = append(paths, write(t, dir, fmt.Sprintf("%d.txt", i), fmt.Sprintf("Story %d\n\nbody", i)))
	}
	big := write(t, dir, "big.txt", strings.Repeat("x", slabSize))
	a := arena{slabs: &slabs{}}
	var got []*slab
	for _, p := range paths {
		data, s, err := a.read(p, false)
		if err != nil || s == nil || s != a.cur || !strings.HasPrefix(string(data), "Story") {
			t.Fatalf("%s: %q in slab %p (current %p), %v", p, data, s, a.cur, err)
		}
		got = append(got, s)
	}
	if data, s, err := a.read(big, false); err != nil || s != nil || len(data) != slabSize {
		t.Errorf("a file larger than the space left: %d bytes in slab %p, %v; want memory of its own", len(data), s, err)
	}
	s := got[0]
	if n := s.refs.Load(); n != 4 {
		t.Fatalf("3 files and the worker: %d references", n)
	}
	for _, r := range got {
		r.release()
	}
	if n := s.refs.Load(); n != 1 || len(s.buf) == 0 {
		t.Fatalf("the worker still reads into it: %d references, %d bytes used", n, len(s.buf))
	}
	a.close()
	if n := s.refs.Load(); n != 0 || len(s.buf) != 0 || len(a.slabs.free) != 1 || a.slabs.free[0] != s {
		t.Errorf("after the last release: %d references, %d bytes used, free list %p; want it emptied and free for reuse", n, len(s.buf), a.slabs.free)
	}
}

// TestReleasedSlabsKeepLaterStories loads a library through slabs a few files large, releasing
// each batch as it comes, so that later files are read into the memory of earlier ones: every
// story must still be what its file says when its batch is handed on, and in the end every
// reference to every slab must have been let go of exactly once.
func TestReleasedSlabsKeepLaterStories(t *testing.T) {
	defer func(size, space int) { slabSize, minSpace, watchSlabs = size, space, nil }(slabSize, minSpace)
	slabSize, minSpace = 4<<10, 1<<10
	var made []*slab
	var mu sync.Mutex
	watchSlabs = func(s *slab) {
		mu.Lock()
		defer mu.Unlock()
		made = append(made, s)
	}
	dir := t.TempDir()
	for i := range 3000 {
		body := strings.Repeat(fmt.Sprintf("word%d ", i), 1+i%300)
		if i%10 == 0 {
			write(t, dir, fmt.Sprintf("%02d/%04d.md", i/100, i), fmt.Sprintf("---\ntitle: \"Story %d\"\ntags:\n  - \"Tag %d\"\ndate: 2022-05-13\nsource: https://news.example.com/%d\nsummary: \"About %d\"\n---\n\n%s", i, i%5, i, i, body))
			continue
		}
		write(t, dir, fmt.Sprintf("%02d/%04d.txt", i/100, i), fmt.Sprintf("Story %d\n\n%s\n\u00a0 tag%d", i, body, i%7))
	}
	for i := range 10 { // repeats of earlier stories, and files that are no stories: dropped
		data, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%02d/%04d.txt", i*3, i*300)))
		write(t, dir, fmt.Sprintf("%02d/dup%d.txt", 29-i*3, i), string(data))
		write(t, dir, fmt.Sprintf("%02d/bin%d.txt", i*3, i), "\x00binary")
	}
	lib, err := Paths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	var kept []story.Story // as an index keeps them: without their bodies
	lib.Load(context.Background(), func(b Batch) {
		for _, s := range b.Stories {
			data, err := os.ReadFile(s.Source)
			if err != nil {
				t.Fatal(err)
			}
			want, _, _ := story.Parse(s.Source, data)
			if s.Body != want.Body || s.Title != want.Title || s.ID != want.ID {
				t.Fatalf("%s: body %.40q…, want %.40q…", s.Source, s.Body, want.Body)
			}
		}
		n += len(b.Stories)
		for _, s := range b.Stories {
			s.Body = ""
			kept = append(kept, s)
		}
		b.Release()
		if b.Stories != nil {
			t.Fatal("a released batch still holds its stories")
		}
	})
	for _, s := range kept { // after later files were read into the memory of earlier ones
		data, _ := os.ReadFile(s.Source)
		want, _, _ := story.Parse(s.Source, data)
		want.Body = ""
		if !reflect.DeepEqual(s, want) {
			t.Fatalf("after the load: %+v, want %+v", s, want)
		}
	}
	if n != 3000 {
		t.Errorf("%d stories, want 3000", n)
	}
	for _, s := range made {
		if got := s.refs.Load(); got != 0 {
			t.Fatalf("a slab of %d made ends with %d references, want 0", len(made), got)
		}
	}
}
