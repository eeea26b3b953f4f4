package collectiondb

import (
	"context"
	"fmt"
	"time"

	"ansinh"
	"ansinh/collection"
	"ansinh/store"
)

// The columns of the tables the close appends to, in the order it writes
// them. A month every row of a list shares (the month closed, mostly) comes
// last, given once to the list's statements (store.Rows.Fixed) instead of
// to each row.
var (
	assessmentColumns = []string{"tax_code", "person_id", "si_base", "ui_base", "hi_base",
		"employer_retirement", "employer_sickness", "employer_accident", "employer_ui", "employer_hi",
		"employee_retirement", "employee_ui", "employee_hi", "total", "flags", "period", "billed_in"}
	chargeColumns    = []string{"payer", "period", "payer_kind", "principal", "items", "billed_in"}
	warningColumns   = []string{"period", "code", "object", "detail"}
	voluntaryColumns = []string{"billed_in", "person_id", "start_month", "months", "income", "category", "contribution",
		"state_support", "province_support", "payable", "supported_months", "agent_code"}
	debtColumns       = []string{"payer", "period", "billed_in", "payer_kind", "due_on", "principal", "interest", "accrued_through", "close_period"}
	noticeColumns     = []string{"payer", "payer_kind", "opening_balance", "assessed", "retroactive", "interest", "paid", "closing_balance", "overdue", "months_overdue", "status", "unrated_days", "period"}
	postingColumns    = []string{"payer", "ref", "account", "amount", "value_date", "channel", "agent_code", "close_period"}
	allocationColumns = []string{"account", "seq", "payer", "ref", "period", "billed_in", "part", "amount", "value_date", "close_period"}
	agentColumns      = []string{"period", "agent_code", "payments", "amount", "commission_rate", "commission"}
)

// sharedMonth returns the month that all n rows hold (month(i)), as text;
// "" when they hold different months or there is no row.
func sharedMonth(n int, month func(i int) ansinh.Period) string {
	if n == 0 {
		return ""
	}
	m := month(0)
	for i := 1; i < n; i++ {
		if month(i) != m {
			return ""
		}
	}
	return m.String()
}

// monthRows returns a buffer for n rows of cols columns, the last one the
// month shared by every row when shared is not "" (the rows then leave it
// out; lastMonth adds it otherwise).
func (s *CloseStore) monthRows(cols, n int, shared string) *store.Rows {
	r := s.db.NewRows(cols).Grow(n)
	if shared != "" {
		r.Fixed(shared)
	}
	return r
}

// lastMonth ends a row of a monthRows buffer: p is its last value unless
// the buffer holds it once for every row.
func lastMonth(r *store.Rows, shared string, p ansinh.Period) {
	if shared == "" {
		r.Text(p.String())
	}
	r.End()
}

// postedIn marks the payments the close of $1 posted with its month,
// driven by the postings of the month (payment_postings_close) with a
// primary-key lookup of each payment; a payment marked already is left
// (and Post fails).
const postedIn = `UPDATE payments SET posted_in = s.close_period FROM payment_postings s
	WHERE s.close_period = $1 AND s.payer = payments.payer AND s.ref = payments.ref AND payments.posted_in IS NULL`

// unposted clears the mark of the payments the closes from $1 on posted,
// before their postings are deleted.
const unposted = `UPDATE payments SET posted_in = NULL FROM payment_postings s
	WHERE s.close_period >= $1 AND s.payer = payments.payer AND s.ref = payments.ref`

// preparedBatch is a batch's rows as WriteBatches appends them.
type preparedBatch struct {
	assessments       []*store.Rows
	charges, warnings *store.Rows
}

// PrepareBatch turns the rows of a batch into the rows WriteBatches appends.
func (s *CloseStore) PrepareBatch(b *collection.BatchRows) {
	b.Prepared = &preparedBatch{s.assessmentRows(b.Assessments), s.chargeRows(b.Charges), s.warningRows(b.Warnings)}
}

// WriteBatches commits the rows of batches with their done marks, in one
// transaction; taken[i] is true, and nothing of batch i written, when batch
// i was done meanwhile.
func (s *CloseStore) WriteBatches(ctx context.Context, runID int64, at time.Time, bs []*collection.BatchRows) (taken []bool, err error) {
	prepared := make([]*preparedBatch, len(bs))
	for i, b := range bs {
		p, ok := b.Prepared.(*preparedBatch)
		if !ok {
			s.PrepareBatch(b)
			p = b.Prepared.(*preparedBatch)
		}
		prepared[i] = p
	}
	err = s.db.Write(ctx, func(w *store.Writer) error {
		taken = make([]bool, len(bs))
		for i, p := range prepared {
			written := 0
			for _, r := range p.assessments {
				written += r.Len()
			}
			done, err := w.Exec(`UPDATE close_batches SET status = 'done', rows_written = $1, finished_at = $2
				WHERE run_id = $3 AND batch_no = $4 AND status = 'pending'`, int64(written), s.db.Timestamp(at), runID, bs[i].No)
			if err != nil {
				return err
			}
			if taken[i] = done == 0; taken[i] {
				continue
			}
			for _, r := range p.assessments {
				if err := w.Append("assessments", assessmentColumns, r); err != nil {
					return err
				}
			}
			if err := w.Append("charges", chargeColumns, p.charges); err != nil {
				return err
			}
			if err := w.Append("close_warnings", warningColumns, p.warnings); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, p := range prepared {
		// The rows of the month are written: their buffer serves a later
		// batch.
		bs[i].Prepared = nil
		p.assessments[0].Reset()
		s.spare.Put(p.assessments[0])
	}
	return taken, nil
}

// Post commits the posting of a close, marks the month closed and the run
// done, and audits it, in one transaction.
func (s *CloseStore) Post(ctx context.Context, p *collection.PostRows, audit ansinh.AuditEntry) error {
	tables := []struct {
		table string
		cols  []string
		rows  *store.Rows
	}{
		{"voluntary_charges", voluntaryColumns, s.voluntaryRows(p.Voluntary)}, {"charges", chargeColumns, s.chargeRows(p.Charges)},
		{"debts", debtColumns, s.debtRows(p.Debts)}, {"notices", noticeColumns, s.noticeRows(p.Notices)},
		{"payment_postings", postingColumns, s.postingRows(p.Postings)}, {"allocations", allocationColumns, s.allocationRows(p.Allocations)},
		{"agent_collections", agentColumns, s.agentRows(p.Agents)}, {"close_warnings", warningColumns, s.warningRows(p.Warnings)},
	}
	return s.db.Write(ctx, func(w *store.Writer) error {
		for _, t := range tables {
			if err := w.Append(t.table, t.cols, t.rows); err != nil {
				return err
			}
		}
		marked, err := w.Exec(postedIn, p.Period)
		if err != nil {
			return err
		}
		if twice := int64(len(p.Postings)) - marked; twice != 0 {
			return &ansinh.Error{Code: ansinh.ECONFLICT, Field: "payments",
				Message:   fmt.Sprintf("%d khoản nộp đã được hạch toán ở kỳ trước: không hạch toán lại", twice),
				MessageEN: fmt.Sprintf("%d payments were posted by an earlier close: not posted again", twice)}
		}
		if _, err := w.Exec(`UPDATE collection_periods SET status = 'closed', closed_at = $1 WHERE period = $2`, s.db.Timestamp(p.At), p.Period); err != nil {
			return err
		}
		if _, err := w.Exec(`UPDATE close_runs SET status = 'done', finished_at = $1 WHERE id = $2`, s.db.Timestamp(p.At), p.RunID); err != nil {
			return err
		}
		return s.db.WriteAudit(ctx, w, audit)
	})
}

// textOrNull adds s, or NULL when it is empty.
func textOrNull(r *store.Rows, s string) {
	if s == "" {
		r.Null()
	} else {
		r.Text(s)
	}
}

// assessmentRows returns the rows of a batch: those of the month closed
// itself, its month given once for both the month and the billing month,
// and the others, the billing month given once (every value bound when the
// rows' billing months differ).
func (s *CloseStore) assessmentRows(in []collection.AssessmentRow) []*store.Rows {
	amounts := func(r *store.Rows, a *collection.AssessmentRow) {
		amt := &a.Amount
		r.Text(a.TaxCode).Text(a.Person).Int(amt.SIBase).Int(amt.UIBase).Int(amt.HIBase)
		r.Int(amt.Employer.Retirement).Int(amt.Employer.Sickness).Int(amt.Employer.Accident).Int(amt.Employer.UI).Int(amt.Employer.HI)
		r.Int(amt.Employee.Retirement).Int(amt.Employee.UI).Int(amt.Employee.HI).Int(amt.Total).Int(int64(amt.Flags))
	}
	billed := sharedMonth(len(in), func(i int) ansinh.Period { return in[i].BilledIn })
	month := s.assessmentBuffer()
	if billed != "" {
		month.Fixed(billed, billed).Grow(len(in))
	}
	earlier := s.monthRows(len(assessmentColumns), 0, billed)
	for i := range in {
		a := &in[i]
		if billed != "" && a.Period == a.BilledIn {
			amounts(month, a)
			month.End()
			continue
		}
		amounts(earlier, a)
		earlier.Text(a.Period.String())
		lastMonth(earlier, billed, a.BilledIn)
	}
	return []*store.Rows{month, earlier}
}

// assessmentBuffer returns an empty buffer for a batch's assessment rows:
// one a batch written before left when there is one.
func (s *CloseStore) assessmentBuffer() *store.Rows {
	if r, ok := s.spare.Get().(*store.Rows); ok {
		return r
	}
	return s.db.NewRows(len(assessmentColumns))
}

func (s *CloseStore) chargeRows(in []collection.ChargeRow) *store.Rows {
	billed := sharedMonth(len(in), func(i int) ansinh.Period { return in[i].BilledIn })
	r := s.monthRows(len(chargeColumns), len(in), billed)
	for _, c := range in {
		r.Text(c.Payer).Text(c.Period.String()).Text(string(c.Kind)).Int(c.Principal).Int(c.Items)
		lastMonth(r, billed, c.BilledIn)
	}
	return r
}

func (s *CloseStore) warningRows(in []collection.WarningRow) *store.Rows {
	r := s.db.NewRows(len(warningColumns)).Grow(len(in))
	for _, w := range in {
		r.Text(w.Period.String()).Text(w.Code).Text(w.Object).Text(w.Detail)
		r.End()
	}
	return r
}

func (s *CloseStore) voluntaryRows(in []collection.VoluntaryChargeRow) *store.Rows {
	r := s.db.NewRows(len(voluntaryColumns)).Grow(len(in))
	for _, v := range in {
		r.Text(v.BilledIn.String()).Text(v.Person).Text(v.Start.String()).Int(v.Months).Int(v.Income).Text(v.Category).Int(v.Contribution)
		r.Int(v.State).Int(v.Province).Int(v.Payable).Int(v.SupportedMonths)
		textOrNull(r, v.Agent)
		r.End()
	}
	return r
}

func (s *CloseStore) debtRows(in []collection.DebtRow) *store.Rows {
	closed := sharedMonth(len(in), func(i int) ansinh.Period { return in[i].ClosePeriod })
	r := s.monthRows(len(debtColumns), len(in), closed)
	for _, d := range in {
		it := d.Item
		r.Text(d.Payer).Text(it.Period.String()).Text(it.BilledIn.String()).Text(string(d.Kind))
		r.Date(it.Due).Int(it.Principal).Int(it.Interest).Date(it.Accrued)
		lastMonth(r, closed, d.ClosePeriod)
	}
	return r
}

func (s *CloseStore) noticeRows(in []collection.NoticeRow) *store.Rows {
	period := sharedMonth(len(in), func(i int) ansinh.Period { return in[i].Period })
	r := s.monthRows(len(noticeColumns), len(in), period)
	for _, n := range in {
		r.Text(n.Payer).Text(string(n.Kind)).Int(n.Opening).Int(n.Assessed).Int(n.Retroactive)
		r.Int(n.Interest).Int(n.Paid).Int(n.Closing).Int(n.Overdue).Int(n.MonthsOverdue).Text(n.Status).Int(n.UnratedDays)
		lastMonth(r, period, n.Period)
	}
	return r
}

func (s *CloseStore) postingRows(in []collection.PostingRow) *store.Rows {
	closed := sharedMonth(len(in), func(i int) ansinh.Period { return in[i].ClosePeriod })
	r := s.monthRows(len(postingColumns), len(in), closed)
	for _, p := range in {
		r.Text(p.Payer).Text(p.Ref).Text(p.Account).Int(p.Amount).Date(p.Value).Text(p.Channel)
		textOrNull(r, p.Agent)
		lastMonth(r, closed, p.ClosePeriod)
	}
	return r
}

func (s *CloseStore) allocationRows(in []collection.AllocationRow) *store.Rows {
	closed := sharedMonth(len(in), func(i int) ansinh.Period { return in[i].ClosePeriod })
	r := s.monthRows(len(allocationColumns), len(in), closed)
	for _, a := range in {
		al := a.Allocation
		r.Text(a.Account).Int(a.Seq).Text(al.Payer).Text(al.Ref).Period(al.Period).Period(al.BilledIn)
		r.Text(al.Part).Int(al.Amount).Date(al.ValueDate)
		lastMonth(r, closed, a.ClosePeriod)
	}
	return r
}

func (s *CloseStore) agentRows(in []collection.AgentRow) *store.Rows {
	r := s.db.NewRows(len(agentColumns)).Grow(len(in))
	for _, a := range in {
		r.Text(a.Period.String()).Text(a.AgentCode).Int(a.Payments).Int(a.Amount)
		if a.Rate != nil {
			r.Int(int64(*a.Rate)).Int(a.Commission)
		} else {
			r.Null().Null()
		}
		r.End()
	}
	return r
}
