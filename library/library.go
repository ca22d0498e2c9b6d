// Package library finds story files (the embedded set, or files and folders given by the
// user), parses them in parallel and hands them on in a stable order, in batches, with one
// warning for each file it skips or repairs. It reads files; it never indexes, renders or
// imports UI code.
package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"newsread/articles"
	"newsread/story"
)

// embeddedPrefix marks a Story.Source that names a file of the embedded set.
const embeddedPrefix = "embedded:"

// Warning is one file skipped or repaired, and why.
type Warning struct {
	Path, Reason string
}

// errNotRegular is why a FIFO, a device or a link to one (or to a folder) is skipped: opening
// a FIFO would wait for a writer, a device such as /dev/zero never ends, and opening some
// devices acts on them.
var errNotRegular = errors.New("not a regular file")

// duplicateReason starts the reason of a story skipped because an earlier one has its id.
const duplicateReason = "skipped: duplicate of "

// IsDuplicate reports whether the warning is a story skipped as a duplicate of an earlier one.
func (w Warning) IsDuplicate() bool { return strings.HasPrefix(w.Reason, duplicateReason) }

// String is the warning as one line of printable text: a path holding escape sequences or
// control characters is quoted.
func (w Warning) String() string { return story.Printable(w.Path) + ": " + w.Reason }

// Library is where stories come from: the embedded set, or paths on disk.
type Library struct {
	paths    []string // files and folders; empty means the embedded set
	embedded fs.FS
}

// Embedded is the library of the stories built into the binary.
func Embedded() *Library { return &Library{embedded: articles.FS} }

// Paths is the library of the story files in paths (files, or folders read recursively).
// A path that does not exist is an error. A path given again, or inside a folder also given,
// is left out: its stories are read once, where it comes first or through the folder.
func Paths(paths []string) (*Library, error) {
	folder := make([]bool, len(paths))
	for i, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		folder[i] = info.IsDir()
	}
	return &Library{paths: distinct(paths, folder)}, nil
}

// distinct returns paths without those that name a path before them, or a story file or
// folder inside one of the folders (folder[i] tells whether paths[i] is one). Paths are
// compared as absolute paths, with their links followed when a folder is among them (but a
// file's own name, which a folder's walk reads as it is): a library of files only may be
// thousands of them (a patch's changed files), each link a system call.
func distinct(paths []string, folder []bool) []string {
	resolve := slices.Contains(folder, true)
	cwd, _ := os.Getwd()
	keys := make([]string, len(paths))
	var folders []string
	for i, p := range paths {
		switch {
		case resolve && folder[i]:
			keys[i] = resolved(p)
		case resolve:
			keys[i] = filepath.Join(resolved(filepath.Dir(p)), filepath.Base(p))
		case filepath.IsAbs(p) || cwd == "":
			keys[i] = filepath.Clean(p)
		default:
			keys[i] = filepath.Join(cwd, p)
		}
		if folder[i] {
			folders = append(folders, keys[i])
		}
	}
	seen := make(map[string]bool, len(paths))
	out := make([]string, 0, len(paths))
	for i, p := range paths {
		if seen[keys[i]] || (folder[i] || story.IsStoryFile(p)) && insideAny(keys[i], folders) {
			continue // a file given by name is read whatever its extension: not so through a folder
		}
		seen[keys[i]] = true
		out = append(out, p)
	}
	return out
}

// resolved is p as an absolute path with its links followed, as far as they can be.
func resolved(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// insideAny reports whether path is below one of folders (not one of them itself).
func insideAny(path string, folders []string) bool {
	for _, f := range folders {
		if rel, err := filepath.Rel(f, path); err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// Describe says in a few words where the stories come from.
func (l *Library) Describe() string {
	if l.embedded != nil {
		return "the embedded stories"
	}
	return strings.Join(l.paths, ", ")
}

// Read reads one story again, whole, from where it was loaded.
func (l *Library) Read(source string) (story.Story, error) {
	var data []byte
	var err error
	if name, ok := strings.CutPrefix(source, embeddedPrefix); ok {
		data, err = fs.ReadFile(articles.FS, name)
	} else {
		data, err = os.ReadFile(source)
	}
	if err != nil {
		return story.Story{}, unwrapPathError(err)
	}
	s, _, err := story.Parse(source, data)
	return s, err
}

// unwrapPathError drops the "open PATH:" part of an error whose path the caller names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Roots are the files and folders the library reads, as given; nil for the embedded set.
func (l *Library) Roots() []string { return l.paths }
