package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"newsread/render"
	"newsread/snapshot"
)

// globals are the flags every command has.
type globals struct {
	noState bool // --no-state
	noCache bool // --no-cache
	width   int  // --width; 0 for automatic
}

func (g *globals) state() stateConfig { return stateConfig{noState: g.noState} }

// cacheDir is where snapshots of folder libraries are kept, or "" when caching is off (by
// --no-cache, NEWSREAD_NO_CACHE or for want of a cache folder).
func (g *globals) cacheDir() string {
	if v := os.Getenv("NEWSREAD_NO_CACHE"); g.noCache || v != "" && v != "0" {
		return ""
	}
	dir, err := snapshot.DefaultDir()
	if err != nil {
		return ""
	}
	return dir
}

// checkWidth validates --width.
func (g *globals) checkWidth(cmd *cobra.Command) error {
	if g.width != 0 && (g.width < minWidth || g.width > maxWidth) {
		return usageErrorf(cmd, "--width must be between %d and %d, or 0 for automatic (got %d)", minWidth, maxWidth, g.width)
	}
	return nil
}

const (
	minWidth = 20
	maxWidth = 1000
)

// checkStyle validates a --style value; "" is automatic.
func checkStyle(cmd *cobra.Command, style string) error {
	if style == "" || render.ValidStyle(style) {
		return nil
	}
	return usageErrorf(cmd, "unknown style %q (valid: %s)", style, strings.Join(render.Styles(), ", "))
}

// newRoot builds the command tree; the error of the command that runs ends up in the failure.
func newRoot() (*cobra.Command, *failure) {
	failed := &failure{}
	g := &globals{}
	var filter filterFlags
	var style string
	root := &cobra.Command{
		Use:   "newsread [flags] [PATH...]",
		Short: "Read news stories in the terminal",
		Long: `Read news stories in the terminal.

newsread reads the .txt and .md story files in the PATHs given (files, or folders read
recursively), or the stories built into it when there are none. On a terminal it starts the
interactive reader; when stdout is not a terminal it prints what "newsread list" prints.

Reading state (read and saved stories) is kept in $XDG_STATE_HOME/newsread/state.db;
--no-state or NEWSREAD_NO_STATE=1 turns it off.

The index of a folder library is kept in $XDG_CACHE_HOME/newsread and reused while none of
its files changed, so the next start does not read every story again; --no-cache or
NEWSREAD_NO_CACHE=1 turns that off.

Warnings about skipped or repaired files go to stderr, one line each. Exit status: 0 on
success, 1 on an error, 2 on a usage error.`,
		Example: `  newsread
  newsread ~/news --tag putin --tag cia
  newsread --query '"st petersburg" -sport' ~/news | head
  newsread list --unread --json ~/news
  newsread read 3f2a9c1e ~/news`,
		Args: cobra.ArbitraryArgs,
		RunE: failed.run(func(cmd *cobra.Command, paths []string) error {
			if err := g.checkWidth(cmd); err != nil {
				return err
			}
			if err := checkStyle(cmd, style); err != nil {
				return err
			}
			tty, _ := terminal(cmd.OutOrStdout())
			if !tty {
				return runList(cmd, g, &listFlags{filterFlags: filter}, paths)
			}
			if Interactive == nil {
				note(cmd.ErrOrStderr(), "the interactive reader is not built in; listing the stories instead")
				return runList(cmd, g, &listFlags{filterFlags: filter}, paths)
			}
			lib, err := openLibrary(cmd, paths)
			if err != nil {
				return err
			}
			st := g.state()
			path := st.path(cmd.ErrOrStderr())
			return Interactive(InteractiveOptions{
				Library:   lib,
				Tags:      filter.tags,
				Query:     filter.query,
				Style:     style,
				Width:     g.width,
				NoState:   path == "",
				StatePath: path,
				CacheDir:  g.cacheDir(),
			})
		}),
	}
	root.SetVersionTemplate("newsread version {{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError{cmd: cmd.CommandPath(), err: err}
	})
	root.SuggestionsMinimumDistance = 2

	pf := root.PersistentFlags()
	pf.BoolVar(&g.noState, "no-state", false, "do not read or write the reading state (also NEWSREAD_NO_STATE=1)")
	pf.BoolVar(&g.noCache, "no-cache", false, "do not keep or reuse the index of a folder library (also NEWSREAD_NO_CACHE=1)")
	pf.IntVar(&g.width, "width", 0, fmt.Sprintf("columns to lay out or wrap to (%d–%d; 0: the terminal's, at most 100 for read)", minWidth, maxWidth))

	filter.register(root)
	root.Flags().StringVar(&style, "style", "", "glamour style for stories: "+strings.Join(render.Styles(), ", ")+" (default: dark or light to suit the terminal)")
	_ = root.RegisterFlagCompletionFunc("style", completeStyles)

	root.AddCommand(newListCmd(g, failed), newTagsCmd(g, failed), newReadCmd(g, failed))
	v := Version()
	for _, c := range root.Commands() {
		c.Version = v // so that --version works after a command too
	}
	root.AddCommand(newManCmd(failed)) // fang's own is turned off in run; like it, no --version
	return root, failed
}
