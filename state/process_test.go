package state

import (
	"bufio"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Tests that need a second process re-run this test binary with childRole set; TestMain then
// runs the named child instead of the tests. A child talks to its parent on stdout, one line
// at a time, and reports failure on stderr with a non-zero exit.
const (
	childRole = "NEWSREAD_STATE_TEST_CHILD"
	childPath = "NEWSREAD_STATE_TEST_PATH"
	childArg  = "NEWSREAD_STATE_TEST_ARG"
)

var children = map[string]func(path, arg string) error{
	"writer": writerChild,
	"killee": killeeChild,
	// and, on unix, the children of recover_unix_test.go
}

func TestMain(m *testing.M) {
	if role := os.Getenv(childRole); role != "" {
		if err := children[role](os.Getenv(childPath), os.Getenv(childArg)); err != nil {
			fmt.Fprintf(os.Stderr, "child %s: %v\n", role, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func childCmd(bin, role, path, arg string) *exec.Cmd {
	cmd := exec.Command(bin, "-test.run=^$")
	cmd.Env = append(os.Environ(), childRole+"="+role, childPath+"="+path, childArg+"="+arg)
	return cmd
}

// writerChild opens path, says "ready", waits for a line on stdin, then writes read and
// position for 200 stories of its own, plus one field (arg: "read" or "saved") of 50 stories
// that another writer changes at the same time. It folds every 50 stories, so folds race the
// other writer's upserts too.
func writerChild(path, arg string) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	fmt.Println("ready")
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		return err
	}
	for i := range 200 {
		id := fmt.Sprintf("%s-%03d", arg, i)
		if err := s.SetRead(id, true); err != nil {
			return err
		}
		if err := s.SetPosition(id, float64(i)/200); err != nil {
			return err
		}
		if i < 50 {
			shared := fmt.Sprintf("shared-%03d", i)
			if arg == "read" {
				err = s.SetRead(shared, true)
			} else {
				err = s.SetSaved(shared, true)
			}
			if err != nil {
				return err
			}
		}
		if i%50 == 49 && s.db != nil {
			if err := fold(s.db); err != nil {
				return err
			}
		}
	}
	if w := s.Warnings(); len(w) != 0 {
		return fmt.Errorf("warnings: %q", w)
	}
	return s.Close()
}

func TestTwoProcessesWriteAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	var cmds []*exec.Cmd
	var stdins []io.WriteCloser
	var stderrs []*strings.Builder
	for _, field := range []string{"read", "saved"} {
		cmd := childCmd(os.Args[0], "writer", path, field)
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer cmd.Process.Kill()
		if line, err := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
			t.Fatalf("writer %s said %q, %v; stderr: %s", field, line, err, stderr.String())
		}
		cmds, stdins, stderrs = append(cmds, cmd), append(stdins, in), append(stderrs, &stderr)
	}
	for _, in := range stdins {
		io.WriteString(in, "go\n")
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("writer %d: %v; stderr: %s", i, err, stderrs[i])
		}
	}

	s := openClean(t, path)
	defer s.Close()
	want := map[string]Mark{}
	for _, field := range []string{"read", "saved"} {
		for i := range 200 {
			want[fmt.Sprintf("%s-%03d", field, i)] = Mark{Read: true, Position: float64(i) / 200}
		}
	}
	for i := range 50 {
		want[fmt.Sprintf("shared-%03d", i)] = Mark{Read: true, Saved: true}
	}
	checkMarks(t, mustAll(t, s), want)
}

// killeeChild writes marks to path until it is killed, printing "ack <id>" once the writes
// for id have returned. It calls All every 100 stories, which folds now and then, so the kill
// may land inside a fold too.
func killeeChild(path, _ string) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	if w := s.Warnings(); len(w) != 0 {
		return fmt.Errorf("warnings: %q", w)
	}
	for i := 0; ; i++ {
		id := fmt.Sprintf("%016x", i)
		if err := s.SetRead(id, true); err != nil {
			return err
		}
		if err := s.SetPosition(id, 0.5); err != nil {
			return err
		}
		fmt.Printf("ack %s\n", id)
		if i%100 == 99 {
			if _, err := s.All(); err != nil {
				return err
			}
		}
	}
}

func TestKill9LosesNothingAcknowledged(t *testing.T) {
	dir := t.TempDir()
	for round, acksBeforeKill := range []int{1, 700, 1500} {
		path := filepath.Join(dir, fmt.Sprintf("state%d.db", round))
		cmd := childCmd(os.Args[0], "killee", path, "")
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var acked []string
		r := bufio.NewReader(out)
		var once sync.Once
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				break // a line without its newline was cut off by the kill: not acknowledged
			}
			id, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "ack ")
			if !ok {
				t.Fatalf("child said %q", line)
			}
			acked = append(acked, id)
			if len(acked) >= acksBeforeKill {
				once.Do(func() { cmd.Process.Kill() }) // SIGKILL
			}
		}
		if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("child ended with %v, want killed; stderr: %s", err, stderr.String())
		}

		db, err := sql.Open("sqlite", dsn(path, ""))
		if err != nil {
			t.Fatal(err)
		}
		var result string
		if err := db.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
			t.Errorf("integrity_check after kill -9 = %q, %v", result, err)
		}
		db.Close()

		s := openClean(t, path)
		got := mustAll(t, s)
		s.Close()
		t.Logf("killed after %d acknowledged stories; %d stored", len(acked), len(got))
		for _, id := range acked {
			if m := got[id]; !m.Read || m.Position != 0.5 {
				t.Errorf("acknowledged story %s = %+v after kill -9", id, m)
			}
		}
	}
}
