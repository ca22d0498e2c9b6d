package render

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"newsread/story"
)

// TestDocumentTitle checks the title Document lays out in every style: within the width,
// every word in order, every line after the first indented under the first one's text (no
// prefix alone on a line), then a blank line and the body as Render renders it.
func TestDocumentTitle(t *testing.T) {
	titles := []string{
		"Putin thanks Trump for CIA’s help in preventing terrorist attacks in St. Petersburg",
		"東京の市場で新しい技術が発表された日本経済の今後の見通しについて専門家が語る",
		"Short",
		"Supercalifragilisticexpialidocious-and-then-some-more-words-without-a-break here",
		"Zürich — Петербург: 北京 and 🎉 mixed",
	}
	const body = "The body, *emphasised*.\n\nA second paragraph."
	for _, style := range testStyles() {
		for _, width := range []int{MinWidth, 40, 72} {
			want, err := Render(body, width, style)
			if err != nil {
				t.Fatal(err)
			}
			for _, title := range titles {
				doc, err := Document(title, body, width, style)
				if err != nil {
					t.Fatal(err)
				}
				head, rest, ok := strings.Cut(doc, "\n\n")
				if !ok || rest != want {
					t.Errorf("%s/%d %q: the body is not Render's after one blank line:\n%s", style, width, title, doc)
					continue
				}
				checkHeading(t, style, width, title, head)
			}
		}
	}
}

func checkHeading(t *testing.T, style string, width int, title, head string) {
	t.Helper()
	cfg := styleConfigs()[style]
	prefix := strings.TrimRight(headingPrefix(cfg), " ")
	lines := strings.Split(ansi.Strip(head), "\n")
	textAt := -1 // the column where the first line's text starts
	var words []string
	var margin int // glamour keeps the document's margin on the right too
	if m := cfg.Document.Margin; m != nil {
		margin = int(*m)
	}
	for i, line := range lines {
		if w := ansi.StringWidth(line); w > width-margin {
			t.Errorf("%s/%d %q: line %d is %d wide, past the right margin: %q", style, width, title, i, w, line)
		}
		text := strings.TrimLeft(line, " ")
		if i == 0 {
			text = strings.TrimLeft(strings.TrimPrefix(text, prefix), " ")
			textAt = len(line) - len(text)
		} else if at := len(line) - len(text); at != textAt {
			t.Errorf("%s/%d %q: line %d starts at column %d, the first line's text at %d:\n%s", style, width, title, i, at, textAt, ansi.Strip(head))
		}
		if strings.TrimSpace(text) == "" {
			t.Errorf("%s/%d %q: line %d holds no word of the title: %q", style, width, title, i, line)
		}
		words = append(words, strings.Fields(text)...)
	}
	// A word longer than the line is cut, so compare the text without spaces.
	if got, want := strings.Join(words, ""), strings.Join(strings.Fields(title), ""); got != want {
		t.Errorf("%s/%d: the title's words are %q, want %q", style, width, got, want)
	}
}

func TestDocumentWithoutBody(t *testing.T) {
	doc, err := Document("Only a title", "", 40, "notty")
	if err != nil {
		t.Fatal(err)
	}
	if got := ansi.Strip(doc); got != "  # Only a title" {
		t.Errorf("Document = %q, want the heading alone", got)
	}
	if _, err := Document("x", "y", 40, "nope"); err == nil {
		t.Error("an unknown style is not an error")
	}
}

// TestDocumentTitleLooksLikeGlamours compares a title that fits on one line with the heading
// glamour renders for it: the same text at the same column, drawn with the same colours and
// attributes (the order of an escape sequence's parameters aside).
func TestDocumentTitleLooksLikeGlamours(t *testing.T) {
	const title = "Putin thanks Trump"
	for _, style := range Styles() {
		doc, err := Document(title, "", 72, style)
		if err != nil {
			t.Fatal(err)
		}
		glam, err := Render("# "+story.EscapeMarkdown(title), 72, style)
		if err != nil {
			t.Fatal(err)
		}
		glam, _, _ = strings.Cut(glam, "\n")
		if got, want := strings.TrimRight(ansi.Strip(doc), " "), strings.TrimRight(ansi.Strip(glam), " "); got != want {
			t.Errorf("%s: title %q, glamour's heading %q", style, got, want)
		}
		if got, want := sgrBefore(doc, "Putin"), sgrBefore(glam, "Putin"); !slices.Equal(got, want) {
			t.Errorf("%s: the title is drawn with %v, glamour's heading with %v", style, got, want)
		}
	}
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// sgrBefore returns the parameters of the SGR sequences in s before word, sorted, without
// repeats and resets: the look word is drawn with (for the sequences the styles use).
func sgrBefore(s, word string) []string {
	head, _, _ := strings.Cut(s, word)
	var params []string
	for _, m := range sgr.FindAllStringSubmatch(head, -1) {
		if m[1] == "" || m[1] == "0" {
			params = params[:0]
			continue
		}
		ps := strings.Split(m[1], ";")
		for i := 0; i < len(ps); i++ {
			p := ps[i]
			if (p == "38" || p == "48") && i+1 < len(ps) { // a colour: 38;5;N or 38;2;R;G;B
				n := 3
				if ps[i+1] == "2" {
					n = 5
				}
				p = strings.Join(ps[i:min(i+n, len(ps))], ";")
				i += n - 1
			}
			params = append(params, p)
		}
	}
	slices.Sort(params)
	return slices.Compact(params)
}
