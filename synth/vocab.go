package synth

import (
	"math"
	"math/rand/v2"
	"sync"
)

// common holds real English words, roughly most frequent first, so generated text reads like
// prose. They take the top Zipf ranks.
var common = []string{
	"the", "of", "and", "to", "a", "in", "that", "is", "for", "on",
	"it", "was", "with", "said", "as", "he", "by", "at", "be", "his",
	"from", "are", "have", "has", "an", "this", "not", "but", "they", "were",
	"had", "which", "or", "been", "their", "will", "who", "its", "one", "more",
	"after", "new", "also", "would", "people", "there", "two", "about", "year", "she",
	"can", "her", "all", "when", "up", "than", "out", "last", "first", "government",
	"we", "over", "what", "into", "years", "time", "president", "other", "some", "could",
	"so", "them", "police", "city", "state", "officials", "minister", "country", "week", "told",
	"according", "percent", "million", "report", "may", "just", "only", "no", "if", "three",
	"because", "most", "during", "before", "world", "while", "since", "being", "where", "made",
	"against", "under", "do", "our", "between", "like", "day", "back", "public", "news",
	"national", "company", "group", "market", "former", "security", "law", "court", "party", "service",
	"information", "head", "members", "local", "month", "including", "many", "those", "still", "now",
	"how", "did", "should", "any", "such", "well", "both", "several", "next", "already",
	"part", "support", "made", "plan", "prices", "power", "health", "school", "war", "election",
	"foreign", "press", "agency", "official", "attack", "case", "sources", "economy", "oil", "bank",
	"region", "capital", "workers", "children", "women", "money", "policy", "system", "rights", "forces",
	"statement", "meeting", "decision", "data", "energy", "water", "military", "program", "office", "investigation",
	"agreement", "growth", "crisis", "border", "talks", "leader", "vote", "council", "team", "season",
	"record", "deal", "costs", "rate", "billion", "since", "early", "late", "high", "low",
	"big", "small", "major", "long", "few", "each", "every", "another", "around", "through",
	"without", "until", "across", "among", "however", "although", "whether", "announced", "reported", "expected",
	"called", "asked", "added", "noted", "wrote", "began", "continued", "found", "took", "gave",
}

// foreign holds the non-ASCII words mixed into bodies (accented Latin, Cyrillic, CJK).
var foreign = []string{
	"café", "naïve", "Zürich", "São", "Müller", "Łódź", "façade", "jalapeño", "Gödel", "Dvořák",
	"Kraków", "Ærø", "señor", "résumé", "déjà", "Malmö", "Škoda", "Besançon", "Reykjavík", "Curaçao",
	"Ålesund", "Göteborg", "Über", "crème", "Citroën", "Nuñez", "München", "Düsseldorf", "İstanbul", "Țara",
	"Москва", "Петербург", "новости", "правительство", "президент", "выборы", "экономика", "Кремль", "город", "сообщил",
	"министр", "Украина", "война", "рубль", "Дума", "Казань", "заявил", "безопасность", "Новосибирск", "суд",
	"東京", "北京", "新聞", "政府", "経済", "中国", "日本", "大阪", "上海", "選挙",
	"首相", "会議", "市場", "香港", "台北", "天気", "地震", "報告", "대한민국", "서울",
}

// syllable parts for the synthetic words.
var (
	onsets = []string{"", "b", "br", "c", "ch", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "kr",
		"l", "m", "n", "p", "pl", "pr", "qu", "r", "s", "sh", "sk", "st", "t", "th", "tr", "v", "w", "z"}
	nuclei = []string{"a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "ee", "y"}
	codas  = []string{"", "", "", "n", "r", "s", "l", "m", "nd", "st", "t", "x", "ck", "ng", "rt"}
)

// vocabSize is the number of ranked words (common + synthetic); the foreign words come on top.
const vocabSize = 4000

// vocab is the ranked word list with its Zipf cumulative distribution.
type vocab struct {
	words []string
	cdf   []float64 // cdf[i] = P(rank <= i); cdf[len-1] == 1
	guide []uint16  // guide[k] = least i with cdf[i] >= k/len(guide): where to start a search
}

const guideSize = 1 << 14

var theVocab = sync.OnceValue(buildVocab)

// buildVocab makes the vocabulary from a fixed seed: it never depends on Options, so the same
// word has the same rank in every library.
func buildVocab() *vocab {
	v := &vocab{}
	seen := make(map[string]bool, vocabSize)
	for _, w := range common {
		if !seen[w] {
			seen[w] = true
			v.words = append(v.words, w)
		}
	}
	for _, w := range foreign { // never generate a synthetic twin of a foreign word
		seen[w] = true
	}
	r := rand.New(rand.NewPCG(0x5eed, 0x70c4b))
	var b []byte
	for len(v.words) < vocabSize {
		b = b[:0]
		n := 1 + r.IntN(3)
		if r.IntN(5) == 0 {
			n++
		}
		for k := 0; k < n; k++ {
			b = append(b, onsets[r.IntN(len(onsets))]...)
			b = append(b, nuclei[r.IntN(len(nuclei))]...)
			if k == n-1 || r.IntN(3) == 0 {
				b = append(b, codas[r.IntN(len(codas))]...)
			}
		}
		if len(b) < 2 {
			continue
		}
		if r.IntN(12) == 0 { // a proper noun: always written capitalised
			b[0] -= 'a' - 'A'
		}
		w := string(b)
		if seen[w] {
			continue
		}
		seen[w] = true
		v.words = append(v.words, w)
	}
	// Zipf–Mandelbrot weights 1/(rank+q)^s.
	const s, q = 1.0, 2.7
	v.cdf = make([]float64, len(v.words))
	sum := 0.0
	for i := range v.words {
		sum += 1 / math.Pow(float64(i)+q, s)
		v.cdf[i] = sum
	}
	for i := range v.cdf {
		v.cdf[i] /= sum
	}
	v.cdf[len(v.cdf)-1] = 1
	v.guide = make([]uint16, guideSize)
	i := 0
	for k := range v.guide {
		for v.cdf[i] < float64(k)/guideSize {
			i++
		}
		v.guide[k] = uint16(i)
	}
	return v
}

// rank turns u in [0, 1) into a Zipf-distributed rank, at least min.
func (v *vocab) rank(u float64, min int) int {
	if min > 0 {
		lo := v.cdf[min-1]
		u = lo + u*(1-lo)
	}
	i := int(v.guide[int(u*guideSize)])
	for v.cdf[i] < u {
		i++
	}
	return max(i, min)
}

// tagSpelling is one way of writing a tag; canonical groups spellings that fold to the same key
// (case, accents, punctuation), so a library has a "most common spelling" to find.
type tagSpelling struct {
	text      string
	canonical int
}

// tagGroups lists the tag names, most frequent first; the first spelling of a group is the
// usual one, the others are rarer variants. Tags never contain a comma or a newline.
var tagGroups = [][]string{
	{"Politics"},
	{"Economy"},
	{"St. Petersburg", "st petersburg", "St Petersburg"},
	{"CIA", "cia"},
	{"Putin"},
	{"Trump"},
	{"Technology"},
	{"Zürich", "Zurich", "ZÜRICH"},
	{"Москва", "москва"},
	{"東京"},
	{"New York", "new york", "New-York"},
	{"COVID-19", "Covid-19", "covid 19"},
	{"Sport"},
	{"Health"},
	{"Science & Tech"},
	{"Europe"},
	{"Middle East"},
	{"Ukraine"},
	{"China"},
	{"Elections 2024"},
	{"Wall Street"},
	{"Oil & Gas"},
	{"Film & TV"},
	{"São Paulo", "Sao Paulo"},
	{"Climate change", "Climate Change"},
	{"Crime"},
	{"Education"},
	{"Culture"},
	{"Space"},
	{"Weather"},
	{"Kyiv"},
	{"Brexit"},
	{"NATO"},
	{"Op-Ed"},
	{"Q&A"},
}

var tagTable = sync.OnceValue(func() []tagSpelling {
	var t []tagSpelling
	for g, group := range tagGroups {
		for _, s := range group {
			t = append(t, tagSpelling{s, g})
		}
	}
	if len(t) > 64 {
		panic("synth: more than 64 tag spellings")
	}
	return t
})

// tagIndex returns the index in tagTable of spelling v of group g.
func tagIndex(g, v int) int {
	i := 0
	for k := 0; k < g; k++ {
		i += len(tagGroups[k])
	}
	return i + v
}
