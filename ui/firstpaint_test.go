package ui

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"newsread/library"
	"newsread/state"
)

func embedded(o *Options) { o.Library = library.Embedded() }

// The early frame is the frame Bubble Tea draws first when the program starts the usual way:
// the embedded stories loaded, searched and laid out, escape sequences and all.
func TestFirstFrameIsTheFrameBubbleTeaDrawsFirst(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{120, 40}, {80, 24}, {30, 8}} {
		t.Run(sizeName(sz.w, sz.h), func(t *testing.T) {
			early := New(Options{Library: library.Embedded(), NoState: true}).firstFrame(sz.w, sz.h, colorprofile.TrueColor)
			want := early.View().Content
			if !strings.Contains(ansi.Strip(want), "2 / 2 stories") {
				t.Fatalf("the early frame does not show the embedded stories:\n%s", ansi.Strip(want))
			}
			s := start(t, t.TempDir(), sz.w, sz.h, embedded)
			s.waitText("2 / 2 stories")
			if got := s.rawView(); got != want {
				t.Errorf("Bubble Tea's first frame with the stories differs from the early one:\n%s\nearly:\n%s", ansi.Strip(got), ansi.Strip(want))
			}
		})
	}
}

// waitLongForStores makes the early frame wait for the reading state however slow the
// machine: what is tested is what the frame shows once the state is in.
func waitLongForStores(t *testing.T) {
	was := storeWait
	storeWait = time.Minute
	t.Cleanup(func() { storeWait = was })
}

// stateWithWelcomeRead returns a state file in which the embedded welcome story is read.
func stateWithWelcomeRead(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "state.db")
	stories, _ := library.Embedded().LoadAll(context.Background())
	st, err := state.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var welcome string
	for _, s := range stories {
		if strings.HasPrefix(s.Title, "Welcome") {
			welcome = s.ID
		}
	}
	if err := st.SetRead(welcome, true); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return path
}

// With reading state on, the early frame shows what is read, as every later frame does.
func TestFirstFrameShowsReadingState(t *testing.T) {
	waitLongForStores(t)
	path := stateWithWelcomeRead(t)
	withState := func(o *Options) { o.Library, o.NoState, o.StatePath = library.Embedded(), false, path }
	for _, q := range []string{"", "is:unread"} {
		t.Run("query "+q, func(t *testing.T) {
			o := Options{Query: q}
			withState(&o)
			early := New(o).firstFrame(120, 40, colorprofile.TrueColor)
			defer early.store.Close()
			want := early.View().Content
			if q == "" && !strings.Contains(ansi.Strip(want), "1/2") {
				t.Errorf("the early frame does not count the read story (1/2 unread in All):\n%s", ansi.Strip(want))
			}
			if q != "" && strings.Contains(ansi.Strip(want), "Welcome") {
				t.Errorf("the early frame lists the read story among the unread:\n%s", ansi.Strip(want))
			}
			s := start(t, t.TempDir(), 120, 40, withState, func(o *Options) { o.Query = q })
			s.waitFor("Bubble Tea's frame with the reading state to be the early one", func(string) bool { return s.rawView() == want })
		})
	}
}

// A reading state that does not open in time for the early frame comes when it opens: the
// program takes the one being opened rather than opening another.
func TestStoreOpenedAfterTheEarlyFrame(t *testing.T) {
	path := stateWithWelcomeRead(t)
	m := New(Options{Library: library.Embedded(), StatePath: filepath.Join(t.TempDir(), "empty.db")}) // a store opened by the program itself would have nothing read
	opening := make(chan storeMsg, 1)
	m.opening = opening // a store that has not opened yet
	early := m.firstFrame(120, 40, colorprofile.TrueColor)
	if early.store != nil || early.opening == nil {
		t.Fatal("the early frame took a store that had not opened")
	}
	if v := ansi.Strip(early.View().Content); !strings.Contains(v, "2 / 2 stories") || strings.Contains(v, "1/2") {
		t.Errorf("the early frame without the state is not the stories all unread:\n%s", v)
	}
	s := startFrom(t, early, 120, 40)
	opening <- New(Options{Library: library.Embedded(), StatePath: path}).openStore()().(storeMsg)
	s.waitText("1/2")
	if err := s.tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := s.tm.FinalModel(t).(probe).Model
	if final.store == nil {
		t.Fatal("the store opened after the early frame never reached the program")
	}
	final.store.Close()
}

// A model whose stories were loaded before the program started loads them no second time.
func TestLoadedModelStartsNoSecondLoad(t *testing.T) {
	early := New(Options{Library: library.Embedded(), NoState: true}).firstFrame(120, 40, colorprofile.TrueColor)
	if !early.loaded || early.ix.Len() != 2 {
		t.Fatalf("firstFrame left the embedded stories unloaded: loaded %v, %d in the index", early.loaded, early.ix.Len())
	}
	s := startFrom(t, early, 120, 40)
	s.keys("j") // a key after Init's commands have run
	s.waitText("2 / 2 stories")
	if err := s.tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := s.tm.FinalModel(t).(probe).Model
	if n := final.ix.Len(); n != 2 {
		t.Errorf("%d stories in the index after the program ran, want 2", n)
	}
	if len(final.warnings) > 0 {
		t.Errorf("warnings after the program ran (a second load finds every id again): %v", final.warnings)
	}
}

// Init of a model loaded, its state open, before the program started asks the terminal for
// its background and its size (a resize before Bubble Tea watches for them would be lost),
// and starts nothing else.
func TestInitOfALoadedModel(t *testing.T) {
	waitLongForStores(t)
	early := New(Options{Library: library.Embedded(), NoState: true}).firstFrame(120, 40, colorprofile.TrueColor)
	batch, ok := early.Init()().(tea.BatchMsg)
	if !ok {
		t.Fatalf("Init returns %T, want a batch", early.Init()())
	}
	var got []string
	for _, cmd := range batch {
		got = append(got, fmt.Sprintf("%T", cmd()))
	}
	want := []string{fmt.Sprintf("%T", tea.RequestBackgroundColor()), fmt.Sprintf("%T", tea.RequestWindowSize())}
	if !slices.Equal(got, want) {
		t.Errorf("Init's commands give %v, want %v", got, want)
	}
}

// Folders are not loaded before the program starts: their first frame says they are loading.
func TestFirstFrameLeavesFoldersToLoad(t *testing.T) {
	lib, err := library.Paths([]string{testLibrary(t)})
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Library: lib, NoState: true}).firstFrame(120, 40, colorprofile.TrueColor)
	if m.loaded || m.ix.Len() != 0 {
		t.Fatalf("a folder was loaded before the program: loaded %v, %d in the index", m.loaded, m.ix.Len())
	}
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "Loading stories…") {
		t.Errorf("the early frame of a folder does not say it is loading:\n%s", v)
	}
	s := startFrom(t, m, 120, 40)
	s.waitLoaded() // Init loads the folder
}

// A load waits for Bubble Tea's first frame only when no frame was drawn before it started.
func TestLoadHead(t *testing.T) {
	lib, err := library.Paths([]string{testLibrary(t)})
	if err != nil {
		t.Fatal(err)
	}
	folder := New(Options{Library: lib, NoState: true})
	painted := folder
	painted.painted = true
	for _, tc := range []struct {
		name string
		m    Model
		want time.Duration
	}{
		{"folder", folder, firstFrameHead},
		{"folder, painted early", painted, 0},
		{"embedded", New(Options{Library: library.Embedded(), NoState: true}), 0},
	} {
		if got := tc.m.loadHead(); got != tc.want {
			t.Errorf("%s: the load waits %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestPaintEarly(t *testing.T) {
	// Padding after a line's last style is left out (the screen is cleared first); padding
	// inside a style (a background) or on a line whose style is unknown is kept.
	content := "\x1b[38;2;255;0;0mred\x1b[m title\nsecond line  \n\x1b[48;5;147mbar   \x1b[m\n\x1b[1mbold\x1b[m   "
	for _, tc := range []struct {
		profile colorprofile.Profile
		want    string
	}{
		{colorprofile.TrueColor, "\x1b[38;2;255;0;0mred\x1b[m title\r\nsecond line  \r\n\x1b[48;5;147mbar   \x1b[m\r\n\x1b[1mbold\x1b[m"},
		{colorprofile.ANSI256, "\x1b[38;5;196mred\x1b[m title\r\nsecond line  \r\n\x1b[48;5;147mbar   \x1b[m\r\n\x1b[1mbold\x1b[m"},
		{colorprofile.ASCII, "\x1b[mred\x1b[m title\r\nsecond line  \r\n\x1b[mbar   \x1b[m\r\n\x1b[1mbold\x1b[m"},
	} {
		t.Run(tc.profile.String(), func(t *testing.T) {
			var out bytes.Buffer
			paintEarly(&out, tc.profile, content)
			// The alternate screen (as Bubble Tea enters it), no cursor, from the top left of
			// an empty screen; then the lines, each from the left edge.
			want := "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J" + tc.want
			if got := out.String(); got != want {
				t.Errorf("wrote %q\nwant  %q", got, want)
			}
		})
	}
}
