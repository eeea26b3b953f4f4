package ansinh

import (
	"testing"
	"time"
)

func TestTodayIsCountedInVietnam(t *testing.T) {
	cases := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 11, 30, 16, 59, 59, 0, time.UTC), "2026-11-30"},
		{time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC), "2026-12-01"},
		{time.Date(2026, 12, 1, 0, 30, 0, 0, Vietnam), "2026-12-01"},
	}
	for _, c := range cases {
		if got := Today(c.at).String(); got != c.want {
			t.Errorf("Today(%v) = %s, want %s", c.at, got, c.want)
		}
	}
	if got := ThisMonth(time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)).String(); got != "2026-12" {
		t.Errorf("ThisMonth = %s, want 2026-12", got)
	}
}
