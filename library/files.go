package library

import (
	"context"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
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
// is never on disk: it has no files. The files are looked at on every CPU.
func (l *Library) Files(ctx context.Context) ([]File, error) {
	if l.embedded != nil {
		return nil, nil
	}
	var jobs []job
	l.walk(ctx, func(j job) bool {
		jobs = append(jobs, j)
		return true
	})
	out := make([]File, len(jobs))
	var next atomic.Int64
	const stretch = 512
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for {
				lo := int(next.Add(stretch)) - stretch
				if lo >= len(jobs) || ctx.Err() != nil {
					return
				}
				for i := lo; i < min(lo+stretch, len(jobs)); i++ {
					out[i] = stat(jobs[i])
				}
			}
		})
	}
	wg.Wait()
	return out, ctx.Err()
}

// stat looks at the file of one job.
func stat(j job) File {
	f := File{Path: j.path, Size: -1}
	if j.err == nil {
		if info, err := os.Stat(j.path); err == nil {
			f.Size, f.ModTime = info.Size(), info.ModTime().UnixNano()
			f.ChangeTime, f.Inode = identity(info)
		}
	}
	return f
}
