package cli

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// paragraphs splits help text at its blank lines and joins the lines of each paragraph with
// single spaces.
func paragraphs(s string) []string {
	var ps []string
	for _, p := range strings.Split(strings.TrimSpace(s), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}

// manSection returns the body of the section named name (as in ".SH NAME") of a roff page.
func manSection(t *testing.T, page, name string) string {
	t.Helper()
	_, body, ok := strings.Cut(page, "\n.SH "+name+"\n")
	if !ok {
		t.Fatalf("no %s section in the man page:\n%s", name, page)
	}
	body, _, _ = strings.Cut(body, "\n.SH ")
	return body
}

// renderMan formats a roff man page as text the way man does, without hyphenation; the test
// is skipped when groff is missing.
func renderMan(t *testing.T, page string) string {
	t.Helper()
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Skip("no groff to render the man page with")
	}
	cmd := exec.Command(groff, "-Kutf8", "-man", "-Tutf8", "-rHY=0", "-rLL=80n", "-P-cbou")
	cmd.Stdin = strings.NewReader(page)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil || errb.Len() > 0 {
		t.Fatalf("groff: %v\n%s", err, errb.String())
	}
	return out.String()
}

// TestManDescriptionParagraphs checks that each paragraph of the root command's long help is
// one paragraph of the man page, not one paragraph a line as mango writes it.
func TestManDescriptionParagraphs(t *testing.T) {
	root, _ := newRoot()
	want := paragraphs(root.Long)
	lines := 0 // of text
	for _, l := range strings.Split(root.Long, "\n") {
		if strings.TrimSpace(l) != "" {
			lines++
		}
	}
	if len(want) < 2 || lines <= len(want) {
		t.Fatalf("the long help no longer has paragraphs of several lines to check:\n%s", root.Long)
	}
	var escaped []string
	for _, p := range want {
		escaped = append(escaped, roffLine(p))
	}
	bothWays(t, func(t *testing.T, run func(...string) result) {
		r := run("man")
		checkClean(t, r)
		if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, ".TH NEWSREAD 1 ") {
			t.Fatalf("newsread man:\n%v", r)
		}
		if got, want := manSection(t, r.stdout, "DESCRIPTION"), strings.Join(escaped, "\n.PP\n"); got != want {
			t.Errorf("DESCRIPTION in roff:\n%s\nwant:\n%s", got, want)
		}
		// The rest of the page is mango's.
		for _, s := range []string{".SH OPTIONS\n.TP\n\\fB--no-cache\\fP\n", "\\fBread\\fP ID [PATH\\&.\\&.\\&.]\n"} {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("the man page lacks %q", s)
			}
		}

		// As man shows it: the same paragraphs, each filled to the width.
		text := renderMan(t, r.stdout)
		_, desc, _ := strings.Cut(text, "\nDESCRIPTION\n")
		desc, _, _ = strings.Cut(desc, "\nOPTIONS\n")
		got := paragraphs(desc)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("DESCRIPTION as man shows it has paragraphs\n%q\nwant\n%q\n%s", got, want, desc)
		}
	})
}

func TestManText(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"one line", "One line.", `One line\&.`},
		{"lines joined", "A paragraph\nof three\nlines.", `A paragraph of three lines\&.`},
		{"paragraphs", "First one,\nin two lines.\n\nSecond.\n\n\n\nThird\nand last.\n",
			"First one, in two lines\\&.\n.PP\nSecond\\&.\n.PP\nThird and last\\&."},
		{"blank lines around", "\n\nText\nhere.\n\n", `Text here\&.`},
		{"trailing spaces", "Text  \nhere. \t", `Text here\&.`},
		{"indented block", "Examples:\n  newsread ~/news\n  newsread read 3f2a  --width 72\n\nKeys:\n\tj\tdown\n\tk\tup\nand more text\nhere.",
			"Examples:\n.nf\n  newsread ~/news\n  newsread read 3f2a  --width 72\n.fi\n.PP\nKeys:\n.nf\n\tj\tdown\n\tk\tup\n.fi\nand more text here\\&."},
		{"indented block first and last", "  a  b\n  c  d", ".nf\n  a  b\n  c  d\n.fi"},
		{"blank line in an indented block", "  a\n\n  b", ".nf\n  a\n.fi\n.PP\n.nf\n  b\n.fi"},
		{"escapes", ".starts with a dot\n'and a quote\n\n'quote first\nback\\slash", "\\&.starts with a dot 'and a quote\n.PP\n\\&'quote first back\\eslash"},
	} {
		if got := manText(c.in); got != c.want {
			t.Errorf("%s: manText(%q):\n%s\nwant:\n%s", c.name, c.in, got, c.want)
		}
	}

	// As man shows it: prose filled, indented lines as they are.
	in := "Some text\nin two lines.\n\nExamples:\n  newsread ~/news --tag putin --tag cia\n  newsread read 3f2a    # four hex digits at least\n\nKeys:\n  j     down\n  k     up\nEnd."
	page := ".TH T 1\n.SH DESCRIPTION\n" + manText(in) + "\n"
	text := renderMan(t, page)
	for _, want := range []string{
		"\n       Some text in two lines.\n\n       Examples:\n",
		"\n         newsread ~/news --tag putin --tag cia\n         newsread read 3f2a    # four hex digits at least\n\n       Keys:\n",
		"\n         j     down\n         k     up\n       End.\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered text lacks %q:\n%s", want, text)
		}
	}
}
