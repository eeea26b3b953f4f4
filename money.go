package ansinh

import (
	"strconv"
	"strings"
)

// Money is an amount in integer đồng. It is never a float.
type Money = int64

// RoundHalfUp returns num/den rounded to the nearest integer, halves away
// from zero. It is the one rounding rule of AnSinh (rules.md, "Rounding"):
// each fund's amount for each person and month, each interest amount and each
// support share goes through it. den must be positive.
func RoundHalfUp(num, den int64) int64 {
	if den <= 0 {
		panic("ansinh: RoundHalfUp with a non-positive denominator")
	}
	if num >= 0 {
		return (num + den/2) / den
	}
	return -((-num + den/2) / den)
}

// FormatMoney writes an amount the Vietnamese way: "1.234.567 đ".
func FormatMoney(m Money) string {
	return GroupDigits(m, '.') + " đ"
}

// GroupDigits writes n with sep between groups of three digits.
func GroupDigits(n int64, sep byte) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}
