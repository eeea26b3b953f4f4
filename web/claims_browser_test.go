package web_test

import (
	"strings"
	"testing"

	"ansinh/web/webtest"

	"github.com/chromedp/chromedp"
)

// TestBrowserClaimJourney: a citizen sees the estimate and files a pension
// claim, a unit officer checks it (and is not offered the approval), a
// province officer approves it, runs the payroll and finds the pension in
// it.
func TestBrowserClaimJourney(t *testing.T) {
	b := newBrowserEnv(t)
	seedRetiree(t, b.Env)
	var text string
	contains := func(who string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Fatalf("%s: the page lacks %q:\n%s", who, w, text)
			}
		}
	}
	citizen := b.tab(t)
	run(t, citizen, b.login(loginRetiree), chromedp.Navigate(b.base+"/me/claims"), chromedp.WaitVisible(chromedp.ID("claim-form")),
		chromedp.Click(chromedp.ID("estimate")), chromedp.WaitVisible(chromedp.ID("estimate-result")), textOf(&text), b.shot("claims-01-estimate"))
	contains("estimate", "Đủ điều kiện hưởng", "9.684.584 đ", "Tháng lấy từ sổ BHXH giấy (si_history)")
	run(t, citizen, chromedp.Click(chromedp.ID("file")), chromedp.WaitVisible(chromedp.ID("claim-facts")), textOf(&text), b.shot("claims-02-filed"))
	contains("filed", "Đã nộp hồ sơ", "Đã nộp", "Trực tuyến")

	maker := b.tab(t)
	run(t, maker, b.login(webtest.LoginUnitA), chromedp.Navigate(b.base+"/claims"), chromedp.WaitVisible(chromedp.ID("claims")),
		chromedp.Click(chromedp.CSS(`#claims a`)), chromedp.WaitVisible(chromedp.ID("check")), b.shot("claims-03-queue-claim"),
		chromedp.Click(chromedp.ID("check")), chromedp.WaitVisible(chromedp.ID("maker-note")), textOf(&text), b.shot("claims-04-checked"))
	contains("checked", "Đã kiểm tra", "user:"+webtest.LoginUnitA, "SỔ 2490001111")
	if strings.Contains(text, "Duyệt\n") {
		t.Fatalf("the maker is offered the approval:\n%s", text)
	}

	checker := b.tab(t)
	run(t, checker, b.login(webtest.LoginProvince), chromedp.Navigate(b.base+"/claims?status=checked"), chromedp.WaitVisible(chromedp.ID("claims")),
		chromedp.Click(chromedp.CSS(`#claims a`)), chromedp.WaitVisible(chromedp.ID("approve")),
		chromedp.Click(chromedp.ID("approve")), chromedp.WaitVisible(chromedp.ID("decision")), textOf(&text), b.shot("claims-05-approved"))
	contains("approved", "Đã duyệt", "user:"+webtest.LoginProvince, "9.684.584 đ")
	run(t, checker, chromedp.Navigate(b.base+"/payroll?period=2026-03"), chromedp.WaitVisible(chromedp.ID("run-payroll")),
		chromedp.Click(chromedp.ID("run-payroll")), chromedp.WaitVisible(chromedp.ID("payroll")), textOf(&text), b.shot("claims-06-payroll"))
	contains("payroll", retiree, "Đinh Văn Hưu", "Lương hưu", "9.684.584 đ", "19.369.168 đ", "6.456.389 đ", "35.510.141 đ")
	// The payroll and the claims, tables of many columns, scroll inside
	// their card at 1280 px.
	run(t, checker, chromedp.EmulateViewport(1280, 800), chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("payroll")), fitsWidth(t, "/payroll"),
		chromedp.Navigate(b.base+"/claims"), chromedp.WaitVisible(chromedp.ID("claims")), fitsWidth(t, "/claims"),
		chromedp.Click(chromedp.CSS(`#claims a`)), chromedp.WaitVisible(chromedp.ID("decision")), fitsWidth(t, "/claims/{id}"))
}

// TestBrowserCounterClaim: a unit officer files the retiree's claim at the
// counter from the queue page: the identity typed from his papers, the
// estimate first, then the claim, which records the counter and the
// officer; the officer checks it and is not offered the decision.
func TestBrowserCounterClaim(t *testing.T) {
	b := newBrowserEnv(t)
	seedRetiree(t, b.Env)
	var text string
	contains := func(who string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Fatalf("%s: the page lacks %q:\n%s", who, w, text)
			}
		}
	}
	officer := b.tab(t)
	run(t, officer, b.login(webtest.LoginUnitA), chromedp.Navigate(b.base+"/claims"), chromedp.WaitVisible(chromedp.ID("counter-form")),
		chromedp.SendKeys(chromedp.ID("person_id"), retiree), chromedp.SendKeys(chromedp.ID("full_name"), "đinh văn hưu"),
		chromedp.SendKeys(chromedp.ID("birth_date"), "10/09/1964"),
		chromedp.Click(chromedp.ID("estimate")), chromedp.WaitVisible(chromedp.ID("estimate-result")), textOf(&text), b.shot("counter-01-estimate"))
	contains("estimate", "Đủ điều kiện hưởng", "9.684.584 đ")
	run(t, officer, chromedp.Click(chromedp.ID("file")), chromedp.WaitVisible(chromedp.ID("claim-facts")), textOf(&text), b.shot("counter-02-filed"))
	contains("filed", "Đã nộp hồ sơ", "Tại quầy", "user:"+webtest.LoginUnitA, "Đinh Văn Hưu")
	run(t, officer, chromedp.Click(chromedp.ID("check")), chromedp.WaitVisible(chromedp.ID("maker-note")), textOf(&text), b.shot("counter-03-checked"))
	contains("checked", "Đã kiểm tra", "một cán bộ khác")
}
