package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"newsread/ui/layout"
)

// layout gives every pane its size for the current window.
func (m *Model) layout() {
	w, h := m.width, m.height
	tagW, listW := m.paneWidths()
	bodyH := max(0, h-m.chromeHeight())
	m.tags.SetSize(tagW, bodyH)
	m.list.SetSize(listW, bodyH)
	m.reader.SetSize(w, max(0, h-1))
	m.prompt.SetWidth(max(1, w-2))
	m.help.SetWidth(w)
	m.refreshHelp()
}

// chromeHeight is the lines below the panes: the prompt while searching, status, key hint.
func (m Model) chromeHeight() int {
	n := 2
	if m.searching {
		n++
	}
	return min(n, max(0, m.height-1))
}

func (m Model) wide() bool { return m.width >= wideWidth }

// paneWidths returns the tag pane's and the list's widths; narrow windows show one of them.
func (m Model) paneWidths() (int, int) {
	if !m.wide() {
		if m.focus == focusTags {
			return m.width, 0
		}
		return 0, m.width
	}
	tagW := max(18, min(32, m.width/4))
	return tagW, m.width - tagW - 1
}

// View draws the screen in front.
func (m Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

func (m Model) content() string {
	if m.width <= 0 || m.height <= 0 || m.repainting {
		return ""
	}
	if m.showHelp {
		return layout.Clip(m.theme.Width, m.helpText.View()+"\n"+m.helpFooter(), m.width, m.height)
	}
	if m.screen == screenReader {
		return layout.Clip(m.theme.Width, m.reader.View()+"\n"+m.hintLine(), m.width, m.height)
	}
	bodyH := max(0, m.height-m.chromeHeight())
	tagW, listW := m.paneWidths()
	var body string
	switch {
	case bodyH == 0:
	case tagW > 0 && listW > 0:
		sep := strings.TrimSuffix(strings.Repeat(m.theme.Border.Render("│")+"\n", bodyH), "\n")
		body = layout.Beside(m.tags.View(m.focus == focusTags), sep, m.listView(listW, bodyH))
	case tagW > 0:
		body = m.tags.View(true)
	default:
		body = m.listView(listW, bodyH)
	}
	var lines []string
	if bodyH > 0 {
		lines = append(lines, body)
	}
	if m.searching {
		lines = append(lines, m.prompt.View())
	}
	lines = append(lines, m.statusLine(), m.hintLine())
	return layout.Clip(m.theme.Width, strings.Join(lines, "\n"), m.width, m.height)
}

// listView is the story list, or a message that explains why it is empty.
func (m Model) listView(w, h int) string {
	var msg []string
	switch {
	case m.list.Len() > 0:
		return m.list.View(m.focus == focusList)
	case m.answered == 0 || m.settling() && m.result.Total == 0:
		msg = []string{"Loading stories…"}
	case m.result.Total == 0:
		msg = []string{
			"No stories in " + m.lib.Describe() + ".",
			"",
			"Add .txt or .md story files there, or start newsread with a folder:",
			"  newsread ~/news",
		}
	default:
		msg = []string{"No story matches " + m.filterText() + ".", "", "Press esc to clear the filter, one step at a time."}
	}
	for i := range msg {
		msg[i] = layout.Fit(m.theme.Width, "  "+msg[i], w)
	}
	return layout.Clip(m.theme.Width, "\n"+strings.Join(msg, "\n"), w, h)
}

// filterText describes the active filter in words.
func (m Model) filterText() string {
	var parts []string
	tags, saved := m.tags.Selection()
	if saved {
		parts = append(parts, "saved")
	}
	for _, k := range tags {
		parts = append(parts, "#"+m.tags.NameOf(k))
	}
	if m.unreadOnly {
		parts = append(parts, "unread")
	}
	if q := strings.TrimSpace(m.prompt.Value()); q != "" {
		parts = append(parts, "“"+q+"”")
	}
	if len(parts) == 0 {
		return "the filter"
	}
	return strings.Join(parts, " + ")
}

// settling reports whether the stories shown are not yet all there are: the load goes on, or
// the search for its last batch has not answered (a phrase can take a moment), so the count
// is a batch old and must not look final.
func (m Model) settling() bool {
	return m.loading || m.result.Total < len(m.stories)
}

func (m Model) statusLine() string {
	shown, total := m.list.Len(), m.result.Total
	left := fmt.Sprintf(" %d / %d stories", shown, total)
	switch {
	case m.settling() && total == 0 && m.cached > 0:
		left = fmt.Sprintf(" loading %d files from the cache…", m.cached)
	case m.settling():
		// The search behind total may have seen batches whose found count is not here yet.
		left = fmt.Sprintf(" %d / %d stories, loading %d found…", shown, total, max(m.found, total))
	}
	if f := m.filterText(); f != "the filter" {
		left += " · " + f
	}
	if m.answered != m.seq && m.hasPhrase() {
		left += " · searching…" // phrases are checked against the text: that can take a moment
	}
	var right []string
	if len(m.query.Problems) > 0 { // also when the query came from --query, or the prompt was closed on it
		right = append(right, m.query.Problems[0])
	}
	if p := m.fileNote; p != "" {
		right = append(right, p+" (?)")
	}
	if len(m.problems) > 0 {
		right = append(right, "state: see ?")
	}
	// The notes keep the status line's right end, cut to leave the count 10 cells on a narrow
	// screen (the query's hint first: it is what the one typing needs).
	r := strings.Join(right, " · ")
	if room := m.width - 10 - 2; r != "" && m.theme.Width.StringWidth(r) > room {
		r = ""
		if room >= 8 {
			r = layout.Truncate(m.theme.Width, strings.Join(right, " · "), room, "…")
		}
	}
	if r != "" {
		r = " " + m.theme.Warn.Render(r) + " "
	}
	lw := m.width - m.theme.Width.StringWidth(r)
	return m.theme.Status.Render(layout.Fit(m.theme.Width, left, lw)) + r
}

// count says n things: "1 skipped file", "2 skipped files".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// fileProblems says how many files were skipped and how many repaired: "2 skipped files, 1
// repaired", "1 repaired file"; "" when none. A file is counted once, however many warnings
// it has.
func (m Model) fileProblems() string {
	skipped, repaired := map[string]bool{}, map[string]bool{}
	for _, w := range m.warnings {
		if strings.HasPrefix(w.Reason, "skipped") {
			skipped[w.Path] = true
		} else {
			repaired[w.Path] = true
		}
	}
	for p := range skipped {
		delete(repaired, p) // repaired first, then skipped for another reason
	}
	switch s, r := len(skipped), len(repaired); {
	case s > 0 && r > 0:
		return fmt.Sprintf("%s, %d repaired", count(s, "skipped file"), r)
	case s > 0:
		return count(s, "skipped file")
	case r > 0:
		return count(r, "repaired file")
	}
	return ""
}

func (m Model) hintLine() string {
	return layout.Fit(m.theme.Width, " "+m.help.ShortHelpView(m.helpKeys().ShortHelp()), m.width)
}

// helpContent lists every key of the screen in front, then the problems met: the reading
// state's and every skipped file.
func (m Model) helpContent() string {
	var b strings.Builder
	b.WriteString(m.theme.Title.Render(" Keys") + "\n\n")
	b.WriteString(m.fullHelp())
	if len(m.problems) > 0 {
		b.WriteString("\n\n" + m.theme.Title.Render(" Reading state") + "\n")
		for _, p := range m.problems {
			b.WriteString(" " + p + "\n")
		}
	}
	if len(m.warnings) > 0 {
		b.WriteString("\n\n" + m.theme.Title.Render(" "+m.fileNote) + "\n")
		for _, w := range m.warnings {
			b.WriteString(" " + w.String() + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// fullHelp lays the groups of keys side by side when they fit the screen's width, else one
// under another, so that a narrow screen scrolls through every key instead of losing columns.
func (m Model) fullHelp() string {
	groups := m.helpKeys().FullHelp()
	whole := m.help
	whole.SetWidth(0) // nothing cut
	if side := whole.FullHelpView(groups); lipgloss.Width(side) <= m.width {
		return side
	}
	cols := make([]string, 0, len(groups))
	for _, g := range groups {
		if col := m.help.FullHelpView([][]key.Binding{g}); col != "" {
			cols = append(cols, col)
		}
	}
	return strings.Join(cols, "\n\n")
}

// helpScrolls reports whether the help is taller than its room, so that keys scroll it.
func (m Model) helpScrolls() bool {
	return m.helpText.TotalLineCount() > m.helpText.Height()
}

func (m Model) helpFooter() string {
	text := " any key closes this help"
	if m.helpScrolls() {
		text = fmt.Sprintf(" %d%% ↑↓ pgup pgdn g G scroll, other keys close", int(m.helpText.ScrollPercent()*100))
	}
	return m.theme.Dim.Render(layout.Fit(m.theme.Width, text, m.width)) // cut with … on a narrow screen
}

// refreshHelp lays the help out again for the screen's size and what it lists now, keeping
// its scroll position.
func (m *Model) refreshHelp() {
	if !m.showHelp {
		return
	}
	m.helpText.SetWidth(m.width)
	m.helpText.SetHeight(max(1, m.height-1))
	m.helpText.SetContent(m.helpContent())
}
