// Package loader fills an index from a library. When the library is folders on disk and a
// snapshot of an earlier load is still true to every file (same paths, sizes and times), it
// restores that; when a few files changed, it patches the snapshot's index with just those;
// otherwise it parses and indexes the stories in batches, overlapping the two. After a patch
// or a full load it saves a new snapshot. It reports progress to its caller and never imports UI
// code; memory policy and presentation are the caller's.
package loader

import (
	"context"
	"slices"
	"time"

	"newsread/index"
	"newsread/library"
	"newsread/snapshot"
)

// Progress is what a load has done so far. Reports come from one goroutine at a time.
type Progress struct {
	Warnings []library.Warning // new since the last report
	Found    int               // story files found so far
	Cached   int               // files in the snapshot being restored, until it is (0: none)
	Done     bool              // the last report: every story is in the index
	Restored bool              // the index came from a snapshot
	Patched  bool              // …with the files that changed since it was saved
}

// Options configure a load.
type Options struct {
	CacheDir string // where snapshots are kept; "" keeps none
}

// racyMargin is how long before a load starts a file must have been last modified or changed
// for its snapshot entry to be trusted: a file written while it was being read could keep its
// times and size but not the content that was indexed (git's "racy" index entries), since
// file systems keep times coarser than a clock. Tests shorten it.
var racyMargin = 2 * time.Second

// Fill loads lib into ix, which must be empty, calling report after each batch and once with
// Done set. It returns when the load is done (and its snapshot written) or ctx is done.
func Fill(ctx context.Context, lib *library.Library, ix *index.Index, opt Options, report func(Progress)) {
	path := ""
	if opt.CacheDir != "" && lib.Roots() != nil {
		path = snapshot.Path(opt.CacheDir, lib.Roots())
	}
	start := time.Now()
	if path != "" {
		snapshot.Prune(opt.CacheDir)
		if restore(ctx, lib, ix, path, start, report) {
			return
		}
	}
	var sw *snapshot.StreamWriter
	if path != "" {
		sw = gather(path, ix)
	}
	var warnings []library.Warning
	var walked []string
	parse(ctx, lib, ix, func(b library.Batch) {
		warnings = append(warnings, b.Warnings...)
		walked = append(walked, b.Walked...)
		report(Progress{Warnings: b.Warnings, Found: b.Found, Done: b.Done})
		if b.Done { // after the report: the index answers searches while it is compacted
			ix.Compact()
		}
	})
	if sw == nil {
		return
	}
	ix.SetStreamSink(nil)
	saveLoad(ctx, lib, ix, path, start, walked, warnings, sw)
}

// gather starts gathering ix's term streams for the snapshot at path, and serves them to ix's
// phrase checks as they come; nil when no temporary file can be made.
func gather(path string, ix *index.Index) *snapshot.StreamWriter {
	sw, err := snapshot.NewStreamWriter(path)
	if err != nil {
		return nil
	}
	ix.SetStreamSink(sw.Add)
	ix.SetStreams(sw)
	return sw
}

// saveLoad saves the snapshot of a full load that read the files walked. It must list exactly
// those: a file that came or went during the load shows as a difference (no snapshot), one
// changed in place by its times (see save). Without a snapshot ix goes on reading sw's
// streams.
func saveLoad(ctx context.Context, lib *library.Library, ix *index.Index, path string, start time.Time, walked []string, warnings []library.Warning, sw *snapshot.StreamWriter) {
	files, err := lib.Files(ctx)
	if err != nil || !slices.EqualFunc(files, walked, func(f library.File, p string) bool { return f.Path == p }) ||
		!save(ctx, ix, path, start, files, warnings, sw) {
		keepOrDiscard(ctx, sw)
	}
}

// keepOrDiscard keeps streams that were not saved for this run's phrase checks, unless the
// run is ending.
func keepOrDiscard(ctx context.Context, sw *snapshot.StreamWriter) {
	if ctx.Err() != nil {
		sw.Discard()
	}
}

// save writes the snapshot of a load of files that started at start, unless a file was
// modified or changed (renamed, replaced, its permissions) since shortly before, and gives ix
// the saved streams (sw's, when not nil). It reports whether it handed sw to snapshot.Save,
// which disposes of it.
func save(ctx context.Context, ix *index.Index, path string, start time.Time, files []library.File, warnings []library.Warning, sw *snapshot.StreamWriter) bool {
	if ctx.Err() != nil || racy(files, start) {
		return false
	}
	data, err := ix.Encode()
	if err != nil || ctx.Err() != nil {
		return false
	}
	// A cache: a failed save costs the next start its speed, nothing else.
	streams, err := snapshot.Save(path, &snapshot.Snapshot{Files: files, Warnings: warnings, Index: data}, sw)
	if err != nil || streams == nil {
		ix.SetStreams(nil) // sw is gone
	} else {
		ix.SetStreams(streams)
	}
	return true
}

// racy reports whether a file was modified or changed between racyMargin before start and
// now, so that it may have changed while it was read without its times showing it. Times
// in the future (clock skew, unpacked archives) say nothing about the load and do not count.
func racy(files []library.File, start time.Time) bool {
	from, now := start.Add(-racyMargin).UnixNano(), time.Now().UnixNano()
	for _, f := range files {
		for _, t := range [2]int64{f.ModTime, f.ChangeTime} {
			if t > from && t <= now {
				return true
			}
		}
	}
	return false
}

// parse loads lib into ix batch by batch: parsing and indexing run on goroutines of their own,
// so one batch is indexed while the next is parsed. done is called after each batch is in ix.
func parse(ctx context.Context, lib *library.Library, ix *index.Index, done func(library.Batch)) {
	parsed := make(chan library.Batch, 4)
	go func() {
		defer close(parsed)
		lib.Load(ctx, func(b library.Batch) {
			select {
			case parsed <- b:
			case <-ctx.Done():
			}
		})
	}()
	for b := range parsed {
		ix.Reserve(b.Found)
		ix.Add(b.Stories)
		b.Release() // the index has dropped the bodies
		done(b)
	}
}
