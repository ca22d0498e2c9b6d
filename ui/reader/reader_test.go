package reader

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/story"
	"newsread/ui/theme"
)

func lines(from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("line %d", from+i)
	}
	return out
}

func press(m Model, k string) Model {
	msg := tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
	m, _ = m.Update(msg)
	return m
}

func TestBottomWhileRenderingMeansTheEnd(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(40, 12)
	m.Open(0, story.Story{Title: "Huge"}, false, 0, nil)
	m.SetLines(lines(0, 100), 40, false)
	m = press(m, "G")
	m.AppendLines(lines(100, 900), false)
	if !strings.Contains(m.View(), "line 999") {
		t.Errorf("G while rendering does not follow the end:\n%s", m.View())
	}
	m.AppendLines(lines(1000, 500), true)
	if !strings.Contains(m.View(), "line 1499") || !strings.Contains(m.View(), "100%") {
		t.Errorf("G before the end did not land on the end:\n%s", m.View())
	}
}

func TestPositionSurvivesAWidthChange(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(40, 12)
	m.Open(0, story.Story{Title: "Story"}, false, 0, nil)
	m.SetLines(lines(0, 210), 40, true)
	for range 10 {
		m = press(m, "f") // pages of 10 lines
	}
	before := m.Position()
	m.SetLines(lines(0, 410), 20, true) // narrower: twice the lines
	if after := m.Position(); after < before-0.01 || after > before+0.01 {
		t.Errorf("position %.2f became %.2f", before, after)
	}
}

func TestResumeWaitsForTheWholeStory(t *testing.T) {
	m := New(theme.New(true, false))
	m.SetSize(40, 12)
	m.Open(0, story.Story{Title: "Story"}, false, 0.5, nil)
	m.SetLines(lines(0, 50), 40, false)
	m.AppendLines(lines(50, 160), true)
	if !strings.Contains(m.View(), "line 100") {
		t.Errorf("resume at 50%% shows:\n%s", m.View())
	}
}

// A searched word is marked on its own cells, with emoji sequences before it on the line,
// whichever way the panes measure: lipgloss places styles by grapheme.
func TestHighlightAfterEmojiSequences(t *testing.T) {
	for _, wm := range []ansi.Method{ansi.WcWidth, ansi.GraphemeWidth} {
		th := theme.New(true, true)
		th.Width = wm
		m := New(th)
		m.Open(0, story.Story{Title: "t"}, false, 0, []string{"news"})
		m.SetSize(60, 5)
		m.SetLines([]string{
			"\U0001F468\u200d\U0001F469\u200d\U0001F467 abcdef news here",
			"\u2764\ufe0f \u6771\u4eac news x",
			"1\ufe0f\u20e3 news A", // a keycap: the digit alone is a cell for lipgloss
		}, 60, true)
		view := m.View()
		for _, line := range []string{
			"\U0001F468\u200d\U0001F469\u200d\U0001F467 abcdef news here",
			"\u2764\ufe0f \u6771\u4eac news x",
		} {
			got := m.highlight(line)
			marked := th.Match.Render("news")
			if !strings.Contains(got, marked) || ansi.Strip(got) != line {
				t.Errorf("%v: highlight(%q) = %q, want %q marked", wm, line, got, "news")
			}
		}
		if wm == ansi.WcWidth && strings.Count(view, th.Match.Render("news")) != 3 {
			t.Errorf("%v: the view does not mark each \"news\" exactly:\n%q", wm, view)
		}
	}
}
