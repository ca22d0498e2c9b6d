package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsread/synth"
)

// ageFiles dates every file under dir an hour ago, as a library that is not being written, and
// waits until their change times (which cannot be set) are older than the 2 s within which
// newsread does not trust a file's times enough to keep a snapshot of it.
func ageFiles(t *testing.T, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, old, old)
		}
		return nil
	})
	time.Sleep(2100 * time.Millisecond)
}

// snapshotTime is the modification time of the one snapshot in cache, which a start that
// uses it sets to the present.
func snapshotTime(t *testing.T, cache string) time.Time {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(cache, "newsread", "*.snapshot"))
	if len(m) != 1 {
		t.Fatalf("%d snapshots in the cache, want 1", len(m))
	}
	info, err := os.Stat(m[0])
	if err != nil {
		t.Fatal(err)
	}
	return info.ModTime()
}

// backdate sets the snapshot's modification time an hour back.
func backdate(t *testing.T, cache string) {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(cache, "newsread", "*.snapshot"))
	old := time.Now().Add(-time.Hour)
	for _, p := range m {
		os.Chtimes(p, old, old)
	}
}

// A folder library's index is kept in XDG_CACHE_HOME: the second start shows the same list
// from the snapshot, and a story edited between starts shows its new title.
func TestWarmStartUsesTheSnapshot(t *testing.T) {
	t.Parallel()
	dir, cache := t.TempDir(), t.TempDir()
	const n = 3000
	opt := synth.Options{N: n, Seed: 5}
	if _, err := synth.Generate(dir, opt); err != nil {
		t.Fatal(err)
	}
	ageFiles(t, dir)

	first := start(t, opts{args: []string{dir}, cache: cache})
	cold := first.waitStatus(n, n)
	// The snapshot is written after the load; wait for it before quitting.
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m, _ := filepath.Glob(filepath.Join(cache, "newsread", "*.snapshot")); len(m) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no snapshot in XDG_CACHE_HOME/newsread after the load")
		}
		time.Sleep(50 * time.Millisecond)
	}
	first.quit()

	backdate(t, cache)
	second := start(t, opts{args: []string{dir}, cache: cache})
	warm := second.waitStatus(n, n)
	if strip(warm) != strip(cold) {
		t.Errorf("the warm start shows another screen:\n%s\nwant:\n%s", warm, cold)
	}
	second.quit()
	if time.Since(snapshotTime(t, cache)) > time.Minute {
		t.Error("the warm start did not use the snapshot (it was not marked used)")
	}

	victim := filepath.Join(dir, synth.Name(0, opt))
	writeStory(t, dir, strings.TrimPrefix(victim, dir+"/"), "Quokka elected mayor", []string{"A close vote."}, "Animals")
	ageFiles(t, dir)
	backdate(t, cache)
	third := start(t, opts{args: []string{dir}, cache: cache})
	third.waitStatus(n, n)
	third.keys("/")
	third.typeText("quokka")
	third.keys("Enter")
	third.waitFor("only the edited story found", func(s string) bool {
		shown, _ := status(s)
		return shown == 1 && strings.Contains(s, "Quokka elected mayor")
	})
	third.keys("Escape")
	third.waitStatus(n, n)
	third.quit()
	if time.Since(snapshotTime(t, cache)) > time.Minute {
		t.Error("the start after the edit left the old snapshot")
	}
}

// strip trims the trailing space of every line, which tmux may or may not keep.
func strip(screen string) string {
	var out []string
	for _, l := range lines(screen) {
		out = append(out, strings.TrimRight(l, " "))
	}
	return strings.Join(out, "\n")
}
