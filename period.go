package ansinh

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Period is a calendar month, counted as year*12 + (month-1). The zero value
// is not a valid month of any data AnSinh holds; use IsZero to test for it.
type Period int32

// NewPeriod returns the period of year y and month m (1..12).
func NewPeriod(y, m int) Period { return Period(y*12 + m - 1) }

// ParsePeriod reads "YYYY-MM".
func ParsePeriod(s string) (Period, error) {
	if len(s) != 7 || s[4] != '-' {
		return 0, fmt.Errorf("month %q is not YYYY-MM", s)
	}
	y, ok1 := atoiDigits(s[:4])
	m, ok2 := atoiDigits(s[5:])
	if !ok1 || !ok2 || m < 1 || m > 12 || y < 1900 || y > 2200 {
		return 0, fmt.Errorf("month %q is not YYYY-MM", s)
	}
	return NewPeriod(y, m), nil
}

// MustParsePeriod is ParsePeriod for constants in code and tests; it panics on
// a malformed month.
func MustParsePeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

// Year returns the calendar year.
func (p Period) Year() int { return int(p) / 12 }

// Month returns the month of the year, 1..12.
func (p Period) Month() int { return int(p)%12 + 1 }

// IsZero reports whether p is the zero value.
func (p Period) IsZero() bool { return p == 0 }

// Add returns the period n months later (earlier for negative n).
func (p Period) Add(n int) Period { return p + Period(n) }

// First returns the first day of the month.
func (p Period) First() Date { return NewDate(p.Year(), p.Month(), 1) }

// Last returns the last day of the month.
func (p Period) Last() Date { return p.Add(1).First().AddDays(-1) }

// String writes "YYYY-MM".
func (p Period) String() string {
	if p == 0 {
		return ""
	}
	y := p.Year()
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%04d-%02d", y, p.Month())
	}
	// Written by hand: imports and closes write millions of months.
	var b [7]byte
	putDigits(b[0:4], y)
	b[4] = '-'
	putDigits(b[5:7], p.Month())
	return string(b[:])
}

// putDigits writes n (≥ 0) into b as len(b) decimal digits, zero-padded.
func putDigits(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}

// MarshalText writes "YYYY-MM".
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads "YYYY-MM".
func (p *Period) UnmarshalText(b []byte) error {
	v, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// Value stores a period as its "YYYY-MM" text; the zero period is NULL.
func (p Period) Value() (driver.Value, error) {
	if p == 0 {
		return nil, nil
	}
	return p.String(), nil
}

// Scan reads a period stored as text; NULL gives the zero period.
func (p *Period) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*p = 0
		return nil
	case string:
		return p.UnmarshalText([]byte(v))
	case []byte:
		return p.UnmarshalText(v)
	case time.Time:
		*p = NewPeriod(v.Year(), int(v.Month()))
		return nil
	}
	return fmt.Errorf("cannot scan %T into a Period", src)
}

func atoiDigits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}
