package synth

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// story is a .txt story split the way the seed format defines it.
type story struct {
	title string
	paras []string
	tags  []string
}

// splitPlain checks b against the seed format and splits it.
func splitPlain(t *testing.T, name string, b []byte) story {
	t.Helper()
	s := string(b)
	if !utf8.ValidString(s) {
		t.Fatalf("%s: invalid UTF-8", name)
	}
	if strings.HasSuffix(s, "\n") {
		t.Errorf("%s: ends with a newline", name)
	}
	cut := strings.LastIndex(s, "\n\n\u00a0 ")
	if cut < 0 {
		t.Fatalf("%s: no blank line + NBSP tag line at the end", name)
	}
	tagLine := s[cut+len("\n\n\u00a0 "):]
	if strings.Contains(tagLine, "\n") {
		t.Fatalf("%s: tag line is not the last line", name)
	}
	blocks := strings.Split(s[:cut], "\n\n")
	st := story{title: blocks[0], paras: blocks[1:], tags: strings.Split(tagLine, ", ")}
	if strings.Contains(st.title, "\n") || strings.TrimSpace(st.title) != st.title || st.title == "" {
		t.Errorf("%s: bad title line %q", name, st.title)
	}
	if len(st.paras) == 0 {
		t.Errorf("%s: no paragraphs", name)
	}
	for _, p := range st.paras {
		if p == "" || strings.Contains(p, "\n") || strings.TrimSpace(p) != p {
			t.Errorf("%s: bad paragraph %.40q", name, p)
		}
	}
	return st
}

// frontMatter is what synth writes in .md front matter.
type frontMatter struct {
	Title   string   `yaml:"title"`
	Tags    []string `yaml:"tags"`
	Date    string   `yaml:"date"`
	Source  string   `yaml:"source"`
	Summary string   `yaml:"summary"`
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// splitMarkdown parses the front matter of b and returns it with the body.
func splitMarkdown(b []byte) (frontMatter, string, error) {
	var fm frontMatter
	s, ok := strings.CutPrefix(string(b), "---\n")
	if !ok {
		return fm, "", fs.ErrInvalid
	}
	head, body, ok := strings.Cut(s, "\n---\n")
	if !ok {
		return fm, "", fs.ErrInvalid
	}
	err := yaml.Unmarshal([]byte(head), &fm)
	return fm, body, err
}

func checkTags(t *testing.T, name string, tags []string) {
	t.Helper()
	if len(tags) < 1 || len(tags) > 5 {
		t.Errorf("%s: %d tags, want 1–5: %q", name, len(tags), tags)
	}
	seen := map[string]bool{}
	for _, tag := range tags {
		if tag == "" || strings.ContainsAny(tag, ",\n") || strings.TrimSpace(tag) != tag || seen[tag] {
			t.Errorf("%s: bad or repeated tag %q in %q", name, tag, tags)
		}
		seen[tag] = true
	}
}

func TestStoryDeterministic(t *testing.T) {
	opt := Options{N: 100, Seed: 7}
	other := Options{N: 100, Seed: 8}
	for i := 0; i < opt.N; i++ {
		a, b := Story(i, opt), Story(i, opt)
		if !bytes.Equal(a, b) {
			t.Fatalf("story %d: two calls differ", i)
		}
		if bytes.Equal(a, Story(i, other)) {
			t.Errorf("story %d: seeds 7 and 8 give the same bytes", i)
		}
		if i > 0 && bytes.Equal(a, Story(i-1, opt)) {
			t.Errorf("stories %d and %d are equal", i-1, i)
		}
	}
	// A story does not depend on N: a small library is a prefix of a big one.
	if !bytes.Equal(Story(3, Options{N: 10, Seed: 7}), Story(3, Options{N: 100000, Seed: 7})) {
		t.Error("story 3 depends on N")
	}
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenerate(t *testing.T) {
	opt := Options{N: 1500, Seed: 1, Huge: 2, HugeBytes: 100_000, Markdown: 0.2}
	d1, d2 := t.TempDir(), t.TempDir()
	st, err := Generate(d1, opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(d2, opt); err != nil {
		t.Fatal(err)
	}
	t1, t2 := readTree(t, d1), readTree(t, d2)
	if len(t1) != opt.N || len(t2) != opt.N {
		t.Fatalf("wrote %d and %d files, want %d", len(t1), len(t2), opt.N)
	}
	var total int64
	folders := map[string]int{}
	for i := 0; i < opt.N; i++ {
		name := Name(i, opt)
		if !bytes.Equal(t1[name], t2[name]) {
			t.Fatalf("%s differs between two runs", name)
		}
		if !bytes.Equal(t1[name], Story(i, opt)) {
			t.Fatalf("%s differs from Story(%d)", name, i)
		}
		total += int64(len(t1[name]))
		folders[strings.Split(name, "/")[0]]++
	}
	for f, n := range folders {
		if n > FolderSize {
			t.Errorf("folder %s holds %d stories", f, n)
		}
	}
	if st.Files != opt.N || st.Dirs != 2 || len(folders) != 2 || st.Bytes != total || st.Huge != 2 {
		t.Errorf("stats %+v, want %d files in 2 dirs, %d bytes, 2 huge", st, opt.N, total)
	}
	if st.Markdown < 200 || st.Markdown > 400 || st.Tags < 30 || st.MaxBytes < opt.HugeBytes {
		t.Errorf("stats %+v: markdown, tags or max out of range", st)
	}
	if !strings.HasPrefix(st.String(), "files=1500 dirs=2 ") {
		t.Errorf("String() = %q", st)
	}
}

func TestName(t *testing.T) {
	opt := Options{N: 100000, Markdown: -1}
	for i, want := range map[int]string{0: "0000/story-000000.txt", 999: "0000/story-000999.txt",
		42137: "0042/story-042137.txt", 1234567: "1234/story-1234567.txt"} {
		if got := Name(i, opt); got != want {
			t.Errorf("Name(%d) = %q, want %q", i, got, want)
		}
	}
	all := Options{N: 10, Markdown: 1}
	if got := Name(5, all); got != "0000/story-000005.md" {
		t.Errorf("Name with Markdown 1 = %q", got)
	}
}

func TestOptions(t *testing.T) {
	for _, o := range []Options{{N: -1}, {N: 3, Huge: 4}, {N: 3, Huge: -1}, {N: 3, Markdown: 1.5}} {
		if _, err := Generate(t.TempDir(), o); err == nil {
			t.Errorf("Generate(%+v) did not fail", o)
		}
	}
	for _, c := range []struct{ n, huge int }{{1, 1}, {2, 2}, {10, 3}, {100000, 1}, {100000, 7}, {7, 7}} {
		o := Options{N: c.n, Huge: c.huge}
		got := 0
		for i := 0; i < c.n; i++ {
			if o.isHuge(i) {
				got++
			}
		}
		if got != c.huge {
			t.Errorf("N=%d Huge=%d: %d huge indices", c.n, c.huge, got)
		}
	}
}

func TestHugeStory(t *testing.T) {
	opt := Options{N: 10, Seed: 3, Huge: 1, HugeBytes: 300_000}
	for i := 0; i < opt.N; i++ {
		b := Story(i, opt)
		if huge := len(b) >= opt.HugeBytes; huge != (i == 5) {
			t.Errorf("story %d: %d bytes", i, len(b))
		}
		if i == 5 {
			if st := splitPlain(t, "huge", b); len(st.paras) < 500 {
				t.Errorf("huge story has %d paragraphs", len(st.paras))
			}
			if len(b) > opt.HugeBytes+2000 {
				t.Errorf("huge story is %d bytes, want about %d", len(b), opt.HugeBytes)
			}
		}
	}
}

// TestLibraryShape checks the format and the distributions of a 2,000-story library.
func TestLibraryShape(t *testing.T) {
	opt := Options{N: 2000, Seed: 1}
	var sizes []int
	var total, nonASCII, words, md, multi int
	vocab := map[string]bool{}
	spellings := map[int]map[string]int{} // tag group -> spelling -> count
	group := map[string]int{}
	for _, s := range tagTable() {
		group[s.text] = s.canonical
	}
	for i := 0; i < opt.N; i++ {
		name := Name(i, opt)
		b := Story(i, opt)
		sizes = append(sizes, len(b))
		total += len(b)
		var title string
		var tags, paras []string
		if strings.HasSuffix(name, ".md") {
			md++
			fm, body, err := splitMarkdown(b)
			if err != nil {
				t.Fatalf("%s: front matter: %v\n%s", name, err, b)
			}
			if !dateRE.MatchString(fm.Date) || !strings.HasSuffix(body, "\n") || strings.TrimSpace(body) == "" {
				t.Errorf("%s: date %q or body wrong", name, fm.Date)
			}
			title, tags, paras = fm.Title, fm.Tags, strings.Split(strings.TrimSpace(body), "\n\n")
		} else {
			st := splitPlain(t, name, b)
			title, tags, paras = st.title, st.tags, st.paras
		}
		if n := len(strings.Fields(title)); n < 5 || n > 14 {
			t.Errorf("%s: title has %d words: %q", name, n, title)
		}
		checkTags(t, name, tags)
		if len(tags) > 1 {
			multi++
		}
		for _, tag := range tags {
			g, ok := group[tag]
			if !ok {
				t.Fatalf("%s: unknown tag %q", name, tag)
			}
			if spellings[g] == nil {
				spellings[g] = map[string]int{}
			}
			spellings[g][tag]++
		}
		for _, p := range paras {
			for _, w := range strings.Fields(p) {
				w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
				if w == "" {
					continue
				}
				words++
				vocab[strings.ToLower(w)] = true
				if strings.ContainsFunc(w, func(r rune) bool { return r >= utf8.RuneSelf }) {
					nonASCII++
				}
			}
		}
	}
	slices.Sort(sizes)
	n := len(sizes)
	mean := total / n
	in := 0
	for _, s := range sizes {
		if s >= 1000 && s <= 4096 {
			in++
		}
	}
	t.Logf("mean %d, min %d, median %d, p90 %d, max %d, %.0f%% in 1–4 KB; %d words, %d distinct, %.2f%% non-ASCII; %d md",
		mean, sizes[0], sizes[n/2], sizes[n*9/10], sizes[n-1], 100*float64(in)/float64(n),
		words, len(vocab), 100*float64(nonASCII)/float64(words), md)
	switch {
	case mean < 1800 || mean > 2300:
		t.Errorf("mean size %d, want about 2 KB", mean)
	case sizes[n/2] < 1400 || sizes[n/2] > 2200:
		t.Errorf("median size %d", sizes[n/2])
	case float64(in) < 0.8*float64(n):
		t.Errorf("only %d of %d stories are 1–4 KB", in, n)
	case sizes[0] < 300 || sizes[n-1] > MaxBytes:
		t.Errorf("sizes span %d..%d", sizes[0], sizes[n-1])
	case sizes[n-1] < 6000:
		t.Errorf("no long tail: largest story %d bytes", sizes[n-1])
	}
	if r := float64(nonASCII) / float64(words); r < 0.01 || r > 0.04 {
		t.Errorf("non-ASCII word fraction %.3f, want about 0.02", r)
	}
	if len(vocab) < 2000 {
		t.Errorf("only %d distinct words", len(vocab))
	}
	if md < 50 || md > 170 {
		t.Errorf("%d markdown stories, want about 5%%", md)
	}
	if multi < n/2 {
		t.Errorf("only %d stories have more than one tag", multi)
	}
	// Some tags come in several spellings; the usual spelling stays the most common.
	variants := 0
	for g, sp := range spellings {
		if len(sp) > 1 {
			variants++
		}
		usual := tagGroups[g][0]
		for s, c := range sp {
			if s != usual && c >= sp[usual] {
				t.Errorf("tag %q (%d) is as common as %q (%d)", s, c, usual, sp[usual])
			}
		}
	}
	if variants < 5 {
		t.Errorf("only %d tags appear in several spellings", variants)
	}
}

func TestMapFS(t *testing.T) {
	opt := Options{N: 30, Seed: 2}
	m := MapFS(opt)
	if len(m) != opt.N {
		t.Fatalf("MapFS has %d files", len(m))
	}
	for i := 0; i < opt.N; i++ {
		f, ok := m[Name(i, opt)]
		if !ok || !bytes.Equal(f.Data, Story(i, opt)) {
			t.Fatalf("MapFS story %d missing or different", i)
		}
	}
}

func BenchmarkStory(b *testing.B) {
	opt := Options{N: 100000, Seed: 1}
	var buf []byte
	n := 0
	for i := 0; b.Loop(); i++ {
		buf, _ = appendStory(buf[:0], i%opt.N, opt)
		n += len(buf)
	}
	b.SetBytes(int64(n / b.N))
}
