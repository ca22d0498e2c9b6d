package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// glamourParser parses as glamour does (glamour.NewTermRenderer's goldmark options): the oracle.
var glamourParser = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
).Parser()

func parse(md string) (ast.Node, []byte) {
	src := []byte(md)
	return glamourParser.Parse(text.NewReader(src)), src
}

// topKinds lists the kinds of the top-level blocks of md.
func topKinds(md string) []string {
	doc, _ := parse(md)
	var kinds []string
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		kinds = append(kinds, n.Kind().String())
	}
	return kinds
}

// checkSplit checks what Split promises for md cut into chunks: the chunks are not empty and
// concatenate to md; no cut is inside a fenced code block (goldmark's, at any depth); the
// top-level blocks of the chunks are those of md; and the lead put before a chunk when it is
// rendered does not change the chunk's blocks.
func checkSplit(t *testing.T, md string, chunks []string) {
	t.Helper()
	if md == "" {
		if chunks != nil {
			t.Fatalf("Split of an empty document: %q", chunks)
		}
		return
	}
	if strings.Join(chunks, "") != md {
		t.Fatalf("chunks do not concatenate to the input:\n%q\n%q", chunks, md)
	}
	var cuts []int
	off := 0
	for _, c := range chunks {
		if c == "" {
			t.Fatalf("empty chunk in %q", chunks)
		}
		if off > 0 {
			cuts = append(cuts, off)
		}
		off += len(c)
	}
	if len(cuts) == 0 {
		return
	}
	doc, src := parse(md)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fence, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok || fence.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		lo, hi := fence.Lines().At(0).Start, fence.Lines().At(fence.Lines().Len()-1).Stop
		for _, c := range cuts {
			// A top-level fence ends at its closing line only; a nested one may end with its
			// container, and a fence line after it opens another.
			closer := c == hi && fence.Parent().Kind() == ast.KindDocument && isFenceLine(src[c:])
			if lo <= c && c < hi || closer {
				t.Fatalf("cut at %d inside the fenced code block at %d..%d of %q (chunks %q)", c, lo, hi, md, chunks)
			}
		}
		return ast.WalkContinue, nil
	})
	var kinds []string
	for i, c := range chunks {
		k := topKinds(c)
		kinds = append(kinds, k...)
		if i > 0 {
			if lead := topKinds(leadMarkdown + c); !slices.Equal(lead, append([]string{"Paragraph"}, k...)) {
				t.Fatalf("the lead changes the blocks of chunk %q: %v, alone %v", c, lead, k)
			}
		}
	}
	if whole := topKinds(md); !slices.Equal(whole, kinds) {
		t.Fatalf("top-level blocks differ: whole %v, chunks %v (%q)", whole, kinds, chunks)
	}
}

// isFenceLine reports whether line starts (after up to 3 spaces) with ``` or ~~~.
func isFenceLine(line []byte) bool {
	s := strings.TrimLeft(string(line[:min(len(line), 16)]), " ")
	return len(line)-len(s) <= 3 && (strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~"))
}

func TestSplitCases(t *testing.T) {
	cases := []struct {
		name, md string
		want     []string
	}{
		{"empty", "", nil},
		{"one paragraph", "just text", []string{"just text"}},
		{"paragraphs", "a\n\nb\n\nc\n", []string{"a\n\n", "b\n\n", "c\n"}},
		{"blank lines kept with the chunk before", "a\n\n\n\nb", []string{"a\n\n\n\n", "b"}},
		{"no blank line, no cut", "# h\npara\n- list\n", []string{"# h\npara\n- list\n"}},
		{"fence with blank lines", "a\n\n```go\nx\n\ny\n```\n\nb\n",
			[]string{"a\n\n", "```go\nx\n\ny\n```\n\n", "b\n"}},
		{"tilde fence holding backticks", "~~~\n```\n\nz\n~~~\n\nb",
			[]string{"~~~\n```\n\nz\n~~~\n\n", "b"}},
		{"longer fence", "````\n```\n\n```\n````\n\nb", []string{"````\n```\n\n```\n````\n\n", "b"}},
		{"unclosed fence runs to the end", "a\n\n```\nx\n\ny\n\nz\n", []string{"a\n\n", "```\nx\n\ny\n\nz\n"}},
		{"indented fence", "a\n\n   ```\n   x\n\n   y\n   ```\n\nb", []string{"a\n\n", "   ```\n   x\n\n   y\n   ```\n\n", "b"}},
		{"indented code", "a\n\n    x\n\n    y\n\nb", []string{"a\n\n", "    x\n\n    y\n\n", "b"}},
		{"loose list", "- a\n\n- b\n\n  more b\n\nc", []string{"- a\n\n- b\n\n  more b\n\n", "c"}},
		{"fence in a list item", "- a\n\n  ```\n  x\n\n  y\n  ```\n\nc",
			[]string{"- a\n\n  ```\n  x\n\n  y\n  ```\n\n", "c"}},
		{"fence opened on the list marker line", "- ```\n  x\n  ```\n\ntext\n\n```\ncode\n\nmore\n```\n\nend",
			[]string{"- ```\n  x\n  ```\n\n", "text\n\n", "```\ncode\n\nmore\n```\n\n", "end"}},
		{"html comment with blank lines", "a\n\n<!--\n\nhidden\n\n-->\n\nb", []string{"a\n\n<!--\n\nhidden\n\n-->\n\nb"}},
		{"no cut after an html block", "<div>\nx\n</div>\n\nb\n\nc", []string{"<div>\nx\n</div>\n\nb\n\n", "c"}},
		{"definition list", "Term\n: def\n\nTerm 2\n\n: def 2\n\nc\n\n# d", []string{"Term\n: def\n\nTerm 2\n\n: def 2\n\nc\n\n", "# d"}},
		{"no cut before an html block", "a\n\nb\n\n<div>x</div>\n\nc", []string{"a\n\n", "b\n\n<div>x</div>\n\nc"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Split(c.md, 1)
			if !slices.Equal(got, c.want) {
				t.Errorf("Split(%q, 1)\n got %q\nwant %q", c.md, got, c.want)
			}
			checkSplit(t, c.md, got)
		})
	}
}

// TestSplitSizes: chunks are at most chunkBytes unless one block is longer; the limit of 0 or
// less means one chunk.
func TestSplitSizes(t *testing.T) {
	md := genStory(7, 200<<10, true)
	for _, size := range []int{1000, 4096, 16 << 10, 64 << 10} {
		chunks := Split(md, size)
		checkSplit(t, md, chunks)
		for i, c := range chunks {
			if len(c) > size && len(boundaries(c)) > 0 {
				t.Errorf("size %d: chunk %d is %d bytes and could have been cut", size, i, len(c))
			}
		}
		if want := len(md) / size; len(chunks) < want {
			t.Errorf("size %d: %d chunks, want at least %d", size, len(chunks), want)
		}
	}
	for _, size := range []int{0, -1, len(md)} {
		if got := Split(md, size); len(got) != 1 {
			t.Errorf("Split(md, %d): %d chunks", size, len(got))
		}
	}
	big := "```\n" + strings.Repeat("x\n\n", 5000) + "```\n\nafter\n"
	chunks := Split(big, 100)
	if len(chunks) != 2 || chunks[1] != "after\n" {
		t.Errorf("a block longer than the chunk size: %d chunks", len(chunks))
	}
}

// joinRender renders md in chunks the way the Service does.
func joinRender(t testing.TB, md string, chunkBytes, width int, style string) string {
	t.Helper()
	p, err := poolFor(width, style)
	if err != nil {
		t.Fatal(err)
	}
	out, err := p.renderChunks(Split(md, chunkBytes))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestChunkedEqualsWhole: rendering a multi-paragraph story in chunks and joining gives the very
// bytes of rendering it whole, in every style.
func TestChunkedEqualsWhole(t *testing.T) {
	md := genStory(5, 24<<10, true)
	for _, style := range testStyles() {
		for _, width := range []int{47, 80} {
			if width == 47 && style != "dark" {
				continue
			}
			want, err := Render(md, width, style)
			if err != nil {
				t.Fatal(err)
			}
			if got := joinRender(t, md, 1500, width, style); got != want {
				t.Errorf("%s at %d: chunked render differs from the whole:\n%s", style, width, firstDiff(got, want))
			}
		}
	}
}

// TestChunkedBlockPairs: a cut between any two kinds of block joins exactly, in every style.
func TestChunkedBlockPairs(t *testing.T) {
	blocks := []string{
		"Some paragraph text that is long enough to wrap at forty columns, yes.",
		"# Heading one", "## Heading two", "Setext\n======",
		"- a\n- b", "1. one\n2. two", "* [ ] todo\n* [x] done",
		"```go\nx := 1\n\ny := 2\n```", "    indented code",
		"> quoted *text*", "---", "| a | b |\n|---|---|\n| 1 | 2 |",
		"<div>html</div>", "Term\n: definition", "![image](https://example.com/i.png)",
	}
	for _, style := range testStyles() {
		for _, width := range []int{MinWidth, 40} {
			if width == MinWidth && (style != "dark" || raceEnabled) {
				continue
			}
			for _, a := range blocks {
				for _, b := range blocks {
					md := a + "\n\n" + b + "\n"
					want, err := Render(md, width, style)
					if err != nil {
						t.Fatal(err)
					}
					if got := joinRender(t, md, 1, width, style); got != want {
						t.Errorf("%s at %d, %q then %q:\n%s", style, width, a, b, firstDiff(got, want))
					}
				}
			}
		}
	}
}

// firstDiff describes where got and want first differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %q\nwant %q\n(visible %q / %q)", i, g[i], w[i], ansi.Strip(g[i]), ansi.Strip(w[i]))
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

func FuzzSplit(f *testing.F) {
	seeds := []string{
		"a\n\nb\n\nc",
		"```\nx\n\ny\n```\n\nz",
		"~~~\n```\n\n~~~\n\nq",
		"- ```\n  x\n  ```\n\ntext\n\n```\ncode\n\nmore\n```\n\nend",
		"- a\n\n  ```\n  x\n\n  y\n\nc\n\n```\nd\n\ne\n```",
		"1.  a\n  ```\nx\n\ny\n  ```\n\nz",
		"> ```\n> a\n\n> b\n\n```\nc\n\nd",
		"<div>\n```\n\nfoo\n```\n\nbar\n\nbaz",
		"<!--\n\n```\n\n-->\n\n```\n\nx",
		"Term\n: def\n\nTerm2\n\n: def2\n\npara",
		"\t```\n\nx\n\n ```\n\ny",
		"Title\n=====\n\npara\n\n---\n\n| a |\n|---|\n\nb",
		"[ref]: https://example.com\n\n[x][ref]\n\ny",
		"a\r\n\r\n```\r\nb\r\n\r\nc\r\n```\r\n\r\nd\r\n",
		"# h\n\n: not a definition\n\n> q\n>\n> q2\n\n    code\n\n\n    more\n\nend",
		genStory(9, 3000, true),
	}
	for i, s := range seeds {
		f.Add(s, uint16(1+i*37))
	}
	f.Fuzz(func(t *testing.T, md string, size uint16) {
		checkSplit(t, md, Split(md, 1+int(size%512)))
	})
}

// renderChunks renders chunks one after the other and joins them, as the Service does, so
// tests can compare a chunked render with a whole one.
func (p *rendererPool) renderChunks(chunks []string) (string, error) {
	j := joiner{indent: p.indent}
	for i, c := range chunks {
		out, err := p.renderChunk(c, i == 0, i == len(chunks)-1)
		if err != nil {
			return "", err
		}
		j.add(out)
	}
	return j.result(), nil
}
