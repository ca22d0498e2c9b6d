package library

import (
	"path/filepath"
	"testing"
)

// checkFolder: after reading path, the worker's folder is path's, open.
func checkFolder(t *testing.T, dir *folder, path string) {
	t.Helper()
	if !dir.held || dir.path != filepath.Dir(path) {
		t.Errorf("%s: folder held %v at %q", path, dir.held, dir.path)
	}
}
