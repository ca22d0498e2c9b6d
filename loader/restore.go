package loader

import (
	"context"
	"time"

	"newsread/index"
	"newsread/library"
	"newsread/snapshot"
)

// maxChanged is the share of a library's files that may have changed for a patch to be worth
// it; beyond it a full load costs about as much.
const maxChanged = 0.25

// restore fills ix from the snapshot at path: as it is when it is true to every file of lib,
// patched with the changed files when few changed. The files are looked at while the
// snapshot is read, and no longer once there is none (a first start loads at once). It
// reports whether ix is filled.
func restore(ctx context.Context, lib *library.Library, ix *index.Index, path string, start time.Time, report func(Progress)) bool {
	type listed struct {
		files []library.File
		err   error
	}
	listCtx, stopListing := context.WithCancel(ctx)
	defer stopListing()
	ch := make(chan listed, 1)
	go func() {
		files, err := lib.Files(listCtx)
		ch <- listed{files, err}
	}()
	snap, err := snapshot.Load(path)
	if err != nil {
		return false
	}
	// Checking the files and decoding the index take a few hundred ms at 100,000 stories:
	// meanwhile the reader can say what it is loading, until the snapshot is used or given up.
	report(Progress{Cached: len(snap.Files)})
	used := false
	defer func() {
		if !used {
			report(Progress{}) // a full load follows: no longer loading from the cache
		}
	}()
	got := <-ch
	files, err := got.files, got.err
	keep := false // ix reads the snapshot's streams
	if snap.Streams != nil {
		defer func() {
			if !keep {
				snap.Streams.Close()
			}
		}()
	}
	if err != nil {
		return false
	}
	if !snap.Fresh(files) {
		used = patch(ctx, lib, ix, path, start, snap, files, report)
		return used
	}
	if ix.Restore(snap.Index) != nil {
		return false
	}
	if snap.Streams != nil && snap.Streams.Len() == ix.Len() {
		ix.SetStreams(snap.Streams)
		keep = true
	}
	snapshot.Used(path)
	used = true
	report(Progress{Warnings: snap.Warnings, Found: len(files), Done: true, Restored: true})
	return true
}
