package web

import (
	"testing"

	"ansinh"
	"ansinh/compliance"
)

func TestMonthsText(t *testing.T) {
	m := func(ps ...string) []compliance.MonthStake {
		var out []compliance.MonthStake
		for _, p := range ps {
			out = append(out, compliance.MonthStake{Month: ansinh.MustParsePeriod(p)})
		}
		return out
	}
	for _, tt := range []struct {
		months []compliance.MonthStake
		want   string
	}{
		{nil, ""},
		{m("2024-01"), "01/2024"},
		{m("2024-01", "2024-02", "2024-03", "2024-09"), "01/2024–03/2024, 09/2024"},
		{m("2024-12", "2025-01"), "12/2024–01/2025"},
	} {
		if got := monthsText(tt.months); got != tt.want {
			t.Errorf("monthsText(%v) = %q, want %q", tt.months, got, tt.want)
		}
	}
}
