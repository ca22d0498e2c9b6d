package state

// The file holds two tables. packed is one blob with every mark as of the last fold, because
// loading 100,000 rows one by one through database/sql is about ten times slower than one
// blob (BenchmarkLoadRowByRow against BenchmarkAll).
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
