package synth

import (
	"fmt"

	"ansinh"
)

// Identifier serials are drawn without repetition by an affine bijection of
// a counter, k → (k·mult + offset) mod space, with mult prime to space: the
// numbers look scattered, never repeat, and need no memory of the ones
// already given.

const (
	personSerialSpace = 1_000_000      // six digits of the personal ID
	personSerialMult  = 387_433        // prime to 10⁶
	taxSerialSpace    = 2_000_000      // seven digits, "0xxxxxx" or "1xxxxxx"
	taxSerialMult     = 1_234_567      // prime to 2·10⁶
	legacySerialSpace = 100_000_000    // eight digits after the province
	legacySerialMult  = 48_271_009     // prime to 10⁸
	minBirthYear      = 1900           // birth years of the ID counters
	birthYears        = 200            // 1900..2099
	personIDLen       = 12             // digits of a personal ID
	taxCodeLen        = 10             // digits of a tax code
	legacyCodeLen     = 10             // digits of a legacy social insurance number
	maxTaxAttempts    = taxSerialSpace // guard against an exhausted prefix
)

// idMaker hands out unique personal IDs, tax codes and legacy numbers.
type idMaker struct {
	seed        int64
	provIndex   map[string]int // birth-province code (3 digits) → index
	provCodes   []string
	personNext  []int32 // per (province, sex, birth year): next counter
	taxPrefix   map[string]int
	taxNext     []int
	taxOffset   []int
	legacyNext  int
	legacyShift int
}

func newIDMaker(seed int64) *idMaker {
	return &idMaker{seed: seed, provIndex: map[string]int{}, taxPrefix: map[string]int{},
		legacyShift: int(splitmix(uint64(seed)^0x1e9acc) % legacySerialSpace)}
}

// personID returns a new personal ID for a person born in province prov
// (three digits, a valid province-of-birth code) in year with sex.
func (m *idMaker) personID(prov string, year int, sex string) (string, error) {
	pi, ok := m.provIndex[prov]
	if !ok {
		if !ansinh.IsBirthProvinceCode(prov) {
			return "", fmt.Errorf("synth: %q is not a province-of-birth code", prov)
		}
		pi = len(m.provCodes)
		m.provIndex[prov] = pi
		m.provCodes = append(m.provCodes, prov)
		m.personNext = append(m.personNext, make([]int32, 2*birthYears)...)
	}
	if year < minBirthYear || year >= minBirthYear+birthYears {
		return "", fmt.Errorf("synth: birth year %d out of range", year)
	}
	slot := pi*2*birthYears + (year - minBirthYear)
	if sex == "female" {
		slot += birthYears
	}
	k := int(m.personNext[slot])
	if k >= personSerialSpace {
		return "", fmt.Errorf("synth: personal ID serials exhausted for %s/%d/%s", prov, year, sex)
	}
	m.personNext[slot]++
	off := int(splitmix(uint64(m.seed)^uint64(slot)*0x9e37) % personSerialSpace)
	serial := (k*personSerialMult + off) % personSerialSpace
	var b [personIDLen]byte
	copy(b[:], ansinh.PersonIDPrefix(prov, year, sex))
	putDigits(b[6:], serial)
	return string(b[:]), nil
}

// taxCode returns a new valid tax code starting with the two-digit prefix.
func (m *idMaker) taxCode(prefix string) (string, error) {
	ti, ok := m.taxPrefix[prefix]
	if !ok {
		ti = len(m.taxNext)
		m.taxPrefix[prefix] = ti
		m.taxNext = append(m.taxNext, 0)
		m.taxOffset = append(m.taxOffset, int(splitmix(uint64(m.seed)^0x7a5c0de^uint64(ti+1)<<20)%taxSerialSpace))
	}
	var b [taxCodeLen]byte
	copy(b[:2], prefix)
	for attempt := 0; attempt < maxTaxAttempts; attempt++ {
		k := m.taxNext[ti]
		if k >= taxSerialSpace {
			break
		}
		m.taxNext[ti]++
		serial := (k*taxSerialMult + m.taxOffset[ti]) % taxSerialSpace
		if serial == 0 {
			continue
		}
		putDigits(b[2:9], serial)
		d, ok := ansinh.TaxCheckDigit(string(b[:9]))
		if !ok {
			continue // remainder 0: no digit makes a valid code
		}
		b[9] = d
		return string(b[:]), nil
	}
	return "", fmt.Errorf("synth: tax codes exhausted for prefix %s", prefix)
}

// legacyCode returns a new 10-digit legacy social insurance number whose
// first two digits are the (old) province that issued it.
func (m *idMaker) legacyCode(prov2 string) string {
	k := m.legacyNext
	m.legacyNext++
	serial := (k*legacySerialMult + m.legacyShift) % legacySerialSpace
	var b [legacyCodeLen]byte
	copy(b[:2], prov2)
	putDigits(b[2:], serial)
	return string(b[:])
}

// putDigits writes n right-aligned into b with leading zeros.
func putDigits(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}
