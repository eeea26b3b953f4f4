package rules

import (
	"fmt"

	"ansinh"
)

// Contract is the kind of labour contract an employment record carries
// (mission/formats.md, employment: contract).
type Contract uint8

// The contract kinds. Indefinite is the default.
const (
	ContractIndefinite Contract = iota // no fixed term
	ContractFixed                      // a fixed term
	ContractSeasonal                   // seasonal or a specific task
)

var contractNames = [...]string{"indefinite", "fixed", "seasonal"}

// ParseContract reads "indefinite", "fixed" or "seasonal".
func ParseContract(s string) (Contract, error) {
	for c, name := range contractNames {
		if name == s {
			return Contract(c), nil
		}
	}
	return 0, invalid("contract", "loại hợp đồng không hợp lệ (indefinite, fixed hoặc seasonal): "+quote(s), "unknown contract (indefinite, fixed or seasonal): "+quote(s))
}

// String writes "indefinite", "fixed" or "seasonal".
func (c Contract) String() string { return contractNames[min(c, ContractSeasonal)] }

// UICoverage is what decides whether one worker-month is billed
// unemployment insurance.
//
// The employment record carries the contract's kind and its first and last
// months, not its term in days. Our convention for the contract's length:
// an indefinite contract is long enough whatever its months; a fixed-term
// or seasonal contract lasts the calendar months of its record, first and
// last included (End − Start + 1); a record without a last month is open and
// long enough.
type UICoverage struct {
	Month          ansinh.Period // the worker-month
	Contract       Contract      // the contract's kind
	Start, End     ansinh.Period // the record's first and last months; End zero: open
	Pension        bool          // the worker draws a pension in Month
	MonthlyBenefit bool          // the worker receives a monthly SI benefit in Month
}

// ContractMonths returns the contract's length in months by the convention
// of UICoverage, and false when it is indefinite or open (long enough).
func (c UICoverage) ContractMonths() (int, bool) {
	if c.Contract == ContractIndefinite || c.End.IsZero() {
		return 0, false
	}
	return int(c.End-c.Start) + 1, true
}

// UIExclusion says which rule excludes a worker-month from unemployment
// insurance; UIBilled: none does, the month is billed.
type UIExclusion uint8

// The exclusions, in the order they are tested.
const (
	UIBilled         UIExclusion = iota // covered: billed
	UIPensioner                         // the worker draws a pension
	UIMonthlyBenefit                    // the worker receives a monthly SI benefit (from LE2025)
	UIShortContract                     // the contract is shorter than the law's minimum
)

var uiExclusionNames = [...]string{"billed", "pensioner", "monthly_benefit", "short_contract"}

// String writes "billed", "pensioner", "monthly_benefit" or "short_contract".
func (x UIExclusion) String() string { return uiExclusionNames[min(x, UIShortContract)] }

// Flag returns the assessment flag recording the exclusion (0 when billed).
func (x UIExclusion) Flag() Flags {
	switch x {
	case UIPensioner:
		return FlagUIPensioner
	case UIMonthlyBenefit:
		return FlagUIMonthlyBenefit
	case UIShortContract:
		return FlagUIShortContract
	}
	return 0
}

// UIScope decides whether a worker-month is billed unemployment insurance,
// with the month's rules (rules.md §9), and returns the rule that excludes
// it. Under LE2013 (to 2025-12-31, art. 43): not a person drawing a pension,
// nor a contract under 3 months. Under LE2025 (from 2026-01-01, art. 31): a
// contract of 1 month or more, not a person receiving a pension or a
// monthly SI benefit. The minimum length is the parameter
// ui.min_contract_months.
func (r *ContributionRules) UIScope(c UICoverage) UIExclusion {
	return uiScope(r.EmploymentLaw, r.UIMinContractMonths, c)
}

// UIRules are the parameters of one month that decide the UI scope: what
// ContributionRules.UIScope uses, resolvable alone (for months before the
// contribution parameters begin).
type UIRules struct {
	Month               ansinh.Period // the month resolved
	EmploymentLaw       int           // 2013 or 2025
	UIMinContractMonths int           // shortest contract billed UI, in months
}

// UIRules resolves the UI-scope parameters of month m.
func (p *Params) UIRules(m ansinh.Period) (UIRules, error) {
	law, err := p.atMonth(pLawEmployment, m)
	if err != nil {
		return UIRules{}, withField(err, "month")
	}
	n, err := p.atMonth(pUIMinContract, m)
	if err != nil {
		return UIRules{}, withField(err, "month")
	}
	return UIRules{Month: m, EmploymentLaw: int(law.Value), UIMinContractMonths: int(n.Value)}, nil
}

// UIScope decides a worker-month under these rules, exactly as
// ContributionRules.UIScope does.
func (r UIRules) UIScope(c UICoverage) UIExclusion {
	return uiScope(r.EmploymentLaw, r.UIMinContractMonths, c)
}

// UIScope is ContributionRules.UIScope with the rules of c.Month.
func (p *Params) UIScope(c UICoverage) (UIExclusion, error) {
	r, err := p.UIRules(c.Month)
	if err != nil {
		return 0, err
	}
	return r.UIScope(c), nil
}

// uiScope is the one decision behind UIScope: law is the year of the
// employment law in force, minMonths its minimum contract length.
func uiScope(law, minMonths int, c UICoverage) UIExclusion {
	switch n, fixed := c.ContractMonths(); {
	case c.Pension:
		return UIPensioner
	case c.MonthlyBenefit && law >= 2025:
		return UIMonthlyBenefit
	case fixed && n < minMonths:
		return UIShortContract
	}
	return UIBilled
}

// uiExclusionText explains an exclusion in both languages.
func (r *ContributionRules) uiExclusionText(x UIExclusion) (vi, en string) {
	law := fmt.Sprintf("Luật Việc làm %s", map[bool]string{true: "74/2025/QH15 Điều 31", false: "38/2013/QH13 Điều 43"}[r.EmploymentLaw >= 2025])
	lawEN := fmt.Sprintf("Law on Employment %s", map[bool]string{true: "74/2025/QH15 art. 31", false: "38/2013/QH13 art. 43"}[r.EmploymentLaw >= 2025])
	switch x {
	case UIPensioner:
		return "Không đóng BHTN: người lao động đang hưởng lương hưu (" + law + ")", "No UI: the worker draws a pension (" + lawEN + ")"
	case UIMonthlyBenefit:
		return "Không đóng BHTN: người lao động đang hưởng trợ cấp BHXH hằng tháng (" + law + ")", "No UI: the worker receives a monthly SI benefit (" + lawEN + ")"
	case UIShortContract:
		return fmt.Sprintf("Không đóng BHTN: hợp đồng dưới %d tháng (%s; độ dài tính theo số tháng của hồ sơ lao động, kể cả tháng đầu và tháng cuối)", r.UIMinContractMonths, law),
			fmt.Sprintf("No UI: a contract under %d months (%s; length counted in the record's calendar months, first and last included)", r.UIMinContractMonths, lawEN)
	}
	return "", ""
}
