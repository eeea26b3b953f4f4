package projection

import (
	"strconv"
	"strings"
)

// PercentText shows a fraction as a percentage with two decimals and a
// decimal comma: 0.2345 → "23,45%".
func PercentText(f float64) string {
	return strings.Replace(strconv.FormatFloat(f*100, 'f', 2, 64), ".", ",", 1) + "%"
}

// RatioText shows a ratio with three decimals and a decimal comma.
func RatioText(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', 3, 64), ".", ",", 1)
}
