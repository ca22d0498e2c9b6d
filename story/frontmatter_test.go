package story

import (
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"newsread/synth"
)

// frontMatterCases are front matter blocks of every shape: taken by the direct reader or not.
var frontMatterCases = map[string]struct {
	fm     string
	simple bool
}{
	"synth shape":        {"title: \"Москва talks\"\ntags:\n  - \"Politics\"\n  - \"Zürich\"\ndate: 2018-08-16\nsource: https://news.example.com/2018/08/16/story-1\nsummary: \"One line.\"\n", true},
	"plain values":       {"title: Plain title, with a comma\ndate: 2024-03-01\n", true},
	"single quotes":      {"title: 'It is \"quoted\"'\n", true},
	"items at column 0":  {"tags:\n- a\n- b c\nother: x\n", true},
	"flow list":          {"tags: [Politics, \"St. Petersburg\", 'x y']\n", true},
	"empty flow list":    {"tags: [ ]\n", true},
	"scalar tags":        {"tags: a, b, c\n", true},
	"null values":        {"title: ~\nsummary: null\nsource:\ntags: ~\n", true},
	"typed plain values": {"title: 2024\nsummary: true\nsource: 1e3\n", true},
	"comments and blank": {"# a comment\n\ntitle: x\n   # indented comment\n", true},
	"unknown keys":       {"layout: post\ndraft: false\nauthors:\n  - a\nextra: [1, 2]\n", true},
	"empty":              {"", true},
	"trailing spaces":    {"title: x   \ntags:   \n  - a  \n", true},
	"non-ascii keys out": {"títle: x\n", false},
	"escaped quote":      {"title: \"a \\\"b\\\"\"\n", false},
	"doubled quote":      {"title: 'it''s'\n", false},
	"repeated key":       {"title: a\ntitle: b\n", false},
	"repeated unknown":   {"x: a\nx: b\n", false},
	"list for a string":  {"title:\n  - a\n", false},
	"flow for a string":  {"title: [a]\n", false},
	"block scalar":       {"summary: |\n  two\n  lines\n", false},
	"continued plain":    {"title: one\n  two\n", false},
	"nested mapping":     {"source:\n  url: x\n", false},
	"comment after":      {"title: x # note\n", false},
	"colon space":        {"title: a: b\n", false},
	"anchor":             {"title: &a x\n", false},
	"tab":                {"title:\tx\n", false},
	"uneven items":       {"tags:\n  - a\n    - b\n", false},
	"quote in flow":      {"tags: [\"a, b\"]\n", false},
	"nul":                {"title: a\x00b\n", false},
	"line separator":     {"title: a\u2028b\n", false},
	"null item":          {"tags:\n  -\n", false},
	"document marker":    {"--- x\ntitle: a\n", false},
	"long key":           {strings.Repeat("k", 1100) + ": x\n", false},
	"question in flow":   {"tags: [What now?]\n", false},
	"question in block":  {"title: What now?\n", true},
}

func TestSimpleFrontMatter(t *testing.T) {
	for name, tt := range frontMatterCases {
		var m frontMatter
		if got := simpleFrontMatter(tt.fm, &m); got != tt.simple {
			t.Errorf("%s: simpleFrontMatter(%q) = %v, want %v", name, tt.fm, got, tt.simple)
			continue
		}
		if tt.simple {
			checkLikeYAML(t, tt.fm, &m)
		}
	}
}

// The direct reader takes every front matter the generator writes: the fast path is the path.
func TestSynthFrontMatterIsSimple(t *testing.T) {
	opt := synth.Options{N: 400, Seed: 7, Markdown: 1}
	for i := range opt.N {
		fm, _, ok, closed := splitFrontMatter(string(synth.Story(i, opt)))
		if !ok || !closed {
			t.Fatalf("story %d: no front matter", i)
		}
		var m frontMatter
		if !simpleFrontMatter(fm, &m) {
			t.Fatalf("story %d: front matter not taken directly:\n%s", i, fm)
		}
		checkLikeYAML(t, fm, &m)
	}
}

// checkLikeYAML fails unless yaml reads fm without error and to the same story fields as m.
func checkLikeYAML(t *testing.T, fm string, m *frontMatter) {
	t.Helper()
	var ref frontMatter
	if err := yaml.Unmarshal([]byte(fm), &ref); err != nil {
		t.Fatalf("taken directly, but yaml refuses %q: %v", fm, err)
	}
	var got, want Story
	gotW, wantW := applyFrontMatter(&got, m), applyFrontMatter(&want, &ref)
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotW, wantW) {
		t.Fatalf("front matter %q:\ndirect %+v %q\nyaml   %+v %q", fm, got, gotW, want, wantW)
	}
	if m.Title != ref.Title || m.Date != ref.Date || m.Source != ref.Source || m.Summary != ref.Summary ||
		m.Tags.Kind != ref.Tags.Kind || m.Tags.Value != ref.Tags.Value || len(m.Tags.Content) != len(ref.Tags.Content) {
		t.Fatalf("front matter %q:\ndirect %+v\nyaml   %+v", fm, m, ref)
	}
}

func FuzzFrontMatter(f *testing.F) {
	for _, tt := range frontMatterCases {
		f.Add(tt.fm)
	}
	f.Fuzz(func(t *testing.T, fm string) {
		var m frontMatter
		if simpleFrontMatter(fm, &m) {
			checkLikeYAML(t, fm, &m)
		}
	})
}
