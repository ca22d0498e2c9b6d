package story

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseSeed(t *testing.T) {
	data, err := os.ReadFile("../articles/putin-thanks-trump-for-cia-help.txt")
	if err != nil {
		t.Fatal(err)
	}
	s, warnings, err := Parse("putin.txt", data)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("Parse: %v %q", err, warnings)
	}
	if want := "Putin thanks Trump for CIA’s help in preventing terrorist attacks in St. Petersburg"; s.Title != want {
		t.Errorf("title %q, want %q", s.Title, want)
	}
	if want := []string{"Putin", "Trump", "St. Petersburg", "CIA"}; !reflect.DeepEqual(s.Tags, want) {
		t.Errorf("tags %q, want %q", s.Tags, want)
	}
	if !strings.HasPrefix(s.Body, "The Central Intelligence Agency") || !strings.HasSuffix(s.Body, "smartphone owner uses.") {
		t.Errorf("body %q…%q", s.Body[:40], s.Body[len(s.Body)-40:])
	}
	if got := strings.Count(s.Body, "\n\n"); got != 8 {
		t.Errorf("%d paragraph breaks, want 8", got)
	}
	if len(s.ID) != 16 || s.Format != Text || s.Words < 250 || s.Words > 400 {
		t.Errorf("id %q format %v words %d", s.ID, s.Format, s.Words)
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name, in  string
		title     string
		tags      []string
		body      string
		warnings  int
		wantError error
	}{
		{name: "plain", in: "Title\n\nPara one.\n\nPara two.\n\u00a0 a, b", title: "Title", tags: []string{"a", "b"}, body: "Para one.\n\nPara two."},
		{name: "tags prefix", in: "T\n\nBody\n\nTags: x, y", title: "T", tags: []string{"x", "y"}, body: "Body"},
		{name: "tags prefix any case", in: "T\n\nBody\nTAGS: x", title: "T", tags: []string{"x"}, body: "Body"},
		{name: "indented tags prefix", in: "T\n\nBody\n\u00a0 Tags: Alpha, Beta", title: "T", tags: []string{"Alpha", "Beta"}, body: "Body"},
		{name: "tab indented tags", in: "T\n\nBody\n\tx,y", title: "T", tags: []string{"x", "y"}, body: "Body"},
		{name: "ideographic space tags", in: "T\n\nBody\n\u3000東京, 大阪", title: "T", tags: []string{"東京", "大阪"}, body: "Body"},
		{name: "no tags", in: "T\n\nBody\nlast line", title: "T", body: "Body\nlast line"},
		{name: "title only", in: "\n\n  Only a title  \n\n", title: "Only a title"},
		{name: "indented single line is a title", in: "\u00a0 a, b", title: "a, b"},
		{name: "leading blank lines", in: "\n\n\nT\n\nB", title: "T", body: "B"},
		{name: "empty tags dropped", in: "T\n\nB\n  a, , ,b,", title: "T", tags: []string{"a", "b"}, body: "B"},
		{name: "repeated tag kept once", in: "T\n\nB\n  CIA, cia , C.I.A", title: "T", tags: []string{"CIA"}, body: "B"},
		{name: "repeats among many tags", in: "T\n\nB\n  " + tagList("t%d", 0, 30) + "," + tagList("T%d", 10, 40), title: "T", tags: strings.Split(tagList("t%d", 0, 30)+","+tagList("T%d", 30, 40), ","), body: "B"},
		{name: "crlf and bom", in: "\uFEFFT\r\n\r\nB one\r\nB two\r\n\r\n\u00a0 a", title: "T", tags: []string{"a"}, body: "B one\nB two"},
		{name: "lone cr", in: "T\r\rB\r  a", title: "T", tags: []string{"a"}, body: "B"},
		{name: "blank lines of spaces split paragraphs", in: "T\n\nA\n \u00a0 \nB\n  t", title: "T", tags: []string{"t"}, body: "A\n\nB"},
		{name: "invalid utf8", in: "T\xff\n\nB\xfe\n  a", title: "T\uFFFD", tags: []string{"a"}, body: "B\uFFFD", warnings: 1},
		{name: "escapes stripped", in: "\x1b]0;PWNED\x07Head\x1b[2Jline\n\nB\x07\u009b31m\n  \x1b[31mRed\x1b[0m", title: "Headline", tags: []string{"Red"}, body: "B"},
		{name: "empty", in: "", wantError: ErrEmpty},
		{name: "blank", in: " \n\u00a0\n\t\n", wantError: ErrEmpty},
		{name: "bom only", in: "\uFEFF\r\n", wantError: ErrEmpty},
		{name: "binary", in: "\x89PNG\r\n\x1a\n\x00\x00", wantError: ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, warnings, err := Parse(tt.name+".txt", []byte(tt.in))
			if !errors.Is(err, tt.wantError) {
				t.Fatalf("err %v, want %v", err, tt.wantError)
			}
			if err != nil {
				return
			}
			if s.Title != tt.title || !reflect.DeepEqual(s.Tags, tt.tags) || s.Body != tt.body {
				t.Errorf("got title %q tags %q body %q\nwant title %q tags %q body %q", s.Title, s.Tags, s.Body, tt.title, tt.tags, tt.body)
			}
			if len(warnings) != tt.warnings {
				t.Errorf("warnings %q, want %d", warnings, tt.warnings)
			}
		})
	}
}

func TestParseMarkdown(t *testing.T) {
	date := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in string
		title    string
		tags     []string
		date     time.Time
		origin   string
		summary  string
		body     string
		warnings int
	}{
		{name: "full", in: "---\ntitle: Hello\ntags: [a, B c]\ndate: 2024-03-01\nsource: https://x.test\nsummary: Short.\n---\n\nBody *md*\n",
			title: "Hello", tags: []string{"a", "B c"}, date: date, origin: "https://x.test", summary: "Short.", body: "Body *md*"},
		{name: "tags as string", in: "---\ntags: a, b\n---\n# Head\nText", title: "Head", tags: []string{"a", "b"}, body: "Text"},
		{name: "heading fallback", in: "Intro\n\n# The Title #\n\nText", title: "The Title", body: "Intro\n\n\nText"},
		{name: "heading in code fence ignored", in: "```\n# not it\n```\n# It", title: "It", body: "```\n# not it\n```"},
		{name: "file name fallback", in: "just text\n", title: "file name fallback", body: "just text"},
		{name: "broken yaml", in: "---\ntitle: [unclosed\n---\n# Real\nbody", title: "Real", body: "body", warnings: 1},
		{name: "unclosed front matter", in: "---\ntitle: x\n\nbody", title: "unclosed front matter", body: "---\ntitle: x\n\nbody", warnings: 1},
		{name: "bad date", in: "---\ntitle: T\ndate: someday\n---\nb", title: "T", body: "b", warnings: 1},
		{name: "rfc3339 date", in: "---\ntitle: T\ndate: 2024-03-01T00:00:00Z\n---\nb", title: "T", date: date, body: "b"},
		{name: "tags mapping", in: "---\ntitle: T\ntags: {a: b}\n---\nb", title: "T", body: "b", warnings: 1},
		{name: "escape in front matter", in: "---\ntitle: \"A\\e]0;x\\aB\"\n---\nb", title: "AB", body: "b"},
		{name: "dots close", in: "---\ntitle: T\n...\nb", title: "T", body: "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, warnings, err := Parse(tt.name+".md", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if s.Format != Markdown || s.Title != tt.title || !reflect.DeepEqual(s.Tags, tt.tags) || s.Body != tt.body ||
				!s.Date.Equal(tt.date) || s.Origin != tt.origin || s.Summary != tt.summary {
				t.Errorf("got %+v", s)
			}
			if len(warnings) != tt.warnings {
				t.Errorf("warnings %q, want %d", warnings, tt.warnings)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	long := strings.Repeat("T", 20000)
	s, _, err := Parse("long.txt", []byte(long+"\n\nbody"))
	if err != nil || len([]rune(s.Title)) != maxTitleRunes+1 || !strings.HasSuffix(s.Title, "…") {
		t.Fatalf("20,000-character title: err %v, %d runes", err, len([]rune(s.Title)))
	}
	tags := "Tags\n\nbody\n  " + tagList("tag%d", 0, 200_000)
	s, _, err = Parse("tags.txt", []byte(tags))
	if err != nil || len(s.Tags) != 200_000 {
		t.Fatalf("200,000 tags: err %v, %d tags", err, len(s.Tags))
	}
	big := "Big\n\n" + strings.Repeat(strings.Repeat("word ", 200)+"\n\n", 6000) + "  a"
	s, _, err = Parse("big.txt", []byte(big))
	if err != nil || s.Words != 1_200_000 || !reflect.DeepEqual(s.Tags, []string{"a"}) {
		t.Fatalf("6 MB story: err %v words %d tags %q", err, s.Words, s.Tags)
	}
}

func TestIdentity(t *testing.T) {
	a, _, _ := Parse("a.txt", []byte("T\n\nBody\n  x"))
	b, _, _ := Parse("elsewhere/b.txt", []byte("\uFEFFT\r\n\r\nBody\r\n  other, tags"))
	c, _, _ := Parse("c.txt", []byte("T\n\nBody!\n  x"))
	if a.ID != b.ID {
		t.Errorf("same story, different ids: %s %s", a.ID, b.ID)
	}
	if a.ID == c.ID {
		t.Errorf("different stories, same id %s", a.ID)
	}
}

func TestTagKey(t *testing.T) {
	for _, same := range [][]string{
		{"CIA", "cia", " Cia ", "C.I.A."},
		{"St. Petersburg", "st petersburg", "ST.PETERSBURG", "st-petersburg"},
		{"Zürich", "zurich"},
		{"Москва", "москва"},
	} {
		for _, tag := range same[1:] {
			if TagKey(tag) != TagKey(same[0]) {
				t.Errorf("TagKey(%q)=%q differs from TagKey(%q)=%q", tag, TagKey(tag), same[0], TagKey(same[0]))
			}
		}
	}
	if TagKey("!!!") != "" || TagKey("Putin") == TagKey("Trump") {
		t.Error("TagKey keys")
	}
}

func TestIsStoryFile(t *testing.T) {
	for name, want := range map[string]bool{"a.txt": true, "b.MD": true, "c.markdown": true, "d.png": false, "txt": false, ".txt": true} {
		if IsStoryFile(name) != want {
			t.Errorf("IsStoryFile(%q) != %v", name, want)
		}
	}
}

func TestParagraphsFastPathAgrees(t *testing.T) {
	for _, text := range []string{
		"a\n\nb\nc\n\nd", "\n\na\n\n\nb\n\n", "a \n\nb", " a\n\nb", "a\n\u00a0\nb", "", "\n", "a", "a\n\n\n\nb",
		"a\n \nb", "x\ny\n\n\nz\n",
	} {
		if got, want := paragraphs(text), joinParagraphs(text); got != want {
			t.Errorf("paragraphs(%q) = %q, want %q", text, got, want)
		}
	}
}

// tagList is the tags fmt.Sprintf(format, i) for i from lo to hi, comma-separated.
func tagList(format string, lo, hi int) string {
	var tags []string
	for i := lo; i < hi; i++ {
		tags = append(tags, fmt.Sprintf(format, i))
	}
	return strings.Join(tags, ",")
}

// TestReadingShowsDateSourceAndSummary: the reader's markdown starts with the date and the
// source, then the summary, when the front matter has them; a story without them is its body.
func TestReadingShowsDateSourceAndSummary(t *testing.T) {
	date := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		s    Story
		want string
	}{
		{Story{Format: Markdown, Body: "Body."}, "Body."},
		{Story{Format: Markdown, Body: "Body.", Date: date}, "*2024\\-05\\-01*\n\nBody."},
		{Story{Format: Markdown, Body: "Body.", Origin: "Example News"}, "*Example News*\n\nBody."},
		{Story{Format: Markdown, Body: "Body.", Date: date, Origin: "https://x.org/a_b", Summary: "In *short*."},
			"*2024\\-05\\-01 · https&#58;//x\\.org/a\\_b*\n\n> In \\*short\\*\\.\n\nBody."},
		{Story{Format: Text, Body: "1. Not a list", Summary: "S"}, "> S\n\n1\\. Not a list"},
	} {
		if got := tt.s.Reading(); got != tt.want {
			t.Errorf("Reading() = %q, want %q", got, tt.want)
		}
	}
}

func TestSpellTags(t *testing.T) {
	names := map[string]string{"cia": "CIA", "stpetersburg": "St. Petersburg"}
	for _, tt := range []struct {
		tags  []string
		names map[string]string
		want  []string
	}{
		{[]string{"cia", "st petersburg", "Rare"}, names, []string{"CIA", "St. Petersburg", "Rare"}},
		{[]string{"cia"}, nil, []string{"cia"}},
		{nil, names, nil},
		{[]string{}, names, []string{}},
	} {
		if got := SpellTags(tt.tags, tt.names); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SpellTags(%q) = %q, want %q", tt.tags, got, tt.want)
		}
	}
}
