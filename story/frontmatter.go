package story

import (
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// decodeFrontMatter reads a front matter block into m. The shapes front matter nearly always
// has (top-level "key: value" lines whose values are plain or simply quoted scalars, or lists
// of them) are read directly, about 30 times faster than yaml takes (30 µs a file: 3 CPU-s
// for a library of 100,000 markdown stories); anything else goes to yaml, which then also
// words the error.
func decodeFrontMatter(fm string, m *frontMatter) error {
	if simpleFrontMatter(fm, m) {
		return nil
	}
	*m = frontMatter{}
	return yaml.Unmarshal([]byte(fm), m)
}

// simpleFrontMatter decodes fm into m as yaml would, and reports true, when every line of fm is
// blank, a comment, a top-level "key: value" or a list item ("  - value") after a key with no
// value, with keys of letters, digits, '_' and '-' given once each, and values that are plain
// scalars free of anything YAML reads specially (indicators, ": ", " #"), quoted scalars
// without escapes, or flow lists of those. It reports false, with m partly filled, for
// anything else. FuzzFrontMatter holds it to yaml.
func simpleFrontMatter(fm string, m *frontMatter) bool {
	if !yamlPrintable(fm) {
		return false
	}
	var keys []string    // every key so far: yaml refuses a repeated one
	var items *yaml.Node // where list items go now; nil: none may come here
	var ignored yaml.Node
	itemIndent := -1 // the indentation of the current list's items; -1 before the first
	for rest := fm; rest != ""; {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		body := strings.TrimLeft(line, " ")
		switch {
		case body == "" || body[0] == '#':
			continue
		case strings.HasPrefix(body, "- "):
			indent := len(line) - len(body)
			if items == nil || itemIndent >= 0 && indent != itemIndent {
				return false
			}
			itemIndent = indent
			v, ok := scalar(strings.Trim(body[2:], " "), false)
			if !ok || v.plain && v.text == "" {
				return false
			}
			items.Kind = yaml.SequenceNode
			items.Content = append(items.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: v.text})
			continue
		case len(body) != len(line):
			return false // indented: a continued scalar or a nested mapping
		}
		key, value, ok := keyValue(line)
		if !ok || slices.Contains(keys, key) {
			return false
		}
		keys = append(keys, key)
		field, node := m.field(key)
		if node == nil {
			node = &ignored
		}
		items, itemIndent = nil, -1
		switch {
		case value == "": // null, unless list items follow; a string field takes none
			*node = yaml.Node{Kind: yaml.ScalarNode}
			if field == nil {
				items = node
			}
		case value[0] == '[':
			list, ok := flowList(value)
			if !ok || field != nil { // yaml refuses a list for a string
				return false
			}
			*node = *list
		default:
			v, ok := scalar(value, false)
			if !ok {
				return false
			}
			*node = yaml.Node{Kind: yaml.ScalarNode, Value: v.text}
			if field != nil && !(v.plain && isNull(v.text)) {
				*field = v.text
			}
		}
	}
	return true
}

// field returns where key's value goes: a string field, the tags node, or neither (a key
// newsread does not read).
func (m *frontMatter) field(key string) (*string, *yaml.Node) {
	switch key {
	case "title":
		return &m.Title, nil
	case "date":
		return &m.Date, nil
	case "source":
		return &m.Source, nil
	case "summary":
		return &m.Summary, nil
	case "tags":
		return nil, &m.Tags
	}
	return nil, nil
}

// keyValue splits a top-level "key: value" line; the value has no spaces around it.
func keyValue(line string) (key, value string, ok bool) {
	i := 0
	for i < len(line) && (isKeyByte(line[i]) || i > 0 && line[i] == '-') {
		i++
	}
	if i == 0 || i > maxKeyBytes || i == len(line) || line[i] != ':' || i+1 < len(line) && line[i+1] != ' ' {
		return "", "", false
	}
	return line[:i], strings.Trim(line[i+1:], " "), true
}

// maxKeyBytes is the longest key read directly: yaml takes no key of 1024 bytes or more
// without a "?" before it.
const maxKeyBytes = 128

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// scalarValue is a scalar's text, and whether it was plain (unquoted).
type scalarValue struct {
	text  string
	plain bool
}

// scalar reads a value with no spaces around it as a quoted scalar without escapes or a plain
// scalar YAML reads as it is written; inFlow: inside a flow list.
func scalar(v string, inFlow bool) (scalarValue, bool) {
	if v == "" {
		return scalarValue{plain: true}, true
	}
	if q := v[0]; q == '"' || q == '\'' {
		if len(v) < 2 || v[len(v)-1] != q {
			return scalarValue{}, false
		}
		inner := v[1 : len(v)-1]
		if strings.IndexByte(inner, q) >= 0 || q == '"' && strings.IndexByte(inner, '\\') >= 0 {
			return scalarValue{}, false
		}
		return scalarValue{text: inner}, true
	}
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", v[0]) >= 0 || strings.Contains(v, ": ") ||
		strings.Contains(v, " #") || v[len(v)-1] == ':' || inFlow && strings.ContainsAny(v, ",[]{}:#?") {
		return scalarValue{}, false
	}
	return scalarValue{text: v, plain: true}, true
}

// flowList reads "[a, b, c]" whose items are scalars (see scalar).
func flowList(v string) (*yaml.Node, bool) {
	if len(v) < 2 || v[len(v)-1] != ']' {
		return nil, false
	}
	list := &yaml.Node{Kind: yaml.SequenceNode}
	inner := strings.Trim(v[1:len(v)-1], " ")
	if inner == "" {
		return list, true
	}
	for item := range strings.SplitSeq(inner, ",") {
		s, ok := scalar(strings.Trim(item, " "), true)
		if !ok || s.plain && s.text == "" {
			return nil, false
		}
		list.Content = append(list.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: s.text})
	}
	return list, true
}

// isNull reports a plain scalar that YAML reads as null, which leaves a string field empty.
func isNull(s string) bool {
	return s == "~" || s == "null" || s == "Null" || s == "NULL"
}

// yamlPrintable reports whether s holds only what YAML allows in a document besides line
// feeds, and no other line breaks: no tabs, no controls, no U+0085, U+2028, U+2029 or U+FEFF,
// and valid UTF-8.
func yamlPrintable(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0xa0 || r >= 0xd800 && r < 0xe000 || r == 0x2028 || r == 0x2029 || r == 0xfeff ||
			r == utf8.RuneError && size == 1 || r > 0xfffd && r < 0x10000 {
			return false
		}
		i += size
	}
	return true
}
