package render

import (
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Split cuts markdown md into consecutive pieces of at most about chunkBytes bytes, to render
// piece by piece (the Service does, see renderChunk and joiner): the pieces concatenate back to
// md exactly, and every cut is at the start of a top-level block that follows a blank line, as
// goldmark (glamour's parser, with glamour's extensions) sees the whole document. So a cut is
// never inside a fenced code block (``` or ~~~, whatever its indentation or container), an
// indented code block, a list, a block quote, a table or an HTML block.
//
// A piece is longer than chunkBytes only when no block starts in its first chunkBytes (it then
// ends at the first block start after). chunkBytes < 1 means no limit. Split returns nil for an
// empty md.
//
// Cuts are also avoided where rendering the pieces apart would differ from rendering the whole:
// next to an HTML block (glamour runs it into the lines next to it), before a paragraph that
// follows a definition list (a later ": definition" line would take it into the list), and
// before a line starting with ':' (after another paragraph it would be a definition). What
// remains: a reference-style link whose definition is in another piece shows as plain text.
func Split(md string, chunkBytes int) []string {
	var chunks []string
	for rest := md; rest != ""; {
		n := cut(rest, chunkBytes)
		chunks = append(chunks, rest[:n])
		rest = rest[n:]
	}
	return chunks
}

// cut returns the length of the first piece of md (see Split): the largest block boundary at
// most target bytes in, or if there is none, the first one after that, or len(md).
//
// md must start at a boundary (the start of a document or a value cut returned before): goldmark
// decides a line's block structure from the lines before it only, so the blocks of a prefix of
// md are the blocks of md, but for the last one, which may go on. cut parses a window of about
// target bytes, doubling it while it holds no boundary.
func cut(md string, target int) (n int) {
	if target < 1 || len(md) <= target {
		return len(md)
	}
	defer func() {
		if recover() != nil {
			n = len(md) // not seen; but a panic in a tea.Cmd would end the program
		}
	}()
	for window := target; ; window *= 2 {
		end := len(md)
		if window < len(md) {
			end = window
			if i := strings.IndexByte(md[end:], '\n'); i >= 0 {
				end += i + 1
			} else {
				end = len(md)
			}
		}
		b := lastBoundary(md[:end], target)
		if b > 0 {
			return b
		}
		if end == len(md) {
			return len(md)
		}
	}
}

// lastBoundary returns the largest cut point of src that is ≤ limit, else the smallest one,
// else 0.
func lastBoundary(src string, limit int) int {
	best, first := 0, 0
	for _, b := range boundaries(src) {
		if first == 0 {
			first = b
		}
		if b <= limit {
			best = b
		}
	}
	if best == 0 {
		return first
	}
	return best
}

// boundaries returns, in increasing order, the offsets in src where a top-level block starts
// after a blank line and src may be cut (see Split).
func boundaries(src string) []int {
	source := []byte(src)
	rec := &openings{}
	pc := parser.NewContext()
	pc.Set(openingsKey, rec)
	doc := blockParser().Parse(text.NewReader(source), parser.WithContext(pc))
	var cuts []int
	for _, o := range rec.list {
		n := o.node
		if o.offset == 0 || n.Parent() != doc || !blankBefore(source, o.offset) {
			continue // not a cut, moved into another block, or not after a blank line
		}
		prev := n.PreviousSibling()
		if prev == nil {
			continue
		}
		if prev.Kind() == ast.KindHTMLBlock || n.Kind() == ast.KindHTMLBlock {
			continue // glamour runs an HTML block into the lines next to it
		}
		if source[o.offset] == ':' {
			continue // after the lead paragraph (see leadMarkdown), a definition
		}
		if n.Kind() == ast.KindParagraph && prev.Kind() == extast.KindDefinitionList {
			continue // a ": definition" line later may take the paragraph into the list
		}
		if len(cuts) > 0 && cuts[len(cuts)-1] >= o.offset {
			continue
		}
		cuts = append(cuts, o.offset)
	}
	return cuts
}

// blankBefore reports whether the line before offset (a line start) is blank.
func blankBefore(src []byte, offset int) bool {
	if offset < 2 || src[offset-1] != '\n' {
		return false
	}
	start := 0
	for i := offset - 2; i >= 0; i-- {
		if src[i] == '\n' {
			start = i + 1
			break
		}
	}
	return util.IsBlank(src[start : offset-1])
}

// blockParser is goldmark's block parser as glamour configures it (GFM tables, definition
// lists), without inline parsers (block structure does not depend on them), and with every
// block parser wrapped to record where top-level blocks open.
var blockParser = sync.OnceValue(func() parser.Parser {
	blocks := append(parser.DefaultBlockParsers(),
		util.Prioritized(extension.NewDefinitionListParser(), 101),
		util.Prioritized(extension.NewDefinitionDescriptionParser(), 102),
	)
	for i, b := range blocks {
		blocks[i] = util.Prioritized(recording{b.Value.(parser.BlockParser)}, b.Priority)
	}
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(),
		parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
			util.Prioritized(extension.NewTableParagraphTransformer(), 200))...),
	)
})

var openingsKey = parser.NewContextKey()

// openings lists the top-level blocks in the order goldmark opened them.
type openings struct {
	list []opening
}

type opening struct {
	offset int // start of the line the block opened on
	node   ast.Node
}

// recording wraps a goldmark block parser to note each top-level block it opens. Blocks that
// take over the paragraph before them (setext headings, definition lists) are not noted: they
// do not start where they open.
type recording struct {
	parser.BlockParser
}

func (r recording) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, seg := reader.PeekLine()
	node, state := r.BlockParser.Open(parent, reader, pc)
	if node == nil || parent.Kind() != ast.KindDocument || state&parser.RequireParagraph != 0 ||
		node.Kind() == extast.KindDefinitionList {
		return node, state
	}
	rec, ok := pc.Get(openingsKey).(*openings)
	if !ok {
		return node, state
	}
	src := reader.Source()
	start := min(seg.Start, len(src))
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	rec.list = append(rec.list, opening{start, node})
	return node, state
}
