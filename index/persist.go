package index

import (
	"errors"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"newsread/story"
	"newsread/wire"
)

// formatVersion changes whenever the encoding, or what a story or a term is, changes: data of
// another version is refused rather than misread.
const formatVersion = 5 // 4: a Chinese or Japanese character is a term of its own; 5: kana keep their voicing marks

// Encode returns the whole index in a compact binary form that Restore reads back: the
// stories' metadata, the display order, the tags and every term's postings.
func (ix *Index) Encode() ([]byte, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	e := &wire.Encoder{Buf: make([]byte, 0, ix.encodedSize())}
	var err error
	bitmap := func(b *roaring.Bitmap) {
		if err2 := putBitmap(e, b); err == nil {
			err = err2
		}
	}
	e.Uint(formatVersion)
	e.Uint(uint64(len(ix.stories)))
	for i := range ix.stories {
		encodeStory(e, &ix.stories[i])
	}
	for _, doc := range ix.order {
		e.Uint(uint64(doc))
	}
	e.Uint(uint64(len(ix.tags)))
	for _, key := range slices.Sorted(maps.Keys(ix.tags)) { // sorted, so equal indexes encode equally
		t := ix.tags[key]
		e.Text(t.key)
		e.Text(t.first)
		e.Uint(uint64(len(t.spellings)))
		for _, s := range slices.Sorted(maps.Keys(t.spellings)) {
			e.Text(s)
			e.Uint(uint64(t.spellings[s]))
		}
		bitmap(t.docs)
	}
	v := &ix.vocab
	e.Uint(uint64(len(v.names)))
	for id, name := range v.names {
		e.Text(name)
		bitmap(v.anyOf(uint32(id), len(ix.stories)))
		bitmap(v.titleOf(uint32(id), len(ix.stories)))
	}
	return e.Buf, err
}

// encodedSize is about what Encode writes, so that its buffer is allocated once rather than
// doubled and copied a dozen times (the index of 100,000 stories is about 50 MB). The caller
// holds the read lock.
func (ix *Index) encodedSize() int {
	n := 64 * len(ix.stories)
	for i := range ix.stories {
		s := &ix.stories[i]
		n += len(s.ID) + len(s.Title) + len(s.Source) + len(s.Origin) + len(s.Summary)
		for _, t := range s.Tags {
			n += len(t) + 1
		}
	}
	for id, name := range ix.vocab.names {
		n += len(name) + 8 + int(ix.vocab.anyOf(uint32(id), len(ix.stories)).GetSerializedSizeInBytes())
		if t := ix.vocab.titleOf(uint32(id), len(ix.stories)); t != nil {
			n += int(t.GetSerializedSizeInBytes())
		}
	}
	for _, t := range ix.tags {
		n += 64 + int(t.docs.GetSerializedSizeInBytes())
	}
	return n
}

func encodeStory(e *wire.Encoder, s *story.Story) {
	e.Text(s.ID)
	e.Text(s.Title)
	e.Uint(uint64(len(s.Tags)))
	for _, t := range s.Tags {
		e.Text(t)
	}
	encodeDate(e, s.Date)
	e.Text(s.Source)
	e.Text(s.Origin)
	e.Text(s.Summary)
	e.Uint(uint64(s.Format))
	e.Uint(uint64(s.Words))
}

// Restore fills an empty index with data Encode wrote. Data that is truncated, of another
// version or inconsistent is an error, and the index stays empty. The stories' ids are taken
// to be unique, as in the index that wrote it (its loader drops repeated ones; the snapshot
// that holds it is checksummed).
func (ix *Index) Restore(data []byte) error {
	d := wire.NewDecoder(data)
	if d.Uint() != formatVersion {
		return errors.New("index data is of another version")
	}
	fresh := New(ix.read)
	n := d.Count(4)
	fresh.stories = make([]story.Story, n)
	for i := range fresh.stories {
		decodeStory(d, &fresh.stories[i])
	}
	fresh.order = make([]uint32, n)
	seen := roaring.New()
	for i := range fresh.order {
		doc := d.Uint()
		if doc >= uint64(n) || !seen.CheckedAdd(uint32(doc)) {
			d.Fail()
			break
		}
		fresh.order[i] = uint32(doc)
	}
	for range d.Count(4) {
		t := &tagEntry{key: d.Text(), first: d.Text(), spellings: map[string]int{}}
		for range d.Count(2) {
			s := d.Text()
			t.spellings[s] = int(d.Uint())
		}
		t.docs = getBitmap(d, uint32(n))
		if d.Err != nil {
			break
		}
		if t.docs == nil {
			t.docs = roaring.New()
		}
		fresh.tags[t.key] = t
	}
	v := &fresh.vocab
	terms := d.Count(3)
	v.names = make([]string, 0, terms)
	for range terms {
		name := d.Text()
		any, title := getBitmap(d, uint32(n)), getBitmap(d, uint32(n))
		if d.Err != nil {
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
	if d.Err == nil && (d.Rest() != 0 || len(v.ids) != len(v.names)) {
		d.Fail()
	}
	if d.Err != nil {
		return d.Err
	}
	v.dirty = true
	fresh.rebuildTagList()

	ix.mu.Lock()
	defer ix.mu.Unlock()
	if len(ix.stories) > 0 {
		return errors.New("index is not empty")
	}
	ix.stories, ix.order, ix.tags = fresh.stories, fresh.order, fresh.tags
	ix.tagList = fresh.tagList
	gen := ix.vocab.gen
	ix.vocab = fresh.vocab
	ix.vocab.gen = gen + 1
	return nil
}

func decodeStory(d *wire.Decoder, s *story.Story) {
	s.ID = d.Text()
	s.Title = d.Text()
	if tags := d.Count(1); tags > 0 {
		s.Tags = make([]string, tags)
		for i := range s.Tags {
			s.Tags[i] = d.Text()
		}
	}
	s.Date = decodeDate(d)
	s.Source = d.Text()
	s.Origin = d.Text()
	s.Summary = d.Text()
	if s.Format = story.Format(d.Uint()); s.Format > story.Markdown {
		d.Fail()
	}
	if s.Words = int(d.Uint()); s.Words > math.MaxInt32 {
		d.Fail()
	}
}

// encodeDate writes t as seconds, nanoseconds and the zone's offset, which keeps its instant
// and its calendar date (time.MarshalBinary refuses offsets that are not whole minutes).
func encodeDate(e *wire.Encoder, t time.Time) {
	if t.IsZero() {
		e.Uint(0)
		return
	}
	_, offset := t.Zone()
	e.Uint(1)
	e.Int(t.Unix())
	e.Uint(uint64(t.Nanosecond()))
	e.Int(int64(offset))
}

func decodeDate(d *wire.Decoder) time.Time {
	if d.Uint() == 0 {
		return time.Time{} // as the parser leaves an unknown date
	}
	sec, nsec, offset := d.Int(), d.Uint(), d.Int()
	if nsec >= 1e9 || offset <= -24*3600 || offset >= 24*3600 {
		d.Fail()
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec)).UTC()
	if offset != 0 {
		t = t.In(time.FixedZone("", int(offset)))
	}
	return t
}
