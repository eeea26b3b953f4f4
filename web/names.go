package web

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleCase writes each word with a capital first letter and the rest in
// small letters, the way the registry spells names: "nguyễn văn" →
// "Nguyễn Văn". Spaces are collapsed.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
	}
	return strings.Join(words, " ")
}

// capitalFirst capitalises the first letter only: "công ty" → "Công ty".
func capitalFirst(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// digitsOnly returns s without spaces, dots and hyphens when what is left is
// all digits, and "" otherwise.
func digitsOnly(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c == ' ' || c == '.' || c == '-':
		default:
			return ""
		}
	}
	return b.String()
}
