package rules

import "testing"

func TestVoluntaryBoundaries(t *testing.T) {
	p := Default()
	share := func(m Micro) *Micro { return &m }
	tests := []struct {
		name                     string
		in                       VoluntaryInput
		contrib, state, province int64
		payable                  int64
		warnU                    bool
	}{
		{"floor 2026", VoluntaryInput{Month: mp("2026-03"), Income: 1_500_000, Months: 1}, 330_000, 66_000, 0, 264_000, true},
		{"cap 2026-06", VoluntaryInput{Month: mp("2026-06"), Income: 46_800_000, Months: 1}, 10_296_000, 66_000, 0, 10_230_000, true},
		{"cap 2026-07", VoluntaryInput{Month: mp("2026-07"), Income: 50_600_000, Months: 1}, 11_132_000, 66_000, 0, 11_066_000, true},
		{"old poverty line 2021-12 (U)", VoluntaryInput{Month: mp("2021-12"), Income: 700_000, Categories: NewCategories(CategoryPoor), Months: 1}, 154_000, 46_200, 0, 107_800, true},
		{"2022-01", VoluntaryInput{Month: mp("2022-01"), Income: 1_500_000, Categories: NewCategories(CategoryPoor), Months: 1}, 330_000, 99_000, 0, 231_000, true},               // vol.support.max_months is U before 2025-07
		{"Decree 134 last month", VoluntaryInput{Month: mp("2025-06"), Income: 1_500_000, Categories: NewCategories(CategoryPoor), Months: 1}, 330_000, 99_000, 0, 231_000, true}, // vol.support.max_months is U before 2025-07
		{"Decree 159 first month", VoluntaryInput{Month: mp("2025-07"), Income: 1_500_000, Categories: NewCategories(CategoryPoor), Months: 1}, 330_000, 165_000, 0, 165_000, false},
		{"island before Decree 159", VoluntaryInput{Month: mp("2025-06"), Income: 1_500_000, Categories: NewCategories(CategoryIsland), Months: 1}, 330_000, 33_000, 0, 297_000, true}, // vol.support.max_months is U before 2025-07
		{"island from Decree 159", VoluntaryInput{Month: mp("2025-07"), Income: 1_500_000, Categories: NewCategories(CategoryIsland), Months: 1}, 330_000, 165_000, 0, 165_000, false},
		{"highest share wins", VoluntaryInput{Month: mp("2026-03"), Income: 2_000_000, Categories: NewCategories(CategoryEthnicMinority, CategoryNearPoor, CategoryOther), Months: 12}, 440_000, 132_000, 0, 308_000 * 12 / 12, true},
		{"province share input", VoluntaryInput{Month: mp("2025-09"), Income: 1_500_000, Categories: NewCategories(CategoryNearPoor), Months: 3, ProvinceShare: share(250_000)}, 330_000, 132_000, 82_500, 115_500, false},
		{"support rounding", VoluntaryInput{Month: mp("2025-09"), Income: 1_500_001, Months: 1, ProvinceShare: share(33_333)}, 330_000, 66_000, 11_000, 253_000, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Voluntary(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.ContributionPerMonth != tt.contrib || got.StateSupportPerMonth != tt.state || got.ProvinceSupportPerMonth != tt.province || got.PayablePerMonth != tt.payable {
				t.Errorf("got %d − %d − %d = %d; want %d − %d − %d = %d", got.ContributionPerMonth, got.StateSupportPerMonth, got.ProvinceSupportPerMonth,
					got.PayablePerMonth, tt.contrib, tt.state, tt.province, tt.payable)
			}
			if got.Payable != got.PayablePerMonth*int64(tt.in.Months) || got.SupportMaxMonths != 120 {
				t.Errorf("payable %d for %d months, support months %d", got.Payable, tt.in.Months, got.SupportMaxMonths)
			}
			if hasWarning(got.Explained, WarnUnconfirmed) != tt.warnU {
				t.Errorf("unconfirmed warning %v, want %v: %v", !tt.warnU, tt.warnU, got.Warnings)
			}
		})
	}
}

func TestVoluntaryErrors(t *testing.T) {
	p := Default()
	tests := []struct {
		name  string
		in    VoluntaryInput
		field string
	}{
		{"below the floor", VoluntaryInput{Month: mp("2026-03"), Income: 1_499_999, Months: 1}, "income"},
		{"above the cap", VoluntaryInput{Month: mp("2026-03"), Income: 46_800_001, Months: 1}, "income"},
		{"old line after 2021", VoluntaryInput{Month: mp("2022-01"), Income: 700_000, Months: 1}, "income"},
		{"mode 2", VoluntaryInput{Month: mp("2026-03"), Income: 1_500_000, Months: 2}, "months"},
		{"mode 24", VoluntaryInput{Month: mp("2026-03"), Income: 1_500_000, Months: 24}, "months"},
		{"before the support table", VoluntaryInput{Month: mp("2017-12"), Income: 1_500_000, Months: 1}, "month"},
		{"support over 100%", VoluntaryInput{Month: mp("2026-03"), Income: 1_500_000, Months: 1, Categories: NewCategories(CategoryPoor), ProvinceShare: func() *Micro { m := Micro(600_000); return &m }()}, "province_support_share"},
	}
	for _, tt := range tests {
		if _, err := p.Voluntary(tt.in); fieldOf(err) != tt.field {
			t.Errorf("%s: got %v, want an error on %s", tt.name, err, tt.field)
		}
	}
}

func TestVoluntaryProvinceOverlay(t *testing.T) {
	p, err := Default().Override(pProvinceShare, mp("2026-01").First(), 100_000, "Nghị quyết HĐND tỉnh 5/2025")
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Voluntary(VoluntaryInput{Month: mp("2026-03"), Income: 1_500_000, Months: 1})
	if err != nil || got.ProvinceSupportPerMonth != 33_000 || got.ProvinceShare != 100_000 {
		t.Fatalf("%+v %v", got, err)
	}
	if got, _ := p.Voluntary(VoluntaryInput{Month: mp("2025-12"), Income: 1_500_000, Months: 1}); got.ProvinceSupportPerMonth != 0 {
		t.Errorf("before the province's decision: %d", got.ProvinceSupportPerMonth)
	}
}

func TestPaymentMode(t *testing.T) {
	for s, want := range map[string]PaymentMode{"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12} {
		if m, err := ParsePaymentMode(s); err != nil || m != want || !m.Valid() {
			t.Errorf("%s: %d %v", s, m, err)
		}
	}
	if _, err := ParsePaymentMode("weekly"); err == nil {
		t.Error("weekly accepted")
	}
}
