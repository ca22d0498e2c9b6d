package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

const (
	seedTitle   = "Putin thanks Trump for CIA’s help in preventing terrorist attacks in St. Petersburg"
	seedID      = "cc7e1c4b5cd4f331"
	welcomeID   = "fc00e37c580b13bd"
	seedBodyBit = "Kazan Cathedral"
)

var seedTags = []string{"Putin", "Trump", "St. Petersburg", "CIA"}

// folder is a small library: two dated markdown stories, two undated plain-text ones, and
// the tag St. Petersburg spelled two ways.
var folder = map[string]string{
	"alpha.txt": "Alpha report from the Neva\n\nThe alpha body mentions moscow once.\n\n" +
		"\u00a0 Putin, St. Petersburg",
	"news/beta.md": "---\ntitle: Beta briefing\ntags: [Putin, CIA]\ndate: 2024-05-01\n" +
		"summary: A short beta summary.\nsource: https://example.com/beta\n---\n\nBeta body text.\n\n- first point\n- second point\n",
	"news/gamma.txt": "Gamma: Moscow notes\n\nGamma body with 1. a list that is not one and <b>tags</b>.\n\n" +
		"Tags: st petersburg, cia",
	"delta.md": "---\ntitle: Delta dispatch\ntags: [Sport]\ndate: 2025-01-02\n---\n\nDelta mentions moscow in the body only.\n",
}

// titles returns the title column of list output, in order.
func titles(t *testing.T, out string) []string {
	t.Helper()
	var ts []string
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "  ")
		if len(f) < 2 {
			t.Fatalf("odd list line %q", line)
		}
		ts = append(ts, strings.TrimSpace(f[1]))
	}
	return ts
}

func TestListEmbedded(t *testing.T) {
	bothWays(t, func(t *testing.T, run func(...string) result) {
		r := run("list", "--no-state")
		checkClean(t, r)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("want exit 0 and no stderr:\n%v", r)
		}
		var seedLine string
		for _, l := range strings.Split(r.stdout, "\n") {
			if strings.Contains(l, seedTitle) {
				seedLine = l
			}
		}
		want := seedID + "  " + seedTitle + "  [" + strings.Join(seedTags, ", ") + "]"
		if seedLine != want {
			t.Errorf("seed line\n got %q\nwant %q", seedLine, want)
		}
		if got := titles(t, r.stdout); !slices.Equal(got, []string{"Welcome to newsread", seedTitle}) {
			t.Errorf("titles %q", got)
		}
		if !strings.Contains(r.stdout, "2026-11-25") {
			t.Errorf("no date for the welcome story:\n%s", r.stdout)
		}
	})
}

func TestRootPipedIsList(t *testing.T) {
	bothWays(t, func(t *testing.T, run func(...string) result) {
		list := run("list", "--no-state")
		root := run("--no-state")
		if root.code != 0 || root.stdout != list.stdout || root.stderr != "" {
			t.Errorf("newsread piped differs from newsread list:\n%v\nlist:\n%v", root, list)
		}
		dir := writeFiles(t, folder)
		list = run("list", "--tag", "putin", "--query", "alpha", dir)
		root = run("--tag", "putin", "--query", "alpha", dir)
		if root.code != 0 || root.stdout != list.stdout || titles(t, root.stdout)[0] != "Alpha report from the Neva" {
			t.Errorf("filtered: newsread piped differs from newsread list:\n%v\nlist:\n%v", root, list)
		}
	})
}

func TestTags(t *testing.T) {
	bothWays(t, func(t *testing.T, run func(...string) result) {
		r := run("tags")
		checkClean(t, r)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("%v", r)
		}
		for _, tag := range seedTags {
			if !strings.Contains(r.stdout, "1  "+tag+"\n") {
				t.Errorf("tags lacks %q:\n%s", tag, r.stdout)
			}
		}

		dir := writeFiles(t, folder)
		r = run("tags", dir)
		want := "2  CIA\n2  Putin\n2  St. Petersburg\n1  Sport\n"
		if r.code != 0 || r.stdout != want {
			t.Errorf("tags of the folder:\n got %q\nwant %q\n%v", r.stdout, want, r)
		}

		r = run("tags", "--json", dir)
		var tags []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &tags); err != nil {
			t.Fatalf("tags --json: %v\n%s", err, r.stdout)
		}
		if len(tags) != 4 || tags[0]["tag"] != "CIA" || tags[0]["count"] != 2.0 || tags[3]["tag"] != "Sport" || len(tags[0]) != 2 {
			t.Errorf("tags --json: %v", tags)
		}
	})
}

func TestListFolderTags(t *testing.T) {
	dir := writeFiles(t, folder)
	bothWays(t, func(t *testing.T, run func(...string) result) {
		for _, c := range []struct {
			args []string
			want []string
		}{
			{nil, []string{"Delta dispatch", "Beta briefing", "Alpha report from the Neva", "Gamma: Moscow notes"}},
			{[]string{"--tag", "st petersburg"}, []string{"Alpha report from the Neva", "Gamma: Moscow notes"}},
			{[]string{"--tag", "ST.PETERSBURG"}, []string{"Alpha report from the Neva", "Gamma: Moscow notes"}},
			{[]string{"--tag", "putin", "--tag", "St. Petersburg"}, []string{"Alpha report from the Neva"}},
			{[]string{"--tag", "cia", "--tag", "PUTIN"}, []string{"Beta briefing"}},
			{[]string{"--tag", "cia", "--tag", "cia"}, []string{"Beta briefing", "Gamma: Moscow notes"}},
			{[]string{"--tag", "cia", "--tag", "sport"}, nil},
			// title matches first, then the display order (dated newest first)
			{[]string{"--query", "moscow"}, []string{"Gamma: Moscow notes", "Delta dispatch", "Alpha report from the Neva"}},
			{[]string{"--query", "moscow -#sport"}, []string{"Gamma: Moscow notes", "Alpha report from the Neva"}},
			{[]string{"--query", "#cia OR #sport"}, []string{"Delta dispatch", "Beta briefing", "Gamma: Moscow notes"}},
			{[]string{"--query", "moscow", "--tag", "putin"}, []string{"Alpha report from the Neva"}},
			{[]string{"--query", `"alpha body"`}, []string{"Alpha report from the Neva"}},
		} {
			r := run(append(append([]string{"list"}, c.args...), dir)...)
			checkClean(t, r)
			if r.code != 0 || r.stderr != "" {
				t.Errorf("list %q: %v", c.args, r)
				continue
			}
			var got []string
			if r.stdout != "" {
				got = titles(t, r.stdout)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("list %q:\n got %q\nwant %q", c.args, got, c.want)
			}
		}
	})
}

// TestListSpellsTagsAsTags: a story's tags print in the spelling "newsread tags" shows, not
// in its file's ("st petersburg, cia" in gamma.txt); list --json keeps the file's (see
// TestListJSON).
func TestListSpellsTagsAsTags(t *testing.T) {
	dir := writeFiles(t, folder)
	bothWays(t, func(t *testing.T, run func(...string) result) {
		r := run("list", "--query", "gamma", dir)
		if r.code != 0 || !strings.Contains(r.stdout, "[St. Petersburg, CIA]") {
			t.Errorf("list: want gamma's tags as [St. Petersburg, CIA]: %v", r)
		}
	})
}

func TestListColumnsAligned(t *testing.T) {
	dir := writeFiles(t, folder)
	r := inProcess(t, nil, "list", dir)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	// The tag column starts at the same place on every line with tags.
	col := -1
	for _, l := range lines {
		i := strings.Index(l, "  [")
		if i < 0 {
			t.Fatalf("no tags on %q", l)
		}
		if w := ansi.StringWidth(l[:i]); col < 0 {
			col = w
		} else if w != col {
			t.Errorf("tags at column %d, not %d:\n%s", w, col, r.stdout)
		}
		if strings.HasSuffix(l, " ") {
			t.Errorf("trailing space on %q", l)
		}
	}
	if !strings.Contains(lines[0], "  Delta dispatch  ") || !strings.Contains(lines[0], "  [Sport]  ") ||
		!strings.HasSuffix(lines[0], "  2025-01-02") {
		t.Errorf("first line %q, want Delta dispatch with [Sport] and its date", lines[0])
	}
}

func TestListWidth(t *testing.T) {
	dir := writeFiles(t, folder)
	bothWays(t, func(t *testing.T, run func(...string) result) {
		r := run("list", "--width", "60", dir)
		if r.code != 0 || !strings.Contains(r.stdout, "…") {
			t.Fatalf("list --width 60 cut nothing:\n%v", r)
		}
		for _, l := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
			if w := ansi.StringWidth(l); w > 60 {
				t.Errorf("line %d wide: %q", w, l)
			}
		}
	})
}

func TestWriteListCuts(t *testing.T) {
	rows := []row{
		{id: "0123456789abcdef", title: strings.Repeat("Very long title ", 20), tags: "[A, B, C, D, E, F, G, H, I, J, K, L, M]", date: "2024-01-02"},
		{id: "fedcba9876543210", title: "東京の会議 — Москва 🌍👩‍💻 Zürich and more words to be cut", tags: "[東京]"},
		{id: "1111111111111111", title: "Short"},
	}
	for _, width := range []int{60, 80, 120} {
		var b strings.Builder
		writeList(&b, rows, width, true)
		for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if w := ansi.StringWidth(l); w > width {
				t.Errorf("width %d: line is %d wide: %q", width, w, l)
			}
		}
		if !strings.Contains(b.String(), "…") {
			t.Errorf("width %d: nothing cut:\n%s", width, b.String())
		}
	}
	var b strings.Builder
	writeList(&b, rows, 0, false)
	if !strings.Contains(b.String(), rows[0].title+"  "+rows[0].tags) {
		t.Errorf("piped output cut a title or its tags:\n%s", b.String())
	}
}

func TestListJSON(t *testing.T) {
	dir := writeFiles(t, folder)
	bothWays(t, func(t *testing.T, run func(...string) result) {
		r := run("list", "--json", "--no-state")
		checkClean(t, r)
		var list []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || r.code != 0 {
			t.Fatalf("list --json: %v\n%v", err, r)
		}
		if len(list) != 2 {
			t.Fatalf("want 2 stories, got %d", len(list))
		}
		seed := list[1]
		want := map[string]any{
			"id": seedID, "title": seedTitle, "date": nil,
			"source": "embedded:putin-thanks-trump-for-cia-help.txt", "read": false, "saved": false,
		}
		for k, v := range want {
			if got, ok := seed[k]; !ok || got != v {
				t.Errorf("seed %s = %#v (present %v), want %#v", k, got, ok, v)
			}
		}
		if tags, _ := seed["tags"].([]any); len(tags) != 4 || tags[2] != "St. Petersburg" {
			t.Errorf("seed tags %#v", seed["tags"])
		}
		if w, _ := seed["words"].(float64); w < 200 {
			t.Errorf("seed words %v", seed["words"])
		}
		for _, k := range []string{"summary", "origin"} {
			if _, ok := seed[k]; ok {
				t.Errorf("seed has %s", k)
			}
		}
		if list[0]["date"] != "2026-11-25" || list[0]["summary"] == nil {
			t.Errorf("welcome story: %v", list[0])
		}

		r = run("list", "--json", "--tag", "cia", dir)
		list = nil
		if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || r.code != 0 {
			t.Fatalf("list --json: %v\n%v", err, r)
		}
		if len(list) != 2 {
			t.Fatalf("want Beta and Gamma: %v", list)
		}
		beta, gamma := list[0], list[1]
		if beta["title"] != "Beta briefing" || beta["date"] != "2024-05-01" || beta["summary"] != "A short beta summary." ||
			beta["origin"] != "https://example.com/beta" || beta["source"] != filepath.Join(dir, "news", "beta.md") {
			t.Errorf("beta: %v", beta)
		}
		if gamma["date"] != nil || gamma["title"] != "Gamma: Moscow notes" {
			t.Errorf("gamma (plain text, no date): %v", gamma)
		}
		if tags, ok := gamma["tags"].([]any); !ok || len(tags) != 2 || tags[0] != "st petersburg" {
			t.Errorf("gamma tags: %#v", gamma["tags"])
		}

		r = run("list", "--json", "--tag", "cia", "--tag", "sport", dir)
		if strings.TrimSpace(r.stdout) != "[]" || r.code != 0 {
			t.Errorf("empty list --json: %v", r)
		}
	})
}

func TestErrors(t *testing.T) {
	dir := writeFiles(t, folder)
	missing := filepath.Join(t.TempDir(), "nowhere")
	bothWays(t, func(t *testing.T, run func(...string) result) {
		for _, c := range []struct {
			args []string
			code int
			line string
		}{
			{[]string{"read", "xyz"}, 1, `newsread: no story with id "xyz"`},
			{[]string{"read", "ffffffff", dir}, 1, `newsread: no story with id "ffffffff"`},
			{[]string{"read"}, 2, `newsread: read needs a story id; "newsread list" shows them (see "newsread read --help")`},
			{[]string{"list", "--tag", "xyz"}, 1, `newsread: unknown tag "xyz"`},
			{[]string{"--tag", "xyz"}, 1, `newsread: unknown tag "xyz"`},
			{[]string{"list", "--tag", "putin", "--tag", "xyz"}, 1, `newsread: unknown tag "xyz"`},
			{[]string{"list", "--tag", "petersburg", dir}, 1, `newsread: unknown tag "petersburg" (did you mean "St. Petersburg"?)`},
			{[]string{"list", "--tag", "putn"}, 1, `newsread: unknown tag "putn" (did you mean "Putin"?)`},
			{[]string{"list", "--bogus"}, 2, `newsread: unknown flag: --bogus (see "newsread list --help")`},
			{[]string{"--bogus"}, 2, `newsread: unknown flag: --bogus (see "newsread --help")`},
			{[]string{"tags", "-x"}, 2, `newsread: unknown shorthand flag: 'x' in -x (see "newsread tags --help")`},
			{[]string{"list", "--width", "abc"}, 2, `newsread: invalid argument "abc" for "--width" flag: invalid syntax (see "newsread list --help")`},
			{[]string{"read", seedID, "--width", "5"}, 2, `newsread: --width must be between 20 and 1000, or 0 for automatic (got 5) (see "newsread read --help")`},
			{[]string{"read", seedID, "--style", "nope"}, 2, `newsread: unknown style "nope" (valid: ascii, dark, dracula, light, mono, notty, pink, tokyo-night) (see "newsread read --help")`},
			{[]string{"list", missing}, 1, "newsread: " + missing + ": no such file or directory"},
			{[]string{missing}, 1, "newsread: " + missing + ": no such file or directory"},
			{[]string{"read", seedID, missing}, 1, "newsread: " + missing + ": no such file or directory"},
			{[]string{"lsit"}, 1, `newsread: lsit: no such file or directory (did you mean "newsread list"?)`},
		} {
			r := run(c.args...)
			checkClean(t, r)
			if r.code != c.code || r.stderr != c.line+"\n" || r.stdout != "" {
				t.Errorf("newsread %q:\n got exit %d, stderr %q, stdout %q\nwant exit %d, stderr %q",
					c.args, r.code, r.stderr, r.stdout, c.code, c.line+"\n")
			}
		}
	})
}

func TestRead(t *testing.T) {
	dir := writeFiles(t, folder)
	bothWays(t, func(t *testing.T, run func(...string) result) {
		r := run("read", seedID, "--no-state")
		checkClean(t, r)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("%v", r)
		}
		if !strings.Contains(r.stdout, seedBodyBit) || !strings.Contains(r.stdout, "Putin thanks Trump") {
			t.Errorf("read lacks the title or body:\n%s", r.stdout)
		}
		for _, l := range strings.Split(r.stdout, "\n") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("line wider than 80 when piped (%d): %q", w, l)
			}
			if strings.HasSuffix(l, " ") {
				t.Errorf("trailing space: %q", l)
			}
		}
		if strings.Contains(r.stdout, seedTags[0]+", "+seedTags[1]) {
			t.Errorf("the tag line is shown as body text")
		}

		// An id prefix, in upper case, and --width.
		narrow := run("read", strings.ToUpper(seedID[:6]), "--width", "40", "--no-state")
		if narrow.code != 0 || !strings.Contains(narrow.stdout, "Kazan") {
			t.Fatalf("%v", narrow)
		}
		for _, l := range strings.Split(narrow.stdout, "\n") {
			if w := ansi.StringWidth(l); w > 40 {
				t.Errorf("line wider than --width 40 (%d): %q", w, l)
			}
		}
		// The title wraps under its own text: "  # Putin thanks…", "    in preventing…".
		title, _, _ := strings.Cut(narrow.stdout, "\n\n")
		lines := strings.Split(title, "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[0], "  # Putin") {
			t.Errorf("the title at --width 40 is not a heading over lines:\n%s", narrow.stdout)
		}
		for _, l := range lines[1:] {
			if !strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "     ") {
				t.Errorf("a title line is not under the first one's text: %q", l)
			}
		}

		// Plain text is shown literally.
		id := storyID(t, run, dir, "Gamma: Moscow notes")
		r = run("read", id, dir, "--no-state", "--width", "200")
		checkClean(t, r)
		for _, s := range []string{"Gamma: Moscow notes", "1. a list that is not one and <b>tags</b>."} {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("read gamma lacks %q:\n%s", s, r.stdout)
			}
		}
		// Markdown is rendered.
		id = storyID(t, run, dir, "Beta briefing")
		r = run("read", id, dir, "--no-state")
		if !strings.Contains(r.stdout, "Beta body text.") || !strings.Contains(r.stdout, "• first point") ||
			strings.Contains(r.stdout, "summary:") {
			t.Errorf("read beta: markdown not rendered:\n%s", r.stdout)
		}

		// Colour only when asked for.
		r = run("read", seedID, "--style", "dark", "--no-state")
		if r.code != 0 || !strings.ContainsRune(r.stdout, 0x1b) {
			t.Errorf("--style dark gave no colour:\n%v", r)
		}
	})
}

// storyID returns the id of the story titled title in dir.
func storyID(t *testing.T, run func(...string) result, dir, title string) string {
	t.Helper()
	r := run("list", "--json", "--no-state", dir)
	var list []struct{ ID, Title string }
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("list --json: %v\n%v", err, r)
	}
	for _, s := range list {
		if s.Title == title {
			return s.ID
		}
	}
	t.Fatalf("no story %q in %s", title, dir)
	return ""
}

func TestReadingState(t *testing.T) {
	dir := writeFiles(t, folder)
	for _, rn := range runners {
		t.Run(rn.name, func(t *testing.T) {
			env := []string{"XDG_STATE_HOME=" + t.TempDir()}
			run := func(args ...string) result { t.Helper(); return rn.run(t, env, args...) }
			id := storyID(t, run, dir, "Beta briefing")
			unread := func() []string {
				t.Helper()
				r := run("list", "--unread", dir)
				if r.code != 0 || r.stderr != "" {
					t.Fatalf("%v", r)
				}
				return titles(t, r.stdout)
			}
			if got := unread(); len(got) != 4 {
				t.Fatalf("all 4 should be unread: %q", got)
			}
			if r := run("read", id, dir, "--no-state"); r.code != 0 {
				t.Fatalf("%v", r)
			}
			if got := unread(); len(got) != 4 {
				t.Errorf("read --no-state marked a story read: %q", got)
			}
			if r := rn.run(t, append(env, "NEWSREAD_NO_STATE=1"), "read", id, dir); r.code != 0 {
				t.Fatalf("%v", r)
			}
			if got := unread(); len(got) != 4 {
				t.Errorf("read with NEWSREAD_NO_STATE marked a story read: %q", got)
			}
			if r := run("read", id, dir); r.code != 0 || r.stderr != "" {
				t.Fatalf("%v", r)
			}
			if got := unread(); slices.Contains(got, "Beta briefing") || len(got) != 3 {
				t.Errorf("after read, unread: %q", got)
			}
			r := run("list", "--json", dir)
			var list []struct {
				Title       string
				Read, Saved bool
			}
			if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
				t.Fatal(err)
			}
			for _, s := range list {
				if s.Read != (s.Title == "Beta briefing") || s.Saved {
					t.Errorf("json marks: %+v", s)
				}
			}
			if r := run("list", "--query", "is:read", dir); !slices.Equal(titles(t, r.stdout), []string{"Beta briefing"}) {
				t.Errorf("is:read: %v", r)
			}
			if r := run("list", "--saved", dir); r.stdout != "" || r.code != 0 {
				t.Errorf("--saved: %v", r)
			}
			if r := run("list", "--json", "--no-state", dir); strings.Contains(r.stdout, `"read": true`) {
				t.Errorf("--no-state still shows marks")
			}
		})
	}
}

func TestStateWarnings(t *testing.T) {
	for _, rn := range runners {
		t.Run(rn.name, func(t *testing.T) {
			home := t.TempDir()
			p := filepath.Join(home, "newsread", "state.db")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(strings.Repeat("not a database\n", 300)), 0o644); err != nil {
				t.Fatal(err)
			}
			r := rn.run(t, []string{"XDG_STATE_HOME=" + home}, "list", "--unread")
			checkClean(t, r)
			lines := r.stderrLines()
			if r.code != 0 || len(lines) != 1 || !strings.HasPrefix(lines[0], "newsread: warning: state: ") {
				t.Errorf("corrupt state file: want one warning line:\n%v", r)
			}
			if len(titles(t, r.stdout)) != 2 {
				t.Errorf("stories not listed:\n%v", r)
			}
		})
	}
}

func TestHelpVersionCompletionMan(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--help"}, "newsread [command] [PATH...]"},
		{[]string{"-h"}, "--no-state"},
		{[]string{"help", "list"}, "--unread"},
		{[]string{"list", "--help"}, "--json"},
		{[]string{"read", "--help"}, "--style"},
		{[]string{"tags", "--help"}, "--json"},
		{[]string{"--version"}, "newsread version "},
		{[]string{"-v"}, "newsread version "},
		{[]string{"list", "--version"}, "newsread version "},
		{[]string{"read", "--version"}, "newsread version "},
		{[]string{"completion", "bash"}, "newsread"},
		{[]string{"completion", "zsh"}, "newsread"},
		{[]string{"completion", "fish"}, "newsread"},
		{[]string{"man"}, ".TH NEWSREAD 1"},
	} {
		for _, env := range [][]string{nil, {"NO_COLOR=1"}} {
			r := asBinary(t, env, c.args...)
			if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, c.want) {
				t.Errorf("newsread %q (env %q): want %q in stdout:\n%v", c.args, env, c.want, r)
			}
			checkClean(t, r)
		}
	}
	r := asBinary(t, nil, "__complete", "list", "--tag", "")
	if !strings.Contains(r.stdout, "St. Petersburg\n") {
		t.Errorf("no tag completion:\n%v", r)
	}
	r = asBinary(t, nil, "__complete", "read", "")
	if !strings.Contains(r.stdout, seedID+"\t"+seedTitle) {
		t.Errorf("no id completion:\n%v", r)
	}
}

func TestVersion(t *testing.T) {
	if v := Version(); v == "" || strings.ContainsAny(v, "\n") {
		t.Errorf("Version() = %q", v)
	}
	old := version
	t.Cleanup(func() { version = old })
	version = "v1.2.3"
	r := inProcess(t, nil, "--version")
	if r.stdout != "newsread version v1.2.3\n" || r.code != 0 {
		t.Errorf("%v", r)
	}
}
