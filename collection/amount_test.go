package collection

import (
	"math"
	"testing"

	"ansinh"
)

func TestCheckAmount(t *testing.T) {
	for _, c := range []struct {
		amount int64
		ok     bool
	}{
		{1, true}, {MaxAmount, true}, {0, false}, {-1, false}, {MaxAmount + 1, false}, {math.MaxInt64, false}, {math.MinInt64, false},
	} {
		err := CheckAmount("amount", c.amount)
		if (err == nil) != c.ok || (err != nil && ansinh.ErrorCode(err) != ansinh.EINVALID) {
			t.Errorf("CheckAmount(%d) = %v", c.amount, err)
		}
	}
}

func TestCheckedMoney(t *testing.T) {
	for _, c := range []struct {
		a, b, sum, diff int64
		sumOK, diffOK   bool
	}{
		{1, 2, 3, -1, true, true},
		{math.MaxInt64, 1, 0, math.MaxInt64 - 1, false, true},
		{math.MaxInt64, -1, math.MaxInt64 - 1, 0, true, false},
		{math.MinInt64, -1, 0, math.MinInt64 + 1, false, true},
		{0, math.MinInt64, math.MinInt64, 0, true, false},
		{-5, math.MaxInt64, math.MaxInt64 - 5, 0, true, false},
		{-1, math.MaxInt64, math.MaxInt64 - 1, math.MinInt64, true, true},
	} {
		s, err := AddMoney(c.a, c.b)
		if (err == nil) != c.sumOK || (err == nil && s != c.sum) {
			t.Errorf("AddMoney(%d, %d) = %d, %v", c.a, c.b, s, err)
		}
		d, err := SubMoney(c.a, c.b)
		if (err == nil) != c.diffOK || (err == nil && d != c.diff) {
			t.Errorf("SubMoney(%d, %d) = %d, %v", c.a, c.b, d, err)
		}
	}
}
