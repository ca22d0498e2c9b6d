package cli

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"newsread/story"
)

// prefixFolder returns a folder of three plain-text stories: two whose ids share their first
// four hex digits and one whose id shares its first four with neither, with the shared
// prefix and the three ids.
func prefixFolder(t *testing.T) (dir, shared string, twin1, twin2, lone string) {
	t.Helper()
	text := func(i int) string { return fmt.Sprintf("Story number %d\n\nThe body of story %d.\n", i, i) }
	id := func(i int) string {
		t.Helper()
		s, _, err := story.ParseString(fmt.Sprintf("s%d.txt", i), text(i))
		if err != nil {
			t.Fatal(err)
		}
		return s.ID
	}
	seen := map[string]int{} // first four hex digits → the story with them
	var a, b int             // the two stories whose ids share them
	for i := 0; ; i++ {
		if i == 100000 {
			t.Fatal("no two story ids share their first four hex digits")
		}
		full := id(i)
		if j, dup := seen[full[:4]]; dup {
			a, b, shared, twin1, twin2 = j, i, full[:4], id(j), full
			break
		}
		seen[full[:4]] = i
	}
	c := 0 // the first story whose id does not start with them
	for c == a || c == b || strings.HasPrefix(id(c), shared) {
		c++
	}
	lone = id(c)
	files := map[string]string{}
	for _, i := range []int{a, b, c} {
		files[fmt.Sprintf("s%d.txt", i)] = text(i)
	}
	return writeFiles(t, files), shared, twin1, twin2, lone
}

// TestReadIDPrefix covers how read takes a story id: in full, as a unique prefix of four hex
// digits or more, as an ambiguous prefix, as one that matches nothing and as a prefix too
// short to look up.
func TestReadIDPrefix(t *testing.T) {
	dir, shared, twin1, twin2, lone := prefixFolder(t)
	bothWays(t, func(t *testing.T, run func(...string) result) {
		// The folder is what prefixFolder meant it to be.
		r := run("list", "--json", "--no-state", dir)
		var list []struct{ ID string }
		if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
			t.Fatalf("list --json: %v\n%v", err, r)
		}
		var ids []string
		for _, s := range list {
			ids = append(ids, s.ID)
		}
		slices.Sort(ids)
		want := []string{twin1, twin2, lone}
		slices.Sort(want)
		if !slices.Equal(ids, want) {
			t.Fatalf("the folder holds stories %q, not %q", ids, want)
		}

		const readHelp = ` (see "newsread read --help")`
		tooShort := func(id string) string {
			return fmt.Sprintf("newsread: story id %q is too short: give at least 4 of its hex digits", id) + readHelp
		}
		for _, c := range []struct {
			name string
			id   string
			code int
			line string // the stderr line; "" for none and the story on stdout
		}{
			{"full id", lone, 0, ""},
			{"full id upper case", strings.ToUpper(twin1), 0, ""},
			{"unique prefix of 4", lone[:4], 0, ""},
			{"unique prefix of 4 upper case", strings.ToUpper(lone[:4]), 0, ""},
			{"unique prefix of 10", twin2[:10], 0, ""},
			{"unique prefix of 15", twin1[:15], 0, ""},
			{"ambiguous prefix", shared, 1, fmt.Sprintf(`newsread: story id %q is ambiguous: 2 stories' ids start with it`, shared)},
			{"no match, 4 hex digits", unusedPrefix(shared, twin1, twin2, lone), 1,
				fmt.Sprintf(`newsread: no story with id %q`, unusedPrefix(shared, twin1, twin2, lone))},
			{"no match, 16 hex digits", "ffffffffffffffff", 1, `newsread: no story with id "ffffffffffffffff"`},
			{"no match, 17 hex digits", lone + "0", 1, fmt.Sprintf(`newsread: no story with id %q`, lone+"0")},
			{"no match, not hex", "xyz", 1, `newsread: no story with id "xyz"`},
			{"no match, hex and more", lone[:3] + "g", 1, fmt.Sprintf(`newsread: no story with id %q`, lone[:3]+"g")},
			{"no match, empty", "", 1, `newsread: no story with id ""`},
			{"too short, 1", lone[:1], 2, tooShort(lone[:1])},
			{"too short, 2", lone[:2], 2, tooShort(lone[:2])},
			{"too short, 3", lone[:3], 2, tooShort(lone[:3])},
			{"too short, 3 upper case", strings.ToUpper(lone[:3]), 2, tooShort(strings.ToUpper(lone[:3]))},
			{"too short, of the shared prefix", shared[:2], 2, tooShort(shared[:2])},
			{"too short, matching nothing", "fff", 2, tooShort("fff")},
		} {
			r := run("read", c.id, dir, "--no-state")
			checkClean(t, r)
			if c.line == "" {
				if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "Story number") {
					t.Errorf("%s: newsread read %q: want the story:\n%v", c.name, c.id, r)
				}
				continue
			}
			if r.code != c.code || r.stderr != c.line+"\n" || r.stdout != "" {
				t.Errorf("%s: newsread read %q:\n got exit %d, stderr %q, stdout %q\nwant exit %d, stderr %q",
					c.name, c.id, r.code, r.stderr, r.stdout, c.code, c.line+"\n")
			}
		}
	})
}

// unusedPrefix returns four hex digits that start none of ids.
func unusedPrefix(ids ...string) string {
	for i := range 1 << 16 {
		p := fmt.Sprintf("%04x", i)
		used := false
		for _, id := range ids {
			used = used || strings.HasPrefix(id, p)
		}
		if !used {
			return p
		}
	}
	panic("every prefix is used")
}
