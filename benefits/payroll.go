package benefits

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"ansinh"
	"ansinh/rules"
)

// PayrollStore is what the payroll needs from storage.
type PayrollStore interface {
	// StartPayroll reports whether the period's payroll is done; if not, it
	// starts the run (fixing its batches: ranges of claim ids of at most
	// size claims decided before at) or resumes it, and returns the
	// batches not yet done and the number of batches of the run.
	StartPayroll(ctx context.Context, period ansinh.Period, actor string, at time.Time, size int) (done bool, pending []Batch, total int, err error)
	// PayBatch pays one batch in one transaction: the database writes the
	// lines of the claims the plan covers (PayrollPlan), then hands the
	// batch's other claims approved or in payment that have no line yet to
	// compute, writes the lines it returns, moves the claims to their new
	// status and marks the batch done. It returns the number of lines.
	PayBatch(ctx context.Context, plan PayrollPlan, b Batch, compute func([]PayrollInput) []Line) (int, error)
	// FinishPayroll marks the run done and audits it.
	FinishPayroll(ctx context.Context, period ansinh.Period, actor string, at time.Time) error
	// HoldCheckpoints defers the engine's automatic checkpoints while the
	// batches commit, until release: one checkpoint for the run instead of
	// one every batch or so (a no-op where the engine has none).
	HoldCheckpoints(ctx context.Context) (release func() error, err error)
	// PayrollLines returns the period's lines within the scope, by claim.
	PayrollLines(ctx context.Context, sc ansinh.Scope, period ansinh.Period) ([]Line, error)
}

// PayrollPlan is what the database needs to write most of a payroll's
// lines itself, set-based: the period and the adjustment decrees in force
// by it. The claims it covers are those whose line ComputeLine reduces to
// this month's indexed amount plus the same amount for every month owed
// before it, plus the lump sum not yet paid:
//   - a pension or social pension (no stop but death),
//   - of a person with no death known,
//   - paid by the previous month's payroll (its lump sum, if any, paid with
//     its first line), or still approved: never in a payroll, since the
//     payroll moves every claim it writes a line for out of approved in
//     the same transaction (owing every month from its start, and its lump
//     sum),
//   - with no adjustment decree taking effect within the months owed after
//     the first (a pension's amount is then the same in each of them);
//
// and an unemployment benefit paid by the previous month's payroll that
// neither ends this month nor is cut by a job beginning by next month (its
// line is this month's amount). Every other claim goes through
// ComputeLine.
type PayrollPlan struct {
	Period      ansinh.Period
	Adjustments []Adjustment // in date order, each in force by Period
}

// Adjustment is an indexation decree: from its month on, a pension that
// began before it is raised by Rate (millionths; the raise rounded half-up
// to the đồng, on the amount as raised by the decrees before it).
type Adjustment struct {
	From   ansinh.Period
	Rate   int64
	Source string
}

// LastFrom returns the month of the latest decree (zero: none).
func (p PayrollPlan) LastFrom() ansinh.Period {
	if len(p.Adjustments) == 0 {
		return 0
	}
	return p.Adjustments[len(p.Adjustments)-1].From
}

// Plan returns the payroll plan of period on the parameters p.
func Plan(p *rules.Params, period ansinh.Period) PayrollPlan {
	plan := PayrollPlan{Period: period}
	for _, v := range adjustments(p) {
		if f := v.From.Period(); v.Set && f <= period {
			plan.Adjustments = append(plan.Adjustments, Adjustment{From: f, Rate: int64(v.Micro()), Source: v.Source})
		}
	}
	slices.SortStableFunc(plan.Adjustments, func(a, b Adjustment) int { return cmp.Compare(a.From, b.From) })
	return plan
}

// Batch is a range of claim ids the payroll writes in one transaction.
type Batch struct {
	No          int
	First, Last int64
}

// PayrollInput is a claim in payment and what decides this month's line.
type PayrollInput struct {
	Claim       Claim
	DiedOn      ansinh.Date   // the registry's death date; zero: alive
	Reemployed  ansinh.Period // first month of a new job since the UI benefit started; zero: none
	PaidThrough ansinh.Period // last month earlier payrolls paid; zero: none
	LumpPaid    bool          // the lump sum was paid by an earlier payroll
}

// Line is one benefit in a month's payroll.
type Line struct {
	Period     ansinh.Period
	ClaimID    int64
	PersonID   string
	Name       string
	Kind       Kind
	Status     string // "pay", or "stop" when nothing is owed for the month
	Monthly    int64  // this month's benefit, indexed
	Arrears    int64  // months owed from earlier months, indexed
	LumpSum    int64  // lump sum at retirement, or the one-time withdrawal
	Recovery   int64  // overpaid months to recover
	Amount     int64  // Monthly + Arrears + LumpSum − Recovery
	Adjustment string // the adjustment decrees applied
	StopReason string // death, reemployment, end_of_entitlement, paid
	NewStatus  Status // the claim's status after this payroll
	StopMonth  ansinh.Period
}

// adjustmentParam names the indexation decrees of pensions and monthly
// benefits (rules/data/params.csv).
const adjustmentParam = "pension.adjustment"

// Indexed returns the monthly amount of a benefit that started in start, in
// month m: each adjustment decree that took effect after start and by m
// raises it by its rate, rounded half-up to the đồng, in date order. It
// also names the decrees applied.
func Indexed(p *rules.Params, kind Kind, monthly int64, start, m ansinh.Period) (int64, string) {
	return indexed(adjustments(p), kind, monthly, start, m)
}

// adjustments returns the adjustment decrees of p (read once per table).
func adjustments(p *rules.Params) []rules.Version {
	if v, ok := adjustmentCache.Load(p); ok {
		return v.([]rules.Version)
	}
	vs := p.Versions(adjustmentParam)
	adjustmentCache.Store(p, vs)
	return vs
}

// adjustmentCache keeps each parameter table's adjustment decrees.
var adjustmentCache sync.Map

// indexed is Indexed on the decrees vs.
func indexed(vs []rules.Version, kind Kind, monthly int64, start, m ansinh.Period) (int64, string) {
	if kind != KindPension {
		return monthly, ""
	}
	var names []string
	for i := range vs {
		v := &vs[i]
		f := v.From.Period()
		if f <= start || f > m || !v.Set {
			continue
		}
		monthly += v.Micro().Of(monthly)
		names = append(names, v.Source)
	}
	return monthly, strings.Join(names, "; ")
}

// stopMonth returns the first month no longer owed and why (zero: none).
func stopMonth(in PayrollInput) (ansinh.Period, string) {
	c := in.Claim
	var s ansinh.Period
	why := ""
	set := func(m ansinh.Period, reason string) {
		if !m.IsZero() && (s.IsZero() || m < s) {
			s, why = m, reason
		}
	}
	if !in.DiedOn.IsZero() {
		set(in.DiedOn.Period()+1, "death")
	}
	switch c.Kind {
	case KindUI:
		set(c.End+1, "end_of_entitlement")
		set(in.Reemployed, "reemployment")
	case KindWithdrawal:
		set(c.Start+1, "paid")
	}
	return s, why
}

// ComputeLine returns the claim's line in the payroll of period, and false
// when the claim has nothing in it (it starts later).
func ComputeLine(p *rules.Params, in PayrollInput, period ansinh.Period) (Line, bool) {
	c := in.Claim
	if c.Start > period {
		return Line{}, false
	}
	l := Line{Period: period, ClaimID: c.ID, PersonID: c.PersonID, Name: c.PersonName, Kind: c.Kind, Status: "pay", NewStatus: StatusInPayment}
	stop, why := stopMonth(in)
	owedTo := period
	if !stop.IsZero() && stop-1 < owedTo {
		owedTo = stop - 1
	}
	from := max(c.Start, in.PaidThrough+1)
	if c.Kind.Monthly() {
		for m := from; m <= owedTo; m++ {
			amt, adj := Indexed(p, c.Kind, c.Monthly, c.Start, m)
			if m == period {
				l.Monthly, l.Adjustment = amt, adj
			} else {
				l.Arrears += amt
			}
		}
		for m := max(stop, c.Start); !stop.IsZero() && m <= in.PaidThrough; m++ {
			amt, _ := Indexed(p, c.Kind, c.Monthly, c.Start, m)
			l.Recovery += amt
		}
	}
	if !in.LumpPaid && c.LumpSum > 0 {
		l.LumpSum = c.LumpSum
	}
	if !stop.IsZero() && stop <= period+1 {
		l.NewStatus, l.StopMonth, l.StopReason = StatusStopped, stop, why
		if stop <= period {
			l.Status = "stop"
		}
	}
	l.Amount = l.Monthly + l.Arrears + l.LumpSum - l.Recovery
	return l, true
}

// PayrollBatchSize is the number of claim ids a payroll batch spans: a
// batch's transaction holds the writer for a fraction of a second, and
// 300,000 claims take six.
const PayrollBatchSize = 50000

// PayrollResult is a month's payroll.
type PayrollResult struct {
	Period  ansinh.Period
	Resumed bool // an earlier run of the period was incomplete and was completed
	Already bool // the period was already done: nothing was written
	Lines   []Line
}

// Payroll runs the payroll of period (RunPayroll) and returns its lines
// (those of the bank transfer file).
func (s *Service) Payroll(ctx context.Context, period ansinh.Period, actor string) (PayrollResult, error) {
	res, err := s.RunPayroll(ctx, period, actor)
	if err != nil {
		return res, err
	}
	res.Lines, err = s.Store.PayrollLines(ctx, ansinh.Scope{All: true}, period)
	return res, err
}

// RunPayroll runs the payroll of period: every claim approved or in
// payment gets its line (this month, arrears, lump sum, recoveries, stops),
// batch by batch, each batch committed with its done mark. A done period is
// not written again; an interrupted run is completed by the next one to the
// same lines. The result has no lines (see Payroll).
func (s *Service) RunPayroll(ctx context.Context, period ansinh.Period, actor string) (res PayrollResult, err error) {
	res = PayrollResult{Period: period}
	if s.Jobs != nil {
		release, err := s.Jobs.LockJob(ctx, PayrollJob, "chi trả / payroll "+period.String()+", "+actor)
		if err != nil {
			return res, err
		}
		defer func() {
			if rerr := release(); err == nil {
				err = rerr
			}
		}()
	}
	done, pending, total, err := s.Store.StartPayroll(ctx, period, actor, s.now(), cmp.Or(s.PayrollBatch, PayrollBatchSize))
	if err != nil {
		return res, err
	}
	res.Already = done
	if len(pending) > 0 {
		release, herr := s.Store.HoldCheckpoints(ctx)
		if herr != nil {
			return res, herr
		}
		defer func() {
			if rerr := release(); err == nil {
				err = rerr
			}
		}()
	}
	plan := Plan(s.Params, period)
	for i, b := range pending {
		if s.PayrollProgress != nil {
			s.PayrollProgress(total-len(pending)+i, total)
		}
		if err := s.payBatch(ctx, plan, b); err != nil {
			return res, err
		}
		if s.PayrollHook != nil {
			if err := s.PayrollHook(i); err != nil {
				return res, err
			}
		}
	}
	if s.PayrollProgress != nil && len(pending) > 0 {
		s.PayrollProgress(total, total)
	}
	if !done {
		err = s.Store.FinishPayroll(ctx, period, actor, s.now())
	}
	return res, err
}

// payBatch pays one batch: the database writes the lines the plan covers,
// ComputeLine those of the batch's other claims.
func (s *Service) payBatch(ctx context.Context, plan PayrollPlan, b Batch) error {
	_, err := s.Store.PayBatch(ctx, plan, b, func(ins []PayrollInput) []Line {
		lines := make([]Line, 0, len(ins))
		for _, in := range ins {
			if l, ok := ComputeLine(s.Params, in, plan.Period); ok {
				lines = append(lines, l)
			}
		}
		return lines
	})
	if err != nil {
		return fmt.Errorf("payroll batch %d: %w", b.No, err)
	}
	return nil
}
