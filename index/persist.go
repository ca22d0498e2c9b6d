package index

import (
	"errors"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"newsread/story"
)

// formatVersion changes whenever the encoding, or what a story or a term is, changes: data of
// another version is refused rather than misread.
const formatVersion = 1

// Encode returns the whole index in a compact binary form that Restore reads back: the
// stories' metadata, the display order, the tags and every term's postings.
func (ix *Index) Encode() ([]byte, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	e := &encoder{}
	e.uint(formatVersion)
	e.uint(uint64(len(ix.stories)))
	for i := range ix.stories {
		encodeStory(e, &ix.stories[i])
	}
	for _, doc := range ix.order {
		e.uint(uint64(doc))
	}
	e.uint(uint64(len(ix.tags)))
	for _, key := range slices.Sorted(maps.Keys(ix.tags)) { // sorted, so equal indexes encode equally
		t := ix.tags[key]
		e.string(t.key)
		e.string(t.first)
		e.uint(uint64(len(t.spellings)))
		for _, s := range slices.Sorted(maps.Keys(t.spellings)) {
			e.string(s)
			e.uint(uint64(t.spellings[s]))
		}
		e.bitmap(t.docs)
	}
	v := &ix.vocab
	e.uint(uint64(len(v.names)))
	for id, name := range v.names {
		e.string(name)
		e.bitmap(v.any[id])
		e.bitmap(v.title[id])
	}
	return e.buf, e.err
}

func encodeStory(e *encoder, s *story.Story) {
	e.string(s.ID)
	e.string(s.Title)
	e.uint(uint64(len(s.Tags)))
	for _, t := range s.Tags {
		e.string(t)
	}
	date, _ := s.Date.MarshalBinary() // only fails for offsets Parse never produces
	e.bytes(date)
	e.string(s.Source)
	e.string(s.Origin)
	e.string(s.Summary)
	e.uint(uint64(s.Format))
	e.uint(uint64(s.Words))
}

// Restore fills an empty index with data Encode wrote. Data that is truncated, of another
// version or inconsistent is an error, and the index stays empty.
func (ix *Index) Restore(data []byte) error {
	d := &decoder{buf: data}
	if d.uint() != formatVersion {
		return errors.New("index data is of another version")
	}
	fresh := New(ix.read)
	n := d.count(4)
	fresh.stories = make([]story.Story, n)
	for i := range fresh.stories {
		decodeStory(d, &fresh.stories[i])
		fresh.ids[fresh.stories[i].ID] = uint32(i)
	}
	fresh.order = make([]uint32, n)
	seen := roaring.New()
	for i := range fresh.order {
		doc := d.uint()
		if doc >= uint64(n) || !seen.CheckedAdd(uint32(doc)) {
			d.fail()
			break
		}
		fresh.order[i] = uint32(doc)
	}
	for range d.count(4) {
		t := &tagEntry{key: d.string(), first: d.string(), spellings: map[string]int{}}
		for range d.count(2) {
			s := d.string()
			t.spellings[s] = int(d.uint())
		}
		t.docs = d.bitmap(uint32(n))
		if d.err != nil {
			break
		}
		if t.docs == nil {
			t.docs = roaring.New()
		}
		fresh.tags[t.key] = t
	}
	v := &fresh.vocab
	terms := d.count(3)
	v.names = make([]string, 0, terms)
	for range terms {
		name := d.string()
		any, title := d.bitmap(uint32(n)), d.bitmap(uint32(n))
		if d.err != nil {
			break
		}
		if any == nil {
			any = roaring.New()
		}
		v.ids[name] = uint32(len(v.names))
		v.names = append(v.names, name)
		v.any = append(v.any, any)
		v.title = append(v.title, title)
	}
	if d.err == nil && (len(d.buf) != 0 || len(fresh.ids) != n || len(v.ids) != len(v.names)) {
		d.fail()
	}
	if d.err != nil {
		return d.err
	}
	v.dirty = true
	fresh.rebuildTagList()

	ix.mu.Lock()
	defer ix.mu.Unlock()
	if len(ix.stories) > 0 {
		return errors.New("index is not empty")
	}
	ix.stories, ix.ids, ix.order, ix.tags = fresh.stories, fresh.ids, fresh.order, fresh.tags
	ix.tagList = fresh.tagList
	gen := ix.vocab.gen
	ix.vocab = fresh.vocab
	ix.vocab.gen = gen + 1
	return nil
}

func decodeStory(d *decoder, s *story.Story) {
	s.ID = d.string()
	s.Title = d.string()
	if tags := d.count(1); tags > 0 {
		s.Tags = make([]string, tags)
		for i := range s.Tags {
			s.Tags[i] = d.string()
		}
	}
	if err := s.Date.UnmarshalBinary(d.bytes()); err != nil {
		d.fail()
	}
	s.Source = d.string()
	s.Origin = d.string()
	s.Summary = d.string()
	if s.Format = story.Format(d.uint()); s.Format > story.Markdown {
		d.fail()
	}
	if s.Words = int(d.uint()); s.Words > math.MaxInt32 {
		d.fail()
	}
	if s.Date.IsZero() {
		s.Date = time.Time{} // as the parser leaves an unknown date
	}
}
