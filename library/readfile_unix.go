//go:build unix

package library

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"syscall"
)

// maxFileBytes bounds what is read of one file: no story is that long, and a file that never
// ends (a device put in a story's place while the library was walked) must not fill memory.
// Tests lower it.
var maxFileBytes = 256 << 20

// readFile reads a story file with three or four system calls (open, one or two reads, close;
// and a stat when it is larger than buf) where os.ReadFile makes six (it also registers the
// file with the poller and stats it), the cost of every cold start at 100,000 files. A file is
// opened by its name in dir, the worker's open folder (nil: by its path). The read that
// returns 0 is left out where dir's reads are whole: a FIFO put in a regular file's place
// after the walk, which could return less, is then read as far as that read. The file is read
// into buf's capacity (what buf holds is overwritten) when it fits there with a byte to spare
// (the result then shares buf's memory), else into memory of its own, of the file's size. A
// symbolic link (link) is followed only to a regular file; a file the walk saw as regular is
// not followed if it has become a link since.
func readFile(path string, buf []byte, link bool, dir *folder) ([]byte, error) {
	// O_NONBLOCK: a FIFO put in a regular file's place after the walk does not hang the open.
	flags := syscall.O_RDONLY | syscall.O_CLOEXEC | syscall.O_NONBLOCK
	if link {
		// Look before opening: opening a device can act on it (a terminal, a tape).
		if info, err := os.Stat(path); err != nil {
			return nil, err
		} else if !info.Mode().IsRegular() {
			return nil, &fs.PathError{Op: "read", Path: path, Err: errNotRegular}
		}
	} else {
		flags |= syscall.O_NOFOLLOW
	}
	fd, whole, err := openFile(path, flags, link, dir)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	if link { // the target may have changed since it was looked at
		var st syscall.Stat_t
		if err := syscall.Fstat(fd, &st); err != nil {
			return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
		}
		if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
			return nil, &fs.PathError{Op: "read", Path: path, Err: errNotRegular}
		}
	}
	buf = buf[:0]
	sized := false
	for {
		if len(buf) > maxFileBytes {
			return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("larger than %d MiB", maxFileBytes>>20)}
		}
		if len(buf) == cap(buf) {
			more := max(64<<10, cap(buf))
			if !sized && len(buf) > 0 {
				// Larger than the buffer: grow it once to the file's size rather than doubling
				// (a 100 MB story would take three times its size).
				sized = true
				var st syscall.Stat_t
				if syscall.Fstat(fd, &st) == nil && st.Size >= int64(len(buf)) {
					more = int(min(st.Size, int64(maxFileBytes))) + 1 - len(buf)
				}
			}
			buf = slices.Grow(buf, more)
		}
		// At most one byte past the limit: enough to know the file is over it.
		want := min(cap(buf), maxFileBytes+1) - len(buf)
		n, err := retry(func() (int, error) { return syscall.Read(fd, buf[len(buf):len(buf)+want]) })
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		buf = buf[:len(buf)+n]
		if n == 0 || whole && n < want {
			break
		}
	}
	return buf[:len(buf):len(buf)], nil
}

// openFile opens path with flags: by its name in dir when dir is given, the path is not a
// symbolic link to follow and its folder opens; else by the whole path. whole tells whether
// the file's reads are whole (see folder).
func openFile(path string, flags int, link bool, dir *folder) (fd int, whole bool, err error) {
	if dir != nil && !link {
		folderPath, name := ".", path
		if i := strings.LastIndexByte(path, '/'); i >= 0 {
			folderPath, name = path[:max(i, 1)], path[i+1:]
		}
		if dfd, w, ok := dir.at(folderPath); ok && name != "" {
			fd, err = retry(func() (int, error) { return dir.openat(dfd, name, flags) })
			return fd, w, err
		}
	}
	fd, err = retry(func() (int, error) { return syscall.Open(path, flags, 0) })
	return fd, false, err
}

func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
