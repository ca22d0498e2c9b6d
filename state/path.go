package state

import (
	"fmt"
	"os"
	"path/filepath"
)

// DefaultPath returns $XDG_STATE_HOME/newsread/state.db, or ~/.local/state/newsread/state.db
// when XDG_STATE_HOME is unset or, against the XDG spec, not an absolute path.
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_STATE_HOME")
	if !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("state: no XDG_STATE_HOME and %w", err)
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "newsread", "state.db"), nil
}

// EnvDisabled reports whether NEWSREAD_NO_STATE asks for a run without state: set, non-empty
// and not "0".
func EnvDisabled() bool {
	v := os.Getenv("NEWSREAD_NO_STATE")
	return v != "" && v != "0"
}
