// Package synth makes synthetic story files for benchmarks and tests: large realistic libraries
// (Generate, Story, MapFS) and a small library of hostile files (Hostile). Everything it writes
// is deterministic: the same Options give byte-identical files on every machine and run.
//
// synth only writes bytes. It must never import newsread's parsing, library or UI packages, so
// that the fixtures it produces stay an independent description of the story formats rather
// than an echo of the code under test.
package synth

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing/fstest"
	"time"
)

// FolderSize is the most stories Generate puts in one subfolder.
const FolderSize = 1000

// DefaultHugeBytes is the size of a huge story when Options.HugeBytes is zero.
const DefaultHugeBytes = 6_500_000

// DefaultMarkdown is the fraction of markdown stories when Options.Markdown is zero.
const DefaultMarkdown = 0.05

// MaxBytes bounds the size of an ordinary (not huge) story.
const MaxBytes = 20_500

// Options describe a synthetic library. The zero value (apart from N) is a sensible default.
type Options struct {
	N    int    // number of stories
	Seed uint64 // same Seed, same bytes

	// Huge stories replace ordinary ones at evenly spread indices; each is a plain-text story
	// of about HugeBytes (DefaultHugeBytes when zero).
	Huge      int
	HugeBytes int

	// Markdown is the fraction of stories written as .md with YAML front matter: zero means
	// DefaultMarkdown, a negative value means none.
	Markdown float64
}

func (o Options) hugeBytes() int {
	if o.HugeBytes <= 0 {
		return DefaultHugeBytes
	}
	return o.HugeBytes
}

func (o Options) markdown() float64 {
	switch {
	case o.Markdown == 0:
		return DefaultMarkdown
	case o.Markdown < 0:
		return 0
	}
	return o.Markdown
}

func (o Options) check() error {
	switch {
	case o.N < 0:
		return fmt.Errorf("synth: N = %d is negative", o.N)
	case o.Huge < 0 || o.Huge > o.N:
		return fmt.Errorf("synth: Huge = %d, want 0..N (%d)", o.Huge, o.N)
	case o.Markdown > 1 || math.IsNaN(o.Markdown):
		return fmt.Errorf("synth: Markdown = %v, want a fraction <= 1", o.Markdown)
	}
	return nil
}

// isHuge reports whether story i is one of the o.Huge huge stories, which sit at indices
// (2k+1)·N/(2·Huge) for k in [0, Huge).
func (o Options) isHuge(i int) bool {
	if o.Huge <= 0 || i < 0 || i >= o.N {
		return false
	}
	k0 := int(int64(i) * int64(o.Huge) / int64(o.N))
	for k := k0 - 1; k <= k0+1; k++ {
		if k >= 0 && k < o.Huge && int((int64(2*k+1)*int64(o.N))/int64(2*o.Huge)) == i {
			return true
		}
	}
	return false
}

// Stats describes what Generate wrote.
type Stats struct {
	Files    int   // story files written
	Dirs     int   // subfolders
	Bytes    int64 // total size of the story files
	MaxBytes int   // largest file
	Markdown int   // .md files among Files
	Huge     int   // huge stories among Files
	Tags     int   // distinct tag spellings written
}

// String formats the stats on one line.
func (s Stats) String() string {
	mean := 0.0
	if s.Files > 0 {
		mean = float64(s.Bytes) / float64(s.Files)
	}
	return fmt.Sprintf("files=%d dirs=%d bytes=%d mean=%.0f max=%d md=%d huge=%d tags=%d",
		s.Files, s.Dirs, s.Bytes, mean, s.MaxBytes, s.Markdown, s.Huge, s.Tags)
}

// Name returns the slash-separated path of story i inside the library, such as
// "0042/story-042137.txt": FolderSize stories per folder, extension .txt or .md.
func Name(i int, opt Options) string {
	ext := ".txt"
	if isMarkdown(i, opt) {
		ext = ".md"
	}
	return fmt.Sprintf("%04d/story-%06d%s", i/FolderSize, i, ext)
}

// Story returns the bytes of story i of the library described by opt; Generate writes exactly
// these bytes under Name(i, opt). A story depends only on opt.Seed, i and whether it is huge or
// markdown, so the first stories of a small library equal those of a big one.
func Story(i int, opt Options) []byte {
	b, _ := appendStory(nil, i, opt)
	return b
}

// MapFS returns the whole library in memory, keyed by Name, for benchmarks that read an fs.FS
// without touching the disk. It panics if opt is invalid.
func MapFS(opt Options) fstest.MapFS {
	if err := opt.check(); err != nil {
		panic(err)
	}
	m := make(fstest.MapFS, opt.N)
	for i := 0; i < opt.N; i++ {
		m[Name(i, opt)] = &fstest.MapFile{Data: Story(i, opt), Mode: 0o644, ModTime: modTime}
	}
	return m
}

// modTime is the fixed modification time of MapFS files.
var modTime = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// Generate writes the library described by opt into dir (created if needed), as
// dir/NNNN/story-NNNNNN.txt (or .md) with FolderSize stories per folder. Existing files of the
// same names are overwritten; nothing else in dir is touched.
func Generate(dir string, opt Options) (Stats, error) {
	if err := opt.check(); err != nil {
		return Stats{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, err
	}
	folders := (opt.N + FolderSize - 1) / FolderSize
	workers := min(runtime.GOMAXPROCS(0), max(folders, 1))
	var (
		next     atomic.Int64
		mu       sync.Mutex
		total    Stats
		tagMask  uint64
		firstErr error
		failed   atomic.Bool
		wg       sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var st Stats
			var mask uint64
			var buf []byte
			err := func() error {
				for !failed.Load() {
					f := int(next.Add(1) - 1)
					if f >= folders {
						return nil
					}
					sub := filepath.Join(dir, fmt.Sprintf("%04d", f))
					if err := os.MkdirAll(sub, 0o755); err != nil {
						return err
					}
					st.Dirs++
					for i := f * FolderSize; i < min((f+1)*FolderSize, opt.N); i++ {
						var m uint64
						buf, m = appendStory(buf[:0], i, opt)
						mask |= m
						name := filepath.Join(dir, filepath.FromSlash(Name(i, opt)))
						if err := os.WriteFile(name, buf, 0o644); err != nil {
							return err
						}
						st.Files++
						st.Bytes += int64(len(buf))
						st.MaxBytes = max(st.MaxBytes, len(buf))
						if opt.isHuge(i) {
							st.Huge++
						} else if isMarkdown(i, opt) {
							st.Markdown++
						}
					}
				}
				return nil
			}()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed.Store(true)
				firstErr = errors.Join(firstErr, err)
			}
			total.Files += st.Files
			total.Dirs += st.Dirs
			total.Bytes += st.Bytes
			total.MaxBytes = max(total.MaxBytes, st.MaxBytes)
			total.Markdown += st.Markdown
			total.Huge += st.Huge
			tagMask |= mask
		}()
	}
	wg.Wait()
	for m := tagMask; m != 0; m &= m - 1 {
		total.Tags++
	}
	return total, firstErr
}

// storyRand returns the random source of story i: a PCG keyed by the seed and the index, so
// stories can be made independently and in any order.
func storyRand(i int, seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(mix(seed), mix(uint64(i)^0x9e3779b97f4a7c15)))
}

// mix is the splitmix64 finaliser, spreading nearby seeds over the whole state space.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// isMarkdown reports whether story i is written as markdown. It is the first draw of the
// story's random source, so it does not shift the rest of the story.
func isMarkdown(i int, opt Options) bool {
	p := opt.markdown()
	if p == 0 || opt.isHuge(i) {
		return false
	}
	return storyRand(i, opt.Seed).Float64() < p
}

// appendStory appends story i to dst and returns it with the mask of tag spellings it used.
func appendStory(dst []byte, i int, opt Options) ([]byte, uint64) {
	r := storyRand(i, opt.Seed)
	md := r.Float64() < opt.markdown() // always drawn, see isMarkdown
	huge := opt.isHuge(i)
	md = md && !huge
	g := gen{r: r, v: theVocab(), b: dst}

	target := sampleSize(r)
	if huge {
		target = opt.hugeBytes()
	}
	tags, mask := g.tags()
	if md {
		g.markdown(target, tags)
	} else {
		g.plain(target, tags)
	}
	return g.b, mask
}

// sampleSize draws the approximate size in bytes of an ordinary story: log-normal around 1.8 KB
// (most stories 1–4 KB) with a thin long tail up to about 20 KB.
func sampleSize(r *rand.Rand) int {
	if r.IntN(1000) < 12 {
		return int(5000 * math.Exp(r.Float64()*math.Log(3.9)))
	}
	s := int(1620 * math.Exp(0.45*r.NormFloat64()))
	return min(max(s, 400), 14000)
}

// gen appends generated text to b.
type gen struct {
	r *rand.Rand
	v *vocab
	b []byte
}

// word appends one body word; capital asks for an upper-case first letter.
func (g *gen) word(capital bool, minRank int) {
	bits := g.r.Uint64()
	x := bits & 1023                   // bits 0–9 choose the kind of word,
	u := float64(bits>>11) / (1 << 53) // bits 11–63 its rank
	switch {
	case x < 20 && minRank == 0: // ~2% non-ASCII
		g.b = append(g.b, foreign[g.r.IntN(len(foreign))]...)
		return
	case x < 28 && minRank == 0: // ~0.8% numbers
		n := g.r.IntN(4)
		switch n {
		case 0:
			g.b = strconv.AppendInt(g.b, int64(1990+g.r.IntN(40)), 10)
		case 1:
			g.b = strconv.AppendInt(g.b, int64(g.r.IntN(10)), 10)
			g.b = append(g.b, '.')
			g.b = strconv.AppendInt(g.b, int64(g.r.IntN(10)), 10)
		default:
			g.b = strconv.AppendInt(g.b, int64(1+g.r.IntN(100)), 10)
		}
		return
	}
	w := g.v.words[g.v.rank(u, minRank)]
	if capital && w[0] >= 'a' && w[0] <= 'z' {
		g.b = append(g.b, w[0]-('a'-'A'))
		g.b = append(g.b, w[1:]...)
		return
	}
	g.b = append(g.b, w...)
}

// title appends a 5–14 word title: sentence case, content words, no final stop.
func (g *gen) title() {
	n := 5 + g.r.IntN(10)
	colon := -1
	if g.r.IntN(8) == 0 {
		colon = 1 + g.r.IntN(3)
	}
	for k := 0; k < n; k++ {
		if k > 0 {
			g.b = append(g.b, ' ')
		}
		minRank := 0
		if g.r.IntN(3) > 0 {
			minRank = 30 // skip the commonest function words most of the time
		}
		g.word(k == 0, minRank)
		if g.r.IntN(25) == 0 {
			g.b = append(g.b, "’s"...)
		}
		if k == colon {
			g.b = append(g.b, ':')
		}
	}
}

// sentence appends one sentence of 6–25 words.
func (g *gen) sentence() {
	n := 6 + g.r.IntN(20)
	quote := g.r.IntN(30) == 0
	if quote {
		g.b = append(g.b, "“"...)
	}
	for k := 0; k < n; k++ {
		if k > 0 {
			g.b = append(g.b, ' ')
		}
		g.word(k == 0, 0)
		if k < n-1 && g.r.IntN(14) == 0 {
			g.b = append(g.b, ',')
		}
	}
	switch {
	case quote:
		g.b = append(g.b, ".”"...)
	case g.r.IntN(40) == 0:
		g.b = append(g.b, '?')
	default:
		g.b = append(g.b, '.')
	}
}

// paragraph appends one paragraph of 1–4 sentences.
func (g *gen) paragraph(emphasis bool) {
	n := 1 + g.r.IntN(4)
	for k := 0; k < n; k++ {
		if k > 0 {
			g.b = append(g.b, ' ')
		}
		if emphasis && g.r.IntN(6) == 0 {
			g.b = append(g.b, '*')
			g.word(false, 30)
			g.b = append(g.b, "* "...)
		}
		g.sentence()
	}
}

// body appends paragraphs separated by blank lines until the story reaches end bytes.
func (g *gen) body(end int, md bool) {
	for first := true; first || len(g.b) < end; first = false {
		if !first {
			g.b = append(g.b, "\n\n"...)
			if md && g.r.IntN(8) == 0 {
				g.b = append(g.b, "## "...)
				g.title()
				g.b = append(g.b, "\n\n"...)
			}
		}
		g.paragraph(md)
	}
}

// tags draws 1–5 distinct tags (Zipf-ish over the groups, usually the usual spelling).
func (g *gen) tags() ([]string, uint64) {
	table := tagTable()
	n := 1
	switch x := g.r.IntN(100); {
	case x >= 93:
		n = 5
	case x >= 80:
		n = 4
	case x >= 55:
		n = 3
	case x >= 25:
		n = 2
	}
	var used uint64 // groups
	var mask uint64 // spellings
	tags := make([]string, 0, n)
	for len(tags) < n {
		// Zipf-ish over groups: weight 1/(g+2).
		grp := int(float64(len(tagGroups)+2) * math.Pow(g.r.Float64(), 2.2))
		if grp >= len(tagGroups) || used&(1<<grp) != 0 {
			continue
		}
		used |= 1 << grp
		v := 0
		if k := len(tagGroups[grp]); k > 1 && g.r.IntN(100) < 15 {
			v = 1 + g.r.IntN(k-1)
		}
		idx := tagIndex(grp, v)
		mask |= 1 << idx
		tags = append(tags, table[idx].text)
	}
	return tags, mask
}

// plain appends a .txt story: title, blank-line-separated paragraphs, then the tag line
// "\u00a0 " + tags joined by ", ", with no final newline.
func (g *gen) plain(target int, tags []string) {
	start := len(g.b)
	g.title()
	g.b = append(g.b, "\n\n"...)
	tagLen := 4
	for _, t := range tags {
		tagLen += len(t) + 2
	}
	g.body(start+target-tagLen, false)
	g.b = append(g.b, "\n\n\u00a0 "...)
	for k, t := range tags {
		if k > 0 {
			g.b = append(g.b, ", "...)
		}
		g.b = append(g.b, t...)
	}
}

// markdown appends a .md story: YAML front matter (title, tags, date, sometimes source and
// summary), then a markdown body with the odd subheading and emphasis, ending in a newline.
func (g *gen) markdown(target int, tags []string) {
	start := len(g.b)
	g.b = append(g.b, "---\ntitle: "...)
	t0 := len(g.b)
	g.title()
	title := string(g.b[t0:])
	g.b = append(g.b[:t0], strconv.Quote(title)...) // a YAML double-quoted scalar
	g.b = append(g.b, "\ntags:\n"...)
	for _, t := range tags {
		g.b = append(g.b, "  - "...)
		g.b = strconv.AppendQuote(g.b, t)
		g.b = append(g.b, '\n')
	}
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(3650))
	g.b = append(g.b, "date: "...)
	g.b = day.AppendFormat(g.b, time.DateOnly)
	g.b = append(g.b, '\n')
	if g.r.IntN(2) == 0 {
		g.b = append(g.b, "source: https://news.example.com/"...)
		g.b = day.AppendFormat(g.b, "2006/01/02")
		g.b = append(g.b, "/story-"...)
		g.b = strconv.AppendUint(g.b, g.r.Uint64()%1_000_000, 10)
		g.b = append(g.b, '\n')
	}
	if g.r.IntN(2) == 0 {
		g.b = append(g.b, "summary: "...)
		s0 := len(g.b)
		g.sentence()
		summary := string(g.b[s0:])
		g.b = append(g.b[:s0], strconv.Quote(summary)...)
		g.b = append(g.b, '\n')
	}
	g.b = append(g.b, "---\n\n"...)
	g.body(start+target, true)
	g.b = append(g.b, '\n')
}
