package query

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsread/terms"
)

// The Problems Parse notes. Texts quoted from the query are cut to a few characters.
const (
	probUnclosedQuote = `unclosed quote: read to the end`
	probEmptyQuotes   = `quotes without words ignored`
	probLoneMinus     = `lone "-" ignored`
	probStrayParen    = `stray ")" ignored`
	probUnclosedParen = `unclosed "(": closed at the end`
	probDeepParens    = `"(" nested too deep: inner ones ignored`
	probEmptyParens   = `empty "()" ignored`
	probOrAtStart     = `"OR" at the start ignored`
	probOrAtEnd       = `"OR" at the end ignored`
	probOrOr          = `"OR OR": extra "OR" ignored`
	probLoneHash      = `"#" without a tag name ignored`
	probEmptyTagColon = `"tag:" without a name: read as the word "tag"`
	probEmptyTagComma = `empty tag name after "," ignored`
	probEmptyIs       = `"is:" needs unread, saved or read: read as a word`
	probUnknownIs     = `unknown %s: read as words`            // %s: the quoted is:xyz
	probNoWord        = `%s has no letters or digits: ignored` // %s: the quoted text
)

// Parse parses a query. It never fails: a malformed query is read as literally as possible
// and its problems are noted in Problems. A blank query has a nil Root.
//
// The grammar, spaces (unicode.IsSpace) separating tokens:
//
//	query   = [ and ] .
//	and     = or { or } .
//	or      = unary { ( "OR" | "|" { "|" } ) unary } .  (OR in upper case only)
//	unary   = { "-" } primary .                         (no space after the "-")
//	primary = "(" and ")" | phrase | tags | is | word .
//	phrase  = `"` { any but `"` } `"` .
//	tags    = ( "#" | "tag:" ) name { "," { space } [ "#" | "tag:" ] name } .
//	name    = phrase | bare name: up to a space ( ) " | or "," .
//	is      = "is:" ( "unread" | "saved" | "read" ) .
//	word    = bare word: up to a space ( ) " or |, but not "OR" .
//
// OR binds closer than the space between terms, as in web search: "putin #cia OR #fsb" is
// putin and either tag. "tag:" and "is:" are matched in any case. Words, phrases and the is: value are split and
// folded with terms.List; tag names are kept as typed, spaces trimmed. Groups nest at most
// maxDepth deep.
func Parse(s string) Query {
	p := &parser{src: s}
	root := p.parseAnd(false)
	return Query{Root: root, Problems: p.problems, Next: p.next}
}

type tokKind uint8

const (
	tEOF    tokKind = iota
	tTerm           // a word, phrase, tag or is: — node, nil if it came to nothing
	tOr             // OR, |
	tNot            // -
	tLParen         // (
	tRParen         // )
)

type token struct {
	kind tokKind
	node *Node
}

// maxDepth bounds the nesting of groups, and so the depth of the tree, so that no query can
// make the parser (or whoever walks the tree) recurse too deep or go quadratic.
const maxDepth = 100

// maxProblems bounds the Problems of one query: a prompt hint has no room for more.
const maxProblems = 8

type parser struct {
	src      string
	toks     []token
	pos      int // next byte of src to lex
	i        int // next token
	problems []string
	next     []string // Query.Next
	depth    int      // groups open
	skipped  int      // "(" ignored as too deep, whose ")" are to be ignored too
}

func (p *parser) problem(msg string) {
	if len(p.problems) == maxProblems || slices.Contains(p.problems, msg) {
		return
	}
	p.problems = append(p.problems, msg)
}

func (p *parser) emit(k tokKind, n *Node) { p.toks = append(p.toks, token{k, n}) }

// lex reads tokens from p.src until it has one more than those read, or reaches the end.
// Lexing as the parser goes keeps the Problems in the order of the text.
func (p *parser) lex() {
	s, i := p.src, p.pos
	defer func() { p.pos = i }()
	for n := len(p.toks); len(p.toks) == n && i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '(':
			p.emit(tLParen, nil)
			i++
		case r == ')':
			p.emit(tRParen, nil)
			i++
		case r == '|':
			for i < len(s) && s[i] == '|' {
				i++
			}
			p.emit(tOr, nil)
		case r == '"':
			var text string
			var closed bool
			text, i, closed = p.quoted(i)
			p.emit(tTerm, p.words(text, true, closed))
			if !closed && strings.TrimRightFunc(text, unicode.IsSpace) != text { // an open quote runs to the end
				p.next = terms.List(text)
			}
		case r == '-':
			j := i
			for j < len(s) && s[j] == '-' {
				j++
			}
			if j == len(s) || endsOperand(s[j:]) {
				p.problem(probLoneMinus)
			} else {
				for ; i < j; i++ {
					p.emit(tNot, nil)
				}
			}
			i = j
		case r == '#':
			i = p.lexTags(i + 1)
		case hasPrefixASCIIFold(s[i:], "tag:"):
			i = p.lexTags(i + len("tag:"))
		case hasPrefixASCIIFold(s[i:], "is:"):
			j := i + len("is:")
			j += bareLen(s[j:], isDelim)
			p.emit(tTerm, p.is(s[i:j]))
			i = j
		default:
			j := i + bareLen(s[i:], isDelim)
			if s[i:j] == "OR" {
				p.emit(tOr, nil)
			} else {
				p.emit(tTerm, p.words(s[i:j], false, false))
			}
			i = j
		}
	}
}

// endsOperand reports whether s starts with something a "-" cannot apply to.
func endsOperand(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == ')' || r == '|' || unicode.IsSpace(r)
}

// bareLen returns the length of the unquoted text at the start of s, up to a delimiter.
func bareLen(s string, delim func(rune) bool) int {
	for i, r := range s {
		if delim(r) {
			return i
		}
	}
	return len(s)
}

// hasPrefixASCIIFold reports whether s starts with the lower-case ASCII prefix, in any case.
func hasPrefixASCIIFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// quoted reads the quoted text starting at the quote s[i], to the closing quote or the end;
// closed tells which.
func (p *parser) quoted(i int) (text string, next int, closed bool) {
	s := p.src
	j := strings.IndexByte(s[i+1:], '"')
	if j < 0 {
		p.problem(probUnclosedQuote)
		return s[i+1:], len(s), false
	}
	return s[i+1 : i+1+j], i + 1 + j + 1, true
}

// words turns text into a Word, a Phrase of its terms, or nil if it has none. Quoted text
// with one term is a Phrase too (the word matched whole) once its quote is closed. While the
// quote is open, or when the text ends in "*", its last word is a prefix: a phrase still
// being typed finds what it will.
func (p *parser) words(text string, quoted, closed bool) *Node {
	ws := terms.List(text)
	prefix := quoted && (!closed || strings.HasSuffix(strings.TrimRightFunc(text, unicode.IsSpace), "*"))
	switch len(ws) {
	case 0:
		if quoted {
			p.problem(probEmptyQuotes)
		} else {
			p.problem(fmt.Sprintf(probNoWord, quote(text)))
		}
		return nil
	case 1:
		if !closed || prefix {
			return &Node{Kind: Word, Word: ws[0]}
		}
	}
	return &Node{Kind: Phrase, Words: ws, Prefix: prefix}
}

// is reads "is:value", falling back to its words.
func (p *parser) is(raw string) *Node {
	ws := terms.List(raw[len("is:"):])
	if len(ws) == 1 {
		switch ws[0] {
		case "unread", "saved", "read":
			return &Node{Kind: Is, Word: ws[0]}
		}
	}
	if len(ws) == 0 {
		p.problem(probEmptyIs)
	} else {
		p.problem(fmt.Sprintf(probUnknownIs, quote(raw)))
	}
	return p.words(raw, false, false)
}

// lexTags reads a list of tag names starting at s[i], just after the "#" or "tag:" that
// opened it: name{,name} where each name is quoted or bare and may repeat "#" or "tag:".
func (p *parser) lexTags(i int) int {
	s := p.src
	hash := s[i-1] == '#'
	var names []string
	dropped := false // a name without letters or digits was left out (no tag has such a key)
	for n := 0; ; n++ {
		if n > 0 { // after a comma: spaces, then an optional "#" or "tag:"
			for i < len(s) {
				r, size := utf8.DecodeRuneInString(s[i:])
				if !unicode.IsSpace(r) {
					break
				}
				i += size
			}
			if i < len(s) && s[i] == '#' {
				i++
			} else if hasPrefixASCIIFold(s[i:], "tag:") {
				i += len("tag:")
			}
		}
		var name string
		if i < len(s) && s[i] == '"' {
			name, i, _ = p.quoted(i)
		} else {
			j := i + bareLen(s[i:], isTagDelim)
			name, i = s[i:j], j
		}
		if name = strings.TrimSpace(name); name != "" && terms.Concat(name) == "" {
			p.problem(fmt.Sprintf(probNoWord, quote("#"+name)))
			dropped = true
		} else if name != "" {
			names = append(names, name)
		} else if n > 0 {
			p.problem(probEmptyTagComma)
		}
		if i < len(s) && s[i] == ',' {
			i++
			continue
		}
		break
	}
	switch {
	case len(names) > 0:
		p.emit(tTerm, &Node{Kind: Tag, Tags: names})
	case dropped:
		p.emit(tTerm, nil)
	case hash:
		p.problem(probLoneHash)
		p.emit(tTerm, nil)
	default:
		p.problem(probEmptyTagColon)
		p.emit(tTerm, &Node{Kind: Word, Word: "tag"})
	}
	return i
}

// quote quotes text from the query for a problem, cut to a few characters.
func quote(text string) string {
	const max = 16
	if utf8.RuneCountInString(text) > max {
		cut := 0
		for n := 0; n < max; n++ {
			_, size := utf8.DecodeRuneInString(text[cut:])
			cut += size
		}
		text = text[:cut] + "…"
	}
	return `"` + strings.ToValidUTF8(text, "\uFFFD") + `"`
}

func (p *parser) peek() tokKind {
	if p.i == len(p.toks) {
		p.lex()
	}
	if p.i < len(p.toks) {
		return p.toks[p.i].kind
	}
	return tEOF
}

// parseAnd reads or{ or} up to the end, or up to a ")" if inGroup: the terms side by side
// are all required, and OR joins the terms beside it (as in web search: a b OR c is a and
// either b or c).
func (p *parser) parseAnd(inGroup bool) *Node {
	var all, alts []*Node // the terms read; the alternatives of the last one, an OR chain
	open := false         // alts holds a term
	wantAlt := false      // an OR was read after alts' last term
	for {
		switch p.peek() {
		case tEOF:
			goto done
		case tRParen:
			if p.skipped > 0 {
				p.skipped--
				p.i++
				continue
			}
			if inGroup {
				goto done
			}
			p.problem(probStrayParen)
			p.i++
		case tOr:
			p.i++
			switch {
			case wantAlt:
				p.problem(probOrOr)
			case !open:
				p.problem(probOrAtStart)
			default:
				wantAlt = true
			}
		default:
			// A term that comes to nothing (a lone "-", "()", "#", "!!!": each noted as a
			// problem) is as if it were not there: "a # OR b" and "a OR # b" are both a OR b.
			n := p.parseUnary()
			switch {
			case n == nil:
			case wantAlt:
				alts = append(alts, n)
				wantAlt = false
			default:
				if open {
					all = append(all, mkOr(alts))
				}
				alts, open = []*Node{n}, true
			}
		}
	}
done:
	if wantAlt {
		p.problem(probOrAtEnd)
	}
	if open {
		all = append(all, mkOr(alts))
	}
	return mkAnd(all)
}

// parseUnary reads {-} primary.
func (p *parser) parseUnary() *Node {
	nots := 0
	for p.peek() == tNot {
		nots++
		p.i++
	}
	switch p.peek() {
	case tEOF, tRParen, tOr:
		if nots > 0 {
			p.problem(probLoneMinus)
		}
		return nil
	}
	n := p.parsePrimary()
	if nots%2 == 1 {
		n = mkNot(n)
	}
	return n
}

// parsePrimary reads a term or a ( group ).
func (p *parser) parsePrimary() *Node {
	t := p.toks[p.i]
	p.i++
	if t.kind != tLParen {
		return t.node
	}
	if p.depth == maxDepth {
		p.problem(probDeepParens)
		p.skipped++
		return nil
	}
	start := p.i
	p.depth++
	n := p.parseAnd(true)
	p.depth--
	if p.i == start && p.peek() == tRParen {
		p.problem(probEmptyParens)
	}
	if p.peek() == tRParen {
		p.i++
	} else {
		p.problem(probUnclosedParen)
	}
	return n
}

func mkNot(n *Node) *Node {
	switch {
	case n == nil:
		return nil
	case n.Kind == Not:
		return n.Kids[0]
	}
	return &Node{Kind: Not, Kids: []*Node{n}}
}

func mkAnd(kids []*Node) *Node { return mkList(And, kids) }
func mkOr(kids []*Node) *Node  { return mkList(Or, kids) }

// mkList makes an And or Or of kids, dropping nils, flattening kids of the same kind and
// collapsing to the kid alone (or nil) when fewer than two remain.
func mkList(k Kind, kids []*Node) *Node {
	var out []*Node
	for _, n := range kids {
		switch {
		case n == nil:
		case n.Kind == k:
			out = append(out, n.Kids...)
		default:
			out = append(out, n)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return &Node{Kind: k, Kids: out}
}
