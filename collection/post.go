package collection

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"ansinh"
	"ansinh/rules"
	"ansinh/store"
)

var (
	voluntaryColumns = []string{"billed_in", "person_id", "start_month", "months", "income", "category", "contribution",
		"state_support", "province_support", "payable", "supported_months", "agent_code"}
	debtColumns       = []string{"close_period", "payer", "period", "billed_in", "payer_kind", "due_on", "principal", "interest", "accrued_through"}
	noticeColumns     = []string{"period", "payer", "payer_kind", "opening_balance", "assessed", "retroactive", "interest", "paid", "closing_balance", "overdue", "months_overdue", "status", "unrated_days"}
	postingColumns    = []string{"payer", "ref", "close_period", "account", "amount", "value_date", "channel", "agent_code"}
	allocationColumns = []string{"close_period", "account", "seq", "payer", "ref", "period", "billed_in", "part", "amount", "value_date"}
	agentColumns      = []string{"period", "agent_code", "payments", "amount", "commission_rate", "commission"}
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
	rows     struct{ vol, charges, debts, notices, postings, allocs, agents, warnings *store.Rows }
}

func (c *closer) post(ctx context.Context, runID int64, period, start ansinh.Period, a *assessor, res *Result) error {
	db := c.db
	ps := &posting{c: c, period: period, start: start, last: period.Last(), accounts: map[string]*Account{},
		opening: map[string]int64{}, moves: map[string]*Movement{}, deadline: map[ansinh.Period]ansinh.Date{}, ic: newInterestCalc(c.p)}
	r := &ps.rows
	r.vol, r.charges, r.debts = db.NewRows(len(voluntaryColumns)), db.NewRows(len(chargeColumns)), db.NewRows(len(debtColumns))
	r.notices, r.postings, r.allocs = db.NewRows(len(noticeColumns)), db.NewRows(len(postingColumns)), db.NewRows(len(allocationColumns))
	r.agents, r.warnings = db.NewRows(len(agentColumns)), db.NewRows(len(warningColumns))
	if err := ps.loadPrevious(ctx); err != nil {
		return err
	}
	if err := ps.loadCharges(ctx); err != nil {
		return err
	}
	if err := ps.voluntary(ctx); err != nil {
		return err
	}
	pays, err := ps.payments(ctx)
	if err != nil {
		return err
	}
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
	now := db.Now()
	err = db.Write(ctx, func(w *store.Writer) error {
		for _, t := range []struct {
			table string
			cols  []string
			rows  *store.Rows
		}{
			{"voluntary_charges", voluntaryColumns, r.vol}, {"charges", chargeColumns, r.charges},
			{"debts", debtColumns, r.debts}, {"notices", noticeColumns, r.notices},
			{"payment_postings", postingColumns, r.postings}, {"allocations", allocationColumns, r.allocs},
			{"agent_collections", agentColumns, r.agents}, {"close_warnings", warningColumns, r.warnings},
		} {
			if err := w.Append(t.table, t.cols, t.rows); err != nil {
				return err
			}
		}
		if _, err := w.Exec(`UPDATE collection_periods SET status = 'closed', closed_at = $1 WHERE period = $2`, db.Timestamp(now), period); err != nil {
			return err
		}
		if _, err := w.Exec(`UPDATE close_runs SET status = 'done', finished_at = $1 WHERE id = $2`, db.Timestamp(now), runID); err != nil {
			return err
		}
		return db.WriteAudit(ctx, w, store.AuditEntry{At: now, Actor: c.opt.Actor, Action: "collection.close", Object: "period:" + period.String(),
			Detail: fmt.Sprintf("run=%d assessed=%d retroactive=%d interest=%d paid=%d notices=%d suspense=%d",
				runID, res.Assessed, res.Retroactive, res.Interest, res.Paid, res.Notices, res.Suspense)})
	})
	if err != nil {
		return fmt.Errorf("collection: post %s: %w", period, err)
	}
	var n int64
	if err := db.R.QueryRowContext(ctx, `SELECT count(*) FROM close_warnings WHERE period = $1`, period).Scan(&n); err != nil {
		return err
	}
	res.Warnings = int(n)
	return nil
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

// loadPrevious reads the open items and credits left by the previous close.
func (ps *posting) loadPrevious(ctx context.Context) error {
	prev := ps.period.Add(-1)
	if ps.period == ps.start {
		return nil
	}
	db := ps.c.db
	rows, err := db.R.QueryContext(ctx, `SELECT payer, payer_kind, period, billed_in, due_on, principal, interest, accrued_through
		FROM debts WHERE close_period = $1 ORDER BY payer, period, billed_in`, prev)
	if err != nil {
		return fmt.Errorf("collection: read debts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var payer, kind string
		var it Item
		if err := rows.Scan(&payer, &kind, &it.Period, &it.BilledIn, &it.Due, &it.Principal, &it.Interest, &it.Accrued); err != nil {
			return err
		}
		a := ps.account(payer, PayerKind(kind))
		a.Items = append(a.Items, it)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	crows, err := db.R.QueryContext(ctx, `SELECT payer, payer_kind, closing_balance FROM notices WHERE period = $1 AND closing_balance < 0`, prev)
	if err != nil {
		return fmt.Errorf("collection: read credits: %w", err)
	}
	defer crows.Close()
	for crows.Next() {
		var payer, kind string
		var bal int64
		if err := crows.Scan(&payer, &kind, &bal); err != nil {
			return err
		}
		ps.account(payer, PayerKind(kind)).Credit = -bal
	}
	if err := crows.Err(); err != nil {
		return err
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
	rows, err := ps.c.db.R.QueryContext(ctx, `SELECT payer, period, principal FROM charges WHERE billed_in = $1 AND payer_kind = 'employer'`, ps.period)
	if err != nil {
		return fmt.Errorf("collection: read charges: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var payer string
		var p ansinh.Period
		var amount int64
		if err := rows.Scan(&payer, &p, &amount); err != nil {
			return err
		}
		if err := ps.bill(payer, KindEmployer, p, amount); err != nil {
			return err
		}
	}
	return rows.Err()
}

// voluntary bills the voluntary participants whose payment block starts in
// this month, and the state's and the province's support to the budgets.
func (ps *posting) voluntary(ctx context.Context) error {
	db, C := ps.c.db, ps.period
	supported := map[string]int64{}
	rows, err := db.R.QueryContext(ctx, `SELECT person_id, sum(supported_months) FROM voluntary_charges WHERE billed_in < $1 GROUP BY person_id`, C)
	if err != nil {
		return fmt.Errorf("collection: read voluntary history: %w", err)
	}
	for rows.Next() {
		var id string
		var n int64
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return err
		}
		supported[id] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = db.R.QueryContext(ctx, `SELECT person_id, start_month, end_month, income, mode, category, coalesce(agent_code, '')
		FROM voluntary WHERE start_month <= $1 AND (end_month IS NULL OR end_month >= $1) ORDER BY person_id, start_month`, C)
	if err != nil {
		return fmt.Errorf("collection: read enrolments: %w", err)
	}
	defer rows.Close()
	var state, province, nState, nProvince int64
	for rows.Next() {
		var id, mode, category, agent string
		var start, end ansinh.Period
		var income int64
		if err := rows.Scan(&id, &start, &end, &income, &mode, &category, &agent); err != nil {
			return err
		}
		m, err := rules.ParsePaymentMode(mode)
		if err != nil {
			return err
		}
		if int(C-start)%int(m) != 0 {
			continue // not the first month of a payment block
		}
		months := int64(m)
		if end != 0 && int64(end-C+1) < months {
			months = int64(end - C + 1)
		}
		cat, err := rules.ParseCategory(category)
		if err != nil {
			return err
		}
		v, err := ps.c.p.Voluntary(rules.VoluntaryInput{Month: C, Income: income, Categories: rules.NewCategories(cat), Months: int(m)})
		if err != nil {
			ps.rows.warnings.Text(C.String()).Text("voluntary_invalid").Text("person:" + id + "/" + start.String()).
				Text(ansinh.ErrorMessage(err, "vi") + " / " + ansinh.ErrorMessage(err, "en"))
			ps.rows.warnings.End()
			continue
		}
		sup := max(0, min(months, int64(v.SupportMaxMonths)-supported[id]))
		supported[id] += sup
		contribution := v.ContributionPerMonth * months
		st, pr := v.StateSupportPerMonth*sup, v.ProvinceSupportPerMonth*sup
		payable := contribution - st - pr
		r := ps.rows.vol
		r.Text(C.String()).Text(id).Text(start.String()).Int(months).Int(income).Text(category).Int(contribution)
		r.Int(st).Int(pr).Int(payable).Int(sup)
		if agent == "" {
			r.Null()
		} else {
			r.Text(agent)
		}
		r.End()
		if err := ps.charge(id, KindPerson, payable, 1); err != nil {
			return err
		}
		state += st
		province += pr
		if st > 0 {
			nState++
		}
		if pr > 0 {
			nProvince++
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := ps.charge(BudgetState, KindStateBudget, state, nState); err != nil {
		return err
	}
	return ps.charge(BudgetProvince, KindProvinceBudget, province, nProvince)
}

// charge bills a voluntary share or a budget's support for this month and
// records the charge.
func (ps *posting) charge(payer string, kind PayerKind, amount, items int64) error {
	if amount <= 0 {
		return nil
	}
	C := ps.period
	ps.rows.charges.Text(C.String()).Text(payer).Text(C.String()).Text(string(kind)).Int(amount).Int(items)
	ps.rows.charges.End()
	return ps.bill(payer, kind, C, amount)
}

// booksCutoff is the last day whose payments belong to the time before the
// books: the payment deadline of the month before the first month of the
// books. The books hold no debt from before their first month, so the
// payments that settled those debts (made up to that deadline) are not
// allocated: counting them would turn them into credit and hide real arrears.
func (ps *posting) booksCutoff() ansinh.Date {
	if d, err := ps.c.p.Deadline(ps.start.Add(-1)); err == nil {
		return d
	}
	return ps.start.First().AddDays(-1)
}

// payments returns the payments this close allocates: those paid by the
// close's last day, after the books' cutoff, and not yet allocated, each with the account it goes to
// (the payer, or the account an officer attributed it to) and its value
// date (the payment day; for a payment dated in a month already closed, the
// first day of this month).
func (ps *posting) payments(ctx context.Context) ([]payment, error) {
	rows, err := ps.c.db.R.QueryContext(ctx, `SELECT p.payer, p.ref, p.amount, p.paid_on, p.channel, coalesce(p.agent_code, ''),
			coalesce(a.account, p.payer),
			CASE WHEN EXISTS (SELECT 1 FROM employers e WHERE e.tax_code = coalesce(a.account, p.payer)) THEN 'employer'
			     WHEN EXISTS (SELECT 1 FROM persons x WHERE x.person_id = coalesce(a.account, p.payer)) THEN 'person'
			     ELSE '' END
		FROM payments p LEFT JOIN payment_attributions a ON a.payer = p.payer AND a.ref = p.ref
		WHERE p.paid_on <= $1 AND p.paid_on > $2
		  AND NOT EXISTS (SELECT 1 FROM payment_postings s WHERE s.payer = p.payer AND s.ref = p.ref)`, ps.last, ps.booksCutoff())
	if err != nil {
		return nil, fmt.Errorf("collection: read payments: %w", err)
	}
	defer rows.Close()
	var out []payment
	first := ps.period.First()
	for rows.Next() {
		var p payment
		var kind string
		if err := rows.Scan(&p.payer, &p.ref, &p.amount, &p.paidOn, &p.channel, &p.agent, &p.account, &kind); err != nil {
			return nil, err
		}
		p.kind = PayerKind(kind)
		switch p.account {
		case BudgetState:
			p.kind = KindStateBudget
		case BudgetProvince:
			p.kind = KindProvinceBudget
		}
		p.value = max(p.paidOn, first)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
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
	return out, nil
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
			r.postings.Text(p.payer).Text(p.ref).Text(C.String()).Text(p.account).Int(p.amount).Date(p.value).Text(p.channel)
			if p.agent == "" {
				r.postings.Null()
			} else {
				r.postings.Text(p.agent)
			}
			r.postings.End()
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
			r.debts.Text(C.String()).Text(payer).Text(it.Period.String()).Text(it.BilledIn.String()).Text(string(a.Kind))
			r.debts.Date(it.Due).Int(it.Principal).Int(it.Interest).Date(it.Accrued)
			r.debts.End()
		}
		r.notices.Text(C.String()).Text(payer).Text(string(a.Kind)).Int(opening).Int(m.Assessed).Int(m.Retroactive)
		r.notices.Int(m.Interest).Int(m.Paid).Int(closing).Int(overdue).Int(int64(months)).Text(status).Int(int64(m.UnratedDays))
		r.notices.End()
		for i, al := range m.Allocations {
			r.allocs.Text(C.String()).Text(payer).Int(int64(i)).Text(al.Payer).Text(al.Ref).Period(al.Period).Period(al.BilledIn)
			r.allocs.Text(al.Part).Int(al.Amount).Date(al.ValueDate)
			r.allocs.End()
		}
		if m.UnratedDays > 0 {
			r.warnings.Text(C.String()).Text("interest_unrated").Text("employer:" + payer).Text(fmt.Sprintf(
				"%d ngày chậm đóng chưa tính lãi: tỉnh chưa nạp tham số %s (Luật BHXH 2014) / %d days late without interest: the province has not loaded %s (L2014)",
				m.UnratedDays, l2014RateParam, m.UnratedDays, l2014RateParam))
			r.warnings.End()
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
	rates, err := AgentRates(ctx, ps.c.db, ps.last)
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
		r := ps.rows.agents
		r.Text(ps.period.String()).Text(code).Int(s.n).Int(s.amount)
		if rate, ok := rates[code]; ok {
			r.Int(int64(rate)).Int(rate.Of(s.amount))
		} else {
			r.Null().Null()
			ps.rows.warnings.Text(ps.period.String()).Text("agent_no_rate").Text("agent:" + code).
				Text("hợp đồng đại lý thu chưa có tỷ lệ hoa hồng: chưa tính hoa hồng / the agent's contract has no commission rate: no commission computed")
			ps.rows.warnings.End()
		}
		r.End()
	}
	return nil
}
