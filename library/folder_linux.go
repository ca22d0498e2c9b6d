package library

import "syscall"

// folder is the folder a reading worker opened last. A worker reads the files of a folder one
// after another (in walk order), and opens each by its name in the folder (openat) rather
// than by its whole path, which the kernel would look up again component by component.
type folder struct {
	path  string // the folder last asked for, held open or not
	fd    int    // open on path while held
	held  bool   // false: none asked for yet, or path would not open (it is not tried again for its next file)
	whole bool   // path's file system returns a regular file's data in full: a read shorter than asked is the file's end
	atime bool   // the system refused O_NOATIME for a file in path (another owner's): not asked again there
}

// at returns a descriptor of the folder dir, opening it when it is not the one last asked for,
// and whether reads in it are whole; ok is false when it cannot be opened (a folder that can
// be searched but not read: its files are then opened by path).
func (f *folder) at(dir string) (fd int, whole, ok bool) {
	if f.path == dir && f.path != "" {
		return f.fd, f.whole, f.held
	}
	f.close()
	f.path, f.atime = dir, false
	fd, err := retry(func() (int, error) {
		return syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return -1, false, false
	}
	f.fd, f.held, f.whole = fd, true, wholeReads(fd)
	return fd, f.whole, true
}

// close closes the folder held, if any.
func (f *folder) close() {
	if f.held {
		syscall.Close(f.fd)
		f.held = false
	}
}

// wholeReads reports whether the file system of the open folder fd is one of the local ones
// whose read of a regular file returns all that was asked unless the file ends first, so that
// the read that would return 0 at the end can be left out (a tenth of the system time of a
// cold load). Network and FUSE file systems may return less and are read to the end.
func wholeReads(fd int) bool {
	var st syscall.Statfs_t
	if syscall.Fstatfs(fd, &st) != nil {
		return false
	}
	switch uint32(st.Type) {
	case 0xef53, // ext2, ext3, ext4
		0x58465342, // xfs
		0x9123683e, // btrfs
		0x01021994, // tmpfs
		0xf2f52010, // f2fs
		0x2fc12fc1, // zfs
		0x794c7630: // overlayfs (over one of these, in containers)
		return true
	}
	return false
}

// openat opens the file name in the folder dir, asking the system to leave its access time
// (O_NOATIME): a first start reads every file of a library, most of them not read for a day,
// and each read wrote the file's inode (0.1 CPU-s at 100,000, and as many inodes for the disk).
// The system refuses it for a file of another owner; it is then not asked again in the folder.
func (f *folder) openat(dir int, name string, flags int) (int, error) {
	if !f.atime {
		fd, err := syscall.Openat(dir, name, flags|syscall.O_NOATIME, 0)
		if err != syscall.EPERM {
			return fd, err
		}
		f.atime = true
	}
	return syscall.Openat(dir, name, flags, 0)
}
