package state

import (
	"context"
	"database/sql"
)

// foldAt is how many recent rows make a fold worth it. A recent row costs about ten times a
// packed mark to load, and a fold rewrites every mark; 512 keeps recent to a few percent of a
// 100,000-mark load and folds at most once per 512 changes.
const foldAt = 512

func foldDue(recent int) bool { return recent >= foldAt }

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
	_, err := db.Exec(upsert, id, field, flags&field, v.Position, v.Updated)
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
		v.Read, v.Saved, v.Updated = flags&flagRead != 0, flags&flagSaved != 0, updated
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
