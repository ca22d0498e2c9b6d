package state

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

const benchMarks = 100_000

// benchFile makes a state file at path with n marks as recent rows, written in one
// transaction, and folds them into the packed blob if folded. It returns the open store.
func benchFile(b *testing.B, path string, n int, folded bool) *Store {
	b.Helper()
	s := openClean(b, path)
	now := time.Now().Unix()
	err := inTx(context.Background(), s.db, func(tx *sql.Tx) error {
		for i := range n {
			// A mix like a real reader's: most stories read, some saved, a few half-read.
			flags := flagRead
			if i%10 == 0 {
				flags |= flagSaved
			}
			if _, err := tx.Exec(upsert, fmt.Sprintf("%016x", uint64(i)*0x9E3779B97F4A7C15),
				fieldRead|fieldSaved|fieldPosition, flags, float64(i%5)/4, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if folded {
		if err := fold(s.db); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func BenchmarkAll(b *testing.B) {
	s := benchFile(b, filepath.Join(b.TempDir(), "state.db"), benchMarks, true)
	defer s.Close()
	b.Run("100k packed", func(b *testing.B) {
		for b.Loop() {
			if m := mustAll(b, s); len(m) != benchMarks {
				b.Fatalf("%d marks", len(m))
			}
		}
	})
	for i := range foldAt - 1 {
		mustSet(b, s.SetSaved(fmt.Sprintf("recent-%d", i), true))
	}
	b.Run("100k packed + 511 recent", func(b *testing.B) {
		for b.Loop() {
			if m := mustAll(b, s); len(m) != benchMarks+foldAt-1 {
				b.Fatalf("%d marks", len(m))
			}
		}
	})
}

// BenchmarkLoadRowByRow loads 100,000 marks that are all rows of recent: the cost that the
// packed blob avoids, and what a one-row-per-story schema would pay on every start.
func BenchmarkLoadRowByRow(b *testing.B) {
	s := benchFile(b, filepath.Join(b.TempDir(), "state.db"), benchMarks, false)
	defer s.db.Close() // not s.Close, which would fold
	for b.Loop() {
		if m, _, err := load(s.db); err != nil || len(m) != benchMarks {
			b.Fatalf("%d marks, %v", len(m), err)
		}
	}
}

func BenchmarkFold100k(b *testing.B) {
	s := benchFile(b, filepath.Join(b.TempDir(), "state.db"), benchMarks, true)
	defer s.Close()
	for i := 0; b.Loop(); i++ {
		mustSet(b, s.SetRead(fmt.Sprintf("new-%d", i), true))
		if err := fold(s.db); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpen100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "state.db")
	benchFile(b, path, benchMarks, true).Close()
	for b.Loop() {
		s := openClean(b, path)
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkQuickCheck100k is what PRAGMA quick_check adds to every Open.
func BenchmarkQuickCheck100k(b *testing.B) {
	s := benchFile(b, filepath.Join(b.TempDir(), "state.db"), benchMarks, true)
	defer s.Close()
	for b.Loop() {
		var ok string
		if err := s.db.QueryRow("PRAGMA quick_check").Scan(&ok); err != nil || ok != "ok" {
			b.Fatal(ok, err)
		}
	}
}

func BenchmarkSet(b *testing.B) {
	s := benchFile(b, filepath.Join(b.TempDir(), "state.db"), benchMarks, true)
	defer s.Close()
	b.Run("position of one story", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			mustSet(b, s.SetPosition("0123456789abcdef", float64(i%100)/100))
		}
	})
	b.Run("read of new stories", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			mustSet(b, s.SetRead(fmt.Sprintf("%016x", i), true))
		}
	})
}
