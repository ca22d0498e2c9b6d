package render

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// raceEnabled is set by race_test.go under -race, which makes glamour about ten times slower.
var raceEnabled bool

// testStyles returns the styles that slow tests go through: all of them, or under -short or
// -race two that differ most (256 colours and margin lines; true colour and none).
func testStyles() []string {
	if testing.Short() || raceEnabled {
		return []string{"dark", "pink"}
	}
	return Styles()
}

func TestStyles(t *testing.T) {
	want := []string{"ascii", "dark", "dracula", "light", "mono", "notty", "pink", "tokyo-night"}
	if got := Styles(); !slices.Equal(got, want) {
		t.Fatalf("Styles() = %v, want %v", got, want)
	}
	for _, s := range want {
		if !ValidStyle(s) {
			t.Errorf("ValidStyle(%q) = false", s)
		}
	}
	for _, s := range []string{"", "auto", "Dark", "tokyo_night", "/etc/passwd"} {
		if ValidStyle(s) {
			t.Errorf("ValidStyle(%q) = true", s)
		}
	}
}

func TestUnknownStyle(t *testing.T) {
	_, err := Render("# hi", 80, "solarized")
	if err == nil {
		t.Fatal("no error for an unknown style")
	}
	if !errors.Is(err, ErrUnknownStyle) {
		t.Errorf("error %v is not ErrUnknownStyle", err)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, `"solarized"`) || !strings.Contains(msg, "dark") {
		t.Errorf("error should be one line naming the style and the choices: %q", msg)
	}
	// A file name is not a style: glamour's WithStylePath would read it, WithStandardStyle not.
	if _, err := Render("# hi", 80, "go.mod"); !errors.Is(err, ErrUnknownStyle) {
		t.Errorf("go.mod as a style: %v", err)
	}
}

// TestRenderTrimmed: every style renders styled text (not the bare markdown) with no leading or
// trailing blank line.
func TestRenderTrimmed(t *testing.T) {
	md := genStory(1, 2000, false)
	for _, style := range Styles() {
		out, err := Render(md, 60, style)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(out, "\n")
		if blankLine(lines[0]) || blankLine(lines[len(lines)-1]) {
			t.Errorf("%s: leading or trailing blank line: %q … %q", style, lines[0], lines[len(lines)-1])
		}
		if style == "ascii" || style == "notty" {
			continue // these show **strong** as is
		}
		if !strings.Contains(out, "\x1b[") || strings.Contains(out, "**") {
			t.Errorf("%s: no escape sequences, or ** left: unstyled?", style)
		}
	}
	if out, err := Render("", 80, "dark"); err != nil || out != "" {
		t.Errorf("empty document: %q, %v", out, err)
	}
}

// TestConcurrentRender: 8 goroutines rendering the same documents give what sequential renders
// give (run with -race).
func TestConcurrentRender(t *testing.T) {
	type job struct {
		md    string
		width int
		style string
	}
	var jobs []job
	for i, md := range []string{genStory(1, 2000, false), genStory(2, 3000, true), cjkStory()} {
		for _, width := range []int{50, 80} {
			jobs = append(jobs, job{md, width, Styles()[(i+width)%len(Styles())]})
		}
	}
	want := make([]string, len(jobs))
	for i, j := range jobs {
		out, err := Render(j.md, j.width, j.style)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = out
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(jobs))
	for g := range 8 {
		wg.Go(func() {
			for k := range jobs {
				i := (k + g) % len(jobs)
				out, err := Render(jobs[i].md, jobs[i].width, jobs[i].style)
				if err != nil || out != want[i] {
					errs <- fmt.Errorf("goroutine %d job %d: output differs (err %v)", g, i, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestWrapWidth: no line is wider than the width, CJK (two cells a rune) included.
func TestWrapWidth(t *testing.T) {
	docs := map[string]string{"cjk": cjkStory(), "news": genStory(3, 3000, true)}
	for name, md := range docs {
		for _, width := range []int{20, 33, 41, 80} {
			for _, style := range []string{"dark", "notty", "pink"} {
				out, err := Render(md, width, style)
				if err != nil {
					t.Fatal(err)
				}
				for i, line := range strings.Split(out, "\n") {
					if w := ansi.StringWidth(line); w > width {
						t.Errorf("%s %s width %d: line %d is %d wide: %q", name, style, width, i, w, ansi.Strip(line))
					}
				}
			}
		}
	}
}

// TestNarrowWidth: a width below MinWidth (or 0 before the first window size) renders at MinWidth.
func TestNarrowWidth(t *testing.T) {
	want, err := Render("Hello, world.", MinWidth, "dark")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{-1, 0, 1, MinWidth - 1} {
		got, err := Render("Hello, world.", w, "dark")
		if err != nil || got != want {
			t.Errorf("width %d: %q, %v; want %q", w, got, err, want)
		}
	}
}

// screenCells lists what a terminal shows for s: each printed rune with the SGR parameters set
// since the last reset (an approximation that is stricter than a terminal: it tells apart
// states that look the same).
func screenCells(s string) []string {
	var cells []string
	var state []string
	for i := 0; i < len(s); {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				if p := s[i+2 : j]; p == "" || p == "0" {
					state = state[:0]
				} else {
					state = append(state, p)
				}
				i = j + 1
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		cells = append(cells, string(r)+"|"+strings.Join(state, ";"))
		i += size
	}
	return cells
}

func TestCompactCells(t *testing.T) {
	md := genStory(8, 6000, true)
	for _, style := range Styles() {
		p, _ := poolFor(70, style)
		raw, err := p.render(md)
		if err != nil {
			t.Fatal(err)
		}
		got := compactCells(raw)
		if !slices.Equal(screenCells(got), screenCells(raw)) {
			t.Errorf("%s: compacted text shows other cells", style)
		}
		if style == "dark" && len(got)*2 > len(raw) {
			t.Errorf("dark: compacted %d bytes of %d only", len(got), len(raw))
		}
	}
	cell := "\x1b[38;5;252m \x1b[m"
	for _, s := range []string{
		"\x1b[1m" + strings.Repeat(cell, 5) + "x",
		strings.Repeat(cell, 2) + "\n" + strings.Repeat(cell, 4),
		"a" + strings.Repeat(cell, 3) + strings.Repeat("\x1b[38;5;63m \x1b[m", 3),
		"\x1b[38;5;252m  \x1b[m\x1b[38;5;252m \x1b[m\x1b[38;5;252m \x1b[m\x1b[38;5;252m \x1b[m",
	} {
		if got := compactCells(s); !slices.Equal(screenCells(got), screenCells(s)) {
			t.Errorf("compactCells(%q) = %q shows other cells", s, got)
		}
	}
}

func FuzzCompactCells(f *testing.F) {
	cell := "\x1b[38;5;252m \x1b[m"
	f.Add("\x1b[1m" + strings.Repeat(cell, 5) + "x")
	f.Add("x\x1b[;m \x1b[m\x1b[;m \x1b[m\x1b[;m \x1b[m\x1b[m")
	f.Add(strings.Repeat(cell, 3) + "\x1b[38;5;252m \x1b[")
	f.Fuzz(func(t *testing.T, s string) {
		if got := compactCells(s); !slices.Equal(screenCells(got), screenCells(s)) {
			t.Fatalf("compactCells(%q) = %q shows other cells", s, got)
		}
	})
}

// TestMonoHasNoColour: the mono style writes bold, italic and underlines but no colour, and
// no markdown marker for emphasis; the dark style it comes from keeps its colours.
func TestMonoHasNoColour(t *testing.T) {
	md := "# Heading\n\nSome *emphasis*, **strong** words, `code` and a [link](https://example.com).\n\n> quoted\n\n```go\nfunc main() {}\n```\n"
	out, err := Render(md, 60, Mono)
	if err != nil {
		t.Fatal(err)
	}
	for _, seq := range regexp.MustCompile(`\x1b\[[0-9;]*m`).FindAllString(out, -1) {
		for _, p := range strings.Split(strings.Trim(seq, "\x1b[m"), ";") {
			if n, _ := strconv.Atoi(p); n >= 30 && n <= 49 || n >= 90 && n <= 107 {
				t.Fatalf("mono writes a colour, %q, in:\n%q", seq, out)
			}
		}
	}
	plain := ansi.Strip(out)
	for _, want := range []string{"emphasis", "strong", "quoted", "func main() {}"} {
		if !strings.Contains(plain, want) {
			t.Errorf("mono lost %q:\n%s", want, plain)
		}
	}
	if !strings.Contains(plain, "`code`") {
		t.Errorf("mono does not mark inline code:\n%s", plain)
	}
	if strings.Contains(plain, "*emphasis*") || strings.Contains(plain, "**strong**") {
		t.Errorf("mono shows the emphasis markers:\n%s", plain)
	}
	if !strings.Contains(out, "\x1b[1m") && !strings.Contains(out, ";1m") && !strings.Contains(out, "[1;") {
		t.Errorf("mono has no bold:\n%q", out)
	}
	dark, err := Render(md, 60, "dark")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dark, "38;") {
		t.Errorf("dark lost its colours (uncolour changed the style it copied?):\n%q", dark)
	}
}
