package rules

import (
	"math"
	"testing"
)

func TestParseMicro(t *testing.T) {
	tests := map[string]Micro{
		"14%": 140_000, "0.03%": 300, "0.5%": 5_000, "100%": 1_000_000, "0.1": 100_000, "5.81": 5_810_000,
		"2": 2_000_000, "0": 0, " 1.5 ": 1_500_000, "-0.25": -250_000, "0.000001": 1, "10.95%": 109_500,
	}
	for in, want := range tests {
		if got, err := ParseMicro(in); err != nil || got != want {
			t.Errorf("ParseMicro(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "%", ".5", "1.", "1e-1", "0.0000001", "0.00001%", "1,5", "x", "1.2.3", "9999999999999"} {
		if _, err := ParseMicro(bad); err == nil {
			t.Errorf("ParseMicro(%q) accepted", bad)
		}
	}
}

func TestMicroFormat(t *testing.T) {
	tests := []struct {
		m            Micro
		str, percent string
	}{
		{140_000, "0.14", "14"}, {300, "0.0003", "0.03"}, {565_000, "0.565", "56.5"}, {5_810_000, "5.81", "581"}, {0, "0", "0"}, {-250_000, "-0.25", "-25"},
	}
	for _, tt := range tests {
		if tt.m.String() != tt.str || tt.m.Percent() != tt.percent {
			t.Errorf("%d: %q %q, want %q %q", tt.m, tt.m.String(), tt.m.Percent(), tt.str, tt.percent)
		}
	}
}

func TestMulDivRound(t *testing.T) {
	tests := []struct{ a, b, den, want int64 }{
		{17_777_779, 80_000, 1_000_000, 1_422_222}, // 1,422,222.32
		{17_777_779, 10_000, 1_000_000, 177_778},   // 177,777.79
		{5_000, 300, 1_000_000, 2},                 // 1.5 → 2
		{-5_000, 300, 1_000_000, -2},               // halves away from zero
		{math.MaxInt64, 1_000_000, 1_000_000, math.MaxInt64},
		{math.MaxInt64 - 1, 2, 2, math.MaxInt64 - 1},
		{1e15, 300 * 365 * 36_524, 365_000_000, 10_957_200_000_000_000},
		{math.MaxInt64, math.MaxInt64, 1, math.MaxInt64}, // saturates
		{math.MaxInt64 - 10, 1, 1_000_000, 9_223_372_036_855},
	}
	for _, tt := range tests {
		if got := mulDivRound(tt.a, tt.b, tt.den); got != tt.want {
			t.Errorf("mulDivRound(%d, %d, %d) = %d, want %d", tt.a, tt.b, tt.den, got, tt.want)
		}
	}
}

func TestKinds(t *testing.T) {
	for _, s := range []string{"I", "II", "III", "IV"} {
		if r, err := ParseRegion(s); err != nil || r.String() != s {
			t.Errorf("region %s: %v %v", s, r, err)
		}
	}
	for _, s := range []string{"", "V", "i", "1"} {
		if _, err := ParseRegion(s); err == nil {
			t.Errorf("region %q accepted", s)
		}
	}
	for _, s := range []string{"state", "soe", "fdi", "private", "cooperative", "household_business"} {
		if k, err := ParseEmployerKind(s); err != nil || k.String() != s {
			t.Errorf("kind %s: %v %v", s, k, err)
		}
	}
	for _, s := range []string{"poor", "near_poor", "ethnic_minority", "island", "other"} {
		if c, err := ParseCategory(s); err != nil || c.String() != s {
			t.Errorf("category %s: %v %v", s, c, err)
		}
	}
	if k, _ := ParseEmployerKind(""); k != EmployerPrivate {
		t.Error("default kind")
	}
	if s, _ := ParsePayScale(""); s != PayContract {
		t.Error("default pay scale")
	}
	if cs := NewCategories(CategoryPoor); !cs.Has(CategoryPoor) || !cs.Has(CategoryOther) || cs.Has(CategoryIsland) {
		t.Error("categories")
	}
}
