package compliance

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizeName reduces a Vietnamese name to a form in which the spellings
// that partners' systems produce compare equal: decomposed (NFD) with every
// combining mark removed, so that tone marks placed on a different vowel
// ("hoà" and "hòa") or left out ("Hoa") no longer differ; đ and Đ become d;
// letters lower-cased; punctuation other than letters and digits turned into
// spaces; runs of spaces collapsed and trimmed.
//
// "Công ty TNHH  Điện tử Hòa Bình" and "CONG TY TNHH DIEN TU HOA BINH" both
// give "cong ty tnhh dien tu hoa binh".
func NormalizeName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // at the start: drop leading spaces
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// legalForms are the words of a company's legal form, left out when two
// names are compared (a partner may write "Công ty TNHH X" where the
// registry has "X").
var legalForms = map[string]bool{
	"cong": true, "ty": true, "tnhh": true, "co": true, "phan": true, "cp": true,
	"mtv": true, "mot": true, "thanh": true, "vien": true, "trach": true, "nhiem": true,
	"huu": true, "han": true, "hop": true, "tac": true, "xa": true, "htx": true,
	"doanh": true, "nghiep": true, "tu": true, "nhan": true, "dntn": true, "chi": true,
	"nhanh": true, "ltd": true, "jsc": true, "company": true, "limited": true,
}

// nameKey returns the words of a normalised name without the legal form, for
// comparing employers' names.
func nameKey(s string) string {
	words := strings.Fields(NormalizeName(s))
	out := words[:0]
	for _, w := range words {
		if !legalForms[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
