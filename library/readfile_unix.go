//go:build unix

package library

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"syscall"
)

// errNotRegular is why a link to a FIFO, a device or a folder is skipped: opening a FIFO
// would wait for a writer and a device such as /dev/zero never ends.
var errNotRegular = errors.New("not a regular file")

// readFile reads a story file with four system calls (open, two reads, close) where
// os.ReadFile makes six (it also registers the file with the poller and stats it), the cost
// of every cold start at 100,000 files. scratch is the caller's buffer, reused between calls;
// the result is a slice of its own, of the file's size. A symbolic link (link) is followed
// only to a regular file.
func readFile(path string, scratch *[]byte, link bool) ([]byte, error) {
	// O_NONBLOCK: a FIFO put in a regular file's place after the walk does not hang the open.
	fd, err := retry(func() (int, error) {
		return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	if link {
		var st syscall.Stat_t
		if err := syscall.Fstat(fd, &st); err != nil {
			return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
		}
		if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
			return nil, &fs.PathError{Op: "read", Path: path, Err: errNotRegular}
		}
	}
	buf := (*scratch)[:0]
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, max(64<<10, cap(buf)))
		}
		n, err := retry(func() (int, error) { return syscall.Read(fd, buf[len(buf):cap(buf)]) })
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			break
		}
		buf = buf[:len(buf)+n]
	}
	if cap(buf) <= maxScratch {
		*scratch = buf
	} else {
		*scratch = nil // a huge story's buffer is not kept for the small ones after it
	}
	return bytes.Clone(buf), nil
}

// maxScratch bounds the buffer a reader keeps between files.
const maxScratch = 1 << 20

func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
