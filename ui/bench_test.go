package ui

// Benchmarks of what a key press costs the UI at 100,000 stories, driven through Update and
// View with the messages Bubble Tea would deliver (see PERFORMANCE.md):
//
//	go test ./ui -run XXX -bench . -benchmem -count 5
//
// Commands are run on goroutines, as Bubble Tea runs them, and their messages fed back to
// Update on the benchmark goroutine. The terminal renderer's cell diff is not included.

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"newsread/internal/cputime"
	"newsread/library"
	"newsread/render"
	"newsread/synth"
)

const (
	benchN      = 100_000
	benchWidth  = 120
	benchHeight = 40
)

var (
	benchMu   sync.Mutex
	benchDirs = map[string]string{}
	benchRoot string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot != "" {
		os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}

// benchLibrary returns the folder of a library generated with opt, once per process.
func benchLibrary(b *testing.B, opt synth.Options) string {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	name := fmt.Sprintf("n%d-huge%d", opt.N, opt.Huge)
	if dir, ok := benchDirs[name]; ok {
		return dir
	}
	if benchRoot == "" {
		root, err := os.MkdirTemp("", "newsread-ui-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchRoot = root
	}
	dir := benchRoot + "/" + name
	if _, err := synth.Generate(dir, opt); err != nil {
		b.Fatal(err)
	}
	benchDirs[name] = dir
	return dir
}

func benchKeyMsg(k string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "esc": tea.KeyEscape, "space": tea.KeySpace,
		"down": tea.KeyDown, "backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown,
	}
	if r, ok := special[k]; ok {
		msg := tea.KeyPressMsg{Code: r}
		if r == tea.KeySpace {
			msg.Text = " "
		}
		return msg
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

// runner runs commands on goroutines and hands their messages back in arrival order.
type runner struct {
	msgs  chan tea.Msg
	shown uint64 // seq of the newest search result Update has shown
}

func newRunner() *runner { return &runner{msgs: make(chan tea.Msg, 4096)} }

func (r *runner) launch(cmd tea.Cmd) {
	if cmd != nil {
		go func() { r.msgs <- cmd() }()
	}
}

// until feeds messages to m until done(m); ticks (the cursor blink) and quits are dropped.
func (r *runner) until(m Model, done func(Model) bool) Model {
	for !done(m) {
		msg := <-r.msgs
		switch msg := msg.(type) {
		case nil, tea.QuitMsg:
			continue
		case tea.BatchMsg:
			for _, c := range msg {
				r.launch(c)
			}
			continue
		case sequenceLike:
			continue
		}
		if strings.Contains(strings.ToLower(fmt.Sprintf("%T", msg)), "blink") {
			continue
		}
		m = r.update(m, msg)
	}
	return m
}

// sequenceLike never matches a real message; the model issues tea.Sequence only on quit.
type sequenceLike struct{}

func (r *runner) update(m Model, msg tea.Msg) Model {
	if res, ok := msg.(resultMsg); ok && res.seq == m.seq {
		r.shown = res.seq
	}
	next, cmd := m.Update(msg)
	r.launch(cmd)
	return next.(Model)
}

// loaded returns a model of the library in dir with everything loaded and the last search
// shown, at benchWidth×benchHeight.
func loaded(b *testing.B, dir string) (Model, *runner) {
	return loadedWith(b, Options{NoState: true, Style: "dark"}, dir)
}

// loadedWith is loaded with opts (its Library set to dir).
func loadedWith(b *testing.B, opts Options, dir string) (Model, *runner) {
	b.Helper()
	lib, err := library.Paths([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	opts.Library = lib
	m := New(opts)
	r := newRunner()
	m = r.update(m, tea.WindowSizeMsg{Width: benchWidth, Height: benchHeight})
	r.launch(m.Init())
	m = r.until(m, func(m Model) bool {
		return !m.loading && m.answered != 0 && m.result.Total == len(m.stories) && m.store != nil
	})
	<-m.loadDone // the index compacted and the memory settled: what follows is measured alone
	return m, r
}

// settle feeds messages until the newest search is shown.
func settle(r *runner, m Model) Model {
	return r.until(m, func(m Model) bool { return m.answered != 0 && r.shown == m.seq })
}

var (
	model100kOnce sync.Once
	model100k     Model
	runner100k    *runner
)

func loaded100k(b *testing.B) (Model, *runner) {
	dir := benchLibrary(b, synth.Options{N: benchN, Seed: 1})
	model100kOnce.Do(func() { model100k, runner100k = loaded(b, dir) })
	return model100k, runner100k
}

// BenchmarkLaunchToAllLoaded100k: New, Init, every batch through Update, the last search shown.
func BenchmarkLaunchToAllLoaded100k(b *testing.B) {
	dir := benchLibrary(b, synth.Options{N: benchN, Seed: 1})
	var cpu time.Duration
	for b.Loop() {
		c := cputime.Process()
		m, _ := loaded(b, dir)
		_ = m.View()
		cpu += cputime.Process() - c
		m.cancel()
	}
	// CPU seconds per launch: on an idle 2-core machine the wall time is at least half this.
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// benchWords are typed one after another into the "/" prompt: over 200 prefixes, more than
// the index's 64-entry prefix cache holds, so most prefixes are not cached when typed again.
var benchWords = strings.Fields(`government police president officials minister economy
	security market election investigation agreement statement military energy children
	workers capital region foreign national company former council season record billion
	announced reported expected continued decision program office border crisis talks`)

// BenchmarkFilterKey100k: one letter typed in the "/" prompt: Update with the key, the search
// command it returns, Update with the result, View. The prompt is emptied (untimed) before
// each word of benchWords.
func BenchmarkFilterKey100k(b *testing.B) {
	m, r := loaded100k(b)
	m = r.update(m, benchKeyMsg("/"))
	w, i := 0, 0
	for b.Loop() {
		word := benchWords[w%len(benchWords)]
		if i == len(word) {
			b.StopTimer()
			m.setQuery("")
			w, i = w+1, 0
			word = benchWords[w%len(benchWords)]
			b.StartTimer()
		}
		m = r.update(m, benchKeyMsg(word[i:i+1]))
		m = settle(r, m)
		_ = m.View()
		i++
	}
}

// BenchmarkPhraseKey100k: a phrase typed in the "/" prompt one key at a time, from its
// opening quote to its closing one (`"the government"`), as BenchmarkFilterKey100k times a
// word. The library is loaded with a cache, as by default: phrases are checked against the
// term streams the load gathered (on disk, as on a first start). Each phrase begins on an
// emptied prompt (untimed). "apart60ms" leaves 60 ms between a key's frame and the next key,
// untimed, as a fast typist does (1,000 characters a minute): work begun for a likely next key
// gets that time; "backtoback" leaves none.
func BenchmarkPhraseKey100k(b *testing.B) {
	dir := benchLibrary(b, synth.Options{N: benchN, Seed: 1})
	m, r := loadedWith(b, Options{NoState: true, Style: "dark", CacheDir: b.TempDir()}, dir)
	defer m.cancel()
	m = r.update(m, benchKeyMsg("/"))
	for _, gap := range []time.Duration{60 * time.Millisecond, 0} {
		name := "backtoback"
		if gap > 0 {
			name = fmt.Sprintf("apart%dms", gap.Milliseconds())
		}
		b.Run(name, func(b *testing.B) {
			m.setQuery("")
			m = benchPhraseKeys(b, m, r, gap)
		})
	}
}

func benchPhraseKeys(b *testing.B, m Model, r *runner, gap time.Duration) Model {
	const phrase = `"the government"`
	var took [len(phrase)]time.Duration // by key: the time it took, summed
	var typed [len(phrase)]int
	i := 0
	for b.Loop() {
		if i == len(phrase) {
			b.StopTimer()
			m.setQuery("")
			i = 0
			b.StartTimer()
		}
		if gap > 0 {
			b.StopTimer()
			time.Sleep(gap)
			b.StartTimer()
		}
		k := phrase[i : i+1]
		if k == " " {
			k = "space"
		}
		start := time.Now()
		m = r.update(m, benchKeyMsg(k))
		m = settle(r, m)
		_ = m.View()
		took[i] += time.Since(start)
		typed[i]++
		i++
	}
	// The slowest key, for the budget (16 ms a key), and every key's mean.
	var means []string
	slowest, at := time.Duration(0), 0
	for i := range took {
		if typed[i] == 0 {
			continue
		}
		mean := took[i] / time.Duration(typed[i])
		means = append(means, fmt.Sprintf("%s %.1f", phrase[:i+1], float64(mean)/1e6))
		if mean > slowest {
			slowest, at = mean, i
		}
	}
	b.ReportMetric(float64(slowest)/1e6, "ms-slowest-key")
	b.Logf("slowest: %s; ms by key: %s", phrase[:at+1], strings.Join(means, ", "))
	return m
}

// BenchmarkTagToggle100k: space on a tag in the tag pane, on and off: Update with the key, the
// selection message, the search, Update with its result, View.
func BenchmarkTagToggle100k(b *testing.B) {
	m, r := loaded100k(b)
	m = r.update(m, benchKeyMsg("tab"))
	m = r.update(m, benchKeyMsg("down"))
	m = r.update(m, benchKeyMsg("down")) // the most used tag
	for b.Loop() {
		seq := m.seq
		m = r.update(m, benchKeyMsg("space"))
		m = r.until(m, func(m Model) bool { return m.seq > seq && r.shown == m.seq })
		_ = m.View()
	}
}

// BenchmarkListView100k: View of the list screen with every story listed.
func BenchmarkListView100k(b *testing.B) {
	m, _ := loaded100k(b)
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkListMove100k: j in the list, then View.
func BenchmarkListMove100k(b *testing.B) {
	m, r := loaded100k(b)
	for b.Loop() {
		m = r.update(m, benchKeyMsg("down"))
		_ = m.View()
	}
}

// storyOfSize finds a listed story whose file is about size bytes.
func storyOfSize(b *testing.B, m Model, lo, hi int64) uint32 {
	for _, doc := range m.result.Docs {
		st, err := os.Stat(m.stories[doc].Source)
		if err == nil && st.Size() >= lo && st.Size() <= hi {
			return doc
		}
	}
	b.Fatalf("no story of %d..%d bytes", lo, hi)
	return 0
}

// openStory measures enter on doc until the reader shows lines (all of them when whole), with
// a fresh render service (an empty cache) each time, then goes back untimed.
func openStory(b *testing.B, m Model, r *runner, doc uint32, whole bool) {
	var firstKey time.Duration
	keys := 0
	for b.Loop() {
		b.StopTimer()
		m.service = render.NewService(nil)
		m.list.Select(doc)
		b.StartTimer()
		m = r.update(m, benchKeyMsg("enter"))
		m = r.until(m, func(m Model) bool {
			return m.screen == screenReader && len(m.reader.Lines()) > 1 && (!whole || m.reader.Done())
		})
		_ = m.View()
		b.StopTimer()
		if !whole {
			// A key while the rest renders on other goroutines: Update and View only.
			t := time.Now()
			m = r.update(m, benchKeyMsg("pgdown"))
			_ = m.View()
			firstKey += time.Since(t)
			keys++
		}
		m.service.Cancel(m.renderSeq)
		m = r.update(m, benchKeyMsg("esc"))
		m = r.until(m, func(m Model) bool { return m.screen == screenList && r.shown == m.seq })
		b.StartTimer()
	}
	if keys > 0 {
		b.ReportMetric(float64(firstKey.Microseconds())/float64(keys), "µs/key-while-rendering")
	}
}

// BenchmarkOpenSmallStory: enter on a ~2 KB story → its whole rendered text in the reader.
func BenchmarkOpenSmallStory(b *testing.B) {
	m, r := loaded100k(b)
	doc := storyOfSize(b, m, 1900, 2200)
	openStory(b, m, r, doc, true)
}

// BenchmarkOpenHugeStoryFirstScreen: enter on the 6.5 MB story → the reader shows the first
// chunk while the rest renders.
func BenchmarkOpenHugeStoryFirstScreen(b *testing.B) {
	dir := benchLibrary(b, synth.Options{N: 1000, Seed: 1, Huge: 1})
	m, r := loaded(b, dir)
	doc := storyOfSize(b, m, 5_000_000, 10_000_000)
	openStory(b, m, r, doc, false)
}
