//go:build unix

package state

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The children below need a process's credentials and file size limit, which only unix has.
func init() {
	children["fsize"] = fsizeChild
	children["readonly"] = readOnlyChild
}

// readOnlyChild opens the state file at path in a directory it cannot write, which holds arg
// marks already.
func readOnlyChild(path, arg string) error {
	n, err := strconv.Atoi(arg)
	if err != nil {
		return err
	}
	s, err := Open(path)
	if err != nil {
		return err
	}
	want := map[string]Mark{}
	for i := range n {
		want[fmt.Sprintf("seed-%05d", i)] = Mark{Saved: true}
	}
	if os.Getenv(childRole) != "" {
		fmt.Println(s.Warnings()[0])
	}
	return inMemory(s, want)
}

func TestReadOnlyDirWorksInMemory(t *testing.T) {
	dir, err := os.MkdirTemp("", "state-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Chmod(dir, 0o755)
		os.RemoveAll(dir)
	})
	path := filepath.Join(dir, "state.db")
	want := seed(t, path, 20, false)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	untouched := func(names ...string) {
		t.Helper()
		entries, _ := os.ReadDir(dir)
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		if strings.Join(got, " ") != strings.Join(names, " ") {
			t.Errorf("read-only directory holds %q, want %q", got, names)
		}
	}

	probe := filepath.Join(dir, "probe")
	if os.WriteFile(probe, nil, 0o600) != nil {
		if err := readOnlyChild(path, strconv.Itoa(len(want))); err != nil {
			t.Fatal(err)
		}
		untouched("state.db")
		return
	}
	os.Remove(probe)
	// Root writes through 0555, so run the check as nobody, from a copy of the test binary
	// that nobody may execute.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "state.test")
	if data, err := os.ReadFile(os.Args[0]); err != nil {
		t.Fatal(err)
	} else if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	cmd := childCmd(bin, "readonly", path, strconv.Itoa(len(want)))
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Skipf("running as root, and cannot run a child as nobody to make 0555 bite: %v", err)
	}
	if err != nil {
		t.Fatalf("child as nobody: %v\n%s", err, out)
	}
	t.Logf("child warned: %s", out)
	untouched("state.db", "state.test")
}

// fsizeChild opens a fresh state file at path, then lowers its file size limit so that the
// -wal file soon cannot grow: the store must switch to memory with one warning and keep
// every mark, the ones written before the failure included.
func fsizeChild(path, _ string) error {
	signal.Ignore(syscall.SIGXFSZ) // get EFBIG from write(2) instead of being killed
	s, err := Open(path)
	if err != nil {
		return err
	}
	if w := s.Warnings(); len(w) != 0 {
		return fmt.Errorf("warnings before the limit: %q", w)
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		return err
	}
	lim.Cur = 64 << 10
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		return err
	}
	const n = 300
	for i := range n {
		if err := s.SetRead(fmt.Sprintf("%016x", i), true); err != nil {
			return fmt.Errorf("mark %d: %w", i, err)
		}
	}
	m, err := s.All()
	if err != nil {
		return err
	}
	if len(m) != n {
		return fmt.Errorf("All() has %d marks after the disk filled, want %d", len(m), n)
	}
	w := s.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "cannot write") {
		return fmt.Errorf("warnings = %q, want one about writing", w)
	}
	fmt.Println(w[0])
	return s.Close()
}

func TestFullDiskWorksInMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	out, err := childCmd(os.Args[0], "fsize", path, "").CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	t.Logf("child warned: %s", out)
	s := openClean(t, path)
	defer s.Close()
	m := mustAll(t, s)
	if len(m) == 0 || len(m) >= 300 {
		t.Errorf("file holds %d marks, want some but not all 300", len(m))
	}
	for i := range len(m) {
		if !m[fmt.Sprintf("%016x", i)].Read {
			t.Errorf("mark %d, written before the disk filled, is missing", i)
		}
	}
}
