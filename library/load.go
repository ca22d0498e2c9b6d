package library

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"newsread/internal/pages"
	"newsread/story"
)

// Batch is the next stretch of a load, in the library's order.
type Batch struct {
	Stories  []story.Story // in walk order; their bodies share the files' memory until Release
	Walked   []string      // every path handed on in this batch, read or not, in walk order
	Warnings []Warning
	Found    int  // story files found so far
	Done     bool // the last batch

	slabs []*slab // the memory the stories' texts were read into, a slab per story (nil: none)
}

// Release hands the memory the batch's files were read into back for the files of later
// batches, and drops b.Stories. Call it when no story body of the batch is used any more (an
// index drops the bodies as it adds the stories; every other field of a story has memory of
// its own): the memory is overwritten after. A second call does nothing. A batch never
// released is collected like any garbage.
func (b *Batch) Release() {
	for _, s := range b.slabs {
		s.release()
	}
	b.slabs, b.Stories = nil, nil
}

const (
	batchStories = 2048                  // a batch is handed on when it holds this many stories…
	batchEvery   = 40 * time.Millisecond // …or when it is this old, whichever comes first
	maxGrowth    = 2                     // later batches are up to 2^maxGrowth times larger
)

// Load walks the library and parses its files with one worker per CPU, calling emit with
// batches in walk order (folders sorted by name) until the last, which has Done set. emit is
// called from one goroutine at a time. A story whose id repeats an earlier one is skipped
// with a warning. Load returns when the last batch has been emitted or ctx is done.
func (l *Library) Load(ctx context.Context, emit func(Batch)) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan job, 256)
	results := make(chan result, 256)
	found := make(chan int, 1)
	var walked atomic.Int64

	go func() {
		defer close(jobs)
		n := l.walk(ctx, func(j job) bool {
			walked.Add(1)
			select {
			case jobs <- j:
				return true
			case <-ctx.Done():
				return false
			}
		})
		found <- n
	}()

	var wg sync.WaitGroup
	free := &slabs{}
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := arena{slabs: free}
			defer a.end()
			for j := range jobs {
				r := l.parse(j, &a)
				select {
				case results <- r:
				case <-ctx.Done(): // Load has returned: nobody reads results any more
					r.slab.release()
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	o := orderer{emit: emit, seen: map[string]string{}, started: time.Now(), found: &walked}
	total := -1
	tick := time.NewTicker(batchEvery)
	defer tick.Stop()
	for {
		select {
		case <-tick.C: // hand on what is ready even while a slow file holds up the rest
			if len(o.batch.Walked) > 0 && o.now().Sub(o.started) >= o.period() {
				o.flush(int(walked.Load()), false)
			}
		case r, ok := <-results:
			if !ok {
				if total < 0 {
					total = <-found
				}
				o.found = nil
				o.flush(total, true)
				return
			}
			o.add(r)
		case n := <-found:
			total = n
		case <-ctx.Done():
			return
		}
	}
}

// LoadAll loads the whole library at once.
func (l *Library) LoadAll(ctx context.Context) ([]story.Story, []Warning) {
	var stories []story.Story
	var warnings []Warning
	l.Load(ctx, func(b Batch) {
		stories = append(stories, b.Stories...)
		warnings = append(warnings, b.Warnings...)
	})
	return stories, warnings
}

// job is one file to parse; seq is its place in walk order.
type job struct {
	seq  int
	path string
	data []byte // already read (embedded files), or nil
	link bool   // a symbolic link, followed only to a regular file
	err  error  // the walk could not read this path
}

type result struct {
	seq      int
	path     string
	story    story.Story
	ok       bool
	slab     *slab // what the story's text is part of, when ok; nil for none
	warnings []Warning
}

// walk calls send with every story file in order and returns how many it sent.
func (l *Library) walk(ctx context.Context, send func(job) bool) int {
	seq := 0
	if l.embedded != nil {
		entries, _ := fs.ReadDir(l.embedded, ".")
		for _, e := range entries {
			if e.IsDir() || !story.IsStoryFile(e.Name()) {
				continue
			}
			data, err := fs.ReadFile(l.embedded, e.Name())
			if err != nil {
				continue
			}
			if !send(job{seq: seq, path: embeddedPrefix + e.Name(), data: data}) {
				return seq
			}
			seq++
		}
		return seq
	}
	for _, root := range l.paths {
		root = followRoot(root)
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return filepath.SkipAll
			}
			if err != nil {
				send(job{seq: seq, path: p, err: err})
				seq++
				return nil
			}
			if d.IsDir() || !(story.IsStoryFile(p) || p == root) {
				return nil
			}
			j := job{seq: seq, path: p, link: d.Type()&fs.ModeSymlink != 0}
			if !d.Type().IsRegular() && !j.link { // a FIFO, a device, a socket
				j.err = &fs.PathError{Op: "read", Path: p, Err: errNotRegular}
			}
			if !send(j) {
				return filepath.SkipAll
			}
			seq++
			return nil
		})
	}
	return seq
}

// parse reads and parses one file into the worker's arena.
func (l *Library) parse(j job, a *arena) result {
	r := result{seq: j.seq, path: j.path}
	if j.err != nil {
		r.warnings = []Warning{{j.path, "skipped: " + unwrapPathError(j.err).Error()}}
		return r
	}
	data := j.data
	if data == nil {
		var err error
		data, r.slab, err = a.read(j.path, j.link)
		if err != nil {
			r.warnings = []Warning{{j.path, "skipped: " + unwrapPathError(err).Error()}}
			return r
		}
	}
	// The memory is not written again until the batch is released, so the parser may read it
	// as a string without copying it.
	s, warnings, err := story.ParseString(j.path, unsafe.String(unsafe.SliceData(data), len(data)))
	for _, w := range warnings {
		r.warnings = append(r.warnings, Warning{j.path, w})
	}
	if err != nil {
		a.unread(data, r.slab)
		r.slab = nil
		r.warnings = append(r.warnings, Warning{j.path, "skipped: " + err.Error()})
		return r
	}
	r.story, r.ok = s, true
	return r
}

// orderer puts parsed files back in walk order, drops repeated ids and hands on batches.
type orderer struct {
	emit    func(Batch)
	next    int               // seq of the next result to hand on
	early   early             // results that arrived before their turn
	seen    map[string]string // story id → source of the first story with it
	batch   Batch
	started time.Time        // when the current batch began
	found   *atomic.Int64    // files the walk has found so far
	batches int              // handed on so far
	clock   func() time.Time // time.Now, unless a test sets it
}

func (o *orderer) now() time.Time {
	if o.clock != nil {
		return o.clock()
	}
	return time.Now()
}

func (o *orderer) add(r result) {
	o.early.put(r.seq-o.next, r)
	for {
		r, ok := o.early.take()
		if !ok {
			break
		}
		o.next++
		o.batch.Walked = append(o.batch.Walked, r.path)
		o.batch.Warnings = append(o.batch.Warnings, r.warnings...)
		if r.ok {
			if first, dup := o.seen[r.story.ID]; dup {
				r.slab.release()
				o.batch.Warnings = append(o.batch.Warnings, Warning{r.story.Source, duplicateReason + story.Printable(first)})
			} else {
				o.seen[r.story.ID] = r.story.Source
				o.batch.Stories = append(o.batch.Stories, r.story)
				o.batch.slabs = append(o.batch.slabs, r.slab)
			}
		}
	}
	if len(o.batch.Stories) >= o.size() || o.now().Sub(o.started) >= o.period() {
		o.flush(int(o.found.Load()), false)
	}
}

// growth doubles the size and the period of batches after each of the first ones: the first
// stories show at once, and later batches are larger, since each batch costs the index a
// pass over the postings of every term it holds.
func (o *orderer) growth() int { return min(o.batches, maxGrowth) }

func (o *orderer) size() int { return batchStories << o.growth() }

func (o *orderer) period() time.Duration { return batchEvery << o.growth() }

func (o *orderer) flush(found int, done bool) {
	full := len(o.batch.Stories) >= o.size()/2
	o.batches++
	o.batch.Found = found
	o.batch.Done = done
	o.emit(o.batch)
	o.batch = Batch{}
	if full && !done { // the files come fast: the next batch will fill up too
		n := o.size()
		// Their pages written before the appends read them.
		o.batch = Batch{Stories: pages.Make[story.Story](0, n), Walked: pages.Make[string](0, n), slabs: pages.Make[*slab](0, n)}
	}
	o.started = o.now()
}

// followRoot returns root so that the walk goes into it when it is a link to a folder (a
// trailing separator makes the system follow the link; the walk never follows links below).
func followRoot(root string) string {
	if info, err := os.Lstat(root); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return root
	}
	if info, err := os.Stat(root); err == nil && info.IsDir() {
		return root + string(filepath.Separator)
	}
	return root
}
