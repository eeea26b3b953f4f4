package rules

import "testing"

func TestSocialPension(t *testing.T) {
	p := Default()
	tests := []struct {
		name          string
		in            SocialPensionInput
		eligible      bool
		age           int
		amount        int64
		wantErrorOnly string
	}{
		{"75 at the end of the month", SocialPensionInput{Month: mp("2026-03"), BirthDate: md("1951-03-31")}, true, 75, 500_000, ""},
		{"74", SocialPensionInput{Month: mp("2026-03"), BirthDate: md("1951-04-01")}, false, 74, 0, ""},
		{"74 and poor", SocialPensionInput{Month: mp("2026-03"), BirthDate: md("1951-04-01"), PoorOrNearPoor: true}, true, 74, 500_000, ""},
		{"70 and near-poor", SocialPensionInput{Month: mp("2026-03"), BirthDate: md("1956-03-31"), PoorOrNearPoor: true}, true, 70, 500_000, ""},
		{"69 and poor", SocialPensionInput{Month: mp("2026-03"), BirthDate: md("1956-04-01"), PoorOrNearPoor: true}, false, 69, 0, ""},
		{"has a pension", SocialPensionInput{Month: mp("2026-03"), BirthDate: md("1940-01-01"), HasPension: true}, false, 86, 0, ""},
		{"before the allowance rules", SocialPensionInput{Month: mp("2025-06"), BirthDate: md("1940-01-01")}, false, 0, 0, "month"},
	}
	for _, tt := range tests {
		got, err := p.SocialPension(tt.in)
		if tt.wantErrorOnly != "" {
			if fieldOf(err) != tt.wantErrorOnly {
				t.Errorf("%s: got %v", tt.name, err)
			}
			continue
		}
		if err != nil || got.Eligible != tt.eligible || got.Age != tt.age || got.Amount != tt.amount {
			t.Errorf("%s: got %+v %v", tt.name, got, err)
		}
	}
	q, _ := p.Override(pProvinceTopUp, md("2026-01-01"), 100_000, "Nghị quyết HĐND tỉnh 7/2025")
	if got, _ := q.SocialPension(SocialPensionInput{Month: mp("2026-03"), BirthDate: md("1940-01-01")}); got.Amount != 600_000 {
		t.Errorf("with the province top-up: %d", got.Amount)
	}
}
