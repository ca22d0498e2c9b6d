package loader

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// Test libraries are written a moment before they are loaded; the rule against files
	// written during a load has its own test (TestNoSnapshotForFilesWrittenDuringTheLoad).
	racyMargin = 0
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
