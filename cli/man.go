package cli

import (
	"io"
	"strings"

	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

// newManCmd is the hidden "newsread man", which prints the man page. It replaces fang's own
// (fang.WithoutManpage) and is built the same way, from the command tree by mango, with one
// difference: mango writes every line of the root command's Long text as a paragraph of its
// own, so the description is rendered here instead, by manText.
func newManCmd(failed *failure) *cobra.Command {
	return &cobra.Command{
		Use:                   "man",
		Short:                 "Generates manpages",
		SilenceUsage:          true,
		DisableFlagsInUseLine: true,
		Hidden:                true,
		Args:                  cobra.NoArgs,
		RunE: failed.run(func(cmd *cobra.Command, _ []string) error {
			page, err := manPage(cmd.Root())
			if err != nil {
				return err
			}
			_, err = io.WriteString(cmd.OutOrStdout(), page)
			return err
		}),
	}
}

// manDescriptionMark stands for the description in the page mango builds, to be replaced by
// manText's rendering of it. mango's escaping leaves it as it is (no '.' or '\').
const manDescriptionMark = "NEWSREAD-MAN-PAGE-DESCRIPTION"

// manPage returns the section 1 man page of the command tree under root, in roff.
func manPage(root *cobra.Command) (string, error) {
	page, err := mcobra.NewManPage(1, root)
	if err != nil {
		return "", err
	}
	page.WithLongDescription(manDescriptionMark)
	s := page.Build(roff.NewDocument())
	return strings.Replace(s, manDescriptionMark, manText(root.Long), 1), nil
}

// manText renders help text for a man page, as roff lines without a final line break:
//   - the lines of a paragraph are joined into one, for the man reader to fill to its width;
//   - a blank line (or several) between paragraphs is a paragraph break (.PP);
//   - indented lines (examples, tables of keys) are kept as they are, unfilled (.nf … .fi).
func manText(s string) string {
	var out, para []string
	nofill, brk := false, false
	flush := func() {
		if len(para) > 0 {
			out = append(out, roffLine(strings.Join(para, " ")))
			para = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, " \t\r")
		if line == "" {
			flush()
			if nofill {
				out = append(out, ".fi")
				nofill = false
			}
			brk = len(out) > 0
			continue
		}
		if brk {
			out = append(out, ".PP")
			brk = false
		}
		if line[0] == ' ' || line[0] == '\t' {
			flush()
			if !nofill {
				out = append(out, ".nf")
				nofill = true
			}
			out = append(out, roffLine(line))
			continue
		}
		if nofill {
			out = append(out, ".fi")
			nofill = false
		}
		para = append(para, line)
	}
	flush()
	if nofill {
		out = append(out, ".fi")
	}
	return strings.Join(out, "\n")
}

// roffLine escapes one line of text for roff the way mango escapes its own text (a backslash
// is \e and every '.' is \&.), and also guards a leading ', which would make it a request.
func roffLine(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, ".", `\&.`)
	if strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
