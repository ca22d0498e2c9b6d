package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// binary is the newsread executable built once for the tests that run it as a process.
var binary string

// stateHome is the XDG_STATE_HOME of every test run, so that no test touches the real state.
var stateHome string

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "newsread-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	stateHome = filepath.Join(dir, "state")
	os.Setenv("XDG_STATE_HOME", stateHome)
	os.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	os.Unsetenv("NEWSREAD_NO_STATE")
	os.Unsetenv("NO_COLOR")

	binary = filepath.Join(dir, "newsread")
	build := exec.Command("go", "build", "-o", binary, "newsread")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building newsread: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// result is what one run of newsread produced.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout:\n%s--- stderr:\n%s", r.code, r.stdout, r.stderr)
}

// stderrLines returns the lines of stderr.
func (r result) stderrLines() []string {
	s := strings.TrimSuffix(r.stderr, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// runner runs newsread with some arguments: in-process or as the built binary.
type runner struct {
	name string
	run  func(t *testing.T, env []string, args ...string) result
}

// runners are both ways of running newsread: every command-line behaviour is checked twice.
var runners = []runner{
	{"in-process", inProcess},
	{"binary", asBinary},
}

// inProcess runs the command tree in this process with cobra's SetArgs/SetOut/SetErr
// (through run). env entries are set for the duration of the run only.
func inProcess(t *testing.T, env []string, args ...string) result {
	t.Helper()
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		old, had := os.LookupEnv(k)
		os.Setenv(k, v)
		defer func() {
			if had {
				os.Setenv(k, old)
			} else {
				os.Unsetenv(k)
			}
		}()
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return result{out.String(), errb.String(), code}
}

// asBinary runs the built binary with stdout and stderr on pipes.
func asBinary(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("running %v: %v", args, err)
		}
		code = ee.ExitCode()
	}
	return result{out.String(), errb.String(), code}
}

// bothWays runs f once per runner, as subtests.
func bothWays(t *testing.T, f func(t *testing.T, run func(args ...string) result)) {
	t.Helper()
	for _, r := range runners {
		t.Run(r.name, func(t *testing.T) {
			f(t, func(args ...string) result {
				t.Helper()
				return r.run(t, nil, args...)
			})
		})
	}
}

// checkClean fails unless r has no escape byte anywhere and no trace of a panic.
func checkClean(t *testing.T, r result) {
	t.Helper()
	if strings.ContainsRune(r.stdout, 0x1b) {
		t.Errorf("ESC byte on stdout:\n%q", r.stdout)
	}
	if strings.ContainsRune(r.stderr, 0x1b) {
		t.Errorf("ESC byte on stderr:\n%q", r.stderr)
	}
	for _, bad := range []string{"panic", "goroutine ", ".go:"} {
		if strings.Contains(r.stderr, bad) {
			t.Errorf("stderr looks like a crash (%q):\n%s", bad, r.stderr)
		}
	}
}

// writeFiles writes name → content into a new temporary folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
