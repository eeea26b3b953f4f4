package benefits

import (
	"testing"

	"ansinh"
	"ansinh/rules"
)

var mp = ansinh.MustParsePeriod

// TestBuildRecord reports a month claimed by the registry and the paper
// record as an overlap (kept once, from the registry) and the missing months
// as a gap.
func TestBuildRecord(t *testing.T) {
	c := Career{
		Spans: []Span{
			{From: mp("2009-01"), To: mp("2009-06"), Scheme: SchemeContract, Wage: 3_000_000, Source: SourceHistory, Ref: "SỔ 1"},
			{From: mp("2009-06"), To: 0, Scheme: SchemeContract, Wage: 5_000_000, Employer: "0101234567", Source: SourceRegistry, Ref: "r1"},
			{From: mp("2008-01"), To: mp("2008-10"), Scheme: SchemeVoluntary, Wage: 1_500_000, Source: SourceHistory, Ref: "SỔ 2"},
		},
		Assessed: map[ansinh.Period]bool{mp("2009-07"): true, mp("2009-08"): true},
		Paid:     map[ansinh.Period]bool{mp("2009-07"): true},
	}
	r := BuildRecord(c, mp("2009-08"))
	if len(r.Months) != 10+6+2 {
		t.Fatalf("months %d", len(r.Months))
	}
	if len(r.Overlaps) != 1 || r.Overlaps[0].Period != mp("2009-06") || r.Overlaps[0].Kept.Source != SourceRegistry || r.Overlaps[0].Other.Ref != "SỔ 1" {
		t.Fatalf("overlaps %+v", r.Overlaps)
	}
	if len(r.Gaps) != 1 || r.Gaps[0] != (Gap{mp("2008-11"), mp("2008-12")}) {
		t.Fatalf("gaps %+v", r.Gaps)
	}
	m := r.Months[len(r.Months)-1]
	if m.Period != mp("2009-08") || !m.Assessed || m.Paid {
		t.Fatalf("last month %+v", m)
	}
	if r.FromHistory() != 15 {
		t.Fatalf("from history %d", r.FromHistory())
	}
	wp := WagePeriods(r.Months)
	want := []rules.WagePeriod{
		{From: mp("2008-01"), To: mp("2008-10"), Kind: rules.WageVoluntary, Wage: 1_500_000},
		{From: mp("2009-01"), To: mp("2009-05"), Kind: rules.WageContract, Wage: 3_000_000},
		{From: mp("2009-06"), To: mp("2009-08"), Kind: rules.WageContract, Wage: 5_000_000},
	}
	if len(wp) != len(want) {
		t.Fatalf("periods %+v", wp)
	}
	for i := range want {
		if wp[i] != want[i] {
			t.Fatalf("period %d = %+v, want %+v", i, wp[i], want[i])
		}
	}
}
