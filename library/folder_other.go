//go:build !unix

package library

// folder is a reading worker's open folder on Unix (folder_linux.go); here files are read by
// path.
type folder struct{}

func (*folder) close() {}
