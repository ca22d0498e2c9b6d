// Package render owns turning markdown into rendered terminal text (glamour), its cache and the
// progressive rendering of huge documents. It must not parse story files, touch the terminal or
// hold UI state: the UI asks it for text and shows what it gets.
//
// Output of [Render] and of the [Service] is glamour's output with the leading and trailing blank
// lines (the document margins) removed, no trailing newline, and its line padding compacted
// (compactCells: the same cells on screen in a third of the bytes). Code blocks are coloured per
// style in true colour, see styles.go.
package render

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
)

// MinWidth is the narrowest wrap width used: a smaller (or zero, or negative) width renders at
// MinWidth, so lines may then be wider than asked. glamour keeps a margin of 2 on both sides.
const MinWidth = 8

// ErrUnknownStyle is wrapped by the error Render returns for a style name glamour does not have.
var ErrUnknownStyle = errors.New("unknown style")

var styleNames = func() []string {
	names := make([]string, 0, len(styles.DefaultStyles)+1)
	for name := range styles.DefaultStyles {
		names = append(names, name)
	}
	names = append(names, Mono)
	slices.Sort(names)
	return names
}()

// Styles returns the names of glamour's standard styles and Mono, sorted: ascii, dark,
// dracula, light, mono, notty, pink, tokyo-night with glamour v2.0.1.
func Styles() []string { return slices.Clone(styleNames) }

// ValidStyle reports whether name is one of Styles.
func ValidStyle(name string) bool {
	return slices.Contains(styleNames, name)
}

func styleError(name string) error {
	return fmt.Errorf("render: %w %q (available: %s)", ErrUnknownStyle, name, strings.Join(styleNames, ", "))
}

// Render renders markdown md word-wrapped at width columns (at least MinWidth) in the named
// glamour style (see Styles), in one glamour call: about 1.5 MB/s, so keep documents over a few
// hundred KB to the Service. It is safe for concurrent use. An unknown style is an error
// wrapping ErrUnknownStyle, in one line that lists the styles.
func Render(md string, width int, style string) (string, error) {
	p, err := poolFor(width, style)
	if err != nil {
		return "", err
	}
	out, err := p.render(md)
	if err != nil {
		return "", err
	}
	return trimBlank(out), nil
}

// A TermRenderer is not safe for concurrent use. Building one costs about 50 us, 39 KB and 105
// allocations (BenchmarkNewRenderer), 3% of rendering a 2 KB story (1.6 ms); a pooled one costs
// nothing, so there is a sync.Pool per (width, style), next to what the chunked rendering needs
// to know of the style. A renderer whose Render failed or panicked is dropped, not pooled.
type poolKey struct {
	width int
	style string
}

type rendererPool struct {
	width  int
	style  string
	pool   sync.Pool
	prefix string // the document's block prefix ("\n" for most styles)
	suffix string // the document's block suffix
	indent string // the document's margin, written at the start of every line

	leadOnce sync.Once
	lead     string // rendered output of leadMarkdown, minus the document suffix
	leadErr  error
}

var pools sync.Map // poolKey → *rendererPool

func poolFor(width int, style string) (*rendererPool, error) {
	cfg, ok := styleConfigs()[style]
	if !ok {
		return nil, styleError(style)
	}
	width = max(width, MinWidth)
	key := poolKey{width, style}
	if p, ok := pools.Load(key); ok {
		return p.(*rendererPool), nil
	}
	margin, indent := documentMargins(cfg)
	p := &rendererPool{
		width:  width,
		style:  style,
		prefix: cfg.Document.BlockPrefix,
		suffix: cfg.Document.BlockSuffix,
		indent: strings.Repeat(" ", margin+indent),
	}
	actual, _ := pools.LoadOrStore(key, p)
	return actual.(*rendererPool), nil
}

func (p *rendererPool) get() (*glamour.TermRenderer, error) {
	if r, ok := p.pool.Get().(*glamour.TermRenderer); ok {
		return r, nil
	}
	return newRenderer(p.width, p.style)
}

// newRenderer returns a renderer for a standard style, with the code block fixes of styles.go.
func newRenderer(width int, style string) (*glamour.TermRenderer, error) {
	cfg, ok := styleConfigs()[style]
	if !ok {
		return nil, styleError(style)
	}
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(cfg),
		glamour.WithChromaFormatter(chromaFormatter),
		glamour.WithWordWrap(width),
	)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return r, nil
}

// render runs glamour on md with a pooled renderer. A panic inside glamour becomes an error.
func (p *rendererPool) render(md string) (out string, err error) {
	r, err := p.get()
	if err != nil {
		return "", err
	}
	defer func() {
		if v := recover(); v != nil {
			out, err = "", fmt.Errorf("render: glamour panicked: %v", v)
		}
	}()
	out, err = r.Render(md)
	if err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	p.pool.Put(r)
	return out, nil
}

// leadMarkdown is put before every chunk but the first when a document is rendered in chunks, so
// that the chunk's first block is not the document's first block and glamour emits the same
// separator before it as in the whole document. Its rendered line is cut off again.
const leadMarkdown = "x\n\n"

func (p *rendererPool) leadOutput() (string, error) {
	p.leadOnce.Do(func() {
		out, err := p.render(leadMarkdown)
		if err != nil {
			p.leadErr = err
			return
		}
		lead, ok := strings.CutSuffix(out, p.suffix)
		if !ok || !strings.HasPrefix(lead, p.prefix) || strings.Count(lead[len(p.prefix):], "\n") != 1 {
			p.leadErr = fmt.Errorf("render: unexpected glamour output for a one-line document: %q", out)
			return
		}
		p.lead = lead
	})
	return p.lead, p.leadErr
}

// renderChunk renders a chunk of a document cut by Split, for a joiner: first and last tell
// whether it is the document's first or last chunk.
func (p *rendererPool) renderChunk(chunk string, first, last bool) (string, error) {
	if first {
		out, err := p.render(chunk)
		if err != nil || last {
			return out, err
		}
		return strings.TrimSuffix(out, p.suffix), nil
	}
	lead, err := p.leadOutput()
	if err != nil {
		return "", err
	}
	out, err := p.render(leadMarkdown + chunk)
	if err != nil {
		return "", err
	}
	rest, ok := strings.CutPrefix(out, lead)
	if !ok {
		// Not seen with glamour v2.0.1: fall back to dropping the lead's line.
		rest = strings.TrimPrefix(out, p.prefix)
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			rest = rest[i+1:]
		}
	}
	if !last {
		rest = strings.TrimSuffix(rest, p.suffix)
	}
	return rest, nil
}

// joiner puts the rendered chunks of a document together (in order), so that the result is the
// same text as rendering the whole document and passing it to trimBlank.
//
// Each chunk is rendered as its own glamour document. renderChunk cuts off what glamour adds
// around a document (the block prefix and suffix) and makes every chunk but the first start like
// a block that is not the document's first (see leadMarkdown). One difference remains: some
// blocks end with a styled newline (headings and code blocks in the colour styles), which leaves
// an unfinished blank line that, in the whole document, the next block's first line (a blank
// separator line) finishes and pads; see continueLine.
//
// The text is kept without its leading blank lines and with its trailing blank lines (tail) held
// back, as they might be the document's end. A strings.Builder only appends: String() does not
// copy, and strings it returned before stay valid.
type joiner struct {
	indent  string
	out     strings.Builder
	tail    string
	started bool // out holds a line with visible text
}

// add appends the output of renderChunk for the next chunk.
func (j *joiner) add(chunk string) {
	tail := j.tail
	if nl := strings.LastIndexByte(tail, '\n'); j.started && nl < len(tail)-1 {
		chunk = continueLine(tail[nl+1:], chunk, j.indent)
		tail = tail[:nl+1]
	}
	s := tail + chunk
	if !j.started {
		s = s[leadingBlank(s):]
	}
	end := trailingBlank(s)
	j.out.WriteString(compactCells(s[:end]))
	j.tail = s[end:]
	j.started = j.started || end > 0
}

// continueLine returns chunk with its first line joined to partial, the unfinished blank last
// line of the chunk before, as glamour would have written it in one document: the margin is
// already there, and a blank first line (escape sequences, then padding cells: spaces each in
// the same escape sequences) is padded to its width from where partial ends.
func continueLine(partial, chunk, indent string) string {
	end := strings.IndexByte(chunk, '\n')
	if end < 0 {
		end = len(chunk)
	}
	first := chunk[:end]
	rest, ok := strings.CutPrefix(first, indent)
	if !ok {
		return partial + chunk
	}
	if n := strings.Count(rest, " "); n >= 2 && blankLine(rest) {
		last := strings.LastIndexByte(rest, ' ')
		cell := rest[len(rest)-(last-strings.LastIndexByte(rest[:last], ' ')):]
		cells := strings.Repeat(cell, n)
		k := ansi.StringWidth(first) - ansi.StringWidth(partial)
		if k >= 0 && strings.HasSuffix(rest, cells) {
			return partial + rest[:len(rest)-len(cells)] + strings.Repeat(cell, k) + chunk[end:]
		}
	}
	return partial + rest + chunk[end:]
}

// String returns the text so far, without a copy.
func (j *joiner) String() string { return j.out.String() }

// result returns the whole text once all chunks are added, as trimBlank would.
func (j *joiner) result() string {
	s := j.out.String()
	if strings.IndexByte(j.tail, 0x1b) >= 0 {
		return s + ansi.ResetStyle
	}
	if j.out.Cap()-len(s) > len(s)/4 {
		return strings.Clone(s) // do not keep a mostly empty buffer (in the cache)
	}
	return s
}

// blankLine reports whether line shows nothing but spaces (escape sequences aside).
func blankLine(line string) bool {
	if strings.IndexByte(line, 0x1b) >= 0 {
		line = ansi.Strip(line)
	}
	return strings.Trim(line, " \t\r") == ""
}

// leadingBlank returns the length of the leading run of blank lines of s, newlines included.
// It is len(s) when s has no line with visible text.
func leadingBlank(s string) int {
	n := 0
	for n < len(s) {
		i := strings.IndexByte(s[n:], '\n')
		if i < 0 {
			if blankLine(s[n:]) {
				return len(s)
			}
			return n
		}
		if !blankLine(s[n : n+i]) {
			return n
		}
		n += i + 1
	}
	return n
}

// trailingBlank returns where the trailing blank lines of s start: the index of the newline
// that ends the last line with visible text, or 0 when there is no such line.
func trailingBlank(s string) int {
	end := len(s)
	for end > 0 {
		i := strings.LastIndexByte(s[:end], '\n')
		if !blankLine(s[i+1 : end]) {
			return end
		}
		if i < 0 {
			return 0
		}
		end = i
	}
	return 0
}

// trimBlank removes the leading and trailing blank lines of glamour output, and the newline
// ending the last line kept, and compacts the padding (compactCells). If the removed tail held
// escape sequences (a style may be left open by a line and closed on the next), a style reset
// is appended.
func trimBlank(s string) string {
	s = s[leadingBlank(s):]
	end := trailingBlank(s)
	if strings.IndexByte(s[end:], 0x1b) >= 0 {
		return compactCells(s[:end]) + ansi.ResetStyle
	}
	return compactCells(s[:end])
}

// compactCells rewrites runs of identically styled single spaces, which is how glamour pads
// every line to the width ("\x1b[38;5;252m \x1b[m", sixteen bytes a cell in the dark style):
// the first cell stays, and as it ends with a reset, the others become the style, the spaces and
// one reset. The same cells on screen, whatever came before, in a fraction of the bytes. A run
// never spans lines.
func compactCells(s string) string {
	const reset = "\x1b[m"
	var b strings.Builder
	done := 0 // s[:done] is written to b (once b is used)
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], "m "+reset)
		if k < 0 {
			break
		}
		k += i // s[k] is the 'm' that ends the cell's style
		esc := strings.LastIndexByte(s[i:k], 0x1b)
		if esc < 0 || s[i+esc+1] != '[' || !sgrParams(s[i+esc+2:k]) {
			i = k + 1
			continue
		}
		start := i + esc
		cell := s[start : k+2+len(reset)]
		n, end := 1, start+len(cell)
		for strings.HasPrefix(s[end:], cell) {
			n++
			end += len(cell)
		}
		if n < 3 {
			i = end
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[done : start+len(cell)])
		b.WriteString(s[start : k+1])
		b.WriteString(strings.Repeat(" ", n-1))
		b.WriteString(reset)
		done, i = end, end
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// sgrParams reports whether p is the parameters of an SGR sequence: digits and semicolons.
func sgrParams(p string) bool {
	for i := 0; i < len(p); i++ {
		if (p[i] < '0' || p[i] > '9') && p[i] != ';' {
			return false
		}
	}
	return true
}
