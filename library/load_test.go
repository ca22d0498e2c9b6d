package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"newsread/story"
)

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b.txt", "B story\n\nbody b\n\u00a0 x")
	write(t, dir, "a.txt", "A story\n\nbody a\n\u00a0 x, y")
	write(t, dir, "sub/c.md", "---\ntitle: C story\n---\nbody")
	write(t, dir, "empty.txt", "")
	write(t, dir, "binary.txt", "\x00\x01")
	write(t, dir, "dup.txt", "A story\n\nbody a\n\u00a0 other")
	write(t, dir, "image.png", "\x89PNG")
	lib, err := Paths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	stories, warnings := lib.LoadAll(context.Background())
	var titles []string
	for _, s := range stories {
		titles = append(titles, s.Title)
	}
	if got, want := strings.Join(titles, "|"), "A story|B story|C story"; got != want {
		t.Errorf("titles %q, want %q", got, want)
	}
	var ws []string
	for _, w := range warnings {
		ws = append(ws, filepath.Base(w.Path)+": "+w.Reason)
	}
	want := []string{"binary.txt: skipped: binary file (NUL bytes)", "dup.txt: skipped: duplicate of " + filepath.Join(dir, "a.txt"), "empty.txt: skipped: empty file"}
	if fmt.Sprint(ws) != fmt.Sprint(want) {
		t.Errorf("warnings\n%q\nwant\n%q", ws, want)
	}
}

func TestLoadManyInOrderAndBatches(t *testing.T) {
	dir := t.TempDir()
	const n = 5000
	for i := range n {
		write(t, dir, fmt.Sprintf("%02d/s%05d.txt", i/1000, i), fmt.Sprintf("Story %05d\n\nbody %d\n  t%d", i, i, i%7))
	}
	lib, _ := Paths([]string{dir})
	var got []string
	batches, done := 0, 0
	lib.Load(context.Background(), func(b Batch) {
		batches++
		if b.Done {
			done++
			if b.Found != n {
				t.Errorf("last batch found %d, want %d", b.Found, n)
			}
		}
		for _, s := range b.Stories {
			got = append(got, s.Title)
		}
	})
	if len(got) != n || done != 1 || batches < 2 {
		t.Fatalf("%d stories in %d batches, %d done", len(got), batches, done)
	}
	for i, title := range got {
		if want := fmt.Sprintf("Story %05d", i); title != want {
			t.Fatalf("story %d is %q, want %q", i, title, want)
		}
	}
}

func TestEmbeddedAndRead(t *testing.T) {
	lib := Embedded()
	stories, warnings := lib.LoadAll(context.Background())
	if len(warnings) != 0 || len(stories) < 2 {
		t.Fatalf("embedded: %d stories, warnings %v", len(stories), warnings)
	}
	for _, s := range stories {
		again, err := lib.Read(s.Source)
		if err != nil || again.ID != s.ID || again.Body != s.Body {
			t.Errorf("Read(%q): %v", s.Source, err)
		}
	}
}

func TestPathsMissing(t *testing.T) {
	_, err := Paths([]string{"/no/such/folder"})
	if err == nil || err.Error() != "/no/such/folder: no such file or directory" {
		t.Fatalf("err %v", err)
	}
}

func TestEmptyFolder(t *testing.T) {
	lib, _ := Paths([]string{t.TempDir()})
	calls := 0
	lib.Load(context.Background(), func(b Batch) {
		calls++
		if !b.Done || len(b.Stories) != 0 {
			t.Errorf("batch %+v", b)
		}
	})
	if calls != 1 {
		t.Errorf("%d batches, want 1", calls)
	}
}

func TestBatchesGrowAfterTheFirst(t *testing.T) {
	var sizes []int
	start := time.Now()
	o := orderer{emit: func(b Batch) { sizes = append(sizes, len(b.Stories)) }, seen: map[string]string{},
		started: start, found: &atomic.Int64{}, clock: func() time.Time { return start }}
	const n = 30000
	for i := range n {
		o.add(result{seq: i, path: fmt.Sprint(i), ok: true, story: story.Story{ID: fmt.Sprint(i), Source: fmt.Sprint(i)}})
	}
	o.flush(n, true)
	total := 0
	for k, size := range sizes {
		if limit := batchStories << min(k, maxGrowth); size > limit {
			t.Errorf("batch %d holds %d stories, more than %d", k, size, limit)
		}
		total += size
	}
	if total != n {
		t.Errorf("%d stories in the batches, want %d", total, n)
	}
	// The clock stands still, so the sizes alone cut the batches.
	want := []int{2048, 4096, 8192, 8192, 7472}
	if !slices.Equal(sizes, want) {
		t.Errorf("batch sizes %v, want %v", sizes, want)
	}
}

// TestOrdererPutsResultsBackInOrder: results that come out of order, up to hundreds of files
// apart (a slow file holds its place while the others go on), are handed on in walk order.
func TestOrdererPutsResultsBackInOrder(t *testing.T) {
	const n = 5000
	seqs := []int{1, 100, 1000, 3000} // each further ahead than the others held
	for lo := 0; lo < n; lo += 700 {  // then stretches of 700, each last first
		for i := min(lo+700, n) - 1; i >= lo; i-- {
			if !slices.Contains(seqs[:4], i) {
				seqs = append(seqs, i)
			}
		}
	}
	var walked []string
	start := time.Now()
	o := orderer{emit: func(b Batch) { walked = append(walked, b.Walked...) }, seen: map[string]string{},
		started: start, found: &atomic.Int64{}, clock: func() time.Time { return start }}
	for _, i := range seqs {
		o.add(result{seq: i, path: fmt.Sprint(i), ok: true, story: story.Story{ID: fmt.Sprint(i), Source: fmt.Sprint(i)}})
	}
	o.flush(n, true)
	if len(walked) != n {
		t.Fatalf("%d files handed on, want %d", len(walked), n)
	}
	for i, p := range walked {
		if p != fmt.Sprint(i) {
			t.Fatalf("file %d handed on as %s", i, p)
		}
	}
}
