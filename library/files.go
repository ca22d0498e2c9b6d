package library

import (
	"context"
	"os"
)

// File is one path the library would read, as it stands on disk: enough to tell that it
// changed since an earlier load without reading it.
type File struct {
	Path       string
	Size       int64  // -1 when it could not be looked at
	ModTime    int64  // nanoseconds since 1970; 0 when it could not be looked at
	ChangeTime int64  // of the inode (permissions, renames, replacements); 0 where unknown
	Inode      uint64 // 0 where unknown
}

// Files lists what Load would read, in the same order, with sizes and times. The embedded set
// is never on disk: it has no files.
func (l *Library) Files(ctx context.Context) ([]File, error) {
	if l.embedded != nil {
		return nil, nil
	}
	var out []File
	l.walk(ctx, func(j job) bool {
		f := File{Path: j.path, Size: -1}
		if j.err == nil {
			if info, err := os.Stat(j.path); err == nil {
				f.Size, f.ModTime = info.Size(), info.ModTime().UnixNano()
				f.ChangeTime, f.Inode = identity(info)
			}
		}
		out = append(out, f)
		return true
	})
	return out, ctx.Err()
}
