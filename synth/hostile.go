package synth

import (
	"os"
	"path/filepath"
	"strings"
)

// HostileFile describes one file of the hostile library and what a correct loader does with it.
type HostileFile struct {
	Name string // slash-separated path inside the hostile folder

	Load        bool   // it must load as a story (false: skipped, or ignored if Ignored)
	Warn        bool   // it loads, but the loader should report a warning
	Ignored     bool   // not a story file at all (wrong extension): neither loaded nor reported
	DuplicateOf string // skipped as a byte-identical copy of this file (which loads)
	Why         string // what the file tests, in a few words

	// Expectations for loading files; empty where not asserted.
	Title       string   // title after sanitising
	Tags        []string // tags after sanitising, in file order
	Date        string   // YYYY-MM-DD from front matter
	MustShow    []string // literal strings the reader must display for the story
	MustNotShow []string // strings that must never reach the screen
}

// The expectations assume a sanitiser that decodes invalid UTF-8 to U+FFFD (one per byte where
// the bytes are apart), strips a leading BOM and \r of CRLF, removes escape sequences whole
// (OSC up to BEL or ST, CSI up to its final byte, as ansi.Strip does: so "PWNED" disappears with
// its OSC), then drops any remaining C0 and C1 control.

// Outcome is a one-word summary: load, warn, skip, dup or ignore.
func (f HostileFile) Outcome() string {
	switch {
	case f.Load && f.Warn:
		return "warn"
	case f.Load:
		return "load"
	case f.Ignored:
		return "ignore"
	case f.DuplicateOf != "":
		return "dup"
	}
	return "skip"
}

// Manifest lists the files Hostile wrote, in lexical order of Name (the order of
// filepath.WalkDir, which the duplicate expectation assumes: dup-a.txt loads, dup-b.txt is
// the skipped copy).
type Manifest struct {
	Dir   string
	Files []HostileFile
}

// File returns the entry called name.
func (m Manifest) File(name string) (HostileFile, bool) {
	for _, f := range m.Files {
		if f.Name == name {
			return f, true
		}
	}
	return HostileFile{}, false
}

// Loaded returns the files that must load.
func (m Manifest) Loaded() []HostileFile {
	return m.filter(func(f HostileFile) bool { return f.Load })
}

// Skipped returns the story files (.txt, .md) that must be skipped, duplicates included.
func (m Manifest) Skipped() []HostileFile {
	return m.filter(func(f HostileFile) bool { return !f.Load && !f.Ignored })
}

func (m Manifest) filter(keep func(HostileFile) bool) []HostileFile {
	var out []HostileFile
	for _, f := range m.Files {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out
}

// HugeTitle is the title of the hostile library's huge.txt.
const HugeTitle = "Huge story for stress tests"

// HostileHugeBytes is the approximate size of the hostile library's huge.txt.
const HostileHugeBytes = 6 << 20

// pngBytes is a complete 1×1 PNG image.
const pngBytes = "\x89PNG\r\n\x1a\n" +
	"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4" +
	"\x00\x00\x00\x00IEND\xaeB`\x82"

// plainStory builds a story in the seed's format: title, paragraphs, NBSP tag line, no final
// newline. sep is the line ending ("\n" or "\r\n").
func plainStory(sep, title string, paras []string, tags string) []byte {
	var b strings.Builder
	b.WriteString(title)
	for _, p := range paras {
		b.WriteString(sep + sep + p)
	}
	b.WriteString(sep + sep + "\u00a0 " + tags)
	return []byte(b.String())
}

// longTitle is 20,000 ASCII characters with no leading or trailing space.
var longTitle = strings.Repeat("Long title ", 20000/11+1)[:20000]

func hugeStory() []byte {
	g := gen{r: storyRand(0, 0xBADC0FFEE), v: theVocab(), b: make([]byte, 0, HostileHugeBytes+4096)}
	g.b = append(g.b, HugeTitle+"\n\n"...)
	g.body(HostileHugeBytes-40, false)
	g.b = append(g.b, "\n\n\u00a0 Huge, Stress test"...)
	return g.b
}

// hostileFiles returns the manifest entries with their bytes, in lexical order of name.
func hostileFiles() ([]HostileFile, [][]byte) {
	dup := plainStory("\n", "Duplicate story headline",
		[]string{"This story exists twice, byte for byte, under two names."}, "Duplicates")
	type entry struct {
		f    HostileFile
		data []byte
	}
	es := []entry{
		{HostileFile{Name: "bidi.txt", Load: true,
			Why:         "bidirectional overrides and isolates, and soft hyphens, in title, body and tags",
			Title:       "Bidi override headline with a softhyphen",
			Tags:        []string{"Bidi", "Spoofing"},
			MustShow:    []string{"Reversed? No:", "Isolated? No:"},
			MustNotShow: []string{"\u202e", "\u202d", "\u2067", "\u00ad"}},
			plainStory("\n", "Bidi \u202eoverride\u202c headline with a soft\u00adhyphen", []string{
				"Reversed? No: \u202edesrever\u202c stays in reading order, and so does\u202d this\u202c.",
				"Isolated? No: \u2067right to left\u2069 is plain text here.",
			}, "Bidi\u202e, Spoof\u00ading")},
		{HostileFile{Name: "binary.md", Why: "markdown front matter followed by NUL bytes"},
			[]byte("---\ntitle: Binary markdown\n---\n\nLooks like text\x00\x00\x00\x01\x02\x03 until the NULs.\n")},
		{HostileFile{Name: "binary.txt", Why: "a PNG image (NUL bytes) with a .txt name"},
			[]byte(pngBytes)},
		{HostileFile{Name: "blank.txt", Why: "only white space: spaces, tabs, newlines, NBSP"},
			[]byte(" \n\n\u00a0 \n\t \r\n   \u00a0")},
		{HostileFile{Name: "broken-front-matter.md", Load: true, Warn: true,
			Why:      "invalid YAML front matter: loads with a warning; title is the loader's fallback",
			MustShow: []string{"Heading From Body"}},
			[]byte("---\ntitle: [unclosed\ntags: {oops\n---\n\n# Heading From Body\n\n" +
				"The front matter above is not valid YAML, yet the story must still load.\n")},
		{HostileFile{Name: "crlf-bom.txt", Load: true, Why: "UTF-8 BOM and CRLF line endings",
			Title: "Windows story with CRLF line endings", Tags: []string{"Windows", "Line Endings"}},
			append([]byte("\ufeff"), plainStory("\r\n", "Windows story with CRLF line endings",
				[]string{"First paragraph, written on Windows.", "Second paragraph, still with CRLF endings."},
				"Windows, Line Endings")...)},
		{HostileFile{Name: "dup-a.txt", Load: true, Why: "first of two byte-identical stories",
			Title: "Duplicate story headline", Tags: []string{"Duplicates"}},
			dup},
		{HostileFile{Name: "dup-b.txt", DuplicateOf: "dup-a.txt", Why: "byte-identical copy of dup-a.txt",
			Title: "Duplicate story headline"},
			dup},
		{HostileFile{Name: "empty.txt", Why: "empty file (0 bytes)"},
			nil},
		{HostileFile{Name: "escape-title.txt", Load: true,
			Why:         "terminal escapes: OSC 0 title, OSC 52 clipboard, CSI clear, BEL, C1, coloured tag",
			Title:       "Escape test headline",
			Tags:        []string{"Red", "Security"},
			MustShow:    []string{"Clipboard write:", "Screen clear:", "Bell:"},
			MustNotShow: []string{"PWNED", "cHduZWQ="}},
			plainStory("\n", "Escape\x1b]0;PWNED\x07 test headline", []string{
				"Clipboard write:\x1b]52;c;cHduZWQ=\x07 nothing may reach the clipboard.",
				"Screen clear:\x1b[2J\x1b[H the screen must not be wiped.",
				"Bell:\x07 no beep, and\x1b[1m no bold\x1b[0m either.",
				"C1 controls: CSI \u009b and NEL \u0085 are not printed.",
			}, "\x1b[31mRed\x1b[0m, Security")},
		{HostileFile{Name: "good.md", Load: true, Why: "valid front matter: title, tags, date, source, summary",
			Title: "Good markdown story", Tags: []string{"Markdown", "St. Petersburg"}, Date: "2024-03-01",
			MustShow: []string{"well-formed"}},
			[]byte("---\ntitle: \"Good markdown story\"\ntags:\n  - Markdown\n  - \"St. Petersburg\"\n" +
				"date: 2024-03-01\nsource: https://example.com/good-story\n" +
				"summary: A well-formed markdown story with every front matter field.\n---\n\n" +
				"This well-formed story has **bold** text and a [link](https://example.com).\n\n" +
				"## A subheading\n\n- one item\n- another item\n")},
		{HostileFile{Name: "huge.txt", Load: true, Why: "about 6 MB plain-text story, many paragraphs",
			Title: HugeTitle, Tags: []string{"Huge", "Stress test"}},
			hugeStory()},
		{HostileFile{Name: "invalid-utf8.txt", Load: true, Why: "bytes 0xff 0xfe in title and body",
			Title: "Invalid \ufffd title \ufffd bytes", Tags: []string{"Encoding"}, MustShow: []string{"\ufffd"}},
			plainStory("\n", "Invalid \xff title \xfe bytes",
				[]string{"Body with \xff\xfe bytes inside a paragraph.", "The second paragraph is fine."}, "Encoding")},
		{HostileFile{Name: "long-title.txt", Load: true, Why: "a 20,000-character title",
			Title: longTitle, Tags: []string{"Long"}},
			plainStory("\n", longTitle, []string{"A story whose title is 20,000 characters long."}, "Long")},
		{HostileFile{Name: "markdown-specials.txt", Load: true,
			Why:   "plain text full of markdown and HTML syntax: must be shown literally",
			Title: "Markdown specials in a plain story", Tags: []string{"Markdown", "HTML"},
			MustShow: []string{"1. Numbered", "# Hash", "> Quote", "- Dash", "*stars*", "_under_",
				"`backticks`", "|a|b|", "[x](y)", "<script>alert(1)</script>"}},
			plainStory("\n", "Markdown specials in a plain story", []string{
				"1. Numbered, but this is not a list.",
				"# Hash, but this is not a heading.",
				"> Quote mark, but this is not a quote.",
				"- Dash, but this is not a bullet.",
				"Inline: *stars* and _under_ and `backticks` and |a|b| and [x](y) and <script>alert(1)</script> stay literal.",
			}, "Markdown, HTML")},
		{HostileFile{Name: "nested/deeper/nested-story.txt", Load: true, Why: "a normal story two folders down",
			Title: "Story in a nested folder", Tags: []string{"Folders"}},
			plainStory("\n", "Story in a nested folder",
				[]string{"Loading must recurse into subfolders."}, "Folders")},
		{HostileFile{Name: "not-a-story.png", Ignored: true, Why: "wrong extension: not .txt or .md"},
			[]byte(pngBytes)},
		{HostileFile{Name: "unicode.txt", Load: true, Why: "CJK (double width), Cyrillic, RTL, emoji, combining marks",
			Title:    "東京の会議 — Москва, القاهرة و ירושלים 🌍👩‍💻 Zürich",
			Tags:     []string{"東京", "Москва", "القاهرة", "עברית", "🙂 Emoji"},
			MustShow: []string{"東京の会議", "Москва", "北京市政府", "🙂"}},
			plainStory("\n", "東京の会議 — Москва, القاهرة و ירושלים 🌍👩‍💻 Zürich", []string{
				"北京市政府今天宣布了新的交通计划。東京では全角文字ＡＢＣ１２３と半角ｶﾀｶﾅが混在します。",
				"Москва — столица России; в Петербурге идёт снег.",
				"هذا نص عربي يُكتب من اليمين إلى اليسار. זהו טקסט בעברית שנכתב מימין לשמאל.",
				"Emoji: 🙂 👍🏽 🇺🇦 👨‍👩‍👧 and cafe\u0301 with a combining accent.",
			}, "東京, Москва, القاهرة, עברית, 🙂 Emoji")},
	}
	files := make([]HostileFile, len(es))
	data := make([][]byte, len(es))
	for i, e := range es {
		files[i], data[i] = e.f, e.data
	}
	return files, data
}

// Hostile writes the hostile library into dir (created if needed; it should be empty) and
// returns its manifest. All files are tiny except huge.txt (about 6 MB).
func Hostile(dir string) (Manifest, error) {
	files, data := hostileFiles()
	for i, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return Manifest{}, err
		}
		if err := os.WriteFile(name, data[i], 0o644); err != nil {
			return Manifest{}, err
		}
	}
	return Manifest{Dir: dir, Files: files}, nil
}
