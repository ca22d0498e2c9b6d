package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"
)

func newTagsCmd(g *globals, failed *failure) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "tags [--json] [PATH...]",
		Short: "List tags with the number of stories carrying each, most used first",
		Long: `List tags with the number of stories carrying each, most used first (ties by name).
Spellings that differ only in case, accents or punctuation are one tag, shown in its most
common spelling. Each line is the count, right-aligned, two spaces and the tag.`,
		Example: `  newsread tags ~/news | head
  newsread tags --json | jq -r '.[] | select(.count > 1) | .tag'`,
		Args: cobra.ArbitraryArgs,
		RunE: failed.run(func(cmd *cobra.Command, paths []string) error {
			if err := g.checkWidth(cmd); err != nil {
				return err
			}
			l, err := load(cmd.Context(), cmd, g, paths)
			if err != nil {
				return err
			}
			tags := l.ix.Tags()
			out := bufio.NewWriter(cmd.OutOrStdout())
			if asJSON {
				type tagJSON struct {
					Tag   string `json:"tag"`
					Count int    `json:"count"`
				}
				list := make([]tagJSON, len(tags))
				for i, t := range tags {
					list[i] = tagJSON{t.Name, t.Count}
				}
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				err = enc.Encode(list)
			} else {
				w := 1
				if len(tags) > 0 {
					w = len(strconv.Itoa(tags[0].Count)) // the first is the most used
				}
				for _, t := range tags {
					fmt.Fprintf(out, "%*d  %s\n", w, t.Count, t.Name)
				}
			}
			if ferr := out.Flush(); err == nil {
				err = ferr
			}
			return err
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print a JSON array of {"tag", "count"} objects`)
	return cmd
}
