package library

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkFolder: after reading path, the worker's folder is path's, open.
func checkFolder(t *testing.T, dir *folder, path string) {
	t.Helper()
	if !dir.held || dir.path != filepath.Dir(path) {
		t.Errorf("%s: folder held %v at %q", path, dir.held, dir.path)
	}
}

// TestWholeReads: where a short read is taken as the end of a file, files of every size about
// the buffer's room are still read whole (forced on, whatever file system the test runs on).
func TestWholeReads(t *testing.T) {
	root := t.TempDir()
	var paths []string
	for _, size := range []int{0, 1, 100, 4095, 4096, 4097, 8192, 70_000} {
		paths = append(paths, write(t, root, fmt.Sprintf("%d.txt", size), strings.Repeat("w", size)))
	}
	dir := &folder{}
	defer dir.close()
	if _, _, ok := dir.at(root); !ok {
		t.Fatal("the folder does not open")
	}
	dir.whole = true
	for _, p := range paths {
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := readFile(p, make([]byte, 0, 4096), false, dir); err != nil || string(got) != string(want) {
			t.Errorf("%s: %d bytes, %v; want %d", p, len(got), err, len(want))
		}
	}
}
