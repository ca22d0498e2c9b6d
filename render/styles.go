package render

import (
	"reflect"
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

// Mono is glamour's dark style without a colour: bold, italic, underlines and the layout
// kept, for NO_COLOR on a terminal (glamour's notty style shows *emphasis* and **strong** as
// their markers). Code blocks are not highlighted.
const Mono = "mono"

var styleConfigs = sync.OnceValue(func() map[string]ansi.StyleConfig {
	configs := make(map[string]ansi.StyleConfig, len(styles.DefaultStyles)+1)
	mono := *styles.DefaultStyles["dark"]
	uncolour(reflect.ValueOf(&mono).Elem())
	mono.CodeBlock.Chroma, mono.CodeBlock.Theme = nil, ""
	// Inline code is padded with a space each side to sit in its background colour; with no
	// colour it is marked as written instead.
	mono.Code.Prefix, mono.Code.Suffix = "`", "`"
	configs[Mono] = mono
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

// uncolour clears every Color and BackgroundColor field (a *string) of the style struct v,
// at any depth, and leaves every other field as it is.
func uncolour(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() && v.Elem().Kind() == reflect.Struct {
			c := reflect.New(v.Elem().Type()) // a copy: the pointer may be shared with the style copied from
			c.Elem().Set(v.Elem())
			uncolour(c.Elem())
			v.Set(c)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			f, name := v.Field(i), t.Field(i).Name
			if (name == "Color" || name == "BackgroundColor") && f.Type() == reflect.TypeFor[*string]() {
				f.SetZero()
				continue
			}
			if f.CanSet() {
				uncolour(f)
			}
		}
	}
}

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
