//go:build !unix

package library

import "os"

// readFile reads a story file; on Unix it makes fewer system calls (readfile_unix.go).
func readFile(path string, _ []byte, _ bool, _ *folder) ([]byte, error) {
	return os.ReadFile(path)
}
