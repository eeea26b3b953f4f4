package ansinh

import (
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"
)

// foldBases are the Vietnamese vowels and the letter d, each with the ASCII
// letter the search fold turns it (and its tones) into.
var foldBases = []struct{ base, to string }{
	{"a", "a"}, {"ă", "a"}, {"â", "a"}, {"e", "e"}, {"ê", "e"}, {"i", "i"},
	{"o", "o"}, {"ô", "o"}, {"ơ", "o"}, {"u", "u"}, {"ư", "u"}, {"y", "y"},
}

var (
	foldOnce  sync.Once
	foldTable [][2]string
	foldMap   map[rune]rune
)

// SearchFoldTable returns the letters FoldSearch replaces, in a fixed
// order, with their replacements: every Vietnamese vowel with a diacritic in
// lower and upper case (precomposed, NFC), and đ, Đ (134 letters).
func SearchFoldTable() [][2]string {
	foldOnce.Do(buildFold)
	return foldTable
}

func buildFold() {
	tones := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	for _, upper := range []bool{false, true} {
		for _, b := range foldBases {
			for _, tone := range tones {
				base := b.base
				if upper {
					base = strings.ToUpper(base)
				}
				from := norm.NFC.String(base + tone)
				if from != b.to && from != strings.ToUpper(b.to) { // plain ASCII is lower-cased, not replaced
					foldTable = append(foldTable, [2]string{from, b.to})
				}
			}
		}
		d := "đ"
		if upper {
			d = "Đ"
		}
		foldTable = append(foldTable, [2]string{d, "d"})
	}
	foldMap = map[rune]rune{}
	for _, f := range foldTable {
		foldMap[[]rune(f[0])[0]] = rune(f[1][0])
	}
}

// FoldSearch returns s as names are searched: every Vietnamese letter with a
// diacritic (precomposed) replaced by its base letter, đ by d, and ASCII
// letters in lower case; every other character unchanged. The databases
// compute the same fold of stored names (SQLite through a function of the
// store, PostgreSQL with translate), so the two agree.
func FoldSearch(s string) string {
	foldOnce.Do(buildFold)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if to, ok := foldMap[r]; ok {
			r = to
		} else if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
