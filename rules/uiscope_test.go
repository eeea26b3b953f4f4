package rules

import (
	"strings"
	"testing"
)

// TestUIScope: a pensioner's spell and a 2-month seasonal contract are
// billed no UI in 2025; from 2026 the 2-month contract is billed and the
// pensioner still is not (rules.md §9).
func TestUIScope(t *testing.T) {
	p := Default()
	tests := []struct {
		name  string
		c     UICoverage
		wants UIExclusion
	}{
		{"2025 pensioner", UICoverage{Month: mp("2025-05"), Contract: ContractIndefinite, Start: mp("2024-01"), Pension: true}, UIPensioner},
		{"2025 seasonal of 2 months", UICoverage{Month: mp("2025-05"), Contract: ContractSeasonal, Start: mp("2025-04"), End: mp("2025-05")}, UIShortContract},
		{"2025 fixed of 2 months", UICoverage{Month: mp("2025-04"), Contract: ContractFixed, Start: mp("2025-04"), End: mp("2025-05")}, UIShortContract},
		{"2025 seasonal of 3 months", UICoverage{Month: mp("2025-05"), Contract: ContractSeasonal, Start: mp("2025-04"), End: mp("2025-06")}, UIBilled},
		{"2025 seasonal still open", UICoverage{Month: mp("2025-05"), Contract: ContractSeasonal, Start: mp("2025-05")}, UIBilled},
		{"2025 indefinite that ended after a month", UICoverage{Month: mp("2025-05"), Contract: ContractIndefinite, Start: mp("2025-05"), End: mp("2025-05")}, UIBilled},
		{"2025 monthly benefit", UICoverage{Month: mp("2025-05"), Contract: ContractFixed, Start: mp("2024-01"), MonthlyBenefit: true}, UIBilled},
		{"2026 seasonal of 2 months", UICoverage{Month: mp("2026-03"), Contract: ContractSeasonal, Start: mp("2026-02"), End: mp("2026-03")}, UIBilled},
		{"2026 seasonal of 1 month", UICoverage{Month: mp("2026-03"), Contract: ContractSeasonal, Start: mp("2026-03"), End: mp("2026-03")}, UIBilled},
		{"2026 pensioner", UICoverage{Month: mp("2026-03"), Contract: ContractIndefinite, Start: mp("2024-01"), Pension: true}, UIPensioner},
		{"2026 monthly benefit", UICoverage{Month: mp("2026-03"), Contract: ContractIndefinite, Start: mp("2024-01"), MonthlyBenefit: true}, UIMonthlyBenefit},
		{"2025 short contract of a pensioner", UICoverage{Month: mp("2025-05"), Contract: ContractSeasonal, Start: mp("2025-05"), End: mp("2025-05"), Pension: true}, UIPensioner},
	}
	for _, tt := range tests {
		got, err := p.UIScope(tt.c)
		if err != nil || got != tt.wants {
			t.Errorf("%s: %v %v, want %v", tt.name, got, err, tt.wants)
		}
	}
}

// TestContributionUIExcluded: an excluded month bills no UI, keeps every
// other fund, and its explanation names the rule.
func TestContributionUIExcluded(t *testing.T) {
	p := Default()
	w := Worker{Wage: 10_000_000, Region: RegionI}
	billed, err := p.Contribution(ContributionInput{Month: mp("2025-05"), Worker: w})
	if err != nil || billed.Employer.UI == 0 || billed.Employee.UI == 0 {
		t.Fatalf("billed: %+v %v", billed, err)
	}
	for _, x := range []UIExclusion{UIPensioner, UIShortContract} {
		w.UIExcluded = x
		got, err := p.Contribution(ContributionInput{Month: mp("2025-05"), Worker: w})
		if err != nil {
			t.Fatal(err)
		}
		if got.UIBase != 0 || got.Employer.UI != 0 || got.Employee.UI != 0 || got.Flags&x.Flag() == 0 {
			t.Errorf("%v: UI billed: %+v", x, got.Amounts)
		}
		if got.Total != billed.Total-billed.Employer.UI-billed.Employee.UI || got.SIBase != billed.SIBase {
			t.Errorf("%v: other funds changed: %+v", x, got.Amounts)
		}
		var rule string
		for _, l := range got.Explain {
			if l.Figure == "ui_base" {
				rule = l.Rule
			}
		}
		if !strings.Contains(rule, "Không đóng BHTN") || !strings.Contains(rule, "38/2013/QH13 Điều 43") {
			t.Errorf("%v: explanation %q names no rule", x, rule)
		}
	}
	w.UIExcluded = UIShortContract + 1
	if _, err := p.Contribution(ContributionInput{Month: mp("2025-05"), Worker: w}); fieldOf(err) != "ui_excluded" {
		t.Errorf("unknown exclusion accepted: %v", err)
	}
}

func TestParseContract(t *testing.T) {
	for _, s := range []string{"indefinite", "fixed", "seasonal"} {
		if c, err := ParseContract(s); err != nil || c.String() != s {
			t.Errorf("%s: %v %v", s, c, err)
		}
	}
	if _, err := ParseContract("probation"); fieldOf(err) != "contract" {
		t.Errorf("probation accepted: %v", err)
	}
}
