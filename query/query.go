// Package query owns the syntax of newsread's query language, the same in the "/" prompt and
// on the command line, and turns query text into a tree of Nodes. It does not evaluate the
// tree and knows nothing of stories, the index or the UI: the index package evaluates it.
//
// The language:
//
//	putin              stories with a word starting with "putin" (title, body or tags)
//	"exact phrase"     those words, consecutive; "word" that word whole, not as a prefix;
//	"exact phr*"       …the last one a prefix (so is it while the quote is still open)
//	東京               Chinese and Japanese: those characters, consecutive (each is a term)
//	#cia  tag:cia      the tag; #"st petersburg", tag:"st petersburg" for spaces
//	#cia,#fsb          any of those tags (also #cia,fsb and tag:cia,fsb)
//	is:unread          also is:saved, is:read
//	-term              excludes: -#sport, -putin, -"a phrase", -(a OR b)
//	a OR b             either (also a | b); "or" in lower case is a word
//	a b                both: terms side by side are all required
//	( ... )            grouping; NOT (-) binds tightest, then OR, then the AND of terms
//	                   side by side, as in web search: a b OR c is a and either b or c
//
// Words and phrases are split and folded with package terms, so that the index and the query
// agree on what a word is. Parsing never fails: a malformed query is read as literally as
// possible and each oddity is noted in Query.Problems for the prompt to hint at.
package query

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsread/terms"
)

// Kind is the kind of a Node.
type Kind uint8

// The kinds of Node.
const (
	Word   Kind = iota // Word: one folded term, matched as a prefix
	Phrase             // Words: folded terms, consecutive; a quoted word alone is matched whole
	Tag                // Tags: raw tag names, any of them
	Is                 // Word: "unread", "saved" or "read"
	And                // Kids: all of them
	Or                 // Kids: any of them
	Not                // Kids[0]: not it
)

var kindNames = [...]string{"Word", "Phrase", "Tag", "Is", "And", "Or", "Not"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Node is one node of a query tree. Trees from Parse are simplified: an And or Or has at
// least two kids and none of its own kind, and a Not's kid is never a Not.
type Node struct {
	Kind   Kind
	Word   string   // Word: one folded term (prefix);  Is: "unread" | "saved" | "read"
	Words  []string // Phrase: folded terms, consecutive, len ≥ 1
	Prefix bool     // Phrase: its last word is a prefix (len ≥ 2): "the par*", or a quote still open
	Tags   []string // Tag: raw tag names as typed, any of them (len ≥ 1)
	Kids   []*Node  // And, Or: len ≥ 2; Not: len 1
}

// Query is a parsed query.
type Query struct {
	Root     *Node    // nil: everything
	Problems []string // hints for the prompt; empty when the query is well formed
	Next     []string // the words of a quote still open after a space (`"the `): the next key likely begins the phrase's next word; nil otherwise
}

// Walk calls fn with n and every node below it, parents first; nil is no node.
func (n *Node) Walk(fn func(*Node)) {
	if n == nil {
		return
	}
	fn(n)
	for _, k := range n.Kids {
		k.Walk(fn)
	}
}

// A Highlight is what to mark where a search matched: a word, or the words of a phrase.
type Highlight struct {
	// Words is one folded word, marked in the words of a text whose folded form starts with
	// it (only those that are it, with Whole); or a phrase's words, marked where a text's
	// words are these, one after another (the last one only starting so, without Whole).
	Words []string
	Whole bool
}

// Highlights returns what to mark of the query's positive words and phrases (those not
// under a Not), each once, in the order they appear. A word searched both as a prefix and
// whole is a prefix.
func (q Query) Highlights() []Highlight {
	var out []Highlight
	at := map[string]int{} // the words, joined by a space → the index in out
	add := func(words []string, whole bool) {
		key := strings.Join(words, " ")
		if i, seen := at[key]; seen {
			out[i].Whole = out[i].Whole && whole
			return
		}
		at[key] = len(out)
		out = append(out, Highlight{words, whole})
	}
	var walk func(n *Node)
	walk = func(n *Node) {
		if n == nil {
			return
		}
		switch n.Kind {
		case Word:
			add([]string{n.Word}, false)
		case Phrase:
			add(n.Words, !n.Prefix)
		case And, Or:
			for _, k := range n.Kids {
				walk(k)
			}
		}
	}
	walk(q.Root)
	return out
}

// String returns n in the query language's own canonical syntax, e.g.
// putin #cia,#fsb OR fsb -sport. Parsing it gives the same tree back, without Problems.
// A nil Node (everything) is "".
func (n *Node) String() string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	n.write(&b)
	return b.String()
}

func (n *Node) write(b *strings.Builder) {
	switch n.Kind {
	case Word:
		b.WriteString(n.Word)
	case Phrase:
		if len(n.Words) > 1 && allStandAlone(n.Words) && !n.Prefix { // 東京: its characters, as it was typed
			b.WriteString(strings.Join(n.Words, ""))
			return
		}
		b.WriteByte('"')
		b.WriteString(strings.Join(n.Words, " "))
		if n.Prefix {
			b.WriteByte('*')
		}
		b.WriteByte('"')
	case Tag:
		for i, t := range n.Tags {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('#')
			if strings.IndexFunc(t, isTagDelim) >= 0 || t == "" {
				b.WriteByte('"')
				b.WriteString(t)
				b.WriteByte('"')
			} else {
				b.WriteString(t)
			}
		}
	case Is:
		b.WriteString("is:")
		b.WriteString(n.Word)
	case Not:
		b.WriteByte('-')
		if len(n.Kids) == 0 || n.Kids[0] == nil {
			b.WriteString("()")
			return
		}
		k := n.Kids[0]
		if k.Kind == And || k.Kind == Or {
			b.WriteByte('(')
			k.write(b)
			b.WriteByte(')')
		} else {
			k.write(b)
		}
	case And:
		for i, k := range n.Kids {
			if i > 0 {
				b.WriteByte(' ')
			}
			k.write(b)
		}
	case Or:
		for i, k := range n.Kids {
			if i > 0 {
				b.WriteString(" OR ")
			}
			if k.Kind == And {
				b.WriteByte('(')
				k.write(b)
				b.WriteByte(')')
			} else {
				k.write(b)
			}
		}
	}
}

// Debug returns n as an S-expression that spells the tree's structure out, e.g.
// (AND putin (OR #cia,#fsb fsb) (NOT sport)); leaves are written as String writes them.
func (n *Node) Debug() string {
	if n == nil {
		return "()"
	}
	switch n.Kind {
	case And, Or, Not:
		var b strings.Builder
		b.WriteByte('(')
		b.WriteString(strings.ToUpper(n.Kind.String()))
		for _, k := range n.Kids {
			b.WriteByte(' ')
			b.WriteString(k.Debug())
		}
		b.WriteByte(')')
		return b.String()
	}
	return n.String()
}

// allStandAlone reports whether every word is one character that is a term by itself
// (terms.StandsAlone), with its marks (で is て U+3099): written side by side unquoted, they
// read as this phrase again.
func allStandAlone(words []string) bool {
	for _, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		if !terms.StandsAlone(r) || strings.ContainsFunc(w[size:], func(m rune) bool { return !unicode.IsMark(m) }) {
			return false
		}
	}
	return true
}

// isTagDelim reports whether r ends an unquoted tag name.
func isTagDelim(r rune) bool {
	return r == ',' || isDelim(r)
}

// isDelim reports whether r ends an unquoted word.
func isDelim(r rune) bool {
	switch r {
	case '(', ')', '"', '|':
		return true
	}
	return unicode.IsSpace(r)
}
