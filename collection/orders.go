package collection

import (
	"context"
	"time"

	"ansinh"
)

// PaymentOrder is an online payment on its way through the payment gateway.
type PaymentOrder struct {
	ID          string // the order number the gateway is given
	Payer       string // tax code or personal ID
	Amount      ansinh.Money
	Purpose     string
	UserID      int64
	ProcedureID int64
	Status      string // pending, paid
	CreatedAt   time.Time
	PaidAt      time.Time
	GatewayRef  string
}

// ErrNoOrder is returned for a payment order that does not exist (or that
// the caller may not see: the two are not told apart).
var ErrNoOrder = &ansinh.Error{Code: ansinh.ENOTFOUND,
	Message: "Không tìm thấy.", MessageEN: "Not found."}

// ErrAmountMismatch is returned when a gateway confirmation's amount differs
// from its order's.
var ErrAmountMismatch = &ansinh.Error{Code: ansinh.EINVALID, Field: "amount",
	Message: "Số tiền xác nhận không khớp với lệnh thanh toán.", MessageEN: "The confirmed amount does not match the order."}

// CreatePaymentOrder records a pending order and its payment procedure
// (channel online), audited with actor; the amount must be above zero.
func CreatePaymentOrder(ctx context.Context, s Store, o PaymentOrder, actor string) (PaymentOrder, error) {
	if o.Amount <= 0 {
		return o, ansinh.Invalid("amount", "Số tiền phải lớn hơn 0.", "The amount must be above zero.")
	}
	return s.CreatePaymentOrder(ctx, o, actor)
}
