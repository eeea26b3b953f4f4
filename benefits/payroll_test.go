package benefits

import (
	"testing"

	"ansinh"
	"ansinh/rules"
)

// TestComputeLine covers the month, arrears, stops and recoveries.
func TestComputeLine(t *testing.T) {
	p := rules.Default()
	pension := Claim{ID: 1, Kind: KindPension, Monthly: 5_000_000, LumpSum: 7_000_000, Start: mp("2026-07")}
	ui := Claim{ID: 2, Kind: KindUI, Monthly: 3_000_000, Start: mp("2026-02"), End: mp("2026-05")}
	cases := []struct {
		name string
		in   PayrollInput
		at   string
		want Line
	}{
		{"first payroll: month, arrears, lump sum", PayrollInput{Claim: pension}, "2026-09",
			Line{Status: "pay", Monthly: 5_000_000, Arrears: 10_000_000, LumpSum: 7_000_000, Amount: 22_000_000, NewStatus: StatusInPayment}},
		{"next month", PayrollInput{Claim: pension, PaidThrough: mp("2026-09"), LumpPaid: true}, "2026-10",
			Line{Status: "pay", Monthly: 5_000_000, Amount: 5_000_000, NewStatus: StatusInPayment}},
		{"death in August, paid through September: recover September", PayrollInput{Claim: pension, PaidThrough: mp("2026-09"), LumpPaid: true, DiedOn: ansinh.MustParseDate("2026-08-20")}, "2026-10",
			Line{Status: "stop", Recovery: 5_000_000, Amount: -5_000_000, NewStatus: StatusStopped, StopMonth: mp("2026-09"), StopReason: "death"}},
		{"UI: re-employed in April", PayrollInput{Claim: ui, PaidThrough: mp("2026-02"), Reemployed: mp("2026-04")}, "2026-03",
			Line{Status: "pay", Monthly: 3_000_000, Amount: 3_000_000, NewStatus: StatusStopped, StopMonth: mp("2026-04"), StopReason: "reemployment"}},
		{"UI: last month of entitlement", PayrollInput{Claim: ui, PaidThrough: mp("2026-04")}, "2026-05",
			Line{Status: "pay", Monthly: 3_000_000, Amount: 3_000_000, NewStatus: StatusStopped, StopMonth: mp("2026-06"), StopReason: "end_of_entitlement"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := ComputeLine(p, c.in, mp(c.at))
			if !ok {
				t.Fatal("no line")
			}
			got.Period, got.ClaimID, got.Kind = 0, 0, ""
			if got != c.want {
				t.Fatalf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
	if _, ok := ComputeLine(p, PayrollInput{Claim: pension}, mp("2026-06")); ok {
		t.Fatal("a line before the pension starts")
	}
}

// TestIndexed applies the adjustment decrees that took effect after the
// pension began: 15% from 2024-07 (Decree 75/2024) on a pension from
// 2024-01, nothing on one from 2024-07.
func TestIndexed(t *testing.T) {
	p := rules.Default()
	got, adj := Indexed(p, KindPension, 4_000_000, mp("2024-01"), mp("2024-08"))
	if got != 4_600_000 || adj == "" {
		t.Fatalf("indexed %d %q", got, adj)
	}
	if got, _ := Indexed(p, KindPension, 4_000_000, mp("2024-07"), mp("2026-01")); got != 4_000_000 {
		t.Fatalf("pension from the decree's month indexed: %d", got)
	}
	if got, _ := Indexed(p, KindUI, 4_000_000, mp("2018-01"), mp("2026-01")); got != 4_000_000 {
		t.Fatalf("UI indexed: %d", got)
	}
}
