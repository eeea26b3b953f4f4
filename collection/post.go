package collection

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"ansinh"
	"ansinh/rules"
)

// payment is a payment to allocate.
type payment struct {
	payer, ref     string
	amount         int64
	paidOn, value  ansinh.Date
	channel, agent string
	account        string
	kind           PayerKind // "" when the account is unknown: suspense
}

// posting is the second phase of a close: voluntary contributions, then for
// every account the charges, the payments and the interest, and the notices.
// It runs in one transaction.
type posting struct {
	c        *closer
	period   ansinh.Period
	start    ansinh.Period
	last     ansinh.Date
	accounts map[string]*Account
	opening  map[string]int64
	moves    map[string]*Movement
	deadline map[ansinh.Period]ansinh.Date
	ic       *interestCalc
	rows     PostRows
}

// ledgerReads are the reads of the posting that the assessment pass does
// not change: the open items and credits the previous close left, and the
// payments not yet posted. They run while the batches are assessed.
type ledgerReads struct {
	debts    []DebtRow
	credits  []NoticeRow
	payments []PaymentRow
	err      error
	done     chan struct{}
}

// readLedger starts the posting's reads of the close of period (books from
// start) in the background; wait returns them. The payments read are those
// made after the books' cutoff (BooksCutoff: the books hold no debt from
// before their first month, so the payments that settled those debts are
// not allocated; counted, they would turn into credit and hide real
// arrears).
func (c *closer) readLedger(ctx context.Context, period, start ansinh.Period) *ledgerReads {
	lr := &ledgerReads{done: make(chan struct{})}
	go func() {
		defer close(lr.done)
		if period != start {
			prev := period.Add(-1)
			if lr.debts, lr.err = c.db.OpenDebts(ctx, prev); lr.err != nil {
				lr.err = fmt.Errorf("collection: read debts: %w", lr.err)
				return
			}
			if lr.credits, lr.err = c.db.Credits(ctx, prev); lr.err != nil {
				lr.err = fmt.Errorf("collection: read credits: %w", lr.err)
				return
			}
		}
		if lr.payments, lr.err = c.db.UnpostedPayments(ctx, period.Last(), BooksCutoff(c.p, start)); lr.err != nil {
			lr.err = fmt.Errorf("collection: read payments: %w", lr.err)
		}
	}()
	return lr
}

// wait returns when the reads are done, with their error.
func (lr *ledgerReads) wait() error {
	<-lr.done
	return lr.err
}

func (c *closer) post(ctx context.Context, runID int64, period, start ansinh.Period, lr *ledgerReads, res *Result) error {
	ps := &posting{c: c, period: period, start: start, last: period.Last(), accounts: map[string]*Account{},
		opening: map[string]int64{}, moves: map[string]*Movement{}, deadline: map[ansinh.Period]ansinh.Date{}, ic: newInterestCalc(c.p)}
	if err := lr.wait(); err != nil {
		return err
	}
	if err := ps.loadPrevious(lr.debts, lr.credits); err != nil {
		return err
	}
	if err := ps.loadCharges(ctx); err != nil {
		return err
	}
	if err := ps.voluntary(ctx); err != nil {
		return err
	}
	pays := ps.payments(lr.payments)
	for _, p := range pays {
		if p.kind == "" {
			res.Suspense++
		}
	}
	if err := ps.settle(pays, res); err != nil {
		return err
	}
	if err := ps.agents(ctx, pays); err != nil {
		return err
	}
	now := c.db.Now()
	ps.rows.Period, ps.rows.RunID, ps.rows.At = period, runID, now
	err := c.db.Post(ctx, &ps.rows, ansinh.AuditEntry{At: now, Actor: c.opt.Actor, Action: "collection.close", Object: "period:" + period.String(),
		Detail: fmt.Sprintf("run=%d assessed=%d retroactive=%d interest=%d paid=%d notices=%d suspense=%d",
			runID, res.Assessed, res.Retroactive, res.Interest, res.Paid, res.Notices, res.Suspense)})
	if err != nil {
		return fmt.Errorf("collection: post %s: %w", period, err)
	}
	if res.Warnings, err = c.db.WarningCount(ctx, period); err != nil {
		return err
	}
	return nil
}

// warn records one warning of the posting.
func (ps *posting) warn(code, object, detail string) {
	ps.rows.Warnings = append(ps.rows.Warnings, WarningRow{Period: ps.period, Code: code, Object: object, Detail: detail})
}

// account returns the account of payer, making it when new.
func (ps *posting) account(payer string, kind PayerKind) *Account {
	a, ok := ps.accounts[payer]
	if !ok {
		a = &Account{Payer: payer, Kind: kind}
		ps.accounts[payer] = a
	}
	return a
}

// due returns the payment deadline of month p.
func (ps *posting) due(p ansinh.Period) (ansinh.Date, error) {
	if d, ok := ps.deadline[p]; ok {
		return d, nil
	}
	d, err := ps.c.p.Deadline(p)
	if err != nil {
		return 0, err
	}
	ps.deadline[p] = d
	return d, nil
}

// loadPrevious opens the accounts with the open items and credits left by
// the previous close.
func (ps *posting) loadPrevious(debts []DebtRow, credits []NoticeRow) error {
	for _, d := range debts {
		a := ps.account(d.Payer, d.Kind)
		a.Items = append(a.Items, d.Item)
	}
	for _, n := range credits {
		ps.account(n.Payer, n.Kind).Credit = -n.Closing
	}
	for payer, a := range ps.accounts {
		b, err := a.Balance()
		if err != nil {
			return fmt.Errorf("collection: opening balance of %s: %w", payer, err)
		}
		ps.opening[payer] = b
	}
	return nil
}

// bill adds a charge of this close to an account.
func (ps *posting) bill(payer string, kind PayerKind, p ansinh.Period, principal int64) error {
	due, err := ps.due(p)
	if err != nil {
		return err
	}
	ps.account(payer, kind).Bill(Item{Period: p, BilledIn: ps.period, Due: due, Principal: principal}, ps.period, ps.move(payer))
	return nil
}

func (ps *posting) move(payer string) *Movement {
	m, ok := ps.moves[payer]
	if !ok {
		m = &Movement{}
		ps.moves[payer] = m
	}
	return m
}

// loadCharges reads what the assessment pass billed the employers.
func (ps *posting) loadCharges(ctx context.Context) error {
	charges, err := ps.c.db.EmployerCharges(ctx, ps.period)
	if err != nil {
		return fmt.Errorf("collection: read charges: %w", err)
	}
	for _, ch := range charges {
		if err := ps.bill(ch.Payer, KindEmployer, ch.Period, ch.Principal); err != nil {
			return err
		}
	}
	return nil
}

// voluntary bills the voluntary participants whose payment block starts in
// this month, and the state's and the province's support to the budgets.
func (ps *posting) voluntary(ctx context.Context) error {
	C := ps.period
	supported, err := ps.c.db.SupportedMonths(ctx, C)
	if err != nil {
		return fmt.Errorf("collection: read voluntary history: %w", err)
	}
	enrolments, err := ps.c.db.Enrolments(ctx, C)
	if err != nil {
		return fmt.Errorf("collection: read enrolments: %w", err)
	}
	var sup supportSums
	for _, e := range enrolments {
		if err := ps.enrolment(e, supported, &sup); err != nil {
			return err
		}
	}
	if err := ps.charge(BudgetState, KindStateBudget, sup.state, sup.nState); err != nil {
		return err
	}
	return ps.charge(BudgetProvince, KindProvinceBudget, sup.province, sup.nProvince)
}

// supportSums sums the state's and the province's support of a close.
type supportSums struct{ state, province, nState, nProvince int64 }

// enrolment bills one voluntary enrolment when its payment block starts in
// this month; supported counts the months of support each person had.
func (ps *posting) enrolment(e EnrolmentRow, supported map[string]int64, sums *supportSums) error {
	C := ps.period
	m, err := rules.ParsePaymentMode(e.Mode)
	if err != nil {
		return err
	}
	if int(C-e.Start)%int(m) != 0 {
		return nil // not the first month of a payment block
	}
	months := int64(m)
	if e.End != 0 && int64(e.End-C+1) < months {
		months = int64(e.End - C + 1)
	}
	cat, err := rules.ParseCategory(e.Category)
	if err != nil {
		return err
	}
	v, err := ps.c.p.Voluntary(rules.VoluntaryInput{Month: C, Income: e.Income, Categories: rules.NewCategories(cat), Months: int(m)})
	if err != nil {
		ps.warn("voluntary_invalid", "person:"+e.Person+"/"+e.Start.String(), ansinh.ErrorMessage(err, "vi")+" / "+ansinh.ErrorMessage(err, "en"))
		return nil
	}
	sup := max(0, min(months, int64(v.SupportMaxMonths)-supported[e.Person]))
	supported[e.Person] += sup
	contribution := v.ContributionPerMonth * months
	st, pr := v.StateSupportPerMonth*sup, v.ProvinceSupportPerMonth*sup
	payable := contribution - st - pr
	ps.rows.Voluntary = append(ps.rows.Voluntary, VoluntaryChargeRow{BilledIn: C, Person: e.Person, Start: e.Start, Months: months,
		Income: e.Income, Category: e.Category, Contribution: contribution, State: st, Province: pr, Payable: payable,
		SupportedMonths: sup, Agent: e.Agent})
	if err := ps.charge(e.Person, KindPerson, payable, 1); err != nil {
		return err
	}
	sums.state += st
	sums.province += pr
	if st > 0 {
		sums.nState++
	}
	if pr > 0 {
		sums.nProvince++
	}
	return nil
}

// charge bills a voluntary share or a budget's support for this month and
// records the charge.
func (ps *posting) charge(payer string, kind PayerKind, amount, items int64) error {
	if amount <= 0 {
		return nil
	}
	C := ps.period
	ps.rows.Charges = append(ps.rows.Charges, ChargeRow{BilledIn: C, Payer: payer, Period: C, Kind: kind, Principal: amount, Items: items})
	return ps.bill(payer, kind, C, amount)
}

// payments returns the payments this close allocates (rows: those paid by
// the close's last day, after the books' cutoff, and not yet allocated),
// each with the account it goes to (the payer, or the account an officer
// attributed it to) and its value date (the payment day; for a payment
// dated in a month already closed, the first day of this month), in the
// order they are applied.
func (ps *posting) payments(rows []PaymentRow) []payment {
	out := make([]payment, 0, len(rows))
	first := ps.period.First()
	for _, r := range rows {
		p := payment{payer: r.Payer, ref: r.Ref, amount: r.Amount, paidOn: r.PaidOn, channel: r.Channel, agent: r.Agent,
			account: r.Account, kind: PayerKind(r.Kind)}
		switch p.account {
		case BudgetState:
			p.kind = KindStateBudget
		case BudgetProvince:
			p.kind = KindProvinceBudget
		}
		p.value = max(p.paidOn, first)
		out = append(out, p)
	}
	slices.SortFunc(out, func(x, y payment) int {
		if c := int(x.value - y.value); c != 0 {
			return c
		}
		if c := int(x.paidOn - y.paidOn); c != 0 {
			return c
		}
		if c := strings.Compare(x.payer, y.payer); c != 0 {
			return c
		}
		return strings.Compare(x.ref, y.ref)
	})
	return out
}

// settle runs every account through the month: the charges are billed (by
// now), the credit held is applied on the month's first day, the payments
// in date order, and the interest is counted through the month's last day.
// Then it writes the open items, the notice and the allocations of each
// account, in the order of the payers.
func (ps *posting) settle(pays []payment, res *Result) error {
	byAccount := map[string][]payment{}
	for _, p := range pays {
		if p.kind == "" {
			continue
		}
		ps.account(p.account, p.kind)
		byAccount[p.account] = append(byAccount[p.account], p)
	}
	payers := make([]string, 0, len(ps.accounts))
	for payer := range ps.accounts {
		payers = append(payers, payer)
	}
	slices.Sort(payers)
	C, first := ps.period, ps.period.First()
	r := &ps.rows
	for _, payer := range payers {
		a := ps.accounts[payer]
		m := ps.move(payer)
		var f InterestFunc
		if a.Kind == KindEmployer {
			f = ps.ic.interest
		}
		if err := a.UseCredit(first, f, m); err != nil {
			return err
		}
		for _, p := range byAccount[payer] {
			if err := a.Pay(p.payer, p.ref, p.amount, p.value, f, m); err != nil {
				return err
			}
			r.Postings = append(r.Postings, PostingRow{Payer: p.payer, Ref: p.ref, ClosePeriod: C, Account: p.account, Amount: p.amount,
				Value: p.value, Channel: p.channel, Agent: p.agent})
			res.Payments++
		}
		if err := a.Accrue(ps.last, f, m); err != nil {
			return err
		}
		a.Tidy()
		opening := ps.opening[payer]
		closing, err := a.Balance()
		if err != nil {
			return fmt.Errorf("collection: balance of %s: %w", payer, err)
		}
		if opening == 0 && closing == 0 && m.Assessed == 0 && m.Retroactive == 0 && m.Interest == 0 && m.Paid == 0 {
			continue
		}
		overdue, months, status, err := ps.standing(a)
		if err != nil {
			return err
		}
		for _, it := range a.Items {
			r.Debts = append(r.Debts, DebtRow{ClosePeriod: C, Payer: payer, Kind: a.Kind, Item: it})
		}
		r.Notices = append(r.Notices, NoticeRow{Period: C, Payer: payer, Kind: a.Kind, Opening: opening, Assessed: m.Assessed,
			Retroactive: m.Retroactive, Interest: m.Interest, Paid: m.Paid, Closing: closing, Overdue: overdue,
			MonthsOverdue: int64(months), Status: status, UnratedDays: int64(m.UnratedDays)})
		for i, al := range m.Allocations {
			r.Allocations = append(r.Allocations, AllocationRow{ClosePeriod: C, Account: payer, Seq: int64(i), Allocation: al})
		}
		if m.UnratedDays > 0 {
			ps.warn("interest_unrated", "employer:"+payer, fmt.Sprintf(
				"%d ngày chậm đóng chưa tính lãi: tỉnh chưa nạp tham số %s (Luật BHXH 2014) / %d days late without interest: the province has not loaded %s (L2014)",
				m.UnratedDays, l2014RateParam, m.UnratedDays, l2014RateParam))
		}
		res.Notices++
		res.Assessed += m.Assessed
		res.Retroactive += m.Retroactive
		res.Interest += m.Interest
		res.Paid += m.Paid
		res.UnratedDays += m.UnratedDays
	}
	return nil
}

// standing returns what an account has overdue on the close's last day
// (principal and interest of the months past their deadline), the whole
// months since the oldest such deadline, and its status: evasion or late by
// rules.Classify for the months with principal unpaid, late for interest
// alone, current otherwise. Only employers can be in evasion.
func (ps *posting) standing(a *Account) (int64, int, string, error) {
	var overdue int64
	months := 0
	status := rules.StandingNotDue
	for _, it := range a.Items {
		if it.Due >= ps.last {
			continue
		}
		overdue += it.Principal + it.Interest
		months = max(months, MonthsOverdue(it.Due, ps.last))
		s := rules.StandingLate
		if it.Principal > 0 && a.Kind == KindEmployer {
			var err error
			if s, err = ps.c.p.Classify(it.Period, ps.last); err != nil {
				return 0, 0, "", err
			}
		}
		status = max(status, s)
	}
	return overdue, months, statusName(status), nil
}

// statusName names a standing as the notices do: current, late or evasion.
func statusName(s rules.Standing) string {
	switch s {
	case rules.StandingLate:
		return "late"
	case rules.StandingEvasion:
		return "evasion"
	}
	return "current"
}

// agents sums what each collection agent collected in the payments this
// close allocated, with the commission of its contract. A contract without
// a rate (or no contract) gives no commission, and a warning: the rate is
// never assumed.
func (ps *posting) agents(ctx context.Context, pays []payment) error {
	type sum struct{ n, amount int64 }
	sums := map[string]*sum{}
	for _, p := range pays {
		if p.kind == "" || p.channel != "agent" || p.agent == "" {
			continue
		}
		s, ok := sums[p.agent]
		if !ok {
			s = &sum{}
			sums[p.agent] = s
		}
		s.n++
		s.amount += p.amount
	}
	if len(sums) == 0 {
		return nil
	}
	rates, err := ps.c.db.AgentRates(ctx, ps.last)
	if err != nil {
		return err
	}
	codes := make([]string, 0, len(sums))
	for c := range sums {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, code := range codes {
		s := sums[code]
		row := AgentRow{Period: ps.period, AgentCode: code, Payments: s.n, Amount: s.amount}
		if rate, ok := rates[code]; ok {
			row.Rate, row.Commission = &rate, rate.Of(s.amount)
		} else {
			ps.warn("agent_no_rate", "agent:"+code,
				"hợp đồng đại lý thu chưa có tỷ lệ hoa hồng: chưa tính hoa hồng / the agent's contract has no commission rate: no commission computed")
		}
		ps.rows.Agents = append(ps.rows.Agents, row)
	}
	return nil
}
