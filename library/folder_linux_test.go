package library

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// checkFolder: after reading path, the worker's folder is path's, open.
func checkFolder(t *testing.T, dir *folder, path string) {
	t.Helper()
	if !dir.held || dir.path != filepath.Dir(path) {
		t.Errorf("%s: folder held %v at %q", path, dir.held, dir.path)
	}
}

// TestWholeReads: where a short read is taken as the end of a file, files of every size about
// the buffer's room are still read whole (forced on, whatever file system the test runs on).
func TestWholeReads(t *testing.T) {
	root := t.TempDir()
	var paths []string
	for _, size := range []int{0, 1, 100, 4095, 4096, 4097, 8192, 70_000} {
		paths = append(paths, write(t, root, fmt.Sprintf("%d.txt", size), strings.Repeat("w", size)))
	}
	dir := &folder{}
	defer dir.close()
	if _, _, ok := dir.at(root); !ok {
		t.Fatal("the folder does not open")
	}
	dir.whole = true
	for _, p := range paths {
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := readFile(p, make([]byte, 0, 4096), false, dir); err != nil || string(got) != string(want) {
			t.Errorf("%s: %d bytes, %v; want %d", p, len(got), err, len(want))
		}
	}
}

// A load leaves the files' access times as they were, where the system would otherwise
// update them (an access time older than a day, under relatime).
func TestLoadLeavesAccessTimes(t *testing.T) {
	root := t.TempDir()
	old := time.Now().Add(-72 * time.Hour).Truncate(time.Second)
	var paths []string
	for i := range 3 {
		p := write(t, root, fmt.Sprintf("sub/%d.txt", i), fmt.Sprintf("Story %d\n\nbody %d", i, i))
		if err := os.Chtimes(p, old, time.Time{}); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	lib, err := Paths([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	if stories, warnings := lib.LoadAll(context.Background()); len(stories) != 3 || len(warnings) != 0 {
		t.Fatalf("%d stories, warnings %v", len(stories), warnings)
	}
	for _, p := range paths {
		var st syscall.Stat_t
		if err := syscall.Stat(p, &st); err != nil {
			t.Fatal(err)
		}
		if got := time.Unix(st.Atim.Unix()); !got.Equal(old) {
			t.Errorf("%s: access time %v after the load, want %v", p, got, old)
		}
	}
}

// Files of another owner, for whom the system refuses to leave the access time, are read all
// the same. Run as root, the test loads root's files as the user nobody, in a process of its
// own (root may always leave access times).
func TestLoadOthersFiles(t *testing.T) {
	if dir := os.Getenv("NEWSREAD_TEST_LOAD_AS_NOBODY"); dir != "" {
		lib, err := Paths([]string{dir})
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		stories, warnings := lib.LoadAll(context.Background())
		fmt.Printf("stories: %d, warnings: %v\n", len(stories), warnings)
		return
	}
	if os.Getuid() != 0 {
		t.Skip("needs root, to read root's files as another user")
	}
	// Everything the other user needs: the test binary and the stories, readable by all.
	base, err := os.MkdirTemp("", "newsread-others-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(base)
	os.Chmod(base, 0o755)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(base, "library.test")
	if data, err := os.ReadFile(exe); err != nil || os.WriteFile(bin, data, 0o755) != nil {
		t.Fatal("cannot copy the test binary", err)
	}
	lib := filepath.Join(base, "lib")
	for i := range 3 {
		write(t, lib, fmt.Sprintf("sub%d/%d.txt", i%2, i), fmt.Sprintf("Story %d\n\nbody %d", i, i))
	}
	filepath.Walk(lib, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	cmd := exec.Command(bin, "-test.run", "^TestLoadOthersFiles$")
	cmd.Env = append(os.Environ(), "NEWSREAD_TEST_LOAD_AS_NOBODY="+lib)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if _, ran := err.(*exec.ExitError); err != nil && !ran {
		t.Skipf("cannot run a process as nobody here: %v", err) // no setuid in this container, /tmp not executable
	}
	if err != nil {
		t.Fatalf("the load as nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "stories: 3, warnings: []") {
		t.Errorf("the load as nobody:\n%s", out)
	}
}
