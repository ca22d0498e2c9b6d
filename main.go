// Command newsread is a terminal news reader. Package cli holds the command line and package
// ui the interactive reader; this file only wires them together.
package main

import (
	"os"

	"newsread/cli"
	"newsread/ui"
)

func main() {
	cli.Interactive = func(o cli.InteractiveOptions) error {
		return ui.Run(ui.Options{
			Library:   o.Library,
			Tags:      o.Tags,
			Query:     o.Query,
			Style:     o.Style,
			Width:     o.Width,
			NoColor:   os.Getenv("NO_COLOR") != "",
			NoState:   o.NoState,
			StatePath: o.StatePath,
			CacheDir:  o.CacheDir,
		})
	}
	os.Exit(cli.Execute())
}
