package library

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A path given again, or inside a folder also given, is left out, however it is spelt; a
// file given by name inside a folder is kept when the folder's walk would not read it.
func TestPathsReadOnce(t *testing.T) {
	dir := t.TempDir()
	d, e := filepath.Join(dir, "d"), filepath.Join(dir, "e")
	write(t, d, "a.txt", "A\n\nbody a")
	write(t, d, "sub/b.txt", "B\n\nbody b")
	write(t, d, "notes.text", "N\n\nbody n")
	write(t, e, "c.md", "# C\n\nbody c")
	link := filepath.Join(dir, "link")
	if err := os.Symlink(d, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(e, "c.md"), filepath.Join(d, "out.md")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, tc := range []struct {
		name        string
		paths, want []string
	}{
		{"the same folder twice", []string{d, d}, []string{d}},
		{"with a trailing separator", []string{d, d + "/"}, []string{d}},
		{"relative and absolute", []string{"d", d}, []string{"d"}},
		{"a subfolder before its folder", []string{d + "/sub", d}, []string{d}},
		{"a subfolder after its folder", []string{d, d + "/sub"}, []string{d}},
		{"a story file in a folder given", []string{d + "/a.txt", d}, []string{d}},
		{"a file the walk would not read", []string{d + "/notes.text", d}, []string{d + "/notes.text", d}},
		{"a link to a folder given", []string{link, d}, []string{link}},
		{"a path through a link", []string{d, link + "/sub"}, []string{d}},
		{"a file through a linked folder, beside a folder", []string{e, d + "/a.txt", link + "/a.txt"}, []string{e, d + "/a.txt"}},
		{"a link in a folder given, to a story outside", []string{d + "/out.md", d}, []string{d}},
		{"a story file and a link to it", []string{e + "/c.md", d + "/out.md"}, []string{e + "/c.md", d + "/out.md"}},
		{"two folders", []string{d, e}, []string{d, e}},
		{"a file twice", []string{d + "/a.txt", "d/a.txt", d + "/a.txt"}, []string{d + "/a.txt"}},
		{"files only", []string{"d/a.txt", "./d/a.txt", d + "/sub/b.txt", "d/../d/sub/b.txt"}, []string{"d/a.txt", d + "/sub/b.txt"}},
	} {
		lib, err := Paths(tc.paths)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !slices.Equal(lib.Roots(), tc.want) {
			t.Errorf("%s: %q → roots %q, want %q", tc.name, tc.paths, lib.Roots(), tc.want)
		}
	}
}

// Folders given inside one another load each story once, with no warning of duplicates.
func TestOverlappingFoldersLoadOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "A\n\nbody a")
	write(t, dir, "sub/b.txt", "B\n\nbody b")
	lib, err := Paths([]string{filepath.Join(dir, "sub"), dir, dir})
	if err != nil {
		t.Fatal(err)
	}
	stories, warnings := lib.LoadAll(context.Background())
	if len(stories) != 2 || len(warnings) != 0 {
		t.Fatalf("%d stories, warnings %v; want 2 and none", len(stories), warnings)
	}
}
