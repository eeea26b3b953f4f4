package collection

import (
	"fmt"
	"time"

	"ansinh"
)

// MonthEnded refuses a month that has not ended in Vietnam at the instant
// now: a close (and a reopening) bills the declarations made by the month's
// last day, so closing the current or a future month would leave the rest of
// its declarations unbilled. It returns nil for a month that has ended.
func MonthEnded(period ansinh.Period, now time.Time) error {
	today := ansinh.Today(now)
	if period < today.Period() {
		return nil
	}
	return &ansinh.Error{Code: ansinh.ECONFLICT, Field: "period",
		Message: fmt.Sprintf("tháng %s chưa kết thúc (hôm nay %s, giờ Việt Nam): chỉ khóa sổ tháng đã qua, sớm nhất ngày %s",
			period, today.Display(), period.Add(1).First().Display()),
		MessageEN: fmt.Sprintf("month %s has not ended (today is %s, Vietnam time): only a month that has ended can be closed, on %s at the earliest",
			period, today.Display(), period.Add(1).First().Display())}
}
