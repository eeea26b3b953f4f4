package collection

import (
	"context"
	"strings"

	"ansinh"
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
func RecordPayment(ctx context.Context, s Store, p Payment, actor string) (Receipt, error) {
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
	var err error
	if rc.Duplicate, err = s.RecordPayment(ctx, p, actor); err != nil {
		return rc, err
	}
	known, err := knownPayer(ctx, s, p.Payer)
	if err != nil {
		return rc, err
	}
	rc.Suspense = !known
	if known {
		rc.Balance, err = PayerBalance(ctx, s, p.Payer)
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
func knownPayer(ctx context.Context, s Store, payer string) (bool, error) {
	if payer == BudgetState || payer == BudgetProvince {
		return true, nil
	}
	return s.KnownPayer(ctx, payer)
}

// SuspensePayment is a payment from a payer the registry does not know,
// waiting for an officer to attribute it.
type SuspensePayment struct {
	Payment
}

// Suspense returns the payments in suspense: paid by the last closed month,
// not allocated, from an unknown payer and not attributed to a known one.
func Suspense(ctx context.Context, s Store) ([]SuspensePayment, error) {
	return s.Suspense(ctx)
}

// ErrNoPayment is returned when a payment to attribute does not exist.
var ErrNoPayment = &ansinh.Error{Code: ansinh.ENOTFOUND, Field: "ref", Message: "Không tìm thấy khoản nộp.", MessageEN: "Payment not found."}

// ErrPaymentAllocated is returned when a payment to attribute is already
// allocated by a close.
var ErrPaymentAllocated = &ansinh.Error{Code: ansinh.ECONFLICT, Field: "ref",
	Message: "Khoản nộp đã được phân bổ.", MessageEN: "The payment is already allocated."}

// AttributePayment attributes a payment in suspense to a known account (an
// employer's tax code, a participant's personal ID): the next close
// allocates it there. It is audited with actor. A payment already allocated
// cannot be attributed.
func AttributePayment(ctx context.Context, s Store, payer, ref, account, actor string) error {
	known, err := knownPayer(ctx, s, account)
	if err != nil {
		return err
	}
	if !known {
		return ansinh.Invalid("account", "tài khoản nhận không có trong sổ đăng ký", "the account is not in the registry")
	}
	return s.AttributePayment(ctx, payer, ref, account, actor)
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
func AllocationsOf(ctx context.Context, s Store, payer, ref string) ([]PaymentAllocation, error) {
	return s.AllocationsOf(ctx, payer, ref)
}
