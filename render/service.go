package render

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"
)

// FirstChunkBytes is how much markdown a progressive render turns into text before its first
// Msg: about 10 ms of glamour, and several screens of text.
const FirstChunkBytes = 16 << 10

// MaxChunkBytes caps the later chunks. A chunk is one glamour call (128 KB: 80 ms at glamour's
// 1.6 MB/s on plain text, 200 ms on text full of links and code), so it is also how late Cancel
// can take effect.
const MaxChunkBytes = 128 << 10

// ErrCanceled is the Err of the last Msg of a request stopped by Service.Cancel.
var ErrCanceled = errors.New("render: canceled")

// Request asks the Service for markdown rendered at a width and in a style. ID names the
// content (it keys the cache); Seq is the UI's own counter, echoed in every Msg so the UI can
// tell the answer to its current request from stale ones, and used by Service.Cancel.
type Request struct {
	ID       string
	Markdown string
	Width    int
	Style    string
	Seq      uint64
}

// Msg carries the text rendered for a Request so far. Content always holds everything rendered
// until now (not a delta); when Done it is the whole document, or Err tells why not (Content then
// holds what was done before). Until Done, the UI must return Next() from Update to go on.
//
// The Contents of one request only grow: each starts with the one before, followed by a newline
// and more lines (the final one may instead end with a style reset, "\x1b[m"), so the UI can
// append the new lines only. They cost nothing to make: all share one buffer.
type Msg struct {
	ID      string
	Width   int
	Style   string
	Seq     uint64
	Content string
	Done    bool
	Err     error

	next tea.Cmd
}

// Next returns the command that renders the next part, or nil when Done.
func (m Msg) Next() tea.Cmd {
	if m.Done {
		return nil
	}
	return m.next
}

// For reports whether m answers req: same ID, Width, Style and Seq.
func (m Msg) For(req Request) bool {
	return m.ID == req.ID && m.Width == req.Width && m.Style == req.Style && m.Seq == req.Seq
}

// Service is the UI's render service: it renders markdown in tea.Cmds, progressively for huge
// documents, and keeps finished results in a Cache. It is safe for concurrent use.
type Service struct {
	cache     *Cache
	prerender chan struct{} // one prerender at a time

	mu   sync.Mutex
	jobs map[*job]struct{} // in flight
}

// NewService returns a Service caching into cache (nil means NewCache(0)).
func NewService(cache *Cache) *Service {
	if cache == nil {
		cache = NewCache(0)
	}
	return &Service{cache: cache, prerender: make(chan struct{}, 1), jobs: make(map[*job]struct{})}
}

// Cache returns the service's cache.
func (s *Service) Cache() *Cache { return s.cache }

// Cmd returns a command rendering req. On a cache hit its Msg is Done at once. Otherwise it
// renders the first FirstChunkBytes (the first screens of even a 6.5 MB story in about 10 ms)
// and returns a Msg with Done false whose Next renders the rest in a few steps, each Msg holding
// all rendered so far, on all cores. The finished text is cached, also when the UI has moved on
// (use Cancel to stop it). A Prerender of the same document in flight is canceled: this
// request renders it. An unknown style gives a Done Msg with Err at once.
//
// Documents up to FirstChunkBytes render in one glamour call, exactly as Render does. Larger
// ones are rendered in chunks cut by Split and joined; see Split for where that may differ.
func (s *Service) Cmd(req Request) tea.Cmd {
	j := s.start(req, false)
	return func() tea.Msg { return s.first(j) }
}

// Prerender returns a command that renders req into the cache without a message (it returns
// nil), for neighbours the user may open next. It does nothing when req is cached, being
// rendered, or has an unknown style. Prerenders run one at a time on one core, after each
// other; Cancel(req.Seq) drops one not yet done.
func (s *Service) Prerender(req Request) tea.Cmd {
	if _, ok := s.cache.Get(req.ID, req.Width, req.Style); ok || !ValidStyle(req.Style) {
		return nil
	}
	j := s.start(req, true)
	if j == nil {
		return nil
	}
	return func() tea.Msg {
		defer s.finish(j)
		select {
		case s.prerender <- struct{}{}:
		case <-j.done:
			return nil
		}
		defer func() { <-s.prerender }()
		if _, ok := s.cache.Get(req.ID, req.Width, req.Style); ok {
			return nil
		}
		p, err := poolFor(req.Width, req.Style)
		if err != nil {
			return nil
		}
		j.pool = p
		j.out.indent = p.indent
		for j.rest != "" {
			if err := j.renderStep(1, 1); err != nil { // a chunk at a time: Cancel checks
				return nil
			}
		}
		s.cache.Put(req.ID, req.Width, req.Style, j.out.result())
		return nil
	}
}

// Cancel stops every request (Cmd or Prerender) with this Seq that is not done: its next chunk
// is not started, and its last Msg has Err ErrCanceled (a Prerender just ends). Give the
// prerenders of a story's neighbours the story's Seq, and one Cancel stops them all. A chunk
// being rendered runs to its end (up to MaxChunkBytes, 80 to 200 ms).
func (s *Service) Cancel(seq uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for j := range s.jobs {
		if j.req.Seq == seq {
			j.cancel()
		}
	}
}

// Pending returns the number of requests started and not done (for tests and diagnostics).
func (s *Service) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.jobs)
}

// start registers a job for req. A foreground job cancels prerenders of the same document; a
// prerender is not started (nil) while the document is being rendered.
func (s *Service) start(req Request, prerender bool) *job {
	j := &job{
		req:       req,
		key:       cacheKey{req.ID, req.Width, req.Style},
		prerender: prerender,
		rest:      req.Markdown,
		done:      make(chan struct{}),
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for other := range s.jobs {
		switch {
		case other.key != j.key || other.canceled():
		case prerender:
			return nil
		case other.prerender:
			other.cancel()
		}
	}
	s.jobs[j] = struct{}{}
	return j
}

func (s *Service) finish(j *job) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.jobs, j)
}

// first runs the first step of a Cmd.
func (s *Service) first(j *job) tea.Msg {
	if content, ok := s.cache.Get(j.req.ID, j.req.Width, j.req.Style); ok {
		s.finish(j)
		return j.msg(content, true, nil)
	}
	p, err := poolFor(j.req.Width, j.req.Style)
	if err != nil {
		s.finish(j)
		return j.msg("", true, err)
	}
	j.pool = p
	j.out.indent = p.indent
	return s.step(j, 1) // one chunk: FirstChunkBytes
}

// step renders about budget more bytes of markdown and returns the Msg to send.
func (s *Service) step(j *job, budget int) tea.Msg {
	if j.canceled() {
		s.finish(j)
		return j.msg(j.out.String(), true, ErrCanceled)
	}
	if err := j.renderStep(budget, runtime.GOMAXPROCS(0)); err != nil {
		s.finish(j)
		if j.canceled() {
			err = ErrCanceled
		}
		return j.msg(j.out.String(), true, err)
	}
	if j.rest == "" {
		content := j.out.result()
		s.cache.Put(j.req.ID, j.req.Width, j.req.Style, content)
		s.finish(j)
		return j.msg(content, true, nil)
	}
	m := j.msg(j.out.String(), false, nil)
	next := min(budget*stepGrowth, maxStepBytes)
	if j.steps == 1 {
		next = secondStepBytes
	}
	m.next = func() tea.Msg { return s.step(j, next) }
	return m
}

// Steps after the first render 128 KB of markdown, then 4 times more each time: a 6.5 MB
// story takes 5 Msgs (16 KB, 128 KB, 512 KB, 2 MB, the rest). Content is never copied (see
// job), but the UI takes each Msg's Content whole, so the steps grow geometrically to keep the
// UI's work linear.
const (
	secondStepBytes = 128 << 10
	stepGrowth      = 4
	maxStepBytes    = 1 << 40
)

// job is one request in flight. Only the goroutine running its current step touches the
// fields below done; steps of a job run one after another (each Msg carries the next).
type job struct {
	req       Request
	key       cacheKey
	prerender bool
	done      chan struct{} // closed by cancel
	stop      sync.Once

	pool   *rendererPool
	rest   string // markdown not cut yet
	chunks int    // chunks cut so far
	steps  int
	out    joiner // each Msg's Content is out.String(), not a copy
}

func (j *job) cancel() { j.stop.Do(func() { close(j.done) }) }

func (j *job) canceled() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

func (j *job) msg(content string, done bool, err error) Msg {
	return Msg{ID: j.req.ID, Width: j.req.Width, Style: j.req.Style, Seq: j.req.Seq,
		Content: content, Done: done, Err: err}
}

// chunkTarget is the size Split aims at for chunk i: FirstChunkBytes, then 64 KB doubling up to
// MaxChunkBytes.
func chunkTarget(i int) int {
	if i == 0 {
		return FirstChunkBytes
	}
	return min(FirstChunkBytes<<min(i+1, 20), MaxChunkBytes)
}

// renderStep cuts chunks of the rest of the markdown until budget bytes are taken (at least one
// chunk), renders them on up to workers goroutines, and appends the text in order. A canceled
// job starts no more chunks and returns ErrCanceled.
func (j *job) renderStep(budget, workers int) error {
	if j.canceled() {
		return ErrCanceled
	}
	if j.steps == 1 && j.rest != "" {
		// Size the buffer once for the whole document from the first chunk's ratio (not before
		// the first Msg: for 6.5 MB that is tens of MB to allocate).
		done := len(j.req.Markdown) - len(j.rest)
		j.out.out.Grow(int(float64(j.out.out.Len()) / float64(done) * float64(len(j.rest)) * 1.1))
	}
	j.steps++
	var chunks []string
	first := j.chunks
	for taken := 0; j.rest != "" && taken < budget; {
		n := cut(j.rest, chunkTarget(j.chunks))
		chunks = append(chunks, j.rest[:n])
		j.rest = j.rest[n:]
		j.chunks++
		taken += n
	}
	outs := make([]string, len(chunks))
	errs := make([]error, len(chunks))
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1) - 1)
			if i >= len(chunks) {
				return
			}
			if j.canceled() {
				errs[i] = ErrCanceled
				continue
			}
			last := j.rest == "" && i == len(chunks)-1
			outs[i], errs[i] = j.pool.renderChunk(chunks[i], first+i == 0, last)
		}
	}
	workers = max(1, min(workers, len(chunks)))
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	for i, out := range outs {
		if errs[i] != nil {
			return errs[i]
		}
		j.out.add(out)
	}
	return nil
}
