package compliance

import (
	"fmt"

	"ansinh"
	"ansinh/rules"
)

// The evasion cases of the law (issue 16.3; L2024 art. 39, rules.md §10):
// a worker still unregistered 60 days after the registration deadline, a
// spell declared later than that, and a wage declared below the legal
// base. Each has its kind and its evidence (EvasionEvidence).

// registrationEvasion returns the registration deadline of work started in
// month start and the first day of evasion when it is still unregistered
// (never before the 2024 Law took effect).
func (m *matcher) registrationEvasion(start ansinh.Period) (deadline, from ansinh.Date) {
	deadline = start.First().AddDays(m.cfg.RegistrationDays)
	from = deadline.AddDays(m.cfg.RegistrationEvasionDays + 1)
	return deadline, max(from, m.cfg.EvasionLawFrom)
}

// classifyUnregistered makes an unregistered worker's finding an evasion
// one when, on the day the match is as of, the worker has gone
// unregistered past the 60 days after the registration deadline of the
// first uncovered month, and was still uncovered then.
func (m *matcher) classifyUnregistered(p *pending, months []ansinh.Period) {
	if m.cfg.RegistrationDays <= 0 || m.cfg.EvasionLawFrom.IsZero() {
		return
	}
	first, last := months[0], months[len(months)-1]
	deadline, from := m.registrationEvasion(first)
	if from > m.cfg.AsOf() || last < from.Period() {
		return
	}
	p.f.Kind, p.ev.Kind = EvasionUnregisteredWorker, EvasionUnregisteredWorker
	p.ev.Evasion = &EvasionEvidence{
		RuleVI: "Luật BHXH 2024 điều 39: không đăng ký tham gia BHXH cho người lao động sau 60 ngày kể từ hạn đăng ký (30 ngày, điều 28).",
		RuleEN: "L2024 art. 39: a worker not registered 60 days after the registration deadline (30 days, art. 28).",
		Start:  first.String(), Deadline: deadline.String(), EvasionFrom: from.String()}
}

// lateDeclarations finds the spells declared after the 60 days that follow
// their registration deadline: their months of the window before the month
// of declaration were evaded (L2024 art. 39), though the retroactive spell
// covers them now.
func (m *matcher) lateDeclarations(e *Employer, pid string, spells []Spell) {
	if m.cfg.RegistrationDays <= 0 || m.cfg.EvasionLawFrom.IsZero() {
		return
	}
	for i := range spells {
		s := &spells[i]
		if s.DeclaredOn.IsZero() {
			continue
		}
		deadline, from := m.registrationEvasion(s.Start)
		if s.DeclaredOn < from {
			continue
		}
		m.lateDeclaration(e, pid, s, deadline, from)
	}
}

// lateDeclaration makes the finding of one spell declared too late.
func (m *matcher) lateDeclaration(e *Employer, pid string, s *Spell, deadline, from ansinh.Date) {
	last := min(s.DeclaredOn.Period().Add(-1), m.to)
	if !s.End.IsZero() {
		last = min(last, s.End)
	}
	var st stakeAcc
	var lines []MonthLine
	for mo := max(s.Start, m.from); mo <= last; mo++ {
		er, ee := m.as.assess(mo, s.Wage, e.Region, e.Kind)
		st.add(mo, er, ee)
		lines = append(lines, MonthLine{Month: mo.String(), SIWage: s.Wage, Status: "declared_late"})
	}
	if len(lines) == 0 {
		return
	}
	p := m.newPending(LateDeclaration, e.TaxCode, pid, e.Name, e.CommuneCode)
	n := len(lines)
	p.f.Months, p.f.Stake, p.f.MonthStakes = n, st.s, monthStakes(st.months)
	p.ev.Monthly = lines
	p.ev.Evasion = &EvasionEvidence{
		RuleVI: "Luật BHXH 2024 điều 39: đăng ký tham gia BHXH sau 60 ngày kể từ hạn đăng ký (30 ngày, điều 28) là trốn đóng cho các tháng trước đó.",
		RuleEN: "L2024 art. 39: registering a worker more than 60 days after the registration deadline (30 days, art. 28) is evasion for the months before.",
		Start:  s.Start.String(), Deadline: deadline.String(), EvasionFrom: from.String(), DeclaredOn: s.DeclaredOn.String()}
	p.ev.SummaryVI = fmt.Sprintf("Người lao động %s làm việc tại đơn vị %s từ %s nhưng đến %s mới được đăng ký (quá hạn trốn đóng %s): %d tháng.",
		pid, e.TaxCode, s.Start, s.DeclaredOn.Display(), from.Display(), n)
	p.ev.SummaryEN = fmt.Sprintf("Worker %s worked at employer %s from %s but was registered only on %s (evasion from %s): %d months.",
		pid, e.TaxCode, s.Start, s.DeclaredOn, from, n)
	p.ev.Stake = StakeEvidence{Stake: st.s,
		BasisVI: "Số phải đóng trên tiền lương đã khai của các tháng trước ngày đăng ký, theo quy định từng tháng.",
		BasisEN: "The contributions on the declared wage of the months before the registration, each month's rules."}
	f := min(1, 0.8+0.05*float64(n))
	p.ev.Score = ScoreFactorsOnly(ScoreFactor{Name: "declared_on", Value: round3(f),
		VI: "ngày đăng ký và tháng bắt đầu theo sổ đăng ký", EN: "the registry's declaration day and first month"})
	p.f.Score = round3(f)
	m.citeEmployer(p, e)
	m.citeSpells(p, []Spell{*s})
}

// baseFloor returns the legal floor of the contribution base in month mo
// when the 2024 Law defines the case (a wage below it is evasion), else 0.
func (m *matcher) baseFloor(mo ansinh.Period, r rules.Region) int64 {
	cr := m.as.rules(mo)
	if cr == nil || cr.SILaw != 2024 || !r.Valid() || mo.First() < m.cfg.EvasionLawFrom {
		return 0
	}
	return cr.Floor[r]
}

// belowBase finds the months of the window in which a spell's declared
// wage is below the legal floor of the contribution base.
func (m *matcher) belowBase(e *Employer, pid string, spells []Spell) {
	if !e.Region.Valid() || m.cfg.EvasionLawFrom.IsZero() {
		return
	}
	floor := func(mo ansinh.Period) int64 { return m.baseFloor(mo, e.Region) }
	top := int64(0)
	for mo := m.from; mo <= m.to; mo++ {
		top = max(top, floor(mo))
	}
	b := m.belowFloor(e, spells, floor, top, "below_base", true)
	if len(b.lines) == 0 {
		return
	}
	p := m.newPending(BelowContributionBase, e.TaxCode, pid, e.Name, e.CommuneCode)
	n := len(b.lines)
	p.f.Months, p.f.Stake, p.f.MonthStakes = n, b.st.s, monthStakes(b.st.months)
	p.ev.Monthly = b.lines
	p.ev.Evasion = &EvasionEvidence{
		RuleVI: "Luật BHXH 2024 điều 39: đăng ký tiền lương làm căn cứ đóng thấp hơn quy định (mức tham chiếu, điều 31) là trốn đóng.",
		RuleEN: "L2024 art. 39: declaring a contribution wage below the legal base (the reference level, art. 31) is evasion.",
		Floor:  b.floor}
	p.ev.SummaryVI = fmt.Sprintf("Tiền lương đóng BHXH khai cho người lao động %s tại đơn vị %s thấp hơn mức sàn %s trong %d tháng.",
		pid, e.TaxCode, ansinh.FormatMoney(b.floor), n)
	p.ev.SummaryEN = fmt.Sprintf("The contribution wage declared for worker %s at employer %s is below the floor %s in %d months.",
		pid, e.TaxCode, ansinh.FormatMoney(b.floor), n)
	p.ev.Stake = StakeEvidence{Stake: b.st.s,
		BasisVI: "Chênh lệch số phải đóng giữa mức sàn và tiền lương đã khai, theo quy định từng tháng.",
		BasisEN: "Difference between the contributions on the floor and on the declared wage, each month's rules."}
	f := min(1, 0.8+0.05*float64(n))
	p.ev.Score = ScoreFactorsOnly(ScoreFactor{Name: "months", Value: round3(f),
		VI: fmt.Sprintf("%d tháng dưới mức sàn (số liệu của sổ đăng ký)", n), EN: fmt.Sprintf("%d months below the floor (registry figures)", n)})
	p.f.Score = round3(f)
	m.citeEmployer(p, e)
	m.citeSpells(p, b.cited)
}

// floorMonths are the months of a worker's spells below a floor.
type floorMonths struct {
	st    stakeAcc
	lines []MonthLine
	cited []Spell
	floor int64 // the floor of the latest month
}

// belowFloor returns the months of the window in which a spell's declared
// wage is below floor(month) (0: no floor that month), with the
// contributions at stake: those on the floor less those on the wage.
func (m *matcher) belowFloor(e *Employer, spells []Spell, floor func(ansinh.Period) int64, top int64, status string, scaled bool) floorMonths {
	var out floorMonths
	for i := range spells {
		s := &spells[i]
		if s.Wage >= top {
			continue // at or above every floor of the window
		}
		end := m.to
		if !s.End.IsZero() && s.End < end {
			end = s.End
		}
		hit := false
		for mo := max(s.Start, m.from); mo <= end; mo++ {
			f := floor(mo)
			if f == 0 || s.Wage >= f {
				continue
			}
			er, ee := m.floorGap(mo, f, s.Wage, e, scaled)
			out.st.add(mo, er, ee)
			out.lines = append(out.lines, MonthLine{Month: mo.String(), SIWage: s.Wage, Status: status})
			out.floor, hit = f, true
		}
		if hit {
			out.cited = append(out.cited, *s)
		}
	}
	return out
}

// floorGap returns the employer's and employee's contributions at stake in
// month mo when a wage below a floor is declared: those on the floor less
// those on the wage, and, where the rules raise the wage to the floor
// themselves (the contribution base's floor), the floor's contributions
// scaled by the part of it the wage leaves out, when scaled is set (what the declaration, taken
// at its word, would not have paid).
func (m *matcher) floorGap(mo ansinh.Period, floor, wage int64, e *Employer, scaled bool) (int64, int64) {
	er1, ee1 := m.as.assess(mo, floor, e.Region, e.Kind)
	er0, ee0 := m.as.assess(mo, wage, e.Region, e.Kind)
	if !scaled || er1-er0+ee1-ee0 > 0 || floor <= 0 {
		return er1 - er0, ee1 - ee0
	}
	gap := floor - max(wage, 0)
	return er1 * gap / floor, ee1 * gap / floor
}
