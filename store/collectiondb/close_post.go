package collectiondb

import (
	"context"
	"database/sql"

	"ansinh"
	"ansinh/collection"
	"ansinh/rules"
)

// OpenDebts returns the open items left by the close of prev, by payer,
// month and billing close.
func (s *CloseStore) OpenDebts(ctx context.Context, prev ansinh.Period) ([]collection.DebtRow, error) {
	var out []collection.DebtRow
	err := queryEach(ctx, s.db.R, `SELECT payer, payer_kind, period, billed_in, due_on, principal, interest, accrued_through
		FROM debts WHERE close_period = $1 ORDER BY payer, period, billed_in`, []any{prev}, func(r *sql.Rows) error {
		d := collection.DebtRow{ClosePeriod: prev}
		var kind string
		it := &d.Item
		if err := r.Scan(&d.Payer, &kind, &it.Period, &it.BilledIn, &it.Due, &it.Principal, &it.Interest, &it.Accrued); err != nil {
			return err
		}
		d.Kind = collection.PayerKind(kind)
		out = append(out, d)
		return nil
	})
	return out, err
}

// Credits returns the accounts left with a credit (a negative closing
// balance) by the close of prev.
func (s *CloseStore) Credits(ctx context.Context, prev ansinh.Period) ([]collection.NoticeRow, error) {
	var out []collection.NoticeRow
	err := queryEach(ctx, s.db.R, `SELECT payer, payer_kind, closing_balance FROM notices WHERE period = $1 AND closing_balance < 0`,
		[]any{prev}, func(r *sql.Rows) error {
			n := collection.NoticeRow{Period: prev}
			var kind string
			if err := r.Scan(&n.Payer, &kind, &n.Closing); err != nil {
				return err
			}
			n.Kind = collection.PayerKind(kind)
			out = append(out, n)
			return nil
		})
	return out, err
}

// EmployerCharges returns the employers' charges billed by the close of C.
func (s *CloseStore) EmployerCharges(ctx context.Context, C ansinh.Period) ([]collection.ChargeRow, error) {
	var out []collection.ChargeRow
	err := queryEach(ctx, s.db.R, `SELECT payer, period, principal FROM charges WHERE billed_in = $1 AND payer_kind = 'employer'`,
		[]any{C}, func(r *sql.Rows) error {
			c := collection.ChargeRow{BilledIn: C, Kind: collection.KindEmployer}
			if err := r.Scan(&c.Payer, &c.Period, &c.Principal); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	return out, err
}

// SupportedMonths returns the months of support each voluntary participant
// received from the closes before C.
func (s *CloseStore) SupportedMonths(ctx context.Context, C ansinh.Period) (map[string]int64, error) {
	out := map[string]int64{}
	err := queryEach(ctx, s.db.R, `SELECT person_id, sum(supported_months) FROM voluntary_charges WHERE billed_in < $1 GROUP BY person_id`,
		[]any{C}, func(r *sql.Rows) error {
			var id string
			var n int64
			if err := r.Scan(&id, &n); err != nil {
				return err
			}
			out[id] = n
			return nil
		})
	return out, err
}

// Enrolments returns the voluntary enrolments covering C, by person and
// start month.
func (s *CloseStore) Enrolments(ctx context.Context, C ansinh.Period) ([]collection.EnrolmentRow, error) {
	var out []collection.EnrolmentRow
	err := queryEach(ctx, s.db.R, `SELECT person_id, start_month, end_month, income, mode, category, coalesce(agent_code, '')
		FROM voluntary WHERE start_month <= $1 AND (end_month IS NULL OR end_month >= $1) ORDER BY person_id, start_month`,
		[]any{C}, func(r *sql.Rows) error {
			var e collection.EnrolmentRow
			if err := r.Scan(&e.Person, &e.Start, &e.End, &e.Income, &e.Mode, &e.Category, &e.Agent); err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	return out, err
}

// UnpostedPayments returns the payments made after cutoff and by last that
// no close posted yet, with the account each goes to (the payer, or the
// account an officer attributed it to) and its kind.
//
// Only the payments not yet posted are visited: those whose posted_in is
// NULL, in the partial index payments_unposted (migration 0090). The
// posting sets the mark only on payments without one, and fails if a
// payment had one (postedIn), so that a payment is never posted twice.
func (s *CloseStore) UnpostedPayments(ctx context.Context, last, cutoff ansinh.Date) ([]collection.PaymentRow, error) {
	var out []collection.PaymentRow
	err := queryEach(ctx, s.db.R, `SELECT p.payer, p.ref, p.amount, p.paid_on, p.channel, coalesce(p.agent_code, ''),
			coalesce(a.account, p.payer),
			CASE WHEN EXISTS (SELECT 1 FROM employers e WHERE e.tax_code = coalesce(a.account, p.payer)) THEN 'employer'
			     WHEN EXISTS (SELECT 1 FROM persons x WHERE x.person_id = coalesce(a.account, p.payer)) THEN 'person'
			     ELSE '' END
		FROM payments p LEFT JOIN payment_attributions a ON a.payer = p.payer AND a.ref = p.ref
		WHERE p.posted_in IS NULL AND p.paid_on <= $1 AND p.paid_on > $2`, []any{last, cutoff},
		func(r *sql.Rows) error {
			var p collection.PaymentRow
			if err := r.Scan(&p.Payer, &p.Ref, &p.Amount, &p.PaidOn, &p.Channel, &p.Agent, &p.Account, &p.Kind); err != nil {
				return err
			}
			out = append(out, p)
			return nil
		})
	return out, err
}

// AgentRates returns the commission rate of every agent contract in force
// on day d that has one: the collection store's one query.
func (s *CloseStore) AgentRates(ctx context.Context, d ansinh.Date) (map[string]rules.Micro, error) {
	return New(s.db).AgentRates(ctx, d)
}

// WarningCount returns the number of warnings of the close of C.
func (s *CloseStore) WarningCount(ctx context.Context, C ansinh.Period) (int, error) {
	var n int64
	err := s.db.R.QueryRowContext(ctx, `SELECT count(*) FROM close_warnings WHERE period = $1`, C).Scan(&n)
	return int(n), err
}
