//go:build unix

package ui

import (
	"os/signal"
	"syscall"
)

// ignoreStops makes a stop from the terminal (Ctrl+Z, SIGTSTP) do nothing from now on. Between
// the early frame and Bubble Tea's raw mode the terminal still turns Ctrl+Z into a SIGTSTP,
// which stopped the process with the shell left on the alternate screen; in raw mode Ctrl+Z
// is a key (the reader has no suspend), and once Bubble Tea has stopped newsread only saves
// and exits. (Go cannot hand a stop signal back to its default once a program has taken it.)
func ignoreStops() { signal.Ignore(syscall.SIGTSTP) }
