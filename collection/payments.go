package collection

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"ansinh"
	"ansinh/store"
)

// Payment is money received from a payer: through a bank, the online
// gateway, a collection agent or at the counter.
type Payment struct {
	Ref       string // the payer's or the channel's reference, unique per payer
	Payer     string // tax code, personal ID, or a budget account
	Amount    int64
	PaidOn    ansinh.Date
	Channel   string // bank, online, agent, counter
	AgentCode string // the collection agent, channel agent
}

// Receipt acknowledges a recorded payment.
type Receipt struct {
	Payment
	Duplicate bool // the same payment was recorded before: nothing changed
	Suspense  bool // the payer is unknown: an officer must attribute it
	// Balance is the payer's balance with this payment counted (it is
	// allocated, oldest debt first, by the close of the month it was paid
	// in, or by the next close if that month is already closed).
	Balance Balance
}

var channels = []string{"bank", "online", "agent", "counter"}

// ErrPaymentConflict is returned when a payment with the same payer and
// reference was recorded with other figures.
var ErrPaymentConflict = &ansinh.Error{Code: ansinh.ECONFLICT, Field: "ref",
	Message:   "Mã giao dịch này đã được ghi nhận với số tiền hoặc ngày khác.",
	MessageEN: "This reference was already recorded with another amount or date."}

// RecordPayment records a payment, idempotently by (payer, reference): the
// same payment recorded twice is recorded once, and the second call reports
// Duplicate. A payment from a payer the registry does not know is kept in
// suspense for an officer (AttributePayment), never lost. It is audited with
// actor.
func RecordPayment(ctx context.Context, db *store.DB, p Payment, actor string) (Receipt, error) {
	p.Ref, p.Payer = strings.TrimSpace(p.Ref), strings.TrimSpace(p.Payer)
	switch {
	case p.Ref == "":
		return Receipt{}, ansinh.Invalid("ref", "thiếu mã giao dịch", "missing payment reference")
	case p.Payer == "":
		return Receipt{}, ansinh.Invalid("payer", "thiếu người nộp", "missing payer")
	case CheckAmount("amount", p.Amount) != nil:
		return Receipt{}, CheckAmount("amount", p.Amount)
	case p.PaidOn.IsZero():
		return Receipt{}, ansinh.Invalid("paid_on", "thiếu ngày nộp", "missing payment day")
	case !contains(channels, p.Channel):
		return Receipt{}, ansinh.Invalid("channel", "kênh nộp phải là bank, online, agent hoặc counter", "the channel must be bank, online, agent or counter")
	case p.Channel == "agent" && p.AgentCode == "":
		return Receipt{}, ansinh.Invalid("agent_code", "nộp qua đại lý phải có mã đại lý", "a payment through an agent needs the agent's code")
	}
	rc := Receipt{Payment: p}
	var agent any
	if p.AgentCode != "" {
		agent = p.AgentCode
	}
	err := db.Write(ctx, func(w *store.Writer) error {
		var amount int64
		var paid ansinh.Date
		err := w.QueryRow(`SELECT amount, paid_on FROM payments WHERE payer = $1 AND ref = $2`, []any{p.Payer, p.Ref}, &amount, &paid)
		switch {
		case err == nil && amount == p.Amount && paid == p.PaidOn:
			rc.Duplicate = true
			return nil
		case err == nil:
			return ErrPaymentConflict
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if _, err := w.Exec(`INSERT INTO payments (ref, payer, amount, paid_on, channel, agent_code) VALUES ($1, $2, $3, $4, $5, $6)`,
			p.Ref, p.Payer, p.Amount, p.PaidOn, p.Channel, agent); err != nil {
			return err
		}
		return db.WriteAudit(ctx, w, store.AuditEntry{Actor: actor, Action: "payment.record", Object: "payment:" + p.Payer + "/" + p.Ref,
			Detail: fmt.Sprintf("amount=%d paid_on=%s channel=%s agent=%s", p.Amount, p.PaidOn, p.Channel, p.AgentCode)})
	})
	if err != nil {
		return rc, err
	}
	known, err := knownPayer(ctx, db, p.Payer)
	if err != nil {
		return rc, err
	}
	rc.Suspense = !known
	if known {
		rc.Balance, err = PayerBalance(ctx, db, p.Payer)
	}
	return rc, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// knownPayer reports whether payer is an employer, a person or a budget
// account.
func knownPayer(ctx context.Context, db *store.DB, payer string) (bool, error) {
	if payer == BudgetState || payer == BudgetProvince {
		return true, nil
	}
	var n int64
	err := db.R.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM employers WHERE tax_code = $1) + (SELECT count(*) FROM persons WHERE person_id = $1)`,
		payer).Scan(&n)
	return n > 0, err
}

// SuspensePayment is a payment from a payer the registry does not know,
// waiting for an officer to attribute it.
type SuspensePayment struct {
	Payment
}

// Suspense returns the payments in suspense: paid by the last closed month,
// not allocated, from an unknown payer and not attributed to a known one.
func Suspense(ctx context.Context, db *store.DB) ([]SuspensePayment, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT p.ref, p.payer, p.amount, p.paid_on, p.channel, coalesce(p.agent_code, '')
		FROM payments p LEFT JOIN payment_attributions a ON a.payer = p.payer AND a.ref = p.ref
		WHERE NOT EXISTS (SELECT 1 FROM payment_postings s WHERE s.payer = p.payer AND s.ref = p.ref)
		AND NOT EXISTS (SELECT 1 FROM employers e WHERE e.tax_code = coalesce(a.account, p.payer))
		AND NOT EXISTS (SELECT 1 FROM persons x WHERE x.person_id = coalesce(a.account, p.payer))
		AND coalesce(a.account, p.payer) NOT IN ($1, $2)
		ORDER BY p.paid_on, `+db.Collate("p.payer")+`, `+db.Collate("p.ref"), BudgetState, BudgetProvince)
	if err != nil {
		return nil, fmt.Errorf("collection: suspense: %w", err)
	}
	defer rows.Close()
	var out []SuspensePayment
	for rows.Next() {
		var s SuspensePayment
		if err := rows.Scan(&s.Ref, &s.Payer, &s.Amount, &s.PaidOn, &s.Channel, &s.AgentCode); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// AttributePayment attributes a payment in suspense to a known account (an
// employer's tax code, a participant's personal ID): the next close
// allocates it there. It is audited with actor. A payment already allocated
// cannot be attributed.
func AttributePayment(ctx context.Context, db *store.DB, payer, ref, account, actor string) error {
	known, err := knownPayer(ctx, db, account)
	if err != nil {
		return err
	}
	if !known {
		return ansinh.Invalid("account", "tài khoản nhận không có trong sổ đăng ký", "the account is not in the registry")
	}
	return db.Write(ctx, func(w *store.Writer) error {
		var n int64
		if err := w.QueryRow(`SELECT count(*) FROM payments WHERE payer = $1 AND ref = $2`, []any{payer, ref}, &n); err != nil {
			return err
		}
		if n == 0 {
			return &ansinh.Error{Code: ansinh.ENOTFOUND, Field: "ref", Message: "Không tìm thấy khoản nộp.", MessageEN: "Payment not found."}
		}
		if err := w.QueryRow(`SELECT count(*) FROM payment_postings WHERE payer = $1 AND ref = $2`, []any{payer, ref}, &n); err != nil {
			return err
		}
		if n > 0 {
			return &ansinh.Error{Code: ansinh.ECONFLICT, Field: "ref",
				Message: "Khoản nộp đã được phân bổ.", MessageEN: "The payment is already allocated."}
		}
		if _, err := w.Exec(`DELETE FROM payment_attributions WHERE payer = $1 AND ref = $2`, payer, ref); err != nil {
			return err
		}
		now := db.Now()
		if _, err := w.Exec(`INSERT INTO payment_attributions (payer, ref, account, actor, at) VALUES ($1, $2, $3, $4, $5)`,
			payer, ref, account, actor, db.Timestamp(now)); err != nil {
			return err
		}
		return db.WriteAudit(ctx, w, store.AuditEntry{At: now, Actor: actor, Action: "payment.attribute", Object: "payment:" + payer + "/" + ref,
			Detail: "account=" + account})
	})
}

// PaymentAllocation is one part of a payment as a close allocated it.
type PaymentAllocation struct {
	ClosePeriod ansinh.Period
	Account     string
	Period      ansinh.Period // zero for credit
	Part        string
	Amount      int64
	ValueDate   ansinh.Date
}

// AllocationsOf returns how a payment was allocated, in order.
func AllocationsOf(ctx context.Context, db *store.DB, payer, ref string) ([]PaymentAllocation, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT close_period, account, period, part, amount, value_date FROM allocations
		WHERE payer = $1 AND ref = $2 ORDER BY close_period, account, seq`, payer, ref)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PaymentAllocation
	for rows.Next() {
		var a PaymentAllocation
		if err := rows.Scan(&a.ClosePeriod, &a.Account, &a.Period, &a.Part, &a.Amount, &a.ValueDate); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
