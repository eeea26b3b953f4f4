package ansinh

import (
	"fmt"
	"testing"
)

// TestPeriodStringAndParse writes every month of years 1–9999 as
// "YYYY-MM", and reads back those of the years ParsePeriod accepts
// (1900–2200).
func TestPeriodStringAndParse(t *testing.T) {
	for p := NewPeriod(1, 1); p <= NewPeriod(9999, 12); p++ {
		want := fmt.Sprintf("%04d-%02d", p.Year(), p.Month())
		if got := p.String(); got != want {
			t.Fatalf("%d: String() = %q, want %q", p, got, want)
		}
		if p.Year() < 1900 || p.Year() > 2200 {
			continue
		}
		back, err := ParsePeriod(want)
		if err != nil || back != p {
			t.Fatalf("ParsePeriod(%q) = %d, %v; want %d", want, back, err, p)
		}
	}
	if got := Period(0).String(); got != "" {
		t.Fatalf("zero period = %q", got)
	}
}

// TestDateString writes every day of 1900–2200 as "YYYY-MM-DD", as the
// time package does.
func TestDateString(t *testing.T) {
	for d := NewDate(1900, 1, 1); d <= NewDate(2200, 12, 31); d++ {
		if got, want := d.String(), d.Time().Format("2006-01-02"); got != want {
			t.Fatalf("%d: String() = %q, want %q", d, got, want)
		}
	}
	if got := Date(0).String(); got != "" {
		t.Fatalf("zero date = %q", got)
	}
}
