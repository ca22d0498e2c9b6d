package library

import (
	"os"
	"syscall"
)

// identity is a file's inode change time and inode number: a chmod, a rename or a file
// replaced by another with the same size and modification time changes one of them.
func identity(info os.FileInfo) (ctime int64, inode uint64) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	return st.Ctim.Nano(), st.Ino
}
