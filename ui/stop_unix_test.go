//go:build unix

package ui

import (
	"os/signal"
	"syscall"
	"testing"
)

// From the early frame on, a stop from the terminal does nothing.
func TestIgnoreStops(t *testing.T) {
	ignoreStops()
	if !signal.Ignored(syscall.SIGTSTP) {
		t.Error("SIGTSTP is not ignored")
	}
}
