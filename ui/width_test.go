package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Rows are exactly as wide as Bubble Tea's renderer counts them: rune by rune (wcwidth) until
// the terminal reports grapheme clustering (mode 2027), by graphemes from then on. Measured
// the other way, an emoji sequence pushed a row's tags, the tag counts and the pane border
// out of line. By runes, joiners and emoji selectors are left out, so that a terminal that
// joins 👨‍👩‍👧 into two cells (tmux 3.3) draws the six the renderer counts.
func TestRowsMeasureAsTheRenderer(t *testing.T) {
	const (
		family = "\U0001F468\u200d\U0001F469\u200d\U0001F467" // 6 cells by runes, 2 as a grapheme
		heart  = "\u2764\ufe0f"                               // 1 cell by runes, 2 as a grapheme
		thumb  = "\U0001F44D\U0001F3FD"                       // 4 cells by runes, 2 as a grapheme
	)
	dir := t.TempDir()
	for name, text := range map[string]string{
		"01.txt": "Family " + family + " reunion headline\n\nBody.\n\u00a0 Family " + family + ", News",
		"02.txt": "Hearts " + heart + " and thumbs " + thumb + " headline\n\nBody.\n\u00a0 Love " + heart + ", News",
		"03.txt": "Plain headline\n\nBody.\n\u00a0 News",
		// tags longer than the tag pane, of keycaps and hearts: a cut that came out too wide
		// once made the tag pane pad by a negative count and panic
		"04.txt": "Keycaps headline\n\nBody.\n\u00a0 " + strings.Repeat("1\ufe0f\u20e3", 20) + ", Love " + strings.Repeat(heart, 30),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const w, h = 100, 12
	for _, tt := range []struct {
		name   string
		report bool
		wm     ansi.Method
	}{{"runes", false, ansi.WcWidth}, {"graphemes", true, ansi.GraphemeWidth}} {
		t.Run(tt.name, func(t *testing.T) {
			s := start(t, dir, w, h)
			if tt.report {
				s.tm.Send(tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeReset})
			}
			s.waitFor("all four stories", func(v string) bool {
				return strings.Contains(v, "4 / 4 stories") && !strings.Contains(v, "loading")
			})
			view := s.finalView()
			fam, hrt := family, heart
			if !tt.report { // drawn without joiners and emoji selectors (layout.Unjoin)
				fam, hrt = strings.ReplaceAll(family, "\u200d", ""), strings.TrimSuffix(heart, "\ufe0f")
			}
			for _, want := range []string{"Family " + fam + " reunion", "Hearts " + hrt + " and thumbs " + thumb, "Family " + fam + ", News", "Love " + hrt + ", News"} {
				if !strings.Contains(view, want) {
					t.Errorf("%q is not on screen:\n%s", want, view)
				}
			}
			border := -1
			for i, l := range strings.Split(view, "\n") {
				lw := tt.wm.StringWidth(l)
				if lw > w {
					t.Errorf("line %d is %d cells wide: %q", i, lw, l)
				}
				j := strings.Index(l, "│")
				if j < 0 {
					continue
				}
				if lw != w {
					t.Errorf("pane line %d is %d cells wide, not %d: %q", i, lw, w, l)
				}
				if col := tt.wm.StringWidth(l[:j]); border < 0 {
					border = col
				} else if col != border {
					t.Errorf("line %d: the border is at cell %d, not %d: %q", i, col, border, l)
				}
			}
			if border < 0 {
				t.Fatalf("no tag pane:\n%s", view)
			}
		})
	}
}
