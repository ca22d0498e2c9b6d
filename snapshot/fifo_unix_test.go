//go:build unix

package snapshot

import (
	"path/filepath"
	"syscall"
	"testing"
)

func TestLoadRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.snapshot")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if _, err := Load(fifo); err == nil {
		t.Error("a FIFO loaded")
	}
	if _, err := Load(dir); err == nil {
		t.Error("a folder loaded")
	}
}
