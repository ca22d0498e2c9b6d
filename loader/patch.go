package loader

import (
	"context"
	"time"

	"newsread/index"
	"newsread/library"
	"newsread/snapshot"
	"newsread/story"
)

// patch fills ix from a snapshot that is no longer true to files: its index with the files
// that changed, appeared or went away since, parsing only those. It gives up (leaving ix
// empty) when too much changed, when a duplicate story is involved (which of two equal
// stories is kept depends on the whole walk), or when anything cannot be read; a full load
// follows. On success it saves the patched snapshot.
func patch(ctx context.Context, lib *library.Library, ix *index.Index, path string, start time.Time, snap *snapshot.Snapshot, files []library.File, report func(Progress)) bool {
	for _, w := range snap.Warnings {
		if w.IsDuplicate() {
			return false
		}
	}
	before := make(map[string]library.File, len(snap.Files))
	for _, f := range snap.Files {
		before[f.Path] = f
	}
	var changed []string
	kept := 0
	for _, f := range files {
		if before[f.Path] == f {
			kept++
		} else {
			changed = append(changed, f.Path)
		}
	}
	removed := len(snap.Files) - kept
	if float64(len(changed)+removed) > maxChanged*float64(len(files)) {
		return false
	}

	old := index.New(nil)
	if old.Restore(snap.Index) != nil {
		return false
	}
	oldDoc := make(map[string]int, old.Len())
	for doc, s := range old.Stories() {
		oldDoc[s.Source] = doc
	}
	oldWarnings := map[string][]library.Warning{}
	for _, w := range snap.Warnings {
		oldWarnings[w.Path] = append(oldWarnings[w.Path], w)
	}

	parsed, newWarnings, ok := parseFiles(ctx, changed)
	if !ok {
		return false
	}
	var slots []index.Slot
	var warnings []library.Warning
	ids := map[string]bool{} // of every story in slots
	for _, f := range files {
		if before[f.Path] == f {
			if doc, ok := oldDoc[f.Path]; ok {
				slots = append(slots, index.Slot{Old: doc})
				ids[old.Story(uint32(doc)).ID] = true
			}
			warnings = append(warnings, oldWarnings[f.Path]...)
			continue
		}
		if s, ok := parsed[f.Path]; ok {
			slots = append(slots, index.Slot{Old: -1, Story: s})
		}
		warnings = append(warnings, newWarnings[f.Path]...)
	}
	for _, s := range parsed {
		if ids[s.ID] {
			return false // the same story as a kept file's: which one is the duplicate depends on the walk
		}
		ids[s.ID] = true
	}

	var sw *snapshot.StreamWriter
	var oldStreams index.Streams
	if snap.Streams != nil && snap.Streams.Len() == old.Len() {
		oldStreams = snap.Streams
		sw = gather(path, ix)
	}
	err := ix.Patch(old, oldStreams, slots)
	ix.SetStreamSink(nil)
	if err != nil {
		if sw != nil {
			ix.SetStreams(nil)
			sw.Discard()
		}
		return false
	}
	report(Progress{Warnings: warnings, Found: len(files), Done: true, Restored: true, Patched: true})
	if !save(ctx, ix, path, start, files, warnings, sw) && sw != nil {
		keepOrDiscard(ctx, sw)
	}
	return true
}

// parseFiles reads and parses the files at paths, by path. ok is false when one cannot be
// looked at any more, or two of them hold the same story.
func parseFiles(ctx context.Context, paths []string) (map[string]story.Story, map[string][]library.Warning, bool) {
	stories, warnings := map[string]story.Story{}, map[string][]library.Warning{}
	if len(paths) == 0 {
		return stories, warnings, true
	}
	lib, err := library.Paths(paths)
	if err != nil {
		return nil, nil, false
	}
	all, ws := lib.LoadAll(ctx)
	for _, s := range all {
		stories[s.Source] = s
	}
	for _, w := range ws {
		if w.IsDuplicate() {
			return nil, nil, false
		}
		warnings[w.Path] = append(warnings[w.Path], w)
	}
	return stories, warnings, ctx.Err() == nil
}
