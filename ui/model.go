// Package ui is newsread's interactive reader: the top-level Bubble Tea model. It routes
// messages to the panes (tagpane, storylist, reader), lays them out, and runs everything slow
// (loading, searching, rendering, reading state) in commands, so a key press only changes
// memory; only the first frame, drawn before the program starts (firstpaint.go), loads the
// embedded stories and searches them at once. It never parses files or renders markdown
// itself.
package ui

import (
	"context"
	"sync"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/RoaringBitmap/roaring/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/index"
	"newsread/library"
	"newsread/query"
	"newsread/render"
	"newsread/state"
	"newsread/story"
	"newsread/ui/reader"
	"newsread/ui/storylist"
	"newsread/ui/tagpane"
	"newsread/ui/theme"
)

// Options configure the reader.
type Options struct {
	Library   *library.Library
	Tags      []string // tag names to start filtered by, all required
	Query     string   // a query to start with
	Style     string   // a glamour style; "" follows the terminal's background
	Width     int      // the widest a story is wrapped; 0 is reader.MaxWidth
	NoColor   bool     // no colour at all (NO_COLOR)
	NoState   bool     // neither read nor write reading state
	StatePath string   // the state database; "" is the default path
	CacheDir  string   // where snapshots of folder libraries are kept; "" keeps none
}

type screen uint8

const (
	screenList screen = iota
	screenReader
)

type focus uint8

const (
	focusList focus = iota
	focusTags
)

// wideWidth is the narrowest terminal that shows the tag pane beside the list.
const wideWidth = 100

// Model is the whole reader.
type Model struct {
	opts       Options
	keys       KeyMap
	theme      theme.Theme
	dark       bool
	textCursor bool // no styles reach the screen, so the cursor must be a glyph
	// how Bubble Tea's renderer measures cells: ansi.WcWidth unless the terminal reports mode 2027
	widthMethod ansi.Method
	style       string // the glamour style in use

	ctx      context.Context
	cancel   context.CancelFunc
	lib      *library.Library
	ix       *index.Index
	feed     chan batchMsg
	loadDone chan struct{} // closed by endLoad when the load (and the snapshot it writes) has ended
	endLoad  func()        // closes loadDone, once however many copies of the model end a load
	loaded   bool          // the library was loaded before the program started (loadNow): Init starts no load
	painted  bool          // a first frame was drawn before the program started (paintFirst)
	service  *render.Service

	stories  []story.Story // every loaded story by doc; a prefix of the index's, shared
	loading  bool
	found    int // story files found so far
	cached   int // files in the snapshot being restored, while nothing is loaded yet (0: none)
	warnings []library.Warning
	fileNote string   // fileProblems() of warnings, made as they arrive rather than at every frame
	problems []string // reading-state warnings

	store   *state.Store               // nil until opened
	opening <-chan storeMsg            // the store being opened since before the program started (startStore); nil once taken, or when Init opens it
	pending []func(*state.Store) error // writes waiting for the store
	writes  *sync.WaitGroup            // writes to the store under way
	marks   map[string]state.Mark      // by story id; nil until the store is open
	read    *roaring.Bitmap            // docs marked read
	saved   *roaring.Bitmap            // docs saved

	tags       tagpane.Model
	list       storylist.Model
	reader     reader.Model
	prompt     textinput.Model
	help       help.Model
	showHelp   bool
	helpText   viewport.Model // the help while showHelp: keys and problems, scrolled when taller than the screen
	searching  bool           // the / prompt has the keyboard
	query      query.Query    // the search in force
	unreadOnly bool

	screen screen
	focus  focus

	seq         uint64             // the newest search; older results are dropped
	keepDocs    uint64             // a search (seq) whose result updates the counts but not the stories shown (see refreshMarks)
	filter      uint64             // bumped by every search but those for a change of marks: the filter and the stories it runs on
	shownFilter uint64             // filter of the result shown
	stopSearch  context.CancelFunc // cancels the newest search; never nil
	answered    uint64             // the newest search whose result is shown; 0 before any
	result      index.Result

	renderSeq uint64 // the newest render request of the reader
	wantWidth int    // the width of the newest render asked for or shown; 0 for none
	markdown  string // the open story's markdown, for re-rendering at a new width
	rendered  string // the open story's text as shown

	width, height int
	resizes       int  // window sizes seen; a repaint follows the last of a burst
	repainting    bool // an empty frame, to redraw everything after resizes
}

// New returns the reader for opts. It does no I/O: loading starts in Init.
func New(opts Options) Model {
	if opts.Library == nil {
		opts.Library = library.Embedded()
	}
	ctx, cancel := context.WithCancel(context.Background())
	loadDone := make(chan struct{})
	m := Model{
		opts:     opts,
		keys:     DefaultKeyMap(),
		dark:     true,
		ctx:      ctx,
		cancel:   cancel,
		lib:      opts.Library,
		ix:       index.New(opts.Library.Read),
		feed:     make(chan batchMsg),
		loadDone: loadDone,
		endLoad:  sync.OnceFunc(func() { close(loadDone) }),
		service:  render.NewService(nil),
		loading:  true,
		read:     roaring.New(),
		saved:    roaring.New(),
		help:     help.New(),
		marks:    map[string]state.Mark{},
		writes:   &sync.WaitGroup{},

		stopSearch: func() {},
	}
	m.theme = theme.New(m.dark, !opts.NoColor)
	m.style = m.glamourStyle()
	m.tags = tagpane.New(m.theme)
	m.list = storylist.New(m.theme)
	m.list.SetMarks(m.read, m.saved)
	m.reader = reader.New(m.theme)
	m.reader.MaxWidth = opts.Width
	m.prompt = textinput.New()
	m.prompt.Prompt = "/"
	styles := m.prompt.Styles()
	styles.Cursor.Blink = false // a steady cursor: no timer redrawing the screen while typing
	m.prompt.SetStyles(styles)
	m.prompt.Placeholder = `words, "phrase", #tag, -not, a OR b`
	m.help.Styles = m.theme.Help
	var keys []string
	for _, t := range opts.Tags {
		keys = append(keys, story.TagKey(t))
	}
	m.tags.Choose(keys)
	if opts.Query != "" {
		m.prompt.SetValue(opts.Query)
		m.query = query.Parse(opts.Query)
		m.list.SetHighlights(m.query.Highlights())
	}
	return m
}

// glamourStyle is the style asked for, or the one for the background.
func (m Model) glamourStyle() string {
	switch {
	case m.opts.Style != "":
		return m.opts.Style
	case m.opts.NoColor:
		return render.Mono
	case m.dark:
		return "dark"
	}
	return "light"
}

// Init asks the terminal for its background and starts loading the stories and opening the
// state, unless they are loaded and open already. It also asks for the terminal's size again:
// Bubble Tea takes it before it watches for changes, and a resize in between was lost (asked
// once the program runs, only one in the instant before Bubble Tea watches could be).
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, tea.RequestWindowSize}
	if !m.loaded {
		cmds = append(cmds, m.startLoad(m.ctx))
	}
	switch {
	case m.opening != nil:
		cmds = append(cmds, receive(m.ctx, m.opening))
	case m.store == nil:
		cmds = append(cmds, m.openStore())
	}
	return tea.Batch(cmds...)
}

func (m *Model) setTheme() {
	m.theme = theme.New(m.dark, !m.opts.NoColor)
	m.theme.TextCursor = m.textCursor
	m.theme.Width = m.widthMethod
	m.tags.SetTheme(m.theme)
	m.list.SetTheme(m.theme)
	m.reader.SetTheme(m.theme)
	m.help.Styles = m.theme.Help
}
