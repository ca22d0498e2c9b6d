// Package cli owns newsread's command line: argument parsing (cobra, styled by fang) and the
// non-interactive commands list, tags and read. It must not hold UI code: the interactive
// reader lives in package ui and is reached through the Interactive function value, which
// package main sets.
//
// Output conventions: stdout carries only the command's result and no colour escapes unless a
// style is asked for with --style; every warning and error is one line on stderr starting with
// "newsread: ". Exit codes: 0 success (also when some files were skipped with a warning),
// 1 an error (unknown story id or tag, missing path, unknown style…), 2 a usage error
// (unknown flag, bad flag value, missing argument), 70 an internal error (a recovered panic).
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"newsread/library"
	"newsread/story"
)

// InteractiveOptions is what the interactive reader is started with.
type InteractiveOptions struct {
	Library   *library.Library // where the stories come from: the embedded set or the PATH arguments
	Tags      []string         // --tag values as typed (not validated); a story must carry all of them
	Query     string           // --query, in the query language; "" for none
	Style     string           // glamour style name, validated; "" picks dark or light from the terminal
	Width     int              // --width: the widest a story is wrapped; 0 for automatic
	NoState   bool             // --no-state or NEWSREAD_NO_STATE: read and write no reading state
	StatePath string           // the state file to open; "" when NoState
	CacheDir  string           // where the index of a folder library is kept; "" for nowhere
}

// Interactive runs the interactive reader until the user quits. Package main sets it; while it
// is nil, `newsread` on a terminal prints the list instead, with a note on stderr.
var Interactive func(opts InteractiveOptions) error

// version is the program's version; release builds set it with
// -ldflags "-X newsread/cli.version=v1.2.3".
var version = "dev"

// Version returns the version shown by --version: the -ldflags version, else the module
// version recorded by the go command, else "dev" and the VCS revision when known.
func Version() string {
	if version != "dev" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if len(rev) >= 7 {
		return version + " (" + rev[:7] + dirty + ")"
	}
	return version
}

// Exit codes.
const (
	exitOK       = 0
	exitError    = 1
	exitUsage    = 2
	exitInternal = 70
)

// Execute runs newsread with the process's arguments and standard streams and returns the
// exit code for os.Exit.
func Execute() int {
	return run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)
}

// failure holds the error of a command's RunE. Commands report their errors through it rather
// than to cobra so that fang does not query the terminal's background colour (a round trip to
// the terminal, seconds when it does not answer) only to print one plain line.
type failure struct{ err error }

// run wraps a RunE function so that its error is kept in f.
func (f *failure) run(fn func(*cobra.Command, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		f.err = fn(cmd, args)
		return nil
	}
}

// usageError is a mistake in the command line itself: exit code 2 and a pointer to --help.
type usageError struct {
	cmd string // the command path, e.g. "newsread list"
	err error
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// run builds a fresh command tree, executes it with args and returns the exit code. Whatever
// happens, stderr gets at most one line for the error, never a stack trace.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "newsread: internal error: %s\n", oneLine(fmt.Sprint(v)))
			code = exitInternal
		}
	}()
	root, failed := newRoot()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := fang.Execute(ctx, root,
		fang.WithVersion(Version()),
		fang.WithoutManpage(), // newRoot adds its own "man", whose description keeps its paragraphs
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) {
			fmt.Fprintln(w, errorLine(err))
		}),
	)
	if err == nil && failed.err != nil {
		err = failed.err
		fmt.Fprintln(stderr, errorLine(err))
	}
	switch {
	case err == nil:
		return exitOK
	case isUsage(err):
		return exitUsage
	}
	return exitError
}

// errorLine is the one line printed for err.
func errorLine(err error) string {
	msg := oneLine(cleanError(err.Error()))
	var ue usageError
	if errors.As(err, &ue) && ue.cmd != "" {
		msg += fmt.Sprintf(" (see %q)", ue.cmd+" --help")
	} else if isUsage(err) {
		msg += ` (see "newsread --help")`
	}
	return "newsread: " + msg
}

var strconvNoise = regexp.MustCompile(`strconv\.Parse\w+: parsing "[^"]*": `)

// cleanError drops Go internals from cobra and pflag messages.
func cleanError(s string) string {
	return strconvNoise.ReplaceAllString(s, "")
}

// isUsage reports whether err is a command-line mistake: ours, or one of cobra's (which cobra
// only reports as text; fang detects them the same way).
func isUsage(err error) bool {
	var ue usageError
	if errors.As(err, &ue) {
		return true
	}
	s := err.Error()
	for _, prefix := range []string{
		"flag needs an argument:",
		"unknown flag:",
		"unknown shorthand flag:",
		"unknown command",
		"invalid argument",
		"accepts ",
		"requires at least",
		"bad flag syntax",
	} {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// oneLine makes s safe for one line of a terminal: no escape sequences or controls, and line
// breaks turned into spaces. File names and panic values go through it.
func oneLine(s string) string {
	s = story.Sanitize(s)
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' }), " ")
}

// warn prints one warning line.
func warn(w io.Writer, format string, args ...any) {
	fmt.Fprintln(w, "newsread: warning: "+oneLine(fmt.Sprintf(format, args...)))
}

// note prints one informational line.
func note(w io.Writer, format string, args ...any) {
	fmt.Fprintln(w, "newsread: "+oneLine(fmt.Sprintf(format, args...)))
}

// usageErrorf makes a usage error for cmd.
func usageErrorf(cmd *cobra.Command, format string, args ...any) error {
	return usageError{cmd: cmd.CommandPath(), err: fmt.Errorf(format, args...)}
}
