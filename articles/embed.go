// Package articles holds the stories built into the newsread binary. It only embeds files:
// parsing belongs to the story package, loading to the library package.
package articles

import "embed"

// FS holds every story file of this folder: plain-text stories (.txt) and markdown (.md).
//
//go:embed *.txt *.md
var FS embed.FS
