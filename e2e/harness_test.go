// Package e2e drives the real newsread binary in a real terminal (tmux) and checks what a user
// sees. It needs tmux: without it every test is skipped, unless CI is set, then it fails.
package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// bin is the newsread binary built by TestMain.
var bin string

// tmuxMissing is set when tmux is not installed (and CI is not set): every test skips.
var tmuxMissing bool

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			fmt.Fprintln(os.Stderr, "e2e: tmux is not installed, and CI is set: the end-to-end tests cannot run")
			return 1
		}
		fmt.Fprintln(os.Stderr, "e2e: tmux is not installed: skipping the end-to-end tests (install tmux to run them)")
		tmuxMissing = true
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "newsread-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin = filepath.Join(dir, "newsread")
	build := exec.Command("go", "build", "-o", bin, "newsread")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building newsread:", err)
		return 1
	}
	return m.Run()
}

// deadline is how long waitFor waits for the screen to show what it expects.
const deadline = 10 * time.Second

// pollEvery is how often waitFor looks at the screen.
const pollEvery = 20 * time.Millisecond

var sessions atomic.Int64

// Term is one tmux server running one newsread in one pane.
type Term struct {
	t    testing.TB
	sock string
}

// opts describe how to start newsread.
type opts struct {
	w, h   int
	args   []string // newsread's arguments
	env    []string // VAR=value, put in the command's environment
	state  string   // XDG_STATE_HOME; a new temp dir when empty
	cache  string   // XDG_CACHE_HOME; a new temp dir when empty
	record string   // a file that gets everything newsread writes to the terminal, from its first byte
	held   bool     // newsread starts on tm.keys("Enter"), not at once (as it does with record)
	under  []string // a command newsread runs under, as in `timeout 1 newsread`
}

// shellQuote quotes s for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// start runs newsread in a new tmux server of its own, w×h cells. The pane's shell prints
// EXIT:<status> when newsread ends and then sleeps, so that the last screen stays readable.
func start(t testing.TB, o opts) *Term {
	t.Helper()
	if tmuxMissing {
		t.Skip("tmux is not installed")
	}
	if o.w == 0 {
		o.w, o.h = 120, 40
	}
	if o.state == "" {
		o.state = t.TempDir()
	}
	if o.cache == "" {
		o.cache = t.TempDir()
	}
	sock := fmt.Sprintf("nre2e-%d-%d", os.Getpid(), sessions.Add(1))
	tm := &Term{t: t, sock: sock}
	env := append([]string{"XDG_STATE_HOME=" + o.state, "XDG_CACHE_HOME=" + o.cache}, o.env...)
	var cmd strings.Builder
	if o.record != "" || o.held {
		cmd.WriteString("read -r _; ") // started by a key (once the pane's output is recorded)
	}
	// The caller's colour and state settings must not leak into the tests.
	cmd.WriteString("env -u NO_COLOR -u COLORTERM -u NEWSREAD_NO_STATE -u NEWSREAD_NO_CACHE")
	for _, e := range env {
		cmd.WriteString(" " + shellQuote(e))
	}
	for _, a := range o.under {
		cmd.WriteString(" " + shellQuote(a))
	}
	cmd.WriteString(" " + shellQuote(bin))
	for _, a := range o.args {
		cmd.WriteString(" " + shellQuote(a))
	}
	cmd.WriteString(`; echo "EXIT:$?"; sleep 999`)
	tm.tmux("-f", "/dev/null", "new-session", "-d", "-x", strconv.Itoa(o.w), "-y", strconv.Itoa(o.h), cmd.String())
	socket := strings.TrimSpace(tm.tmux("display", "-p", "#{socket_path}"))
	t.Cleanup(func() {
		exec.Command("tmux", "-L", sock, "kill-server").Run()
		os.Remove(socket) // kill-server may leave the socket file behind
	})
	if o.record != "" {
		tm.tmux("pipe-pane", "-o", "cat > "+shellQuote(o.record))
		tm.keys("Enter")
	}
	return tm
}

// tmux runs a tmux command on this server and returns its output; it fails the test on error.
func (tm *Term) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.sock}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// keys sends key names (Enter, Escape, Tab, BTab, Up, Down, C-c…) or single characters.
func (tm *Term) keys(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		tm.tmux("send-keys", "-t", "0", "--", k)
	}
}

// typeText sends s literally.
func (tm *Term) typeText(s string) {
	tm.t.Helper()
	tm.tmux("send-keys", "-t", "0", "-l", "--", s)
}

// screen is the pane's text, without escapes.
func (tm *Term) screen() string {
	tm.t.Helper()
	return tm.tmux("capture-pane", "-p", "-t", "0")
}

// screenE is the pane's text with its SGR escapes.
func (tm *Term) screenE() string {
	tm.t.Helper()
	return tm.tmux("capture-pane", "-p", "-e", "-t", "0")
}

// history is the pane's scrollback and screen, cut to its first 60 lines (a panic's top).
func (tm *Term) history() string {
	tm.t.Helper()
	l := lines(tm.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "0"))
	if len(l) > 60 {
		l = append(l[:60], "…")
	}
	return strings.Join(l, "\n")
}

// title is the pane title, as set by OSC 0/2.
func (tm *Term) title() string {
	tm.t.Helper()
	return strings.TrimRight(tm.tmux("display", "-p", "-t", "0", "#{pane_title}"), "\n")
}

// resize makes the window w×h cells.
func (tm *Term) resize(w, h int) {
	tm.t.Helper()
	tm.tmux("resize-window", "-t", "0", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h))
}

// size returns the pane's size.
func (tm *Term) size() (int, int) {
	tm.t.Helper()
	f := strings.Fields(tm.tmux("display", "-p", "-t", "0", "#{pane_width} #{pane_height}"))
	w, _ := strconv.Atoi(f[0])
	h, _ := strconv.Atoi(f[1])
	return w, h
}

// alive reports whether newsread is still running (the shell has not printed EXIT:).
func (tm *Term) alive() bool {
	tm.t.Helper()
	return !strings.Contains(tm.screen(), "EXIT:")
}

// waitFor polls the screen until pred holds, and returns that screen; after deadline it fails
// the test, printing what it waited for and the last screen.
func (tm *Term) waitFor(what string, pred func(screen string) bool) string {
	tm.t.Helper()
	return tm.waitForIn(deadline, what, pred)
}

func (tm *Term) waitForIn(d time.Duration, what string, pred func(screen string) bool) string {
	tm.t.Helper()
	end := time.Now().Add(d)
	for {
		s := tm.screen()
		if pred(s) {
			return s
		}
		if strings.Contains(s, "EXIT:") {
			tm.t.Fatalf("newsread ended while waiting for %s; output:\n%s", what, tm.history())
		}
		if time.Now().After(end) {
			tm.t.Fatalf("after %v, still waiting for %s; screen:\n%s", d, what, s)
		}
		time.Sleep(pollEvery)
	}
}

// poll reports whether pred holds for the screen within d, without failing the test.
func (tm *Term) poll(d time.Duration, pred func(screen string) bool) bool {
	tm.t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(pollEvery) {
		if pred(tm.screen()) {
			return true
		}
	}
	return false
}

// waitText waits until every one of texts is on screen.
func (tm *Term) waitText(texts ...string) string {
	tm.t.Helper()
	return tm.waitFor(fmt.Sprintf("%q on screen", texts), func(s string) bool {
		for _, x := range texts {
			if !strings.Contains(s, x) {
				return false
			}
		}
		return true
	})
}

// waitGone waits until text is no longer on screen.
func (tm *Term) waitGone(text string) string {
	tm.t.Helper()
	return tm.waitFor(fmt.Sprintf("%q gone from the screen", text), func(s string) bool {
		return !strings.Contains(s, text)
	})
}

var statusRE = regexp.MustCompile(`(?m)^ (\d+) / (\d+) stories`)

// status returns the status line's shown and total counts (-1 when there is none).
func status(screen string) (int, int) {
	m := statusRE.FindStringSubmatch(screen)
	if m == nil {
		return -1, -1
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	return a, b
}

// waitStatus waits until the status line reads shown / total stories.
func (tm *Term) waitStatus(shown, total int) string {
	tm.t.Helper()
	return tm.waitFor(fmt.Sprintf("status %d / %d stories", shown, total), func(s string) bool {
		a, b := status(s)
		return a == shown && b == total
	})
}

var pctRE = regexp.MustCompile(`(\d+)% · \d+ min read`)

// percent returns the story view's footer percentage, or -1.
func percent(screen string) int {
	m := pctRE.FindAllStringSubmatch(screen, -1)
	if m == nil {
		return -1
	}
	p, _ := strconv.Atoi(m[len(m)-1][1])
	return p
}

// writeStory writes a story in the seed's plain-text format: title, paragraphs, NBSP tag line.
func writeStory(t testing.TB, dir, name, title string, paras []string, tags ...string) {
	t.Helper()
	var b strings.Builder
	b.WriteString(title)
	for _, p := range paras {
		b.WriteString("\n\n" + p)
	}
	b.WriteString("\n\n\u00a0 " + strings.Join(tags, ", "))
	if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The small library: six stories with overlapping tags Alpha, Bravo, Charlie (and CIA, Putin
// for the search tests), and a phrase in one body whose words also appear apart in another.
type fixture struct {
	name, title string
	tags        []string
	body        []string
}

var small = []fixture{
	{"1-zebra.txt", "Zebra crossing opens downtown", []string{"Alpha", "CIA"},
		[]string{"Quiet streets and harbor lights greeted the first walkers on the new zebra crossing."}},
	{"2-yak.txt", "Yak herders celebrate festival", []string{"Alpha", "Bravo"},
		[]string{"Herders gathered in the valley for three days of music and food."}},
	{"3-xylophone.txt", "Xylophone concert draws crowd", []string{"Alpha", "Bravo", "Charlie", "Putin"},
		[]string{"The concert hall was full long before the first note was struck."}},
	{"4-walrus.txt", "Walrus spotted near harbor", []string{"Bravo", "Putin"},
		[]string{"Fishermen saw the animal resting under the quiet harbor lights at dawn."}},
	{"5-violin.txt", "Violin maker retires after decades", []string{"Bravo", "Charlie"},
		[]string{"After forty years at the bench, the violin maker closed the workshop."}},
	{"6-umbrella.txt", "Umbrella sales soar in rainy week", []string{"Charlie"},
		[]string{"Shops ran out of umbrellas by Wednesday as the rain kept falling."}},
}

// smallLibrary writes the small library into a new temp dir.
func smallLibrary(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range small {
		writeStory(t, dir, f.name, f.title, f.body, f.tags...)
	}
	return dir
}

// longParas returns n numbered paragraphs; paragraph i holds the marker word "mark<i>".
func longParas(n int) []string {
	p := make([]string, n)
	for i := range p {
		p[i] = fmt.Sprintf("Paragraph %d begins here with mark%04d and then goes on about the weather, "+
			"the markets, the harbour, the trains that run late and the people who wait for them on "+
			"cold platforms while reading the morning news on their phones.", i, i)
	}
	return p
}

// lines splits a screen into its lines, without the trailing empty one.
func lines(screen string) []string {
	return strings.Split(strings.TrimRight(screen, "\n"), "\n")
}

// listTitles runs newsread list --json with args and returns the titles in order.
func listTitles(t testing.TB, state string, args ...string) []string {
	t.Helper()
	if tmuxMissing {
		t.Skip("tmux is not installed")
	}
	cmd := exec.Command(bin, append([]string{"list", "--json"}, args...)...)
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+state, "NEWSREAD_NO_STATE=", "NEWSREAD_NO_CACHE=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("newsread list --json %v: %v\n%s", args, err, out)
	}
	return jsonTitles(t, out)
}

func jsonTitles(t testing.TB, out []byte) []string {
	t.Helper()
	var list []struct {
		Title string `json:"title"`
	}
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	titles := make([]string, len(list))
	for i, s := range list {
		titles[i] = s.Title
	}
	return titles
}
