//go:build !linux

package library

import "os"

// identity is unknown here: size and modification time alone tell a change.
func identity(os.FileInfo) (ctime int64, inode uint64) { return 0, 0 }
