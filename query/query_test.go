package query

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"newsread/terms"
)

// parseTests: query → canonical String, Debug (structure; "" to skip) and Problems.
var parseTests = []struct {
	in, want, debug string
	problems        []string
}{
	// blank
	{"", "", "()", nil},
	{"  \t\n ", "", "()", nil},

	// words: folded with package terms
	{"putin", "putin", "putin", nil},
	{"Putin", "putin", "putin", nil},
	{"Zürich", "zurich", "zurich", nil},
	{"ZÜRICH", "zurich", "zurich", nil},
	{"Петербург", "петербург", "петербург", nil},
	{"東京", "東京", "東京", nil},
	{"デンキ", "デンキ", "デンキ", nil},
	{"ﾃﾞﾝｷ か\u309a", "デンキ か\u309a", "(AND デンキ か\u309a)", nil}, // voicing kept: composed, or where no character is both, after its kana
	{"e\u0301te\u0301", "ete", "ete", nil},
	{"2024", "2024", "2024", nil},
	{"or", "or", "or", nil}, // lower-case: a word
	{"Or", "or", "or", nil},
	{"ORx", "orx", "orx", nil},
	{"and AND", "and and", "(AND and and)", nil},
	{"putin!", "putin", "putin", nil},
	{"\u00a0putin\u2003", "putin", "putin", nil}, // unicode spaces separate
	// a bare word that folds to several terms is a phrase
	{"CIA’s", `"cia s"`, `"cia s"`, nil},
	{"a-b", `"a b"`, `"a b"`, nil},
	{"st.petersburg", `"st petersburg"`, "", nil},
	{"foo:bar", `"foo bar"`, "", nil},
	{"c#", "c", "c", nil},
	{"a#b", `"a b"`, "", nil},

	// phrases
	{`"exact phrase"`, `"exact phrase"`, `"exact phrase"`, nil},
	{`"Vladimir  PUTIN"`, `"vladimir putin"`, "", nil},
	{`"CIA’s help"`, `"cia s help"`, "", nil},
	{`"putin"`, `"putin"`, `"putin"`, nil},                    // one quoted word: matched whole
	{`"putin`, "putin", "putin", []string{probUnclosedQuote}}, // …but a prefix while the quote is open
	{`"a OR b -c #d (e)"`, `"a or b c d e"`, "", nil},
	{`"в Петербурге"`, `"в петербурге"`, "", nil},
	{`foo"bar baz"`, `foo "bar baz"`, `(AND foo "bar baz")`, nil},
	{`"a b""c d"`, `"a b" "c d"`, "", nil},

	// tags: raw names
	{"#cia", "#cia", "#cia", nil},
	{"#CIA", "#CIA", "#CIA", nil},
	{"tag:cia", "#cia", "#cia", nil},
	{"TAG:cia", "#cia", "#cia", nil},
	{"Tag:Zürich", "#Zürich", "", nil},
	{`#"st petersburg"`, `#"st petersburg"`, "", nil},
	{`tag:"st petersburg"`, `#"st petersburg"`, "", nil},
	{`#" st petersburg "`, `#"st petersburg"`, "", nil},
	{`#"a,b"`, `#"a,b"`, "", nil},
	{`#"(x)"`, `#"(x)"`, "", nil},
	{"#st.petersburg", "#st.petersburg", "", nil},
	{"#cia,#fsb", "#cia,#fsb", "#cia,#fsb", nil},
	{"#cia,fsb", "#cia,#fsb", "#cia,#fsb", nil},
	{"tag:cia,fsb", "#cia,#fsb", "#cia,#fsb", nil},
	{"tag:cia,tag:fsb", "#cia,#fsb", "", nil},
	{"#cia, #fsb", "#cia,#fsb", "", nil},
	{`#cia,"st petersburg",#fsb`, `#cia,#"st petersburg",#fsb`, "", nil},
	{"##x", "##x", "", nil},
	{"#a,##x", "#a,##x", "", nil},
	{"#tag:x", "#tag:x", "", nil},
	{"#a,#tag:x", "#a,#tag:x", "", nil},
	{"#-x", "#-x", "", nil},
	{"#OR", "#OR", "", nil},
	{"#cia(x)", "#cia x", "(AND #cia x)", nil},
	{`#cia"x y"`, `#cia "x y"`, "", nil},
	{"#Петербург", "#Петербург", "", nil},
	{"#cia OR #fsb", "#cia OR #fsb", "(OR #cia #fsb)", nil},

	// is:
	{"is:unread", "is:unread", "is:unread", nil},
	{"is:saved", "is:saved", "is:saved", nil},
	{"is:read", "is:read", "is:read", nil},
	{"IS:Unread", "is:unread", "is:unread", nil},
	{"is:read!", "is:read", "is:read", nil},
	{"-is:read", "-is:read", "(NOT is:read)", nil},

	// NOT
	{"-putin", "-putin", "(NOT putin)", nil},
	{"-#sport", "-#sport", "(NOT #sport)", nil},
	{"-tag:sport", "-#sport", "(NOT #sport)", nil},
	{`-"a phrase"`, `-"a phrase"`, `(NOT "a phrase")`, nil},
	{"-(a OR b)", "-(a OR b)", "(NOT (OR a b))", nil},
	{"-(a b)", "-(a b)", "(NOT (AND a b))", nil},
	{"--putin", "putin", "putin", nil},
	{"---putin", "-putin", "(NOT putin)", nil},
	{"-(-putin)", "putin", "putin", nil},
	{"a -(-(b c))", "a b c", "(AND a b c)", nil},
	{"-CIA’s", `-"cia s"`, "", nil},
	{"a-b -c", `"a b" -c`, `(AND "a b" (NOT c))`, nil},
	{"-5", "-5", "(NOT 5)", nil},

	// AND, OR, precedence, grouping
	{"putin trump", "putin trump", "(AND putin trump)", nil},
	{"a OR b", "a OR b", "(OR a b)", nil},
	{"a | b", "a OR b", "(OR a b)", nil},
	{"a|b", "a OR b", "(OR a b)", nil},
	{"a || b", "a OR b", "(OR a b)", nil},
	{"a or b", "a or b", "(AND a or b)", nil},
	{"a OR b OR c", "a OR b OR c", "(OR a b c)", nil},
	{"a b OR c", "a b OR c", "(AND a (OR b c))", nil}, // OR binds the terms beside it, as in web search
	{"a OR b c", "a OR b c", "(AND (OR a b) c)", nil},
	{"a b OR c d", "a b OR c d", "(AND a (OR b c) d)", nil},
	{"a (b OR c)", "a b OR c", "(AND a (OR b c))", nil},
	{"(a OR b) c", "a OR b c", "(AND (OR a b) c)", nil},
	{"(a b) OR c", "(a b) OR c", "(OR (AND a b) c)", nil},
	{"-a OR b", "-a OR b", "(OR (NOT a) b)", nil},
	{"-a b", "-a b", "(AND (NOT a) b)", nil},
	{"a OR -b c", "a OR -b c", "(AND (OR a (NOT b)) c)", nil},
	{"(a)", "a", "a", nil},
	{"((a))", "a", "a", nil},
	{"(a b) c", "a b c", "(AND a b c)", nil},
	{"a (b (c d))", "a b c d", "(AND a b c d)", nil},
	{"a OR (b OR c)", "a OR b OR c", "(OR a b c)", nil},
	{"(a OR b) OR (c OR d)", "a OR b OR c OR d", "(OR a b c d)", nil},
	{"(a b) OR (c d)", "(a b) OR (c d)", "(OR (AND a b) (AND c d))", nil},
	{"a OR(b)", "a OR b", "(OR a b)", nil},
	{"putin (#cia OR #fsb) -sport", "putin #cia OR #fsb -sport", "(AND putin (OR #cia #fsb) (NOT sport))", nil},
	{"putin #cia OR #fsb -sport", "putin #cia OR #fsb -sport", "(AND putin (OR #cia #fsb) (NOT sport))", nil},
	{"putin #cia,#fsb -#sport is:unread", "putin #cia,#fsb -#sport is:unread", "(AND putin #cia,#fsb (NOT #sport) is:unread)", nil},
	{`Zürich OR "санкт петербург" 東京`, `zurich OR "санкт петербург" 東京`, `(AND (OR zurich "санкт петербург") 東京)`, nil},
	{"((a OR b) (c OR d)) OR e", "(a OR b c OR d) OR e", "(OR (AND (OR a b) (OR c d)) e)", nil},
	{"a OR b c OR d OR e", "a OR b c OR d OR e", "(AND (OR a b) (OR c d e))", nil},
	{"-(a OR b) -(c d)", "-(a OR b) -(c d)", "(AND (NOT (OR a b)) (NOT (AND c d)))", nil},

	// malformed: every one gives a tree (or nothing) and a problem
	{`"unclosed phrase`, `"unclosed phrase*"`, "", []string{probUnclosedQuote}}, // still being typed: its last word a prefix
	{`"the par*"`, `"the par*"`, "", nil},
	{`"the par * "`, `"the par*"`, "", nil},
	{`"par*"`, "par", "", nil},
	{`"東京*"`, `"東 京*"`, "", nil},
	{`putin "vladimir`, `putin vladimir`, "", []string{probUnclosedQuote}},
	{`(a "b c)`, `a "b c*"`, "(AND a \"b c*\")", []string{probUnclosedQuote, probUnclosedParen}},
	{`"`, "", "()", []string{probUnclosedQuote, probEmptyQuotes}},
	{`""`, "", "()", []string{probEmptyQuotes}},
	{`a "" b`, "a b", "", []string{probEmptyQuotes}},
	{`"!!"`, "", "", []string{probEmptyQuotes}},
	{"-", "", "()", []string{probLoneMinus}},
	{"a - b", "a b", "(AND a b)", []string{probLoneMinus}},
	{"a -", "a", "a", []string{probLoneMinus}},
	{"-- a", "a", "a", []string{probLoneMinus}},
	{"(a -)", "a", "a", []string{probLoneMinus}},
	{"a -|b", "a OR b", "(OR a b)", []string{probLoneMinus}},
	{"a -OR b", "a OR b", "(OR a b)", []string{probLoneMinus}},
	{")", "", "()", []string{probStrayParen}},
	{"a) b", "a b", "(AND a b)", []string{probStrayParen}},
	{"(a)) OR b", "a OR b", "(OR a b)", []string{probStrayParen}},
	{"(", "", "()", []string{probUnclosedParen}},
	{"(a OR b", "a OR b", "(OR a b)", []string{probUnclosedParen}},
	{"c (a OR b", "c a OR b", "(AND c (OR a b))", []string{probUnclosedParen}},
	{"((a", "a", "a", []string{probUnclosedParen}},
	{"()", "", "()", []string{probEmptyParens}},
	{"a ( ) b", "a b", "(AND a b)", []string{probEmptyParens}},
	{"-()", "", "()", []string{probEmptyParens}},
	{"OR", "", "()", []string{probOrAtStart}},
	{"OR a", "a", "a", []string{probOrAtStart}},
	{"| a", "a", "a", []string{probOrAtStart}},
	{"a OR", "a", "a", []string{probOrAtEnd}},
	{"a |", "a", "a", []string{probOrAtEnd}},
	{"a b OR", "a b", "(AND a b)", []string{probOrAtEnd}},
	{"(OR a) b", "a b", "(AND a b)", []string{probOrAtStart}},
	{"(a OR) b", "a b", "(AND a b)", []string{probOrAtEnd}},
	{"a OR OR b", "a OR b", "(OR a b)", []string{probOrOr}},
	{"a OR | b", "a OR b", "(OR a b)", []string{probOrOr}},
	{"OR OR", "", "()", []string{probOrAtStart}},
	{"#", "", "()", []string{probLoneHash}},
	{"a # b", "a b", "(AND a b)", []string{probLoneHash}},
	{"-#", "", "()", []string{probLoneHash}},
	{`#""`, "", "()", []string{probLoneHash}},
	{`#"  "`, "", "()", []string{probLoneHash}},
	{`#"st petersburg`, `#"st petersburg"`, "", []string{probUnclosedQuote}},
	{"tag:", "tag", "tag", []string{probEmptyTagColon}},
	{"putin tag:", "putin tag", "(AND putin tag)", []string{probEmptyTagColon}},
	{`tag:""`, "tag", "tag", []string{probEmptyTagColon}},
	{"tag: cia", "tag cia", "(AND tag cia)", []string{probEmptyTagColon}},
	{"#cia,", "#cia", "#cia", []string{probEmptyTagComma}},
	{"#cia, ", "#cia", "#cia", []string{probEmptyTagComma}},
	{"#cia,,#fsb", "#cia,#fsb", "#cia,#fsb", []string{probEmptyTagComma}},
	{"(#cia,)", "#cia", "#cia", []string{probEmptyTagComma}},
	{"#,", "", "()", []string{probEmptyTagComma, probLoneHash}},
	{"is:xyz", `"is xyz"`, `"is xyz"`, []string{`unknown "is:xyz": read as words`}},
	{"is:unread,saved", `"is unread saved"`, "", []string{`unknown "is:unread,saved": read as words`}},
	{"-is:Zürich", `-"is zurich"`, "", []string{`unknown "is:Zürich": read as words`}},
	{"is:", "is", "is", []string{probEmptyIs}},
	{`is:"read"`, `is "read"`, `(AND is "read")`, []string{probEmptyIs}},
	{"!!!", "", "()", []string{`"!!!" has no letters or digits: ignored`}},
	{"putin !!! trump", "putin trump", "", []string{`"!!!" has no letters or digits: ignored`}},
	{"-!!! a", "a", "a", []string{`"!!!" has no letters or digits: ignored`}},
	{"!!! OR a", "a", "a", []string{`"!!!" has no letters or digits: ignored`, probOrAtStart}},
	// a term that comes to nothing is as if it were not there, on either side of an OR
	{"a # OR b", "a OR b", "(OR a b)", []string{probLoneHash}},
	{"a OR # b", "a OR b", "(OR a b)", []string{probLoneHash}},
	{"a OR () b", "a OR b", "(OR a b)", []string{probEmptyParens}},
	{`a "" OR b c`, "a OR b c", "(AND (OR a b) c)", []string{probEmptyQuotes}},
	{"- OR a", "a", "a", []string{probLoneMinus, probOrAtStart}},
	{"🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", "", "", []string{`"🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂…" has no letters or digits: ignored`}},
	{"\xff", "", "", []string{"\"\uFFFD\" has no letters or digits: ignored"}},
	// a tag name without letters or digits can match no tag (tags are known by those)
	{"#🙂", "", "()", []string{`"#🙂" has no letters or digits: ignored`}},
	{"#🙂,cia", "#cia", "#cia", []string{`"#🙂" has no letters or digits: ignored`}},
	{`putin #"!!"`, "putin", "putin", []string{`"#!!" has no letters or digits: ignored`}},
	{"#🙂 OR #cia", "#cia", "#cia", []string{`"#🙂" has no letters or digits: ignored`, probOrAtStart}},
	// several at once; each problem is noted once
	{`OR (a -  "b`, `a b`, "", []string{probOrAtStart, probLoneMinus, probUnclosedQuote, probUnclosedParen}},
	{") ) a", "a", "a", []string{probStrayParen}},
	{"-(a OR", "-a", "(NOT a)", []string{probOrAtEnd, probUnclosedParen}},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		q := Parse(tt.in)
		if got := q.Root.String(); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if tt.debug != "" {
			if got := q.Root.Debug(); got != tt.debug {
				t.Errorf("Parse(%q).Debug() = %s, want %s", tt.in, got, tt.debug)
			}
		}
		if !reflect.DeepEqual(q.Problems, tt.problems) {
			t.Errorf("Parse(%q).Problems = %q, want %q", tt.in, q.Problems, tt.problems)
		}
		if err := check(q.Root); err != "" {
			t.Errorf("Parse(%q): %s", tt.in, err)
		}
		if q.Root != nil {
			again := Parse(tt.want)
			if got := again.Root.String(); got != tt.want || len(again.Problems) > 0 {
				t.Errorf("Parse(%q) = %s %q, not canonical", tt.want, got, again.Problems)
			}
		}
	}
}

// TestTree checks the tree itself, not only its String.
func TestTree(t *testing.T) {
	got := Parse(`Putin #cia,"st petersburg" -"CIA’s help" is:saved`).Root
	want := &Node{Kind: And, Kids: []*Node{
		{Kind: Word, Word: "putin"},
		{Kind: Tag, Tags: []string{"cia", "st petersburg"}},
		{Kind: Not, Kids: []*Node{{Kind: Phrase, Words: []string{"cia", "s", "help"}}}},
		{Kind: Is, Word: "saved"},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %s, want %s", got.Debug(), want.Debug())
	}
}

func TestHighlights(t *testing.T) {
	tests := []struct {
		in   string
		want []string // "=word": marked only whole; "a b": a phrase
	}{
		{"", nil},
		{"#cia is:unread -putin", nil},
		{"Putin", []string{"putin"}},
		{`Zürich "Vladimir Putin" putin`, []string{"zurich", "=vladimir putin", "putin"}},
		{`"party"`, []string{"=party"}},
		{`"party" party`, []string{"party"}},
		{`"the party" the`, []string{"=the party", "the"}},
		{`"the par`, []string{"the par"}}, // its last word a prefix
		{"a OR (b -c) -(d OR e)", []string{"a", "b"}},
		{"--a -(-b)", []string{"a", "b"}},
		{"CIA’s", []string{"=cia s"}},
		{"-CIA’s x", []string{"x"}},
		{"東京 OR Петербург", []string{"=東 京", "петербург"}},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range Parse(tt.in).Highlights() {
			if h.Whole {
				got = append(got, "="+strings.Join(h.Words, " "))
			} else {
				got = append(got, strings.Join(h.Words, " "))
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q).Highlights() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKindString(t *testing.T) {
	if Word.String() != "Word" || Not.String() != "Not" || Kind(42).String() != "Kind(42)" {
		t.Error(Word, Not, Kind(42))
	}
}

// check returns what is wrong with a tree from Parse, or "".
func check(n *Node) string {
	if n == nil {
		return ""
	}
	switch n.Kind {
	case Word:
		if ws := terms.List(n.Word); len(ws) != 1 || ws[0] != n.Word {
			return "Word not one folded term: " + n.Debug()
		}
	case Phrase:
		if len(n.Words) == 0 {
			return "empty Phrase: " + n.Debug()
		}
		for _, w := range n.Words {
			if ws := terms.List(w); len(ws) != 1 || ws[0] != w {
				return "Phrase word not one folded term: " + n.Debug()
			}
		}
	case Tag:
		if len(n.Tags) == 0 {
			return "Tag without names"
		}
		for _, name := range n.Tags {
			if name == "" || strings.TrimSpace(name) != name || strings.Contains(name, `"`) {
				return "bad tag name: " + n.Debug()
			}
		}
	case Is:
		if n.Word != "unread" && n.Word != "saved" && n.Word != "read" {
			return "bad Is: " + n.Word
		}
	case And, Or:
		if len(n.Kids) < 2 {
			return "short " + n.Kind.String() + ": " + n.Debug()
		}
		for _, k := range n.Kids {
			if k == nil || k.Kind == n.Kind {
				return "unflattened " + n.Debug()
			}
			if err := check(k); err != "" {
				return err
			}
		}
	case Not:
		if len(n.Kids) != 1 || n.Kids[0] == nil || n.Kids[0].Kind == Not {
			return "bad Not: " + n.Debug()
		}
		return check(n.Kids[0])
	default:
		return "bad kind " + n.Kind.String()
	}
	return ""
}

func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	f.Add("ͺ҉") // a letter that folds to a mark, then an enclosing mark: once a term of a mark alone
	f.Fuzz(func(t *testing.T, s string) {
		q := Parse(s)
		if err := check(q.Root); err != "" {
			t.Fatalf("Parse(%q): %s", s, err)
		}
		for _, p := range q.Problems {
			if p == "" {
				t.Fatalf("Parse(%q): empty problem", s)
			}
		}
		canon := q.Root.String()
		again := Parse(canon)
		if got := again.Root.String(); got != canon {
			t.Fatalf("Parse(%q) = %s, which re-parses as %s", s, canon, got)
		}
		if len(again.Problems) > 0 {
			t.Fatalf("Parse(%q) = %s, which has problems %q", s, canon, again.Problems)
		}
		if !reflect.DeepEqual(again.Root, q.Root) {
			t.Fatalf("Parse(%q) = %s, which re-parses as another tree %s", s, q.Root.Debug(), again.Root.Debug())
		}
		q.Highlights()
	})
}

func depth(n *Node) int {
	d := 0
	if n != nil {
		for _, k := range n.Kids {
			d = max(d, depth(k))
		}
		d++
	}
	return d
}

// TestDeep: nesting is bounded, so that no query recurses without end or goes quadratic.
func TestDeep(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("(a ", 5000),
		strings.Repeat("(", 5000) + "a" + strings.Repeat(")", 5000),
		strings.Repeat("-(a OR ", 5000) + "b" + strings.Repeat(")", 5000),
		strings.Repeat("(a OR (b ", 5000),
	} {
		q := Parse(s)
		if d := depth(q.Root); d > 2*maxDepth+2 {
			t.Errorf("Parse(%.20q…): depth %d", s, d)
		}
		if !slices.Contains(q.Problems, probDeepParens) {
			t.Errorf("Parse(%.20q…).Problems = %q", s, q.Problems)
		}
		canon := q.Root.String()
		if again := Parse(canon); again.Root.String() != canon || len(again.Problems) > 0 {
			t.Errorf("Parse(%.20q…) = %.40s…: not canonical", s, canon)
		}
	}
	// Just deep enough is fine.
	s := strings.Repeat("-(a OR ", maxDepth) + "b" + strings.Repeat(")", maxDepth)
	if q := Parse(s); len(q.Problems) > 0 || q.Root.String() != s {
		t.Errorf("Parse(%.20q…) = %.40s… %q", s, q.Root, q.Problems)
	}
	// A group too deep is read as if it were not there; its ")" too.
	s = strings.Repeat("(", maxDepth) + "(a OR b) c" + strings.Repeat(")", maxDepth)
	if got := Parse(s).Root.String(); got != "a OR b c" {
		t.Errorf("Parse(%.20q…) = %s", s, got)
	}
}

func TestManyProblems(t *testing.T) {
	q := Parse(`! !! !!! !!!! !!!!! !!!!!! !!!!!!! !!!!!!!! !!!!!!!!! ) "x`)
	if len(q.Problems) != maxProblems {
		t.Errorf("%d problems: %q", len(q.Problems), q.Problems)
	}
	if q.Root.String() != "x" {
		t.Errorf("got %s", q.Root)
	}
}

func TestWalkVisitsEveryNode(t *testing.T) {
	var kinds []string
	Parse(`putin (#cia OR "a b") -is:read`).Root.Walk(func(n *Node) { kinds = append(kinds, n.Kind.String()) })
	if got := strings.Join(kinds, " "); got != "And Word Or Tag Phrase Not Is" {
		t.Errorf("Walk visited %s", got)
	}
	(*Node)(nil).Walk(func(*Node) { t.Error("Walk of nil called fn") })
}

// TestNext: a quote still open after a space says which words the next key's phrase begins with.
func TestNext(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{`"the `, []string{"the"}},
		{`putin "The United  `, []string{"the", "united"}},
		{`"the`, nil},     // the word still being typed
		{`"the g`, nil},   // its next word begun
		{`"the "`, nil},   // closed
		{`"the " x`, nil}, // closed, then more
		{`" `, nil},       // no word yet
		{`-"東京 `, []string{"東", "京"}},
	} {
		if got := Parse(tt.in).Next; !slices.Equal(got, tt.want) {
			t.Errorf("Parse(%q).Next = %q, want %q", tt.in, got, tt.want)
		}
	}
}
