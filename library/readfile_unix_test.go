//go:build unix

package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestLinksOnlyToRegularFiles(t *testing.T) {
	dir := t.TempDir()
	target := write(t, t.TempDir(), "real.txt", "Linked story\n\nbody\n\u00a0 x")
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	for name, to := range map[string]string{"link.txt": target, "fifo.txt": fifo, "zero.txt": "/dev/zero", "dir.txt": t.TempDir()} {
		if err := os.Symlink(to, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := Paths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	stories, warnings := lib.LoadAll(context.Background()) // must return: neither the FIFO nor /dev/zero may hold it up
	if len(stories) != 1 || stories[0].Title != "Linked story" {
		t.Fatalf("stories %+v, want the linked story alone", stories)
	}
	got := map[string]string{}
	for _, w := range warnings {
		got[filepath.Base(w.Path)] = w.Reason
	}
	for _, name := range []string{"fifo.txt", "zero.txt", "dir.txt"} {
		if got[name] != "skipped: not a regular file" {
			t.Errorf("%s: warning %q, want \"skipped: not a regular file\" (all: %v)", name, got[name], got)
		}
	}
}

func TestReadFileGuards(t *testing.T) {
	for how, in := range map[string]func() *folder{"by path": nil, "in its folder": func() *folder { return &folder{} }} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			open := func() *folder {
				if in == nil {
					return nil
				}
				f := in()
				t.Cleanup(f.close)
				return f
			}

			// A file the walk saw as regular and that became a link since is not followed.
			swapped := filepath.Join(dir, "swapped.txt")
			if err := os.Symlink("/dev/zero", swapped); err != nil {
				t.Fatal(err)
			}
			if _, err := readFile(swapped, nil, false, open()); !errors.Is(err, syscall.ELOOP) {
				t.Errorf("a regular file swapped for a link to /dev/zero: %v, want it not followed (ELOOP)", err)
			}

			// Nothing past maxFileBytes is read.
			defer func(old int) { maxFileBytes = old }(maxFileBytes)
			maxFileBytes = 2 << 20
			exact := write(t, dir, "exact.txt", strings.Repeat("x", maxFileBytes))
			over := write(t, dir, "over.txt", strings.Repeat("x", maxFileBytes+1))
			if data, err := readFile(exact, nil, false, open()); err != nil || len(data) != maxFileBytes {
				t.Errorf("a file of exactly the limit: %d bytes, %v", len(data), err)
			}
			if _, err := readFile(over, nil, false, open()); err == nil || !strings.Contains(err.Error(), "larger than 2 MiB") {
				t.Errorf("a file over the limit: %v, want an error saying it is larger than 2 MiB", err)
			}

			// A file is read into the buffer given when it fits there with a byte to spare (for
			// the read that finds the end), else into memory of its own.
			small := write(t, dir, "small.txt", "small story")
			for _, c := range []struct {
				room    int
				inPlace bool
			}{{64, true}, {len("small story") + 1, true}, {len("small story"), false}, {4, false}, {0, false}} {
				buf := make([]byte, 0, c.room)
				data, err := readFile(small, buf, false, open())
				if err != nil || string(data) != "small story" {
					t.Errorf("room %d: %q, %v", c.room, data, err)
					continue
				}
				if inPlace := c.room > 0 && &data[0] == &buf[:1][0]; inPlace != c.inPlace {
					t.Errorf("room %d: read in place %v, want %v", c.room, inPlace, c.inPlace)
				}
			}
		})
	}
}

// TestReadFileInFolders: files read one after another by one worker, in two folders and back,
// each at sizes around its buffer's room, come out whole.
func TestReadFileInFolders(t *testing.T) {
	root := t.TempDir()
	var paths []string
	for _, sub := range []string{"a", "b", "a"} {
		for _, size := range []int{0, 1, 100, 4095, 4096, 4097, 70_000} {
			paths = append(paths, write(t, root, fmt.Sprintf("%s/%d-%d.txt", sub, size, len(paths)), strings.Repeat("z", size-min(size, 1))+"\n"[:min(size, 1)]))
		}
	}
	dir := &folder{}
	defer dir.close()
	for _, p := range paths {
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p, make([]byte, 0, 4096), false, dir)
		if err != nil || string(got) != string(want) {
			t.Errorf("%s: %d bytes, %v; want %d", p, len(got), err, len(want))
		}
		checkFolder(t, dir, p)
	}
}

func TestLinkedFolderAndSpecialFiles(t *testing.T) {
	real := t.TempDir()
	write(t, real, "sub/a.txt", "A story\n\nbody\n\u00a0 x")
	if err := syscall.Mkfifo(filepath.Join(real, "pipe.txt"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	link := filepath.Join(t.TempDir(), "news")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	lib, err := Paths([]string{link}) // as in `newsread ~/news` with ~/news a link
	if err != nil {
		t.Fatal(err)
	}
	stories, warnings := lib.LoadAll(context.Background())
	if len(stories) != 1 || stories[0].Title != "A story" || stories[0].Source != filepath.Join(link, "sub", "a.txt") {
		t.Fatalf("stories %+v, want A story from %s", stories, filepath.Join(link, "sub", "a.txt"))
	}
	if len(warnings) != 1 || filepath.Base(warnings[0].Path) != "pipe.txt" || warnings[0].Reason != "skipped: not a regular file" {
		t.Errorf("warnings %v, want pipe.txt skipped: not a regular file", warnings)
	}
	files, err := lib.Files(context.Background())
	if err != nil || len(files) != 2 || files[0].Path != stories[0].Source && files[1].Path != stories[0].Source {
		t.Errorf("files %+v (%v), want the story and the pipe under the link", files, err)
	}
}
