package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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
	for i, line := range lines {
		if w := ansi.StringWidth(line); w > width {
			t.Errorf("%s/%d %q: line %d is %d wide: %q", style, width, title, i, w, line)
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
