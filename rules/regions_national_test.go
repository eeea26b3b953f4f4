package rules

import "testing"

// TestWithProvinceUnits: a province's own dated rows win in the months they
// are valid; a row repeating the national units (`ansinh units load`: the
// 2026 region from 2025-07-01) decides nothing, so 2025 keeps the flagged
// placeholder; a new code keeps its placeholder before 2025-07-01. Xã
// Hồng Vân (10210): placeholder IV, Decree 293/2025 I.
func TestWithProvinceUnits(t *testing.T) {
	national := UnitRegion{Commune: "10210", From: md("2025-07-01"), Region: RegionI}
	tests := []struct {
		name  string
		rows  []UnitRegion
		month string
		want  Region
		conf  Confidence
	}{
		{"no rows, 2025", nil, "2025-11", RegionIV, ConfUnconfirmed},
		{"no rows, 2026", nil, "2026-03", RegionI, ConfHigh},
		{"national row, 2025", []UnitRegion{national}, "2025-11", RegionIV, ConfUnconfirmed},
		{"national row, 2026", []UnitRegion{national}, "2026-03", RegionI, ConfHigh},
		{"province row valid", []UnitRegion{national, {Commune: "10210", From: md("2025-07-01"), To: md("2025-12-31"), Region: RegionII}}, "2025-11", RegionII, ConfHigh},
		{"province row ended", []UnitRegion{{Commune: "10210", From: md("2025-07-01"), To: md("2025-12-31"), Region: RegionII}}, "2026-03", RegionI, ConfHigh},
		{"later province row wins", []UnitRegion{
			{Commune: "10210", From: md("2026-01-01"), Region: RegionIII},
			{Commune: "10210", From: md("2025-07-01"), Region: RegionII}}, "2026-03", RegionIII, ConfHigh},
		{"old code before the reform", nil, "2025-03", RegionIV, ConfUnconfirmed},
		// Xã Ba Chẽ (06978): a code the old structure lacks, placeholder IV
		{"new code before the reform", []UnitRegion{{Commune: "06978", From: md("2025-07-01"), Region: RegionIV}}, "2025-03", RegionIV, ConfUnconfirmed},
		{"province's own commune", []UnitRegion{{Commune: "99999", From: md("2020-01-01"), Region: RegionII}}, "2025-03", RegionII, ConfHigh},
	}
	for _, tt := range tests {
		rs, err := WithProvinceUnits(tt.rows)
		if err != nil {
			t.Fatal(err)
		}
		code := "10210"
		if len(tt.rows) > 0 {
			code = tt.rows[0].Commune
		}
		r, l, err := rs.At(code, mp(tt.month))
		if err != nil || r != tt.want || l.Confidence != tt.conf {
			t.Errorf("%s: %v %v, want %v (%s)", tt.name, r, err, tt.want, tt.conf)
		}
	}
}
