package rules

import "testing"

func TestRegionsAt(t *testing.T) {
	rs, err := NewRegions(
		RegionList{From: md("2025-07-01"), To: md("2025-12-31"), Source: "placeholder 1", Confidence: ConfUnconfirmed, ByCommune: map[string]Region{"00004": RegionIII}},
		RegionList{From: md("2026-01-01"), Source: "Nghị định 293/2025", Confidence: ConfHigh, ByCommune: map[string]Region{"00004": RegionI, "03390": RegionIV}},
		RegionList{From: md("2026-06-01"), Source: "Quyết định tỉnh 1/2026", Confidence: ConfHigh, ByCommune: map[string]Region{"03390": RegionIII}},
	)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		commune, month string
		want           Region
		source         string
	}{
		{"00004", "2025-09", RegionIII, "placeholder 1"},
		{"00004", "2026-01", RegionI, "Nghị định 293/2025"},
		{"03390", "2026-03", RegionIV, "Nghị định 293/2025"},
		{"03390", "2026-07", RegionIII, "Quyết định tỉnh 1/2026"},
		{"00004", "2026-07", RegionI, "Nghị định 293/2025"},
	}
	for _, tt := range tests {
		r, l, err := rs.At(tt.commune, mp(tt.month))
		if err != nil || r != tt.want || l.Source != tt.source {
			t.Errorf("%s %s: %v %v %v, want %v from %s", tt.commune, tt.month, r, l, err, tt.want, tt.source)
		}
	}
	if _, _, err := rs.At("03390", mp("2025-09")); fieldOf(err) != "commune" {
		t.Errorf("unknown commune: %v", err)
	}
	for _, bad := range []RegionList{
		{Source: "x 1", Confidence: ConfHigh},
		{From: md("2026-01-01"), Confidence: ConfHigh},
		{From: md("2026-01-01"), Source: "x 1", Confidence: "Z"},
		{From: md("2026-01-01"), Source: "x 1", Confidence: ConfHigh, ByCommune: map[string]Region{"1": 0}},
	} {
		if _, err := NewRegions(bad); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
}

// TestKeptMinimumWage: Decree 293/2025 art. 5(5).
func TestKeptMinimumWage(t *testing.T) {
	p := Default()
	tests := []struct {
		name            string
		current, before Region
		hired           string
		month           string
		want            int64
	}{
		{"II to IV, hired 2025", RegionIV, RegionII, "2025-12-31", "2026-03", 4_410_000},
		{"I to III, hired 2020", RegionIII, RegionI, "2020-05-04", "2026-03", 4_960_000},
		{"II to III, the new minimum is lower", RegionIII, RegionII, "2025-01-01", "2026-03", 4_410_000},
		{"III to III: the 2026 minimum is higher", RegionIII, RegionIII, "2025-01-01", "2026-03", 0},
		{"II to I", RegionI, RegionII, "2025-01-01", "2026-03", 0},
		{"hired 2026", RegionIV, RegionII, "2026-01-01", "2026-03", 0},
		{"before the decree", RegionIV, RegionII, "2025-01-01", "2025-12", 0},
		{"earlier region unknown", RegionIV, 0, "2025-01-01", "2026-03", 0},
	}
	for _, tt := range tests {
		got, v, err := p.KeptMinimumWage(tt.current, tt.before, md(tt.hired), mp(tt.month))
		if err != nil || got != tt.want || (got > 0) != (v != nil) {
			t.Errorf("%s: %d %v %v, want %d", tt.name, got, v, err, tt.want)
		}
	}
}

// TestWorkplaceContribution: the region comes from the commune's list; a
// placeholder is flagged; art. 5(5) is explained.
func TestWorkplaceContribution(t *testing.T) {
	p := Default()
	rs, err := NewRegions(
		RegionList{From: md("2025-07-01"), To: md("2025-12-31"), Source: "region-defaults.csv 1", Confidence: ConfUnconfirmed, ByCommune: map[string]Region{"03390": RegionIV}},
		RegionList{From: md("2026-01-01"), Source: "Nghị định 293/2025", Confidence: ConfHigh, ByCommune: map[string]Region{"00004": RegionI, "03390": RegionIV}},
	)
	if err != nil {
		t.Fatal(err)
	}
	in := ContributionInput{Month: mp("2026-03"), Worker: Worker{Wage: 200_000_000}}
	hn, err := p.WorkplaceContribution(rs, Workplace{Commune: "00004"}, in)
	if err != nil || hn.UIBase != 106_200_000 || hn.Explain[0].Figure != "region" {
		t.Fatalf("Hà Nội: %+v %v", hn.Amounts, err)
	}
	lc, err := p.WorkplaceContribution(rs, Workplace{Commune: "03390"}, in)
	if err != nil || lc.UIBase != 74_000_000 || hasWarning(lc.Explained, WarnUnconfirmed) {
		t.Fatalf("Lai Châu: %+v %v %v", lc.Amounts, lc.Warnings, err)
	}
	in.Month, in.Wage = mp("2025-09"), 3_000_000
	old, err := p.WorkplaceContribution(rs, Workplace{Commune: "03390"}, in)
	if err != nil || !hasWarning(old.Explained, WarnUnconfirmed) {
		t.Errorf("placeholder not flagged: %+v %v", old.Warnings, err)
	}
	in.Month, in.Wage = mp("2026-03"), 4_000_000
	kept, err := p.WorkplaceContribution(rs, Workplace{Commune: "03390", Hired: md("2025-03-01"), EarlierRegion: RegionII}, in)
	if err != nil || kept.Flags&FlagBelowMinWage == 0 || !hasWarning(kept.Explained, WarnBelowMinWage) {
		t.Errorf("kept minimum: %+v %v", kept, err)
	}
}
