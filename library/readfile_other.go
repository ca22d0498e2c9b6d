//go:build !unix

package library

import "os"

// readFile reads a story file; on Unix it makes fewer system calls (readfile_unix.go).
func readFile(path string, _ []byte, _ bool, _ *folder) ([]byte, error) {
	return os.ReadFile(path)
}

// folder is the reading worker's open folder on Unix (folder_unix.go); here files are read by
// path.
type folder struct{}

func (*folder) close() {}
