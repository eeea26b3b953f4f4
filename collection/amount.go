package collection

import (
	"fmt"
	"math"

	"ansinh"
)

// MaxAmount is the largest amount of one payment (and of any other money
// figure entering collection): 10^15 đ, a thousand thousand billion đồng.
// It is a product limit, not a legal value: above any payer's contributions
// for a year by orders of magnitude, and small enough that the sum of more
// than nine thousand such amounts still fits in an int64, so balances built
// from bounded amounts cannot overflow. Configurable by a province that
// needs more.
var MaxAmount int64 = 1_000_000_000_000_000

// CheckAmount refuses an amount that is not positive or exceeds MaxAmount,
// naming field.
func CheckAmount(field string, amount int64) error {
	if amount > 0 && amount <= MaxAmount {
		return nil
	}
	return &ansinh.Error{Code: ansinh.EINVALID, Field: field,
		Message:   fmt.Sprintf("Số tiền phải lớn hơn 0 và không quá %s.", ansinh.FormatMoney(MaxAmount)),
		MessageEN: fmt.Sprintf("The amount must be above zero and at most %s.", ansinh.FormatMoney(MaxAmount))}
}

// ErrOverflow is the error of a sum of money that does not fit in an int64.
var ErrOverflow = &ansinh.Error{Code: ansinh.EINVALID, Field: "amount",
	Message:   "Tổng số tiền vượt quá giới hạn tính toán: hãy kiểm tra các khoản nộp bất thường.",
	MessageEN: "The sum of money exceeds what can be computed: check for abnormal payments."}

// AddMoney returns a+b, or ErrOverflow when the sum does not fit in an
// int64 (checked addition: a balance never wraps around).
func AddMoney(a, b int64) (int64, error) {
	if (b > 0 && a > math.MaxInt64-b) || (b < 0 && a < math.MinInt64-b) {
		return 0, ErrOverflow
	}
	return a + b, nil
}

// SubMoney returns a−b, or ErrOverflow when it does not fit in an int64.
func SubMoney(a, b int64) (int64, error) {
	if b == math.MinInt64 {
		return 0, ErrOverflow
	}
	return AddMoney(a, -b)
}
