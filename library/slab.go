package library

import (
	"sync"
	"sync/atomic"
)

// Files are read into slabs: large buffers that many files share, each story's text a part of
// one. A slab goes back to its load's free list once every story cut from it has been
// released (see Batch.Release) and no worker reads into it any more, so a load of 100,000
// files reuses a few dozen slabs rather than allocating and copying its 200 MB of text file
// by file. The free list belongs to one load: when the load is over and its batches
// released, the slabs are garbage.
var (
	slabSize = 1 << 20
	minSpace = 64 << 10 // a worker starts a new slab when less than this is left in its own; tests lower both
)

type slab struct {
	buf  []byte       // len: the part handed out to files
	refs atomic.Int32 // files read into it and not yet released, plus one while a worker reads into it
	home *slabs       // the free list it goes back to
}

// watchSlabs, when a test sets it before a load, sees every slab the load makes.
var watchSlabs func(*slab)

// slabs is a load's free list.
type slabs struct {
	mu   sync.Mutex
	free []*slab
}

// get returns an empty slab with one reference, for a worker.
func (p *slabs) get() *slab {
	p.mu.Lock()
	var s *slab
	if n := len(p.free); n > 0 {
		s, p.free = p.free[n-1], p.free[:n-1]
	}
	p.mu.Unlock()
	if s == nil {
		s = &slab{buf: make([]byte, 0, slabSize), home: p}
		if watchSlabs != nil {
			watchSlabs(s)
		}
	}
	s.refs.Store(1)
	return s
}

// release drops one reference; the last one puts the slab back on its free list. A nil slab
// (a file with memory of its own) needs no release.
func (s *slab) release() {
	if s == nil || s.refs.Add(-1) != 0 {
		return
	}
	s.buf = s.buf[:0]
	s.home.mu.Lock()
	s.home.free = append(s.home.free, s)
	s.home.mu.Unlock()
}

// arena is one worker's current slab.
type arena struct {
	slabs *slabs
	cur   *slab
	dir   folder // the folder of the file read last, held open for the next
}

// read reads the file at path, into the current slab when it fits there. It returns the
// slab, with a reference taken for the caller, or nil when the file has memory of its own.
func (a *arena) read(path string, link bool) ([]byte, *slab, error) {
	if a.cur == nil || cap(a.cur.buf)-len(a.cur.buf) < minSpace {
		a.close()
		a.cur = a.slabs.get()
	}
	at := len(a.cur.buf)
	free := a.cur.buf[at:at:cap(a.cur.buf)]
	data, err := readFile(path, free, link, &a.dir)
	if err != nil || len(data) == 0 || &data[0] != &free[:1][0] {
		return data, nil, err
	}
	a.cur.buf = a.cur.buf[:at+len(data)]
	a.cur.refs.Add(1)
	return data, a.cur, nil
}

// unread gives back what read returned for a file that holds no story: its part of the slab
// is used again when it is the last one read, and the reference is dropped.
func (a *arena) unread(data []byte, s *slab) {
	if s == nil {
		return
	}
	if s == a.cur && len(data) > 0 && &s.buf[len(s.buf)-1] == &data[len(data)-1] {
		s.buf = s.buf[:len(s.buf)-len(data)]
	}
	s.release()
}

// close gives up the worker's reference to its slab.
func (a *arena) close() {
	a.cur.release()
	a.cur = nil
}

// end closes the worker's folder and gives up its slab: the worker reads nothing more.
func (a *arena) end() {
	a.close()
	a.dir.close()
}
