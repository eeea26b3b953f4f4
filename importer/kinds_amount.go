package importer

import (
	"fmt"
	"strconv"
)

// MaxPaymentAmount is the largest amount of one imported payment: 10^15 đ,
// the same product limit (not a legal value) as collection.MaxAmount, which
// keeps every balance built from payments within an int64.
const MaxPaymentAmount int64 = 1_000_000_000_000_000

// checkAmountMax reports an amount of column col above max.
func checkAmountMax(k *Kind, col string, max int64) func([]any) []Problem {
	i := mustColumn(k, col)
	return func(row []any) []Problem {
		n, ok := row[i].(int64)
		if !ok || n <= max {
			return nil
		}
		s := strconv.FormatInt(max, 10)
		return []Problem{{Column: col,
			Reason:   fmt.Sprintf("số tiền vượt quá giới hạn %s đồng", s),
			ReasonEN: fmt.Sprintf("the amount exceeds the limit of %s đồng", s)}}
	}
}
