package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// dsn sets, on every connection:
//   - busy_timeout=5000: a second newsread holding the write lock (well under a millisecond per
//     mark, tens of milliseconds per fold) is waited for instead of failing the write.
//   - synchronous=NORMAL: in WAL mode a commit is complete in the -wal file, in the OS cache,
//     before the write returns, so kill -9 loses nothing acknowledged and a write cut short is
//     a torn frame that fails its checksum and is ignored. Only a power cut or kernel crash can
//     lose the last few marks, and still not the file. FULL would add an fsync to every mark,
//     milliseconds each on a laptop disk, for that case alone.
//   - _txlock=immediate: a write transaction (fold, schema) takes the write lock at BEGIN, so it
//     waits under busy_timeout rather than failing when another process wrote since it read.
//
// journal_mode=WAL is stored in the file and set once in setup.
func dsn(path string, extra string) string {
	return "file:" + uriEscaper.Replace(path) +
		"?_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)&_txlock=immediate" + extra
}

var uriEscaper = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// openDB opens the state file for reading and writing, creating it if needed, and checks
// that it can be read.
func openDB(path string) (*sql.DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(path, ""))
	if err != nil {
		return nil, err
	}
	// One connection: the store's mutex serializes its use anyway, and SQLite's locks then
	// arbitrate only between processes.
	db.SetMaxOpenConns(1)
	if err := setup(db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func setup(db *sql.DB) error {
	ctx := context.Background()
	// Readers and the writer do not block each other, and a commit only appends to the -wal
	// file, so a killed process never leaves the database file half-written.
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return err
	}
	if mode != "wal" {
		return fmt.Errorf("%w: journal mode stays %q", errUnwritable, mode)
	}
	if readOnly, err := isReadOnly(ctx, db); err != nil {
		return err
	} else if readOnly {
		return fmt.Errorf("%w: read-only file", errUnwritable)
	}
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	switch version {
	case schemaVersion:
	case 0:
		if err := inTx(ctx, db, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, schema)
			return err
		}); err != nil {
			return err
		}
	default:
		return fmt.Errorf("schema version %d is newer than this newsread's %d", version, schemaVersion)
	}
	// About 1 ms with 100,000 marks packed (BenchmarkQuickCheck100k): the blob's pages are
	// walked as a chain, not parsed. Damage inside the blob is left to its checksum.
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&check); err != nil {
		return err
	}
	if check != "ok" {
		return corruptionf("quick_check: %s", check)
	}
	return nil
}

func isReadOnly(ctx context.Context, db *sql.DB) (readOnly bool, err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(interface{ IsReadOnly(string) (bool, error) })
		if !ok {
			return nil
		}
		readOnly, err = c.IsReadOnly("main")
		return err
	})
	return readOnly, err
}

var errUnwritable = errors.New("not writable")
