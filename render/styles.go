package render

import (
	"strings"
	"sync"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/alecthomas/chroma/v2"
	chromastyles "github.com/alecthomas/chroma/v2/styles"
)

// Two things in glamour v2.0.1's code blocks make its output depend on the past, which a cache
// and tests comparing bytes cannot have, so the package renders with glamour's standard style
// configs (styles.DefaultStyles, what glamour.WithStandardStyle uses) changed in one field each,
// and its own chroma formatter:
//
//   - glamour registers the code colours of a style as a process-wide chroma theme named "charm",
//     once: the first style to render code wins, and a light-style code block rendered after a
//     dark one has the dark colours (and the registration races with concurrent renders). Here
//     each style gets its own theme, "newsread-<style>", built the same way and registered once
//     before any render.
//   - chroma's terminal256 formatter picks the nearest of 256 colours by ranging over a map: on a
//     tie (dark's comments, #676767, are as near 241 as 242) the colour changes from one render
//     to the next. Code is written in true colour ("terminal16m") instead, exact and stable, as
//     glamour writes the rest of some styles; Bubble Tea downsamples for the terminal.
const chromaFormatter = "terminal16m"

var styleConfigs = sync.OnceValue(func() map[string]ansi.StyleConfig {
	configs := make(map[string]ansi.StyleConfig, len(styles.DefaultStyles))
	for name, def := range styles.DefaultStyles {
		cfg := *def
		if c := cfg.CodeBlock.Chroma; c != nil {
			theme := "newsread-" + name
			chromastyles.Register(chroma.MustNewStyle(theme, chromaEntries(c)))
			cfg.CodeBlock.Theme = theme
			cfg.CodeBlock.Chroma = nil
		}
		configs[name] = cfg
	}
	return configs
})

// chromaEntries converts a glamour chroma config as glamour's CodeBlockElement does.
func chromaEntries(c *ansi.Chroma) chroma.StyleEntries {
	return chroma.StyleEntries{
		chroma.Text:                chromaEntry(c.Text),
		chroma.Error:               chromaEntry(c.Error),
		chroma.Comment:             chromaEntry(c.Comment),
		chroma.CommentPreproc:      chromaEntry(c.CommentPreproc),
		chroma.Keyword:             chromaEntry(c.Keyword),
		chroma.KeywordReserved:     chromaEntry(c.KeywordReserved),
		chroma.KeywordNamespace:    chromaEntry(c.KeywordNamespace),
		chroma.KeywordType:         chromaEntry(c.KeywordType),
		chroma.Operator:            chromaEntry(c.Operator),
		chroma.Punctuation:         chromaEntry(c.Punctuation),
		chroma.Name:                chromaEntry(c.Name),
		chroma.NameBuiltin:         chromaEntry(c.NameBuiltin),
		chroma.NameTag:             chromaEntry(c.NameTag),
		chroma.NameAttribute:       chromaEntry(c.NameAttribute),
		chroma.NameClass:           chromaEntry(c.NameClass),
		chroma.NameConstant:        chromaEntry(c.NameConstant),
		chroma.NameDecorator:       chromaEntry(c.NameDecorator),
		chroma.NameException:       chromaEntry(c.NameException),
		chroma.NameFunction:        chromaEntry(c.NameFunction),
		chroma.NameOther:           chromaEntry(c.NameOther),
		chroma.Literal:             chromaEntry(c.Literal),
		chroma.LiteralNumber:       chromaEntry(c.LiteralNumber),
		chroma.LiteralDate:         chromaEntry(c.LiteralDate),
		chroma.LiteralString:       chromaEntry(c.LiteralString),
		chroma.LiteralStringEscape: chromaEntry(c.LiteralStringEscape),
		chroma.GenericDeleted:      chromaEntry(c.GenericDeleted),
		chroma.GenericEmph:         chromaEntry(c.GenericEmph),
		chroma.GenericInserted:     chromaEntry(c.GenericInserted),
		chroma.GenericStrong:       chromaEntry(c.GenericStrong),
		chroma.GenericSubheading:   chromaEntry(c.GenericSubheading),
		chroma.Background:          chromaEntry(c.Background),
	}
}

func chromaEntry(p ansi.StylePrimitive) string {
	var parts []string
	if p.Color != nil {
		parts = append(parts, *p.Color)
	}
	if p.BackgroundColor != nil {
		parts = append(parts, "bg:"+*p.BackgroundColor)
	}
	if p.Italic != nil && *p.Italic {
		parts = append(parts, "italic")
	}
	if p.Bold != nil && *p.Bold {
		parts = append(parts, "bold")
	}
	if p.Underline != nil && *p.Underline {
		parts = append(parts, "underline")
	}
	return strings.Join(parts, " ")
}
