package ansinh

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Date is a civil day (no time of day, no zone), counted in days since
// 1899-12-31, so that day 1 is 1900-01-01, the first day ParseDate accepts.
// The zero value means "no date".
type Date int32

// unixOffset is the number of days from 1899-12-31 to 1970-01-01.
const unixOffset = 25568

// NewDate returns the day y-m-d; out-of-range parts are normalised the way
// time.Date normalises them.
func NewDate(y, m, d int) Date {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return Date(t.Unix()/86400 + unixOffset)
}

// DateOf returns the civil day of t in t's own location.
func DateOf(t time.Time) Date { return NewDate(t.Year(), int(t.Month()), t.Day()) }

// ParseDate reads "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	y, ok1 := atoiDigits(s[:4])
	m, ok2 := atoiDigits(s[5:7])
	d, ok3 := atoiDigits(s[8:])
	if !ok1 || !ok2 || !ok3 || y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	v := NewDate(y, m, d)
	if v.Day() != d {
		return 0, fmt.Errorf("date %q does not exist", s)
	}
	return v, nil
}

// MustParseDate is ParseDate for constants in code and tests; it panics on a
// malformed date.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return time.Unix((int64(d)-unixOffset)*86400, 0).UTC() }

// Year returns the calendar year.
func (d Date) Year() int { return d.Time().Year() }

// Month returns the month of the year, 1..12.
func (d Date) Month() int { return int(d.Time().Month()) }

// Day returns the day of the month.
func (d Date) Day() int { return d.Time().Day() }

// Period returns the month the day falls in.
func (d Date) Period() Period {
	t := d.Time()
	return NewPeriod(t.Year(), int(t.Month()))
}

// AddDays returns the day n days later.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// IsZero reports whether d is the zero value ("no date").
func (d Date) IsZero() bool { return d == 0 }

// String writes "YYYY-MM-DD", or "" for the zero date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	t := d.Time()
	y, m, day := t.Date()
	if y < 0 || y > 9999 {
		return t.Format("2006-01-02")
	}
	var b [10]byte
	putDigits(b[0:4], y)
	b[4] = '-'
	putDigits(b[5:7], int(m))
	b[7] = '-'
	putDigits(b[8:10], day)
	return string(b[:])
}

// Display writes the date the Vietnamese way, "dd/mm/yyyy".
func (d Date) Display() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format("02/01/2006")
}

// MarshalText writes "YYYY-MM-DD".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "YYYY-MM-DD".
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value stores a date as "YYYY-MM-DD"; the zero date is NULL.
func (d Date) Value() (driver.Value, error) {
	if d == 0 {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date stored as text (SQLite) or as a DATE (PostgreSQL).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = 0
		return nil
	case time.Time:
		*d = NewDate(v.Year(), int(v.Month()), v.Day())
		return nil
	case string:
		if len(v) > 10 {
			v = v[:10]
		}
		return d.UnmarshalText([]byte(v))
	case []byte:
		if len(v) > 10 {
			v = v[:10]
		}
		return d.UnmarshalText(v)
	}
	return fmt.Errorf("cannot scan %T into a Date", src)
}
