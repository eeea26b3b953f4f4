package ansinh

import "testing"

func TestRoundHalfUp(t *testing.T) {
	tests := []struct{ num, den, want int64 }{
		{10, 4, 3}, {9, 4, 2}, {11, 4, 3}, {-10, 4, -3}, {-9, 4, -2}, {0, 7, 0},
		{1000000 * 3, 10000, 300}, {3333333 * 3 * 10, 10000, 10000},
	}
	for _, tt := range tests {
		if got := RoundHalfUp(tt.num, tt.den); got != tt.want {
			t.Errorf("RoundHalfUp(%d, %d) = %d, want %d", tt.num, tt.den, got, tt.want)
		}
	}
}

func TestFormatMoney(t *testing.T) {
	tests := map[int64]string{0: "0 đ", 999: "999 đ", 1000: "1.000 đ", 1234567: "1.234.567 đ", -1234567: "-1.234.567 đ"}
	for in, want := range tests {
		if got := FormatMoney(in); got != want {
			t.Errorf("FormatMoney(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestPeriodAndDate(t *testing.T) {
	p := MustParsePeriod("2025-12")
	if p.Add(1).String() != "2026-01" || p.Add(-12).String() != "2024-12" {
		t.Fatal("period arithmetic")
	}
	if p.Last().String() != "2025-12-31" || MustParsePeriod("2024-02").Last().String() != "2024-02-29" {
		t.Fatal("last day")
	}
	for _, bad := range []string{"2025-13", "2025-1", "25-01", "2025/01", ""} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"2025-02-30", "2025-1-01", "2025-01-32", "x"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	d := MustParseDate("2026-03-10")
	if d.Display() != "10/03/2026" || d.Period().String() != "2026-03" || d.AddDays(-MustParseDate("2026-02-28").Day()).String() != "2026-02-10" {
		t.Fatal("date helpers")
	}
	if NewDate(1970, 1, 1).IsZero() || NewDate(1900, 1, 1) != 1 || MustParseDate("1970-01-01").String() != "1970-01-01" {
		t.Fatal("1970-01-01 and 1900-01-01 must be real dates")
	}
	var s Date
	if err := s.Scan("2020-05-06T00:00:00Z"); err != nil || s.String() != "2020-05-06" {
		t.Fatal("scan", err, s)
	}
}
