package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"newsread/index"
	"newsread/query"
	"newsread/story"
)

// filterFlags are --tag and --query, shared by the root command and list.
type filterFlags struct {
	tags  []string // tag names as typed
	query string
}

func (f *filterFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringArrayVar(&f.tags, "tag", nil, "only stories with this tag; repeat it and a story must carry every one (case, accents and punctuation do not count)")
	fl.StringVar(&f.query, "query", "", "only stories matching this query: words, \"phrases\", #tag, -excluded, a OR b, is:unread, is:saved")
	_ = cmd.RegisterFlagCompletionFunc("tag", completeTags)
}

// build resolves the flags against ix. A tag no story carries is an error, with the closest
// tags suggested; problems in the query are warnings (the query still runs, read as literally
// as possible, as in the interactive reader).
func (f *filterFlags) build(stderr io.Writer, ix *index.Index) (index.Filter, error) {
	var filter index.Filter
	for _, name := range f.tags {
		key, ok := ix.TagKeyOf(name)
		if !ok {
			return filter, unknownTagError(name, ix.Tags())
		}
		if !slices.Contains(filter.Tags, key) {
			filter.Tags = append(filter.Tags, key)
		}
	}
	filter.Query = query.Parse(f.query)
	for _, p := range filter.Query.Problems {
		warn(stderr, "query: %s", p)
	}
	return filter, nil
}

// unknownTagError says that no story carries name, suggesting up to three close tags.
func unknownTagError(name string, tags []index.TagCount) error {
	key := story.TagKey(name)
	var close []string
	if key != "" {
		for _, t := range tags {
			if len(close) == 3 {
				break
			}
			if len(key) >= 3 && strings.Contains(t.Key, key) || len(t.Key) >= 3 && strings.Contains(key, t.Key) ||
				editDistance(key, t.Key) <= max(1, len([]rune(key))/4) {
				close = append(close, fmt.Sprintf("%q", t.Name))
			}
		}
	}
	if len(close) == 0 {
		return fmt.Errorf("unknown tag %q", name)
	}
	return fmt.Errorf("unknown tag %q (did you mean %s?)", name, strings.Join(close, " or "))
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// listFlags are the flags of list.
type listFlags struct {
	filterFlags
	unread, saved, json bool
}

func newListCmd(g *globals, failed *failure) *cobra.Command {
	f := &listFlags{}
	cmd := &cobra.Command{
		Use:   "list [flags] [PATH...]",
		Short: "List stories, one line each, newest first",
		Long: `List stories, one line each: id, title, [tags] and date (YYYY-MM-DD, empty when
unknown), in the reader's order: dated stories newest first, then undated ones; with --query,
title matches come first.

On a terminal titles and tags are cut to fit its width (or --width); piped, they are printed
whole and columns are aligned as far as reasonable. Ids are what "newsread read" takes (a
unique prefix of at least 4 characters will do).

Several --tag flags mean all of them. A tag that no story carries is an error.

In --query, terms side by side are all required and OR joins the terms beside it, as in web
search: 'cia OR fsb -sport' is either word, without sport; parentheses group otherwise.`,
		Example: `  newsread list --tag putin --tag "st petersburg"
  newsread list --query 'cia OR fsb -sport' ~/news
  newsread list --unread --json ~/news | jq -r '.[].title'`,
		Args: cobra.ArbitraryArgs,
		RunE: failed.run(func(cmd *cobra.Command, paths []string) error {
			return runList(cmd, g, f, paths)
		}),
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.BoolVar(&f.unread, "unread", false, "only stories not marked read")
	fl.BoolVar(&f.saved, "saved", false, "only saved stories")
	fl.BoolVar(&f.json, "json", false, "print a JSON array of objects: id, title, tags, date, source, summary, origin, words, read, saved")
	return cmd
}

func runList(cmd *cobra.Command, g *globals, f *listFlags, paths []string) error {
	if err := g.checkWidth(cmd); err != nil {
		return err
	}
	stderr := cmd.ErrOrStderr()
	l, err := load(cmd.Context(), cmd, g, paths)
	if err != nil {
		return err
	}
	filter, err := f.build(stderr, l.ix)
	if err != nil {
		return err
	}
	var m marks
	if f.unread || f.saved || f.json || usesState(filter.Query) {
		m = g.state().loadMarks(stderr, l.ix)
	}
	filter.Read, filter.Saved = m.read, m.saved
	filter.Unread, filter.SavedOnly = f.unread, f.saved
	res := l.ix.Search(filter)

	out := bufio.NewWriterSize(cmd.OutOrStdout(), 64<<10)
	tty, termWidth := terminal(cmd.OutOrStdout())
	if f.json {
		err = writeJSON(out, l.ix, res.Docs, m)
	} else {
		width, cut := g.width, g.width != 0
		if !cut && tty {
			width, cut = termWidth, true
			if width <= 0 {
				width = 80
			}
		}
		writeList(out, listRows(l.ix, res.Docs), width, cut)
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err == nil && len(res.Docs) == 0 && tty && !f.json {
		note(stderr, "no stories match")
	}
	return err
}

// tagNames maps each tag key to the spelling "newsread tags" and the reader's tag pane show
// (the tag's most common one), for story.SpellTags. list --json keeps each file's spelling: it
// is the story's data, and the tag key matches either.
func tagNames(ix *index.Index) map[string]string {
	names := map[string]string{}
	for _, t := range ix.Tags() {
		names[t.Key] = t.Name
	}
	return names
}

// row is one story as list prints it.
type row struct {
	id, title, tags, date string
}

func listRows(ix *index.Index, docs []uint32) []row {
	rows := make([]row, len(docs))
	names := tagNames(ix)
	for i, doc := range docs {
		s := ix.Story(doc)
		r := row{id: s.ID, title: s.Title}
		if len(s.Tags) > 0 {
			r.tags = "[" + strings.Join(story.SpellTags(s.Tags, names), ", ") + "]"
		}
		if !s.Date.IsZero() {
			r.date = s.Date.Format("2006-01-02")
		}
		rows[i] = r
	}
	return rows
}

// Column widths when nothing is cut (piped output): longer cells overflow their column.
const (
	pipedTitleWidth = 100
	pipedTagsWidth  = 60
)

// writeList prints rows as aligned columns separated by two spaces: id, title, [tags], date.
// With cut, titles and tags are cut with "…" so that lines fit width; without, cells are
// whole. Empty columns are left out and lines carry no trailing spaces.
func writeList(w io.Writer, rows []row, width int, cut bool) {
	idW, titleMax, tagsMax, dateW := 0, 0, 0, 0
	for _, r := range rows {
		idW = max(idW, len(r.id))
		titleMax = max(titleMax, ansi.StringWidth(r.title))
		tagsMax = max(tagsMax, ansi.StringWidth(r.tags))
		dateW = max(dateW, len(r.date))
	}
	sep := func(w int) int {
		if w > 0 {
			return 2
		}
		return 0
	}
	titleW, tagsW := min(titleMax, pipedTitleWidth), min(tagsMax, pipedTagsWidth)
	if cut {
		avail := width - idW - 2 - sep(tagsMax) - sep(dateW) - dateW
		tagsW = min(tagsMax, max(12, avail/3))
		titleW = min(titleMax, avail-tagsW)
		tagsW = min(tagsMax, avail-titleW) // what the title leaves
		if titleW < min(titleMax, 12) {    // too narrow: overflow rather than cut to nothing
			titleW = min(titleMax, 12)
			tagsW = min(tagsMax, 8)
		}
		tagsW = max(tagsW, 0)
	}
	var b strings.Builder
	for _, r := range rows {
		b.Reset()
		b.WriteString(r.id)
		b.WriteString("  ")
		cell(&b, r.title, titleW, cut)
		if tagsMax > 0 {
			b.WriteString("  ")
			cell(&b, r.tags, tagsW, cut)
		}
		if dateW > 0 {
			b.WriteString("  ")
			b.WriteString(r.date)
		}
		line := strings.TrimRight(b.String(), " ")
		io.WriteString(w, line+"\n")
	}
}

// cell writes s padded to width columns, cut with "…" first when cut is set.
func cell(b *strings.Builder, s string, width int, cut bool) {
	sw := ansi.StringWidth(s)
	if cut && sw > width {
		s = ansi.Truncate(s, width, "…")
		sw = ansi.StringWidth(s)
	}
	b.WriteString(s)
	if sw < width {
		b.WriteString(strings.Repeat(" ", width-sw))
	}
}

// storyJSON is one story in list --json.
type storyJSON struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Tags    []string `json:"tags"`
	Date    *string  `json:"date"` // YYYY-MM-DD, null when unknown
	Source  string   `json:"source"`
	Origin  string   `json:"origin,omitempty"`
	Summary string   `json:"summary,omitempty"`
	Words   int      `json:"words"`
	Read    bool     `json:"read"`
	Saved   bool     `json:"saved"`
}

func writeJSON(w io.Writer, ix *index.Index, docs []uint32, m marks) error {
	list := make([]storyJSON, len(docs))
	for i, doc := range docs {
		s := ix.Story(doc)
		j := storyJSON{
			ID: s.ID, Title: s.Title, Tags: s.Tags, Source: s.Source, Origin: s.Origin,
			Summary: s.Summary, Words: s.Words,
			Read:  m.read != nil && m.read.Contains(doc),
			Saved: m.saved != nil && m.saved.Contains(doc),
		}
		if j.Tags == nil {
			j.Tags = []string{}
		}
		if !s.Date.IsZero() {
			d := s.Date.Format("2006-01-02")
			j.Date = &d
		}
		list[i] = j
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(list)
}
