package rules

import (
	"math"
	"math/bits"
	"strconv"
	"strings"

	"ansinh"
)

// Micro is an exact decimal number counted in millionths: a rate of 14% is
// Micro(140000), a coefficient of 5.81 is Micro(5810000). Rates, shares and
// coefficients are Micro so that no float ever enters a money path.
type Micro int64

// One is the Micro value 1 (100%).
const One Micro = 1_000_000

// ParseMicro reads an exact decimal ("0.14", "5.81", "2") or a percentage
// ("14%", "0.03%"), with at most six decimals once read as a fraction. It
// never goes through a float.
func ParseMicro(s string) (Micro, error) {
	s = strings.TrimSpace(s)
	scale := 6 // digits kept after the point: millionths
	if rest, ok := strings.CutSuffix(s, "%"); ok {
		s, scale = strings.TrimSpace(rest), 4 // x% is x × 10⁴ millionths
	}
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || dot && frac == "" || !digits(whole) || !digits(frac) || len(frac) > scale || len(whole) > 12 {
		return 0, errMalformedNumber
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac+strings.Repeat("0", scale-len(frac)), 10, 64)
	v := w*pow10(scale) + f
	if neg {
		v = -v
	}
	return Micro(v), nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// String writes the exact decimal, without trailing zeros: "0.14", "5.81", "2".
func (m Micro) String() string { return decimal(int64(m), 6) }

// Percent writes the value as a percentage without the sign: "14", "0.03",
// "56.5".
func (m Micro) Percent() string { return decimal(int64(m), 4) }

// MarshalJSON writes the exact decimal as a JSON number.
func (m Micro) MarshalJSON() ([]byte, error) { return []byte(m.String()), nil }

// Of returns amount × m rounded half-up to the đồng.
func (m Micro) Of(amount int64) int64 { return mulDivRound(amount, int64(m), int64(One)) }

// decimal writes v / 10^places exactly, trimming trailing zeros.
func decimal(v int64, places int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	p := pow10(places)
	s := strconv.FormatInt(v/p, 10)
	if f := v % p; f != 0 {
		fs := strconv.FormatInt(f, 10)
		fs = strings.Repeat("0", places-len(fs)) + fs
		s += "." + strings.TrimRight(fs, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// mulDivRound returns a × b / den rounded half-up (ansinh.RoundHalfUp), for
// den > 0. The product is formed in 128 bits, so no input can overflow it; a
// quotient beyond int64 saturates at ±math.MaxInt64.
func mulDivRound(a, b, den int64) int64 {
	neg := (a < 0) != (b < 0)
	ua, ub := absU(a), absU(b)
	hi, lo := bits.Mul64(ua, ub)
	var q uint64
	if hi == 0 && lo <= uint64(math.MaxInt64-den/2) {
		q = uint64(ansinh.RoundHalfUp(int64(lo), den))
	} else if hi >= uint64(den) {
		q = math.MaxInt64
	} else {
		var r uint64
		q, r = bits.Div64(hi, lo, uint64(den))
		q += uint64(ansinh.RoundHalfUp(int64(r), den)) // r < den: 0 or 1
		q = min(q, math.MaxInt64)
	}
	if neg {
		return -int64(q)
	}
	return int64(q)
}

func absU(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}
