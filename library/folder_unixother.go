//go:build unix && !linux

package library

import "syscall"

// folder opens nothing here: files are opened by path, and read until a read returns 0 (the
// file systems that make a short read the end are only known on Linux, folder_linux.go).
type folder struct{}

func (*folder) at(string) (fd int, whole, ok bool) { return -1, false, false }

func (*folder) close() {}

func (*folder) openat(int, string, int) (int, error) { return -1, syscall.ENOSYS }
