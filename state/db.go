package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// The file holds two tables. packed is one blob with every mark as of the last fold, because
// loading 100,000 rows one by one through database/sql takes ~50 ms and one blob takes a few.
// recent holds the changes since: every Set is a single per-field UPSERT into it, so two
// processes writing at once never overwrite each other's fields. fold merges recent into
// packed in one write transaction.
const (
	schemaVersion = 1
	schema        = `
CREATE TABLE IF NOT EXISTS packed (
	one  INTEGER PRIMARY KEY CHECK (one = 1),
	data BLOB NOT NULL -- see packed.go
) STRICT;
CREATE TABLE IF NOT EXISTS recent (
	id      TEXT PRIMARY KEY NOT NULL,
	fields  INTEGER NOT NULL, -- which fields this row overrides: fieldRead|fieldSaved|fieldPosition
	flags   INTEGER NOT NULL, -- flagRead|flagSaved; only the bits named in fields mean anything
	pos     REAL NOT NULL,    -- meaningful only when fields has fieldPosition
	updated INTEGER NOT NULL  -- unix seconds
) WITHOUT ROWID, STRICT;
PRAGMA user_version = 1;`

	upsert = `
INSERT INTO recent (id, fields, flags, pos, updated) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (id) DO UPDATE SET
	fields  = fields | ?2,
	flags   = (flags & ~?2) | ?3,
	pos     = CASE WHEN ?2 & 4 THEN ?4 ELSE pos END,
	updated = ?5`
)

// Field bits name the fields a write sets; flag bits hold the booleans. Read and saved use
// the same bit in both, which the upsert relies on, and the upsert spells fieldPosition as 4.
const (
	fieldRead     = 1
	fieldSaved    = 2
	fieldPosition = 4

	flagRead  = 1
	flagSaved = 2
)

// foldAt is how many recent rows make a fold worth it. A recent row costs ~0.5 µs to load, a
// packed mark ~0.06 µs, and a fold rewrites every mark; 512 keeps recent under a third of a
// millisecond and folds at most once per 512 changes.
const foldAt = 512

func foldDue(recent int) bool { return recent >= foldAt }

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

// inTx runs fn in a write transaction (BEGIN IMMEDIATE, from the dsn) and commits it.
func inTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// write sets the fields of v named by field for story id, in one statement.
func write(db *sql.DB, id string, field uint8, v Mark) error {
	var flags uint8
	if v.Read {
		flags |= flagRead
	}
	if v.Saved {
		flags |= flagSaved
	}
	_, err := db.Exec(upsert, id, field, flags&field, v.Position, v.Updated.Unix())
	return err
}

// load reads every mark, and how many of them come from recent, in one read transaction so
// that a fold by another process cannot fall between the two tables.
func load(db *sql.DB) (map[string]Mark, int, error) {
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	return loadTx(ctx, tx)
}

func loadTx(ctx context.Context, tx *sql.Tx) (map[string]Mark, int, error) {
	var m map[string]Mark
	rows, err := tx.QueryContext(ctx, "SELECT data FROM packed")
	if err != nil {
		return nil, 0, err
	}
	for rows.Next() {
		var data sql.RawBytes
		if err := rows.Scan(&data); err != nil {
			rows.Close()
			return nil, 0, err
		}
		if m, err = decode(data); err != nil {
			rows.Close()
			return nil, 0, err
		}
	}
	if err := rows.Close(); err != nil {
		return nil, 0, err
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if m == nil {
		m = map[string]Mark{}
	}

	rows, err = tx.QueryContext(ctx, "SELECT id, fields, flags, pos, updated FROM recent")
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var (
			id            string
			fields, flags uint8
			v             Mark
			updated       int64
		)
		if err := rows.Scan(&id, &fields, &flags, &v.Position, &updated); err != nil {
			return nil, 0, err
		}
		v.Read, v.Saved, v.Updated = flags&flagRead != 0, flags&flagSaved != 0, time.Unix(updated, 0)
		if mark := merge(m[id], fields, v); mark.isZero() {
			delete(m, id)
		} else {
			m[id] = mark
		}
		n++
	}
	return m, n, rows.Err()
}

func countRecent(db *sql.DB) (n int, err error) {
	err = db.QueryRow("SELECT count(*) FROM recent").Scan(&n)
	return n, err
}

// fold merges recent into packed and empties recent, in one write transaction.
func fold(db *sql.DB) error {
	ctx := context.Background()
	return inTx(ctx, db, func(tx *sql.Tx) error {
		m, recent, err := loadTx(ctx, tx)
		if err != nil || recent == 0 {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			"INSERT INTO packed (one, data) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET data = excluded.data",
			encode(m)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM recent")
		return err
	})
}

var errUnwritable = errors.New("not writable")
