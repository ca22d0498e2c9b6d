package cli

import (
	"encoding/json"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"newsread/synth"
)

// fakeTerminal makes stdout look like a terminal of the given width for the test.
func fakeTerminal(t *testing.T, width int) {
	t.Helper()
	old := terminal
	t.Cleanup(func() { terminal = old })
	terminal = func(io.Writer) (bool, int) { return true, width }
}

// withInteractive sets Interactive for the test.
func withInteractive(t *testing.T, f func(InteractiveOptions) error) {
	t.Helper()
	old := Interactive
	t.Cleanup(func() { Interactive = old })
	Interactive = f
}

func TestInteractiveOptions(t *testing.T) {
	fakeTerminal(t, 100)
	dir := writeFiles(t, folder)
	var got []InteractiveOptions
	withInteractive(t, func(o InteractiveOptions) error { got = append(got, o); return nil })

	r := inProcess(t, nil, "--tag", "Putin", "--tag", "st petersburg", "--query", "moscow -sport",
		"--style", "dracula", "--width", "70", dir)
	if r.code != 0 || r.stdout != "" || r.stderr != "" || len(got) != 1 {
		t.Fatalf("%v (%d calls)", r, len(got))
	}
	o := got[0]
	if o.Library == nil || o.Library.Describe() != dir || !slices.Equal(o.Tags, []string{"Putin", "st petersburg"}) ||
		o.Query != "moscow -sport" || o.Style != "dracula" || o.Width != 70 || o.NoState ||
		o.StatePath != filepath.Join(stateHome, "newsread", "state.db") {
		t.Errorf("options: %+v", o)
	}

	got = nil
	if r := inProcess(t, nil, "--no-state"); r.code != 0 || len(got) != 1 {
		t.Fatalf("%v", r)
	}
	if o := got[0]; !o.NoState || o.StatePath != "" || o.Style != "" || o.Library.Describe() != "the embedded stories" {
		t.Errorf("--no-state options: %+v", o)
	}
	got = nil
	if r := inProcess(t, []string{"NEWSREAD_NO_STATE=1"}); r.code != 0 || len(got) != 1 || !got[0].NoState || got[0].StatePath != "" {
		t.Errorf("NEWSREAD_NO_STATE: %v %+v", r, got)
	}

	// Bad arguments are caught before the reader starts.
	got = nil
	for _, args := range [][]string{{"--style", "nope"}, {filepath.Join(dir, "missing")}, {"--width", "3"}} {
		if r := inProcess(t, nil, args...); r.code == 0 || len(r.stderrLines()) != 1 {
			t.Errorf("%q: %v", args, r)
		}
	}
	if len(got) != 0 {
		t.Errorf("reader started despite bad arguments: %+v", got)
	}

	// Subcommands never start the reader.
	if r := inProcess(t, nil, "list", "--no-state"); r.code != 0 || len(got) != 0 || !strings.Contains(r.stdout, "Putin thanks Trump") {
		t.Errorf("list on a terminal: %v", r)
	}
}

func TestInteractiveMissing(t *testing.T) {
	fakeTerminal(t, 72)
	withInteractive(t, nil)
	r := inProcess(t, nil, "--no-state")
	checkClean(t, r)
	lines := r.stderrLines()
	if r.code != 0 || len(lines) != 1 || !strings.HasPrefix(lines[0], "newsread: ") {
		t.Fatalf("want the list and one note:\n%v", r)
	}
	// On a terminal, list cuts to its width.
	for _, l := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		if len([]rune(l)) > 72 {
			t.Errorf("line wider than the terminal: %q", l)
		}
	}
	if !strings.Contains(r.stdout, "…") {
		t.Errorf("seed title not cut at 72 columns:\n%s", r.stdout)
	}
}

func TestPanicIsOneLine(t *testing.T) {
	fakeTerminal(t, 80)
	withInteractive(t, func(InteractiveOptions) error { panic("boom\nsecond line") })
	r := inProcess(t, nil, "--no-state")
	if r.code != exitInternal || r.stderr != "newsread: internal error: boom second line\n" {
		t.Errorf("%v", r)
	}
	withInteractive(t, func(InteractiveOptions) error { return io.ErrUnexpectedEOF })
	r = inProcess(t, nil, "--no-state")
	if r.code != 1 || r.stderr != "newsread: unexpected EOF\n" {
		t.Errorf("%v", r)
	}
}

func TestHostile(t *testing.T) {
	dir := t.TempDir()
	m, err := synth.Hostile(dir)
	if err != nil {
		t.Fatal(err)
	}
	bothWays(t, func(t *testing.T, run func(...string) result) {
		for _, args := range [][]string{{"list"}, {"list", "--json"}, {"tags"}, {}} {
			r := run(append(args, "--no-state", dir)...)
			checkClean(t, r)
			if r.code != 0 {
				t.Fatalf("%q: %v", args, r)
			}
			checkHostileWarnings(t, m, r)
			if len(args) == 1 && args[0] == "list" || len(args) == 0 {
				for _, f := range m.Loaded() {
					title := []rune(f.Title)
					title = title[:min(len(title), 200)] // story keeps 1000 runes of a title
					if f.Title != "" && !strings.Contains(r.stdout, string(title)) {
						t.Errorf("%q: %s (%q) not listed", args, f.Name, f.Title)
					}
				}
				if n := strings.Count(r.stdout, "\n"); n != len(m.Loaded()) {
					t.Errorf("%q: %d lines for %d stories", args, n, len(m.Loaded()))
				}
			}
			for _, f := range m.Files {
				for _, bad := range f.MustNotShow {
					if strings.Contains(r.stdout, bad) {
						t.Errorf("%q: %s shows %q", args, f.Name, bad)
					}
				}
			}
		}

		// Every loaded story but the huge one reads cleanly and shows what it must.
		ids := hostileIDs(t, run, dir)
		for _, f := range m.Loaded() {
			if f.Name == "huge.txt" {
				continue
			}
			path := filepath.Join(dir, filepath.FromSlash(f.Name))
			id := ids[path]
			if id == "" {
				t.Errorf("%s not listed", f.Name)
				continue
			}
			r := run("read", id, "--no-state", "--width", "1000", path) // the file alone: quicker
			checkClean(t, r)
			if r.code != 0 {
				t.Errorf("read %s: %v", f.Name, r)
				continue
			}
			for _, s := range f.MustShow {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("read %s: %q not shown:\n%s", f.Name, s, r.stdout)
				}
			}
			for _, s := range f.MustNotShow {
				if strings.Contains(r.stdout, s) {
					t.Errorf("read %s: %q shown", f.Name, s)
				}
			}
		}
	})
}

// checkHostileWarnings checks that each skipped or repaired file of the hostile library has
// exactly one warning line naming it, and that nothing else is on stderr.
func checkHostileWarnings(t *testing.T, m synth.Manifest, r result) {
	t.Helper()
	lines := r.stderrLines()
	for _, l := range lines {
		if !strings.HasPrefix(l, "newsread: warning: "+m.Dir) {
			t.Errorf("stderr line is not a warning about a file: %q", l)
		}
	}
	for _, f := range m.Files {
		prefix := "newsread: warning: " + filepath.Join(m.Dir, filepath.FromSlash(f.Name)) + ": "
		n := 0
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				n++
			}
		}
		want := 0
		if f.Warn || (!f.Load && !f.Ignored) {
			want = 1
		}
		if f.Load && !f.Warn && n == 1 {
			want = 1 // the manifest does not ask for a warning, but a repair may give one
		}
		if n != want {
			t.Errorf("%s (%s): %d warning lines, want %d:\n%s", f.Name, f.Outcome(), n, want, r.stderr)
		}
	}
}

// hostileIDs maps the source of every loaded hostile file to its story id.
func hostileIDs(t *testing.T, run func(...string) result, dir string) map[string]string {
	t.Helper()
	r := run("list", "--json", "--no-state", dir)
	var list []struct{ ID, Source string }
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("%v\n%v", err, r)
	}
	ids := map[string]string{}
	for _, s := range list {
		ids[s.Source] = s.ID
	}
	return ids
}
