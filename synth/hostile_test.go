package synth

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// sequenceRE matches the escape sequences the hostile files use: OSC (to BEL or ST) and CSI.
var sequenceRE = regexp.MustCompile("\x1b\\][^\x07\x1b]*(\x07|\x1b\\\\)|\x1b\\[[0-9;?]*[@-~]")

// sanitise is a reference sanitiser for the manifest's expectations: invalid bytes become
// U+FFFD one per byte, escape sequences go whole, then every remaining control but \n goes.
func sanitise(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	var b strings.Builder
	for _, r := range s { // invalid bytes decode to U+FFFD
		b.WriteRune(r)
	}
	s = sequenceRE.ReplaceAllString(b.String(), "")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' || r == '\u00ad' ||
			unicode.Is(unicode.Bidi_Control, r) && r != '\u200e' && r != '\u200f' && r != '\u061c' {
			return -1 // the bidirectional marks stay; embeddings, overrides and isolates go
		}
		return r
	}, s)
}

func isStoryName(name string) bool {
	ext := path.Ext(name)
	return ext == ".txt" || ext == ".md"
}

func TestHostile(t *testing.T) {
	dir := t.TempDir()
	m, err := Hostile(dir)
	if err != nil {
		t.Fatal(err)
	}
	disk := readTree(t, dir)
	var names []string
	for _, f := range m.Files {
		names = append(names, f.Name)
		if _, ok := disk[f.Name]; !ok {
			t.Errorf("%s is in the manifest, not on disk", f.Name)
		}
	}
	for name := range disk {
		if _, ok := m.File(name); !ok {
			t.Errorf("%s is on disk, not in the manifest", name)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("manifest is not in lexical order: %q", names)
	}
	small := 0
	for _, f := range m.Files {
		b := disk[f.Name]
		if f.Name != "huge.txt" {
			small += len(b)
		}
		if f.Why == "" {
			t.Errorf("%s: no Why", f.Name)
		}
		if f.Ignored != !isStoryName(f.Name) || (f.Ignored && f.Load) {
			t.Errorf("%s: Ignored=%v Load=%v", f.Name, f.Ignored, f.Load)
		}
		if f.Load && f.Title == "" && f.Name != "broken-front-matter.md" {
			t.Errorf("%s: Load=%v with title %q", f.Name, f.Load, f.Title)
		}
		for _, s := range f.MustShow {
			if !bytes.Contains([]byte(sanitise(string(b))), []byte(s)) {
				t.Errorf("%s: MustShow %q is not in the file", f.Name, s)
			}
		}
		for _, s := range f.MustNotShow {
			if !bytes.Contains(b, []byte(s)) {
				t.Errorf("%s: MustNotShow %q is not even in the file", f.Name, s)
			}
			if strings.Contains(sanitise(string(b)), s) {
				t.Errorf("%s: MustNotShow %q survives sanitising", f.Name, s)
			}
		}
		switch f.Outcome() {
		case "skip":
			if len(bytes.TrimSpace(bytes.ReplaceAll(b, []byte("\u00a0"), nil))) > 0 && !bytes.Contains(b, []byte{0}) {
				t.Errorf("%s: skipped, but neither blank nor binary", f.Name)
			}
		case "dup":
			if !bytes.Equal(b, disk[f.DuplicateOf]) {
				t.Errorf("%s: not a copy of %s", f.Name, f.DuplicateOf)
			}
			if orig, _ := m.File(f.DuplicateOf); !orig.Load || f.DuplicateOf > f.Name {
				t.Errorf("%s: the original %s must load and come first", f.Name, f.DuplicateOf)
			}
		case "load", "warn":
			if bytes.Contains(b, []byte{0}) {
				t.Errorf("%s: loads, but has NUL bytes", f.Name)
			}
		}
		if !f.Load || f.Title == "" {
			continue
		}
		if strings.HasSuffix(f.Name, ".md") {
			fm, _, err := splitMarkdown(b)
			if err != nil || fm.Title != f.Title || !slices.Equal(fm.Tags, f.Tags) || fm.Date != f.Date {
				t.Errorf("%s: front matter %+v (%v), want %q %q %q", f.Name, fm, err, f.Title, f.Tags, f.Date)
			}
			continue
		}
		// A plain story: normalise line endings and bytes, then split it like the seed.
		clean := strings.ReplaceAll(sanitise(strings.ReplaceAll(string(b), "\r\n", "\n")), "\r", "")
		clean = strings.ReplaceAll(clean, "\x1b", "")
		st := splitPlain(t, f.Name, []byte(clean))
		if st.title != f.Title || !slices.Equal(st.tags, f.Tags) {
			t.Errorf("%s: title %.60q tags %q, want %.60q %q", f.Name, st.title, st.tags, f.Title, f.Tags)
		}
	}
	if small > 64<<10 {
		t.Errorf("hostile files other than huge.txt take %d bytes", small)
	}
	if n := len(disk["huge.txt"]); n < 5_500_000 || n > 7_000_000 {
		t.Errorf("huge.txt is %d bytes", n)
	}
	if n := len([]rune(m.Files[slices.Index(names, "long-title.txt")].Title)); n != 20000 {
		t.Errorf("long title has %d characters", n)
	}
	if _, _, err := splitMarkdown(disk["broken-front-matter.md"]); err == nil {
		t.Error("broken-front-matter.md parses as YAML")
	}
	for _, want := range []struct {
		name    string
		outcome string
	}{
		{"empty.txt", "skip"}, {"blank.txt", "skip"}, {"binary.txt", "skip"}, {"binary.md", "skip"},
		{"invalid-utf8.txt", "load"}, {"crlf-bom.txt", "load"}, {"escape-title.txt", "load"},
		{"huge.txt", "load"}, {"long-title.txt", "load"}, {"unicode.txt", "load"},
		{"markdown-specials.txt", "load"}, {"broken-front-matter.md", "warn"}, {"good.md", "load"},
		{"dup-a.txt", "load"}, {"dup-b.txt", "dup"}, {"not-a-story.png", "ignore"},
		{"nested/deeper/nested-story.txt", "load"},
	} {
		if f, ok := m.File(want.name); !ok || f.Outcome() != want.outcome {
			t.Errorf("%s: outcome %q, want %q", want.name, f.Outcome(), want.outcome)
		}
	}
	if len(m.Loaded())+len(m.Skipped())+1 != len(m.Files) {
		t.Errorf("Loaded %d + Skipped %d + 1 ignored != %d files", len(m.Loaded()), len(m.Skipped()), len(m.Files))
	}
}

// TestEscapeTitleAnsiStrip checks the escape story's title against charmbracelet's ansi.Strip,
// which the UI is likely to use: the expectations must not depend on our own reference.
func TestEscapeTitleAnsiStrip(t *testing.T) {
	files, data := hostileFiles()
	for i, f := range files {
		if f.Name != "escape-title.txt" {
			continue
		}
		title, _, _ := strings.Cut(string(data[i]), "\n")
		if got := ansi.Strip(title); got != f.Title {
			t.Errorf("ansi.Strip(title) = %q, want %q", got, f.Title)
		}
		if tag := ansi.Strip("\x1b[31mRed\x1b[0m"); tag != "Red" {
			t.Errorf("ansi.Strip(tag) = %q", tag)
		}
	}
}
