package rules

import (
	"errors"
	"strconv"

	"ansinh"
)

// invalid returns an EINVALID error for an input field.
func invalid(field, vi, en string) error { return ansinh.Invalid(field, vi, en) }

// quote writes s in double quotes, for messages.
func quote(s string) string { return strconv.Quote(s) }

// withField returns err with its field set to field when it is a coded error
// without one (a parameter lookup knows no input field; the calculator does).
func withField(err error, field string) error {
	var e *ansinh.Error
	if errors.As(err, &e) && e.Field == "" {
		c := *e
		c.Field = field
		return &c
	}
	return err
}

// Errors returned on the hot path are values made once, so that refusing a
// worker-month allocates nothing either.
var (
	errMalformedNumber = errors.New("malformed decimal number")
	errWage            = ansinh.Invalid("wage", "tiền lương phải là số dương (đồng)", "wage must be a positive amount in đồng")
	errRegion          = ansinh.Invalid("region", "vùng không hợp lệ (I, II, III hoặc IV)", "unknown region (I, II, III or IV)")
	errPayScale        = ansinh.Invalid("pay_scale", "thang lương không hợp lệ", "unknown pay scale")
	errEmployerKind    = ansinh.Invalid("employer_kind", "loại đơn vị không hợp lệ", "unknown employer kind")
	errUIExclusion     = ansinh.Invalid("ui_excluded", "lý do không đóng BHTN không hợp lệ", "unknown UI exclusion")
	errReducedAccident = ansinh.Invalid("accident_rate_reduced",
		"không có mức đóng quỹ TNLĐ-BNN giảm áp dụng cho tháng này (Nghị định 58/2020/NĐ-CP)",
		"no reduced accident rate applies to this month (Decree 58/2020)")
)
