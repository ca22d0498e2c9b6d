package story

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/glamour/v2"
)

func TestSanitize(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"clean":             {"Hello, мир 東京 🙂\nnext", "Hello, мир 東京 🙂\nnext"},
		"osc 0 title bel":   {"a\x1b]0;PWNED\x07b", "ab"},
		"osc 52 st":         {"a\x1b]52;c;cHduZWQ=\x1b\\b", "ab"},
		"csi clear":         {"a\x1b[2J\x1b[Hb", "ab"},
		"sgr colour":        {"\x1b[31;1mRed\x1b[0m", "Red"},
		"c1 csi":            {"a\u009b31mb", "ab"},
		"c1 osc":            {"a\u009d0;x\u009cb", "ab"},
		"c1 nel":            {"a\u0085b", "ab"},
		"bel del nul-free":  {"a\x07\x7fb\x01", "ab"},
		"tab":               {"a\tb", "a b"},
		"cr":                {"a\rb", "ab"},
		"charset escape":    {"a\x1b(Bb", "ab"},
		"two-byte escape":   {"a\x1bcb", "ab"},
		"dcs":               {"a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		"unterminated osc":  {"a\x1b]0;never ends", "a"},
		"trailing esc":      {"a\x1b", "a"},
		"invalid utf8":      {"a\xffb", "a\uFFFDb"},
		"raw c1 byte":       {"a\x9bb", "a\uFFFDb"},
		"nbsp kept":         {"a\u00a0b", "a\u00a0b"},
		"rtl and bidi kept": {"שלום عربي", "שלום عربي"},
		"rlo override":      {"a\u202eevil.txt\u202c b", "aevil.txt b"},
		"every embedding":   {"\u202a1\u202b2\u202c3\u202d4\u202e5", "12345"},
		"every isolate":     {"\u20661\u20672\u20683\u20694", "1234"},
		"marks kept":        {"a\u200eb\u200fc", "a\u200eb\u200fc"},
		"joiners kept":      {"👩\u200d💻 می\u200cخواهم", "👩\u200d💻 می\u200cخواهم"},
		"soft hyphen":       {"news\u00adpaper", "newspaper"},
		"quotes and dashes": {"\u201cit\u2019s\u201d \u2014 \u2026 \u2069", "\u201cit\u2019s\u201d \u2014 \u2026 "},
		"near misses":       {"\u2029\u202f\u2065\u206a\u00ac\u00ae", "\u2029\u202f\u2065\u206a\u00ac\u00ae"},
	}
	for name, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", name, tt.in, got, tt.want)
		}
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"/news/a.txt":               "/news/a.txt",
		"/n/\x1b[31mRED\x1b[0m.txt": `"/n/\x1b[31mRED\x1b[0m.txt"`,
		"/n/\x1b]0;PWNED\a.txt":     `"/n/\x1b]0;PWNED\a.txt"`,
		"bad\xffname":               `"bad\xffname"`,
		"two\nlines":                `"two\nlines"`,
		"東京.txt":                    "東京.txt",
		"gpj.\u202eexe.txt":         `"gpj.\u202eexe.txt"`,
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %s, want %s", in, got, want)
		}
	}
}

// hasControl reports a rune that could act on a terminal, or make it draw text out of order
// or wider than the layout counts (see Sanitize).
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f || r == 0xad ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return true
		}
	}
	return false
}

// TestPlainTextIsLiteral renders plain-text paragraphs that look like markdown or HTML and
// checks that glamour shows every one character for character.
func TestPlainTextIsLiteral(t *testing.T) {
	paras := []string{
		"1. not a list", "# not a heading", "> not a quote", "- not a bullet", "+ plus", "* star",
		"*stars* and _under_ and __strong__", "`code` and ``more``", "|a|b|", "[x](y) and ![i](j)",
		"<script>alert(1)</script>", "&amp; &lt; &#65;", "a\\b \\* c", "---", "===", "~~strike~~",
		"http://example.com/x_y_z", ":smile: :+1:", "1) paren", "    indented code?", "[^1] footnote",
		"www.example.com and mail@example.com", "&amp;amp; ~single~", "Setext\n===", "a=b; c?d / e^f 'q' \"dq\" $5 100%",
	}
	in := "Title\n\n" + strings.Join(paras, "\n\n") + "\n  t"
	s, _, err := Parse("specials.txt", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle("notty"), glamour.WithWordWrap(0))
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Render(s.Markdown())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paras {
		if !strings.Contains(out, strings.ReplaceAll(strings.TrimSpace(p), "\n", " ")) { // a soft break reflows to a space
			t.Errorf("rendered text lacks %q literally:\n%s", p, out)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("story.txt", []byte("Title\n\nBody\n\u00a0 a, b"))
	f.Add("story.md", []byte("---\ntitle: T\ntags: [a]\ndate: 2024-01-01\n---\n# H\nbody"))
	f.Add("x.txt", []byte("\uFEFFT\r\n\x1b]0;x\x07\r\nTags: a"))
	f.Add("x.md", []byte("---\ntitle: [\n---\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		text, _ := normalize(string(data), utf8.Valid(data))
		if fast, slow := paragraphs(text), joinParagraphs(text); fast != slow {
			t.Fatalf("paragraphs fast path %q differs from %q", fast, slow)
		}
		if !isBlank(text) {
			if got, want := parseText(text), parseTextRef(text); !reflect.DeepEqual(got, want) {
				t.Fatalf("parseText(%q) = %+v, want %+v", text, got, want)
			}
		}
		s, _, err := Parse(name, data)
		if err != nil {
			return
		}
		for _, field := range append([]string{s.Title, s.Body, s.Summary, s.Origin}, s.Tags...) {
			if hasControl(field) || !utf8.ValidString(field) {
				t.Fatalf("unsafe field %q", field)
			}
		}
		if s.Title == "" || strings.ContainsAny(s.Title, "\n") || len(s.ID) != 16 {
			t.Fatalf("bad title/id %q %q", s.Title, s.ID)
		}
		for _, tag := range s.Tags {
			if TagKey(tag) == "" || strings.ContainsAny(tag, ",\n") {
				t.Fatalf("bad tag %q", tag)
			}
		}
		if again := Sanitize(s.Body); again != s.Body {
			t.Fatalf("Sanitize not idempotent on body")
		}
	})
}

func FuzzSanitize(f *testing.F) {
	f.Add("a\x1b]0;x\x07b\u009b1m\x1b[2J")
	f.Add("two  spaces")
	f.Add(" leading and trailing  ")
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		if hasControl(out) || !utf8.ValidString(out) {
			t.Fatalf("Sanitize(%q) = %q", s, out)
		}
		if Sanitize(out) != out {
			t.Fatalf("not idempotent: %q", out)
		}
		if plainLine(s) && foldLine(s) != s {
			t.Fatalf("plainLine(%q), but oneLine makes it %q", s, foldLine(s))
		}
		if got, want := oneLine(s), foldLine(s); got != want {
			t.Fatalf("oneLine(%q) = %q, foldLine makes it %q", s, got, want)
		}
	})
}

// Format characters are dropped from every field, but only after the id is taken: a story
// keeps the id (and so the reading state) it had when newsread kept them.
func TestFormatDroppedAfterTheID(t *testing.T) {
	for _, tt := range []struct {
		name, data      string
		idTitle, idBody string // what the id was taken from
		title, body     string
		tags            []string
	}{
		{"a.txt", "Bidi \u202etitle\u202c\n\nnews\u00adpaper body\n\n\u00a0 Tag\u00ad, Two\u2066",
			"Bidi \u202etitle\u202c", "news\u00adpaper body", "Bidi title", "newspaper body", []string{"Tag", "Two"}},
		{"b.md", "---\ntitle: Soft\u00adly\ntags: [x\u202e]\nsummary: s\u00ad\n---\n\nBody \u2067here\u2069.\n",
			"Soft\u00adly", "Body \u2067here\u2069.", "Softly", "Body here.", []string{"x"}},
		{"c\u202ename.md", "Just a body.\n",
			"c\u202ename", "Just a body.", "cname", "Just a body.", nil},
		{"d.txt", "Plain title\n\nPlain body\n\n\u00a0 t", "Plain title", "Plain body", "Plain title", "Plain body", []string{"t"}},
		// a title of format characters only gives way to the file's name, as an empty one does
		{"e\u00ad.txt", "\u00ad\n\nBody\n\n\u00a0 t", "\u00ad", "Body", "e", "Body", []string{"t"}},
		{"\u00ad.txt", "\u202e\n\nBody\n\n\u00a0 t", "\u202e", "Body", "Untitled", "Body", []string{"t"}},
	} {
		s, _, err := Parse(tt.name, []byte(tt.data))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if s.Title != tt.title || s.Body != tt.body || !reflect.DeepEqual(s.Tags, tt.tags) {
			t.Errorf("%s: %q %q %q, want %q %q %q", tt.name, s.Title, s.Body, s.Tags, tt.title, tt.body, tt.tags)
		}
		if want := identity(tt.idTitle, tt.idBody); s.ID != want {
			t.Errorf("%s: id %s, want %s (taken with the format characters)", tt.name, s.ID, want)
		}
		if containsFormat(s.Summary) || containsFormat(s.Origin) {
			t.Errorf("%s: format characters left in %q %q", tt.name, s.Summary, s.Origin)
		}
	}
}
