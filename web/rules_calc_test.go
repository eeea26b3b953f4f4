package web_test

import (
	"net/url"
	"strings"
	"testing"

	"ansinh"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/web"
	"ansinh/web/webtest"
)

// TestRulesCalculator checks the adapter against the rules engine's own
// vectors, and the portals with the real rules.
func TestRulesCalculator(t *testing.T) {
	c := web.NewRulesCalculator(rules.Default())
	q, err := c.Voluntary(ansinh.MustParsePeriod("2026-03"), 3_000_000, []string{"near_poor"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	// domain/vectors/voluntary.json: near-poor, 3.000.000 đ, 3 months, 2026-03.
	if q.ContributionPerMonth != 660_000 || q.StateSupportPerMonth != 132_000 || q.PayablePerMonth != 528_000 || q.Payable != 1_584_000 || q.Category != "near_poor" {
		t.Fatalf("voluntary = %+v", q)
	}
	if _, err := c.Voluntary(ansinh.MustParsePeriod("2026-03"), 100_000, nil, 1); ansinh.ErrorCode(err) != ansinh.EINVALID {
		t.Fatalf("income below the floor: %v", err)
	}
	ct, err := c.Contribution(ansinh.MustParsePeriod("2026-03"), 10_000_000, "I", "private")
	if err != nil || ct.Employee <= 0 || ct.Employer <= ct.Employee || ct.Total != ct.Employee+ct.Employer {
		t.Fatalf("contribution = %+v, %v", ct, err)
	}
	est, err := c.Pension(web.PensionInput{BirthDate: ansinh.MustParseDate("1985-04-12"), Sex: "male", AsOf: ansinh.MustParsePeriod("2026-03"),
		Periods: []web.ServicePeriod{{From: ansinh.MustParsePeriod("2010-01"), Kind: "contract", Wage: 8_000_000}}})
	if err != nil || !est.Eligible || est.Monthly <= 0 || est.RetireMonth.Year() < 2045 || est.ServiceMonths < 30*12 {
		t.Fatalf("pension = %+v, %v", est, err)
	}

	e := webtest.New(t, store.SQLite, webtest.Options{Calc: c})
	cl := e.Client(t)
	cl.Login(webtest.LoginCitizen)
	res := cl.PostForm("/me/voluntary", url.Values{"income": {"3.000.000"}, "mode": {"quarterly"}, "start_month": {"2026-03"}, "action": {"quote"}})
	for _, want := range []string{"660.000 đ", "132.000 đ", "528.000 đ", "1.584.000 đ"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("quote lacks %q", want)
		}
	}
	if res := cl.Get("/me"); !strings.Contains(res.Body, "Lương hưu ước tính") || res.Status != 200 {
		t.Errorf("/me: %d", res.Status)
	}
	emp := e.Client(t)
	emp.Login(webtest.LoginEmployerA)
	if res := emp.Get("/employer"); !strings.Contains(res.Body, "Số phải đóng ước tính tháng này") {
		t.Errorf("no estimate on the employer page:\n%s", res.Body)
	}
	if s := e.Log.String(); s != "" {
		t.Errorf("warnings:\n%s", s)
	}
}
