package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"newsread/index"
	"newsread/library"
	"newsread/loader"
	"newsread/query"
	"newsread/state"
)

// terminal reports whether w is a terminal and, if so, its width in columns (0 if unknown).
// Tests replace it.
var terminal = func(w io.Writer) (bool, int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return false, 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil {
		width = 0
	}
	return true, width
}

// openLibrary is the library of paths, or the embedded set when there are none. A missing
// path is an error; when it looks like a mistyped command, the error says so.
func openLibrary(cmd *cobra.Command, paths []string) (*library.Library, error) {
	if len(paths) == 0 {
		return library.Embedded(), nil
	}
	lib, err := library.Paths(paths)
	if err == nil {
		return lib, nil
	}
	for _, p := range paths {
		if _, serr := os.Stat(p); serr == nil || strings.ContainsAny(p, `/\.`) {
			continue
		}
		if s := cmd.Root().SuggestionsFor(p); len(s) > 0 && cmd == cmd.Root() {
			return nil, fmt.Errorf("%w (did you mean %q?)", err, "newsread "+s[0])
		}
	}
	return nil, err
}

// loaded is a library read into an index.
type loaded struct {
	lib *library.Library
	ix  *index.Index
}

// load reads the whole library (or its snapshot), printing one warning line per skipped or
// repaired file.
func load(ctx context.Context, cmd *cobra.Command, g *globals, paths []string) (*loaded, error) {
	lib, err := openLibrary(cmd, paths)
	if err != nil {
		return nil, err
	}
	ix := index.New(lib.Read)
	stderr := cmd.ErrOrStderr()
	loader.Fill(ctx, lib, ix, loader.Options{CacheDir: g.cacheDir()}, func(p loader.Progress) {
		for _, w := range p.Warnings {
			warn(stderr, "%s", w.String())
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &loaded{lib: lib, ix: ix}, nil
}

// stateConfig is how a command reaches the reading state.
type stateConfig struct {
	noState bool // --no-state
}

// disabled reports whether the state is off, by flag or by NEWSREAD_NO_STATE.
func (c stateConfig) disabled() bool { return c.noState || state.EnvDisabled() }

// path is the state file, or "" (with a warning) when none can be found.
func (c stateConfig) path(stderr io.Writer) string {
	if c.disabled() {
		return ""
	}
	p, err := state.DefaultPath()
	if err != nil {
		warn(stderr, "%v; reading state is off", err)
		return ""
	}
	return p
}

// openStore opens the state store for writing, or a disabled one. Store warnings go to stderr.
func (c stateConfig) openStore(stderr io.Writer) *state.Store {
	p := c.path(stderr)
	if p == "" {
		return state.Disabled()
	}
	st, err := state.Open(p)
	if err != nil {
		warn(stderr, "%v; reading state is off", err)
		return state.Disabled()
	}
	for _, w := range st.Warnings() {
		warn(stderr, "%s", w)
	}
	return st
}

// marks are the docs marked read and saved.
type marks struct {
	read, saved *roaring.Bitmap
}

// loadMarks reads the reading state for the docs of ix. A state file that does not exist yet
// is no marks: listing never creates one.
func (c stateConfig) loadMarks(stderr io.Writer, ix *index.Index) marks {
	m := marks{read: roaring.New(), saved: roaring.New()}
	p := c.path(stderr)
	if p == "" {
		return m
	}
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
		return m
	}
	st, err := state.Open(p)
	if err != nil {
		warn(stderr, "%v; reading state is off", err)
		return m
	}
	all, err := st.All()
	if err != nil {
		warn(stderr, "%v; reading state is off", err)
	}
	for _, w := range st.Warnings() {
		warn(stderr, "%s", w)
	}
	st.Close()
	if len(all) == 0 {
		return m
	}
	for doc, s := range ix.Stories() {
		mark, ok := all[s.ID]
		if !ok {
			continue
		}
		if mark.Read {
			m.read.Add(uint32(doc))
		}
		if mark.Saved {
			m.saved.Add(uint32(doc))
		}
	}
	return m
}

// usesState reports whether q asks about reading state (is:read, is:unread, is:saved).
func usesState(q query.Query) bool {
	found := false
	q.Root.Walk(func(n *query.Node) { found = found || n.Kind == query.Is })
	return found
}
