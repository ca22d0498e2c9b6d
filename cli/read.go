package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"newsread/index"
	"newsread/render"
)

// readMaxWidth caps the automatic width of read on a terminal; readPipedWidth is the width
// when stdout is not a terminal.
const (
	readMaxWidth   = 100
	readPipedWidth = 80
)

func newReadCmd(g *globals, failed *failure) *cobra.Command {
	var style string
	cmd := &cobra.Command{
		Use:   "read ID [PATH...]",
		Short: "Print one story, rendered for the terminal",
		Long: `Print one story, rendered by glamour: the title as a heading, then the body.
ID is a story id as "newsread list" prints it, or a unique prefix of one (4 characters or
more). Plain-text stories are shown literally; markdown stories are rendered.

The width is the terminal's, at most 100 columns, or 80 when stdout is not a terminal;
--width overrides it. The style is "notty" (plain text) when stdout is not a terminal, "mono"
(bold and italic, no colour) when NO_COLOR is set, else dark or light to suit the terminal;
--style overrides it.

Reading a story marks it read, unless --no-state.`,
		Example: `  newsread read 3f2a9c1e
  newsread read 3f2a ~/news --width 72 | less
  newsread read 3f2a9c1e --style dracula`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: completeIDs,
		RunE: failed.run(func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf(cmd, "read needs a story id; \"newsread list\" shows them")
			}
			return runRead(cmd, g, style, args[0], args[1:])
		}),
	}
	cmd.Flags().StringVar(&style, "style", "", "glamour style: "+strings.Join(render.Styles(), ", ")+" (default: notty when piped, else dark or light)")
	_ = cmd.RegisterFlagCompletionFunc("style", completeStyles)
	return cmd
}

func runRead(cmd *cobra.Command, g *globals, style, id string, paths []string) error {
	if err := g.checkWidth(cmd); err != nil {
		return err
	}
	if err := checkStyle(cmd, style); err != nil {
		return err
	}
	if err := checkIDPrefix(cmd, id); err != nil {
		return err
	}
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	l, err := load(cmd.Context(), cmd, g, paths)
	if err != nil {
		return err
	}
	doc, err := lookup(l.ix, id)
	if err != nil {
		return err
	}
	meta := l.ix.Story(doc)
	s, err := l.lib.Read(meta.Source)
	if err != nil {
		return fmt.Errorf("%s: %w", meta.Source, err)
	}

	tty, termWidth := terminal(stdout)
	width := g.width
	if width == 0 {
		width = readPipedWidth
		if tty && termWidth > 0 {
			width = min(termWidth, readMaxWidth)
		}
	}
	if style == "" {
		style = autoStyle(tty)
	}
	text, err := render.Document(s.Title, s.Reading(), width, style)
	if err != nil {
		return err
	}
	if style == "notty" || style == "ascii" || style == render.Mono {
		if !tty && style != render.Mono {
			// glamour v2.0.1 writes links as OSC 8 hyperlinks even in these styles: a pipe
			// or file gets plain text.
			text = ansi.Strip(text)
		}
		text = trimLines(text) // glamour pads lines to the width: no use without colours
	}
	if _, err := io.WriteString(stdout, text+"\n"); err != nil {
		return err
	}

	st := g.state().openStore(stderr)
	before := len(st.Warnings())
	if err := st.SetRead(meta.ID, true); err != nil {
		warn(stderr, "could not mark the story read: %v", err)
	}
	for _, w := range st.Warnings()[before:] {
		warn(stderr, "%s", w)
	}
	if err := st.Close(); err != nil {
		warn(stderr, "%v", err)
	}
	return nil
}

// checkIDPrefix rejects an id of hex digits too short to be looked up as a prefix, which
// index.Lookup would only report as matching nothing. Story ids are 16 hex digits, so no
// full id is that short; an id with other characters than hex digits matches nothing, and
// lookup says so.
func checkIDPrefix(cmd *cobra.Command, id string) error {
	p := strings.ToLower(strings.TrimSpace(id)) // as index.Lookup reads it
	if p == "" || len(p) >= index.MinIDPrefix || strings.Trim(p, "0123456789abcdef") != "" {
		return nil
	}
	return usageErrorf(cmd, "story id %q is too short: give at least %d of its hex digits", id, index.MinIDPrefix)
}

// lookup finds the story with id, or a unique prefix of one, in any case.
func lookup(ix *index.Index, id string) (uint32, error) {
	switch doc, n := ix.Lookup(id); n {
	case 1:
		return doc, nil
	case 0:
		return 0, fmt.Errorf("no story with id %q", id)
	default:
		return 0, fmt.Errorf("story id %q is ambiguous: %d stories' ids start with it", id, n)
	}
}

// autoStyle is the glamour style when none is asked for: notty (plain text) when stdout is
// not a terminal, mono (bold and italic, no colour) when NO_COLOR is set, else light when
// COLORFGBG says the background is light, and dark otherwise. It asks the terminal nothing: a query (lipgloss.HasDarkBackground) waits
// 4 s for a terminal that never answers.
func autoStyle(tty bool) string {
	if !tty {
		return "notty"
	}
	if os.Getenv("NO_COLOR") != "" {
		return render.Mono
	}
	if lightBackground(os.Getenv("COLORFGBG")) {
		return "light"
	}
	return "dark"
}

// lightBackground reads COLORFGBG ("15;0": foreground 15 on background 0): backgrounds 7
// and 15 are the light greys and white of the 16-colour palette.
func lightBackground(colorfgbg string) bool {
	i := strings.LastIndexByte(colorfgbg, ';')
	bg := colorfgbg[i+1:]
	return bg == "7" || bg == "15"
}

// trimLines drops the trailing spaces of every line of s.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
