package rules

import (
	"ansinh"
)

// Worker is what one worker-month's mandatory contribution depends on,
// besides the month.
type Worker struct {
	Wage            int64        // monthly wage declared for SI, đồng (> 0)
	Region          Region       // minimum-wage region of the workplace
	PayScale        PayScale     // contract (employer-set) or state pay scale
	EmployerKind    EmployerKind // the employer's kind (state escapes the 2021–22 UI relief)
	ReducedAccident bool         // employer approved for the reduced accident rate
	Trained         bool         // job requires vocational training (+7% floor to 2022-06-30)
	UIExcluded      UIExclusion  // the rule that excludes the month from UI (ContributionRules.UIScope); UIBilled: billed
	KeptMinWage     int64        // a minimum wage kept under Decree 293/2025 art. 5(5) (KeptMinimumWage); 0: none
}

// ContributionInput is one worker-month to assess.
type ContributionInput struct {
	Month ansinh.Period // the month assessed
	Worker
}

// EmployerAmounts are the employer's shares, by fund, in đồng.
type EmployerAmounts struct {
	Retirement int64 `json:"retirement"` // retirement & survivorship
	Sickness   int64 `json:"sickness"`   // sickness & maternity
	Accident   int64 `json:"accident"`   // occupational accident & disease
	UI         int64 `json:"ui"`         // unemployment
	HI         int64 `json:"hi"`         // health
	Total      int64 `json:"total"`      // sum of the rounded amounts above
}

// EmployeeAmounts are the employee's shares, by fund, in đồng.
type EmployeeAmounts struct {
	Retirement int64 `json:"retirement"` // retirement & survivorship
	UI         int64 `json:"ui"`         // unemployment
	HI         int64 `json:"hi"`         // health
	Total      int64 `json:"total"`      // sum of the rounded amounts above
}

// Amounts is the assessment of one worker-month: the bases and each fund's
// amount by payer, each rounded half-up to the đồng; totals are sums of the
// rounded amounts.
type Amounts struct {
	SIBase   int64           `json:"si_base"`  // SI base: the wage raised to the floor, cut to the SI cap
	UIBase   int64           `json:"ui_base"`  // UI base: the raised wage cut to the UI cap
	HIBase   int64           `json:"hi_base"`  // HI base: the SI base
	Employer EmployerAmounts `json:"employer"` // employer's shares
	Employee EmployeeAmounts `json:"employee"` // employee's shares
	Total    int64           `json:"total"`    // employer total + employee total
	Flags    Flags           `json:"-"`        // what happened (floor, caps, unconfirmed parameters)
}

// Flags mark what happened while assessing a worker-month.
type Flags uint8

// The assessment flags.
const (
	FlagFloorRaised      Flags = 1 << iota // the SI/HI base was raised to its floor
	FlagSICapped                           // the SI/HI base was cut to its cap
	FlagUICapped                           // the UI base was cut to its cap
	FlagBelowMinWage                       // a contract wage below the regional minimum (a Labour Code finding)
	FlagUnconfirmed                        // an unconfirmed (U) parameter was used
	FlagUIPensioner                        // no UI: the worker draws a pension
	FlagUIMonthlyBenefit                   // no UI: the worker receives a monthly SI benefit
	FlagUIShortContract                    // no UI: the contract is shorter than the law's minimum
)

// ContributionRules are the parameters of one month, resolved once so that
// assessing each worker-month is arithmetic on a value: no lookup, no
// allocation. Get them from Params.ContributionRules.
type ContributionRules struct {
	Month               ansinh.Period // the month resolved
	SILaw               int           // 2014 or 2024: floor and cap regime
	EmploymentLaw       int           // 2013 or 2025
	MinWage             [5]int64      // regional minimum wage, by Region (index 0 unused)
	TrainedUplift       Micro         // +7% floor for trained jobs, 0 after 2022-06-30
	BaseSalary          int64         // base salary = reference level
	Floor               [5]int64      // SI/HI floor by region, for an untrained job
	FloorTrained        [5]int64      // SI/HI floor by region, for a trained job
	SICap               int64         // SI/HI cap
	UICapContract       [5]int64      // UI cap for contract wages, by region
	UICapState          int64         // UI cap for the state pay scale
	RetirementER        Micro         // employer retirement & survivorship rate
	RetirementEE        Micro         // employee retirement & survivorship rate
	SicknessER          Micro         // employer sickness & maternity rate
	AccidentER          Micro         // employer accident rate
	AccidentReduced     Micro         // employer accident rate when approved for the reduced rate
	HasReducedAccident  bool          // whether a reduced accident rate exists this month
	UIER                Micro         // employer UI rate
	UIERState           Micro         // employer UI rate for EmployerState
	UIEE                Micro         // employee UI rate
	HIER                Micro         // employer HI rate
	HIEE                Micro         // employee HI rate
	UnpaidDaysLimit     int           // working days without pay from which no contribution is due; 0 if unknown
	UIMinContractMonths int           // shortest contract billed UI, in months (UIScope)
	v                   contribVersions
	u                   contribUnconfirmed
}

// contribVersions point at the versions behind a month's rules, for the
// explanation.
type contribVersions struct {
	law, emp, base, uplift, siCap, uiCapC, uiCapS *Version
	retER, retEE, sick, acc, accR, uiER, uiERS    *Version
	uiEE, hiER, hiEE, uiMin                       *Version
	minWage                                       [5]*Version
}

// contribUnconfirmed precomputes FlagUnconfirmed for each choice Assess
// makes.
type contribUnconfirmed struct {
	always, acc, accR, uiER, uiERS, uiCapS, uplift Flags
	minWage                                        [5]Flags
}

// ContributionRules resolves the parameters of month m (those in force on
// its first day). Errors name the field "month": no parameter for the month.
func (p *Params) ContributionRules(m ansinh.Period) (ContributionRules, error) {
	r := ContributionRules{Month: m}
	var err error
	get := func(name string) *Version {
		if err != nil {
			return nil
		}
		var v *Version
		v, err = p.atMonth(name, m)
		return v
	}
	v := &r.v
	v.law, v.emp, v.base, v.uplift = get(pLawSI), get(pLawEmployment), get(pBaseSalary), get(pTrainedUplift)
	v.siCap, v.uiCapC, v.uiCapS = get(pSICap), get(pUICapContract), get(pUICapState)
	v.retER, v.retEE, v.sick, v.acc = get(pRetirementER), get(pRetirementEE), get(pSicknessER), get(pAccidentER)
	v.uiER, v.uiERS, v.uiEE, v.hiER, v.hiEE = get(pUIER), get(pUIERState), get(pUIEE), get(pHIER), get(pHIEE)
	v.uiMin = get(pUIMinContract)
	for reg := RegionI; reg <= RegionIV; reg++ {
		v.minWage[reg] = get(minWageParam(reg))
	}
	if err != nil {
		return r, withField(err, "month")
	}
	v.accR, _ = p.atMonth(pAccidentReduced, m) // absent before the option existed
	r.fill()
	if d, e := p.atMonth(pUnpaidDays, m); e == nil {
		r.UnpaidDaysLimit = int(d.Value)
	}
	return r, nil
}

// fill derives the rule values from the versions.
func (r *ContributionRules) fill() {
	v, u := &r.v, &r.u
	r.SILaw, r.EmploymentLaw = int(v.law.Value), int(v.emp.Value)
	r.BaseSalary, r.TrainedUplift = v.base.Value, v.uplift.Micro()
	r.SICap = v.siCap.Value * r.BaseSalary
	r.UICapState = v.uiCapS.Value * r.BaseSalary
	for reg := RegionI; reg <= RegionIV; reg++ {
		mw := v.minWage[reg].Value
		r.MinWage[reg] = mw
		r.UICapContract[reg] = v.uiCapC.Value * mw
		if r.SILaw < 2024 {
			r.Floor[reg] = mw
			r.FloorTrained[reg] = (One + r.TrainedUplift).Of(mw)
			u.minWage[reg] = flagIf(v.minWage[reg])
		} else {
			r.Floor[reg], r.FloorTrained[reg] = r.BaseSalary, r.BaseSalary
		}
	}
	r.RetirementER, r.RetirementEE, r.SicknessER = v.retER.Micro(), v.retEE.Micro(), v.sick.Micro()
	r.AccidentER, r.UIER, r.UIERState, r.UIEE = v.acc.Micro(), v.uiER.Micro(), v.uiERS.Micro(), v.uiEE.Micro()
	r.HIER, r.HIEE = v.hiER.Micro(), v.hiEE.Micro()
	r.UIMinContractMonths = int(v.uiMin.Value)
	if v.accR != nil {
		r.HasReducedAccident, r.AccidentReduced = true, v.accR.Micro()
	}
	u.always = flagIf(v.law, v.emp, v.base, v.siCap, v.uiCapC, v.retER, v.retEE, v.sick, v.uiEE, v.hiER, v.hiEE)
	u.acc, u.accR, u.uiER, u.uiERS = flagIf(v.acc), flagIf(v.accR), flagIf(v.uiER), flagIf(v.uiERS)
	u.uiCapS, u.uplift = flagIf(v.uiCapS), flagIf(v.uplift)
}

// flagIf returns FlagUnconfirmed if any of vs is flagged U.
func flagIf(vs ...*Version) Flags {
	for _, v := range vs {
		if v != nil && v.Unconfirmed() {
			return FlagUnconfirmed
		}
	}
	return 0
}

// Assess computes one worker-month with the month's rules. It allocates
// nothing, and returns exactly the figures of Params.Contribution.
//
// Order: the SI base is the wage raised to the floor (regional minimum wage,
// +7% for a trained job while that applied, under L2014; the reference level
// under L2024) and cut to the SI cap; the HI base is the SI base; the UI base
// is the same raised wage cut to the UI cap (20 × regional minimum wage, or
// 20 × base salary on the state pay scale), not to the SI cap. Each fund's
// amount is base × rate rounded half-up; totals add the rounded amounts.
func (r *ContributionRules) Assess(w Worker) (Amounts, error) {
	switch {
	case w.Wage <= 0 || w.KeptMinWage < 0:
		return Amounts{}, errWage
	case !w.Region.Valid():
		return Amounts{}, errRegion
	case w.PayScale > PayState:
		return Amounts{}, errPayScale
	case w.EmployerKind > EmployerHousehold:
		return Amounts{}, errEmployerKind
	case w.ReducedAccident && !r.HasReducedAccident:
		return Amounts{}, errReducedAccident
	case w.UIExcluded > UIShortContract:
		return Amounts{}, errUIExclusion
	}
	var a Amounts
	a.Flags = r.u.always
	floor := r.Floor[w.Region]
	if w.Trained {
		floor = r.FloorTrained[w.Region]
		a.Flags |= r.u.uplift
	}
	a.Flags |= r.u.minWage[w.Region]
	raised := w.Wage
	if raised < floor {
		raised = floor
		a.Flags |= FlagFloorRaised
	}
	a.SIBase = raised
	if raised > r.SICap {
		a.SIBase = r.SICap
		a.Flags |= FlagSICapped
	}
	a.HIBase = a.SIBase
	uiCap := r.UICapContract[w.Region]
	if w.PayScale == PayState {
		uiCap = r.UICapState
		a.Flags |= r.u.uiCapS
	}
	a.UIBase = raised
	if raised > uiCap {
		a.UIBase = uiCap
		a.Flags |= FlagUICapped
	}
	if w.PayScale == PayContract && w.Wage < max(r.MinWage[w.Region], w.KeptMinWage) {
		a.Flags |= FlagBelowMinWage
	}
	acc := r.AccidentER
	if w.ReducedAccident {
		acc = r.AccidentReduced
		a.Flags |= r.u.accR
	} else {
		a.Flags |= r.u.acc
	}
	uiER := r.UIER
	if w.EmployerKind == EmployerState {
		uiER = r.UIERState
		a.Flags |= r.u.uiERS
	} else {
		a.Flags |= r.u.uiER
	}
	e := &a.Employer
	e.Retirement, e.Sickness, e.Accident = r.RetirementER.Of(a.SIBase), r.SicknessER.Of(a.SIBase), acc.Of(a.SIBase)
	if w.UIExcluded != UIBilled {
		a.UIBase, a.Flags = 0, a.Flags&^FlagUICapped|w.UIExcluded.Flag()
	}
	e.UI, e.HI = uiER.Of(a.UIBase), r.HIER.Of(a.HIBase)
	e.Total = e.Retirement + e.Sickness + e.Accident + e.UI + e.HI
	ee := &a.Employee
	ee.Retirement, ee.UI, ee.HI = r.RetirementEE.Of(a.SIBase), r.UIEE.Of(a.UIBase), r.HIEE.Of(a.HIBase)
	ee.Total = ee.Retirement + ee.UI + ee.HI
	a.Total = e.Total + ee.Total
	return a, nil
}

// Contribution is an explained assessment of one worker-month.
type Contribution struct {
	Month ansinh.Period `json:"month"` // the month assessed
	Amounts
	Explained
}

// Contribution assesses one worker-month and explains every figure. Its
// amounts are those of ContributionRules(in.Month).Assess(in.Worker).
func (p *Params) Contribution(in ContributionInput) (Contribution, error) {
	r, err := p.ContributionRules(in.Month)
	if err != nil {
		return Contribution{}, err
	}
	a, err := r.Assess(in.Worker)
	if err != nil {
		return Contribution{}, err
	}
	return Contribution{Month: in.Month, Amounts: a, Explained: r.explain(in.Worker, a)}, nil
}
