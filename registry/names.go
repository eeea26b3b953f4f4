package registry

import (
	"ansinh"
	"bytes"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Clean returns s as the registry keeps text: NFC-normalised, without
// leading or trailing spaces, and with runs of spaces collapsed to one.
func Clean(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// toneMarks are the five Vietnamese tone marks as combining characters:
// grave (huyền), acute (sắc), hook above (hỏi), tilde (ngã), dot below
// (nặng).
var toneMarks = map[rune]bool{'\u0300': true, '\u0301': true, '\u0309': true, '\u0303': true, '\u0323': true}

// nameForm returns a name in a form where two spellings of the same name
// are equal: cleaned, lower case, and with each word's tone mark moved to the
// end of the word, so that the old and new tone-mark placements ("Hoà",
// "Hòa") agree while the vowels and tones still count ("Nguyễn" is not
// "Nguyên").
func nameForm(s string) string {
	words := strings.Fields(norm.NFD.String(strings.ToLower(s)))
	for i, w := range words {
		var base, tones []rune
		for _, r := range w {
			if toneMarks[r] {
				tones = append(tones, r)
			} else {
				base = append(base, r)
			}
		}
		slices.Sort(tones)
		words[i] = norm.NFC.String(string(base)) + string(tones)
	}
	return strings.Join(words, " ")
}

// SameName reports whether two names are the same name: equal after
// normalisation (Unicode form, case, spaces and tone-mark placement).
func SameName(a, b string) bool { return nameForm(a) == nameForm(b) }

// FoldTable returns the letters a search key replaces, with their
// replacements (ansinh.SearchFoldTable). The database computes the key of a
// stored name with the same fold (see store/registrydb), so a key computed
// here and one computed there agree.
func FoldTable() [][2]string { return ansinh.SearchFoldTable() }

// SearchKey returns the key a name is searched by: its NFC form with every
// Vietnamese letter's diacritics removed (đ as d) and ASCII letters in lower
// case (ansinh.FoldSearch), so that "nguyen van an", "Nguyễn Văn An" typed
// in either Unicode form and either tone-mark placement have the same key.
// Spaces are collapsed.
func SearchKey(s string) string { return ansinh.FoldSearch(Clean(s)) }

// collators are not safe for concurrent use: one per call, from a pool.
var collators = sync.Pool{New: func() any { return collate.New(language.Vietnamese) }}

// Compare compares two texts in Vietnamese alphabetical order (a ă â b c d
// đ e ê …, tones after letters): negative when a sorts first.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// collationKeys returns the Vietnamese collation keys of n texts.
func collationKeys(n int, text func(int) string) [][]byte {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	var buf collate.Buffer
	keys := make([][]byte, n)
	for i := range keys {
		keys[i] = bytes.Clone(c.KeyFromString(&buf, text(i)))
		buf.Reset()
	}
	return keys
}

// SortStrings sorts texts in Vietnamese order.
func SortStrings(s []string) { slices.SortStableFunc(s, Compare) }
