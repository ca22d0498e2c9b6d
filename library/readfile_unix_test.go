//go:build unix

package library

import (
	"context"
	"os"
	"path/filepath"
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
