package index

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"newsread/query"
	"newsread/story"
	"newsread/synth"
)

// synthIndex indexes n generated stories in batches, as a load does.
func synthIndex(t testing.TB, n int) (*Index, []story.Story) {
	t.Helper()
	opt := synth.Options{N: n, Seed: 7}
	var stories []story.Story
	for i := range n {
		s, _, err := story.Parse(synth.Name(i, opt), synth.Story(i, opt))
		if err != nil {
			t.Fatal(err)
		}
		stories = append(stories, s)
	}
	ix := New(reader(stories))
	for i := 0; i < n; i += 61 {
		ix.Add(stories[i:min(i+61, n)])
	}
	return ix, stories
}

func sameMetadata(a, b story.Story) bool {
	return a.ID == b.ID && a.Title == b.Title && slices.Equal(a.Tags, b.Tags) && a.Date.Equal(b.Date) &&
		a.Source == b.Source && a.Origin == b.Origin && a.Summary == b.Summary && a.Format == b.Format && a.Words == b.Words
}

func TestEncodeRestoreRoundTrip(t *testing.T) {
	ix, stories := synthIndex(t, 700)
	ix.Compact()
	data, err := ix.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if est := ix.encodedSize(); len(data) > est {
		t.Errorf("Encode wrote %d bytes, more than the %d it allocates for", len(data), est)
	}
	back := New(reader(stories))
	if err := back.Restore(data); err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(ix.Stories(), back.Stories(), sameMetadata) {
		t.Fatal("stories differ after a round trip")
	}
	if !slices.Equal(ix.Tags(), back.Tags()) {
		t.Errorf("tags differ:\n%v\n%v", ix.Tags(), back.Tags())
	}
	queries := []string{"", "s", "gove", "government", "#politics", "#politics OR #economy", "police -#politics",
		`"the government"`, "is:unread", "zz", "(a OR b) -c", `#"st petersburg"`}
	for _, qs := range queries {
		f := Filter{Query: query.Parse(qs)}
		want, got := ix.Search(f), back.Search(f)
		if !slices.Equal(want.Docs, got.Docs) || want.TitleHits != got.TitleHits || want.Total != got.Total {
			t.Errorf("%q: restored index finds %d docs (%d in titles), want %d (%d)", qs, len(got.Docs), got.TitleHits, len(want.Docs), want.TitleHits)
		}
	}
	for _, tag := range ix.Tags()[:3] {
		f := Filter{Tags: []string{tag.Key}}
		if !slices.Equal(ix.Search(f).Docs, back.Search(f).Docs) {
			t.Errorf("tag %s: restored index differs", tag.Name)
		}
	}
	if doc, n := back.Lookup(stories[5].ID[:8]); n != 1 || back.Story(doc).ID != stories[5].ID {
		t.Errorf("Lookup after restore: doc %d, %d matches", doc, n)
	}
	again, err := back.Encode()
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("encoding the restored index gives other bytes (err %v)", err)
	}
	// A restored index goes on growing like any other.
	back.Add([]story.Story{{ID: "ffffffffffffffff", Title: "Zyzzyva arrives", Source: "new.txt", Body: "zyzzyva"}})
	if r := back.Search(Filter{Query: query.Parse("zyzzyva")}); len(r.Docs) != 1 || r.Total != 701 {
		t.Errorf("after Add to a restored index: %d docs of %d", len(r.Docs), r.Total)
	}
}

// Dates keep their instant and their calendar date, whatever their zone's offset (one of a
// minute or with seconds is refused by time.MarshalBinary).
func TestDatesSurvive(t *testing.T) {
	dates := []time.Time{
		{},
		time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 3, 1, 23, 30, 0, 5, time.FixedZone("", -60)),
		time.Date(1, 1, 1, 0, 0, 1, 0, time.FixedZone("", 30)),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("EST", -5*3600)),
	}
	var stories []story.Story
	for i, d := range dates {
		stories = append(stories, story.Story{ID: fmt.Sprint(i), Title: "t", Source: fmt.Sprint(i), Date: d})
	}
	ix := New(nil)
	ix.Add(stories)
	for i, s := range roundTrip(t, ix).Stories() {
		want := dates[i]
		if !s.Date.Equal(want) || s.Date.IsZero() != want.IsZero() || s.Date.Format("2006-01-02 15:04") != want.Format("2006-01-02 15:04") {
			t.Errorf("date %v came back as %v", want, s.Date)
		}
	}
}

// roundTrip encodes ix and restores the bytes into a new index.
func roundTrip(t *testing.T, ix *Index) *Index {
	t.Helper()
	data, err := ix.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back := New(nil)
	if err := back.Restore(data); err != nil {
		t.Fatal(err)
	}
	return back
}

func TestRestoreRefusesBadData(t *testing.T) {
	ix, _ := synthIndex(t, 50)
	data, err := ix.Encode()
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"empty":         nil,
		"other version": append([]byte{formatVersion + 1}, data[1:]...),
		"truncated":     data[:len(data)/2],
		"one byte less": data[:len(data)-1],
		"trailing byte": append(slices.Clone(data), 0),
		"huge count":    {formatVersion, 0xff, 0xff, 0xff, 0xff, 0x0f},
	}
	for name, bad := range cases {
		fresh := New(nil)
		if err := fresh.Restore(bad); err == nil {
			t.Errorf("%s: Restore accepted it", name)
		}
		if fresh.Len() != 0 {
			t.Errorf("%s: a refused Restore left %d stories", name, fresh.Len())
		}
	}
	full := New(nil)
	full.Add([]story.Story{{ID: "1", Title: "x", Source: "x"}})
	if err := full.Restore(data); err == nil {
		t.Error("Restore into a non-empty index succeeded")
	}
}

// FuzzRestore feeds Restore arbitrary bytes, seeded with a real encoding: it must refuse or
// accept them without panicking, and an accepted index must answer searches. The seed index
// is small: Go's mutator stalls on inputs of tens of kilobytes.
func FuzzRestore(f *testing.F) {
	ix := New(nil)
	ix.Add([]story.Story{
		mk("Putin thanks Trump", "The CIA helped in St. Petersburg.", "2024-03-01", "Putin", "CIA"),
		mk("Zürich vote", "Voters in Zürich said yes.", "", "Switzerland", "cia"),
		mk("東京 news", "Tokyo trains run late", "2023-12-31"),
	})
	data, err := ix.Encode()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/3])
	f.Fuzz(func(t *testing.T, data []byte) {
		ix := New(nil)
		if ix.Restore(data) != nil {
			return
		}
		for _, qs := range []string{"", "a", "#x", "-b OR c"} {
			r := ix.Search(Filter{Query: query.Parse(qs)})
			for _, d := range r.Docs {
				if int(d) >= ix.Len() {
					t.Fatalf("%q found doc %d of %d", qs, d, ix.Len())
				}
			}
		}
		ix.Tags()
	})
}
