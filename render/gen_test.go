package render

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Generated documents for tests and benchmarks, built in memory (no fixtures).

var newsWords = strings.Fields(`the government said on tuesday that officials would review
the agreement after talks in the capital where protesters gathered outside parliament while
ministers met with representatives of the union and the central bank warned that inflation
could rise further this year as energy prices climbed and the opposition leader called for an
independent inquiry into the handling of the crisis by local authorities according to a
statement released late in the evening by the press service of the ministry of foreign affairs
analysts expect markets to remain volatile until the election in november`)

var names = []string{"Maria Ivanova", "John Carter", "Li Wei", "Ahmed Hassan", "Sofia Rossi"}

// sentence returns a sentence of n words, sometimes with emphasis, a link or inline code.
func sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		w := newsWords[r.IntN(len(newsWords))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		switch r.IntN(40) {
		case 0:
			fmt.Fprintf(&b, "*%s*", w)
		case 1:
			fmt.Fprintf(&b, "**%s**", w)
		case 2:
			fmt.Fprintf(&b, "[%s](https://example.com/news/%d)", w, r.IntN(100000))
		case 3:
			fmt.Fprintf(&b, "`%s`", w)
		default:
			b.WriteString(w)
		}
	}
	b.WriteByte('.')
	return b.String()
}

func paragraph(r *rand.Rand) string {
	n := 2 + r.IntN(4)
	s := make([]string, n)
	for i := range s {
		s[i] = sentence(r, 8+r.IntN(18))
	}
	if r.IntN(4) == 0 {
		s[0] = fmt.Sprintf("“%s”, said %s.", strings.TrimSuffix(s[0], "."), names[r.IntN(len(names))])
	}
	return strings.Join(s, " ")
}

// genStory returns a news story in markdown of about size bytes: a title, paragraphs, and now
// and then a subheading, a quote, a list; with code, also fenced code blocks (with blank lines
// inside) and indented code. seed makes it reproducible.
func genStory(seed uint64, size int, code bool) string {
	r := rand.New(rand.NewPCG(seed, 42))
	var b strings.Builder
	b.Grow(size + 2048)
	fmt.Fprintf(&b, "# %s\n\n", strings.TrimSuffix(sentence(r, 6), "."))
	for i := 1; b.Len() < size; i++ {
		switch {
		case i%9 == 0:
			fmt.Fprintf(&b, "## %s\n\n", strings.TrimSuffix(sentence(r, 4), "."))
		case i%13 == 0:
			fmt.Fprintf(&b, "> %s\n> %s\n\n", sentence(r, 12), sentence(r, 9))
		case i%17 == 0:
			for range 2 + r.IntN(3) {
				fmt.Fprintf(&b, "- %s\n", sentence(r, 5+r.IntN(8)))
			}
			b.WriteByte('\n')
		case code && i%11 == 0:
			fmt.Fprintf(&b, "```go\nfunc f%d() {\n\tx := %d\n\n\treturn x\n}\n\n// %s\n```\n\n", i, i, sentence(r, 5))
		case code && i%19 == 0:
			fmt.Fprintf(&b, "~~~\n```\nnot a fence end %d\n\n~~~\n\n    indented code %d\n\n    more code\n\n", i, i)
		default:
			b.WriteString(paragraph(r))
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// cjkStory returns paragraphs of Chinese and Japanese text, some mixed with Latin words.
func cjkStory() string {
	zh := "中华人民共和国国务院新闻办公室今天上午举行新闻发布会，介绍今年前三季度经济运行情况。国家统计局发言人表示，国民经济总体保持恢复向好态势。"
	ja := "日本政府は火曜日、首都で行われた協議の後、合意を見直すと発表した。議会の外には抗議者が集まり、中央銀行はインフレがさらに上昇する可能性があると警告した。"
	return "# 新闻 ニュース\n\n" + zh + zh + "\n\n" + ja + ja + "\n\n" +
		"Mixed 混合 text with English words and 中文字符 together: " + zh + " and more English afterwards.\n\n" +
		"- " + ja + "\n- " + zh + "\n\n> " + zh + ja + "\n"
}
