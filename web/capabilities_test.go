package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/collection"
	"ansinh/compliance"
	"ansinh/indicators"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/storetest"
	"ansinh/web"
	"ansinh/web/webtest"

	"github.com/xuri/excelize/v2"
)

// keyRE finds what looks like a catalogue key in a page ("notice.period").
var keyRE = regexp.MustCompile(`\b([a-z][a-z0-9_]*)\.([a-z0-9_+-]+)\b`)

// rawKeys returns the catalogue-like keys a page shows that the catalogue
// lacks: a text that fell through translate.
func rawKeys(body string) []string {
	groups := web.MessageGroups()
	var out []string
	for _, m := range keyRE.FindAllStringSubmatch(body, -1) {
		if groups[m[1]] && !web.HasMessage(m[0]) && !strings.Contains(body, `"`+m[0]+`"`) {
			out = append(out, m[0])
		}
	}
	return out
}

// get fetches a page and fails the test unless it has the status.
func get(t *testing.T, c *webtest.Client, path string, status int) *webtest.Response {
	t.Helper()
	res := c.Get(path)
	if res.Status != status {
		t.Fatalf("GET %s: status %d, want %d\n%.2000s", path, res.Status, status, res.Body)
	}
	return res
}

// openXLSX opens a workbook and returns its sheets' rows.
func openXLSX(t *testing.T, res *webtest.Response) map[string][][]string {
	t.Helper()
	if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
		t.Fatalf("content type %q:\n%.500s", ct, res.Body)
	}
	f, err := excelize.OpenReader(strings.NewReader(res.Body))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		out[s] = rows
	}
	return out
}

// TestNewPagesRenderInBothLanguages opens every page of the second part of
// issue 7 as the roles that may, in Vietnamese and English: no error, no
// text missing from the catalogue.
func TestNewPagesRenderInBothLanguages(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{Full: true})
	if err := webtest.ComplianceService(e.DB).AssignCase(context.Background(), webtest.CaseA, webtest.LoginInspector, "test"); err != nil {
		t.Fatal(err)
	}
	pages := map[string][]string{
		webtest.LoginProvince: {"/dashboard", "/dashboard?unit=" + webtest.CommuneA + "&year=2025&rank=ui_coverage", "/arrears",
			"/arrears?bucket=1-3&kind=private", "/findings", "/findings?state=all&kind=unregistered_worker", "/cases", "/cases?inspector=-",
			"/cases/" + webtest.CaseA, "/targets", "/targets?indicator=voluntary_coverage&year=2028", "/plan", "/plan?status=not_started",
			"/plan/III.5", "/reports", "/employers/" + webtest.TaxA, "/employers/" + webtest.TaxB, "/inspector"},
		webtest.LoginUnitA:      {"/dashboard", "/arrears", "/findings", "/cases", "/cases/" + webtest.CaseA, "/plan", "/plan/III.1", "/employers/" + webtest.TaxA},
		webtest.LoginLeadership: {"/dashboard", "/arrears", "/targets", "/plan", "/reports", "/cases"},
		webtest.LoginInspector:  {"/inspector", "/cases", "/findings", "/cases/" + webtest.CaseA, "/employers/" + webtest.TaxA},
		webtest.LoginEmployerA:  {"/employer", "/employer/notices", "/employer/pay"},
		webtest.LoginPartner:    {"/findings"},
	}
	for login, paths := range pages {
		c := e.Client(t)
		c.Login(login)
		for _, lang := range []string{"vi", "en"} {
			for _, p := range paths {
				if p == "/inspector" && login != webtest.LoginInspector {
					continue
				}
				sep := "?"
				if strings.Contains(p, "?") {
					sep = "&"
				}
				res := get(t, c, p+sep+"lang="+lang, http.StatusOK)
				if keys := rawKeys(res.Body); len(keys) > 0 {
					t.Errorf("%s %s (%s): texts missing from the catalogue: %v", login, p, lang, keys)
				}
			}
		}
	}
	if log := e.Log.String(); strings.Contains(log, "level=ERROR") {
		t.Errorf("server errors:\n%s", log)
	}
}

// TestEmployerPaysItsNoticeOnce pays the balance of the employer's last
// notice through the gateway: one payment row, whatever the number of
// confirmations and callbacks, and the balance is then nil.
func TestEmployerPaysItsNoticeOnce(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			e := webtest.New(t, engine, webtest.Options{Full: true})
			bal, err := collection.PayerBalance(ctx, e.Collection, webtest.TaxA)
			if err != nil || bal.AsOf != webtest.LastClosed || bal.Current <= 0 {
				t.Fatalf("balance %+v, %v", bal, err)
			}
			c := e.Client(t)
			c.Login(webtest.LoginEmployerA)
			res := get(t, c, "/employer/notices", http.StatusOK)
			for _, want := range []string{"02/2026", "10/2025", ansinh.FormatMoney(bal.Current), `href="/employer/notices/2026-02"`} {
				if !strings.Contains(res.Body, want) {
					t.Errorf("notices lack %q", want)
				}
			}
			if res := get(t, c, "/employer/pay", http.StatusOK); !strings.Contains(res.Body, ansinh.GroupDigits(bal.Current, '.')) ||
				!strings.Contains(res.Body, "số còn phải nộp theo thông báo tháng 02/2026") {
				t.Errorf("pay page does not suggest the balance %d", bal.Current)
			}
			pdf := get(t, c, "/employer/notices/2026-02", http.StatusOK)
			if !strings.HasPrefix(pdf.Body, "%PDF") || pdf.Header.Get("Content-Type") != "application/pdf" {
				t.Errorf("notice PDF: %q", pdf.Header.Get("Content-Type"))
			}
			get(t, c, "/employer/notices/2025-01", http.StatusNotFound)
			get(t, c, "/employer/notices/xx", http.StatusNotFound)
			if x := openXLSX(t, get(t, c, "/employer/notices?format=xlsx", http.StatusOK)); len(x) != 2 {
				t.Errorf("notices workbook: %d sheets", len(x))
			}
			res = c.PostForm("/employer/pay", url.Values{"amount": {ansinh.GroupDigits(bal.Current, '.')}})
			gw := res.Header.Get("Location")
			order := strings.TrimPrefix(gw, "/gateway/pay/")
			if res.Status != http.StatusSeeOther || order == gw {
				t.Fatalf("pay: %d %s", res.Status, gw)
			}
			c.PostForm(gw, nil)
			c.PostForm(gw, nil)
			o, err := e.Collection.FindPaymentOrder(ctx, order)
			if err != nil || o.Status != "paid" {
				t.Fatalf("order %+v, %v", o, err)
			}
			body, _ := json.Marshal(web.SignGatewayCallback(e.Secret, web.GatewayCallback{OrderID: order, Amount: bal.Current, GatewayRef: o.GatewayRef}))
			for i := 0; i < 2; i++ {
				res := e.Client(t).Do(httptest.NewRequest(http.MethodPost, "/gateway/callback", bytes.NewReader(body)))
				if res.Status != http.StatusOK || !strings.Contains(res.Body, `"recorded":false`) {
					t.Fatalf("callback %d: %d %s", i, res.Status, res.Body)
				}
			}
			pays, _ := e.Collection.PaymentsOf(ctx, webtest.TaxA, 10)
			if len(pays) != 2 || pays[0].Ref != order || pays[0].Amount != bal.Current || pays[0].Channel != "online" {
				t.Fatalf("payments %+v", pays)
			}
			after, err := collection.PayerBalance(ctx, e.Collection, webtest.TaxA)
			if err != nil || after.Current != 0 || after.PaidSince != bal.Current {
				t.Errorf("balance after %+v, %v", after, err)
			}
			// The next close, once the month has ended, allocates it, oldest
			// month first.
			e.DB.Now = func() time.Time { return webtest.LastClosed.Add(2).First().Time().Add(time.Hour) }
			if _, err := collection.Close(ctx, e.Close, webtest.LastClosed.Add(1), collection.Options{Actor: "test"}); err != nil {
				t.Fatal(err)
			}
			if al, err := collection.AllocationsOf(ctx, e.Collection, webtest.TaxA, order); err != nil || len(al) == 0 {
				t.Errorf("allocations %+v, %v", al, err)
			}
		})
	}
}

// TestNoticesAndArrearsAreScoped: a unit officer sees its communes'
// employers' notices and arrears only.
func TestNoticesAndArrearsAreScoped(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			e := webtest.New(t, engine, webtest.Options{Full: true})
			a := e.Client(t)
			a.Login(webtest.LoginUnitA)
			if res := get(t, a, "/employers/"+webtest.TaxA+"/notices/2026-02", http.StatusOK); !strings.HasPrefix(res.Body, "%PDF") {
				t.Error("the unit officer's employer's notice is not a PDF")
			}
			get(t, a, "/employers/"+webtest.TaxB+"/notices/2026-02", http.StatusNotFound)
			res := get(t, a, "/arrears", http.StatusOK)
			if !strings.Contains(res.Body, "Công ty TNHH May Bắc Giang") || strings.Contains(res.Body, "Đa Mai") {
				t.Errorf("unit officer A's arrears:\n%s", res.Body)
			}
			// Asking for another commune gives nothing of it.
			if res := get(t, a, "/arrears?commune="+webtest.CommuneB, http.StatusOK); strings.Contains(res.Body, "Công ty Cổ phần Đa Mai") {
				t.Error("unit officer A sees commune B's arrears")
			}
			x := openXLSX(t, get(t, a, "/arrears?format=xlsx", http.StatusOK))
			for name, rows := range x {
				for _, r := range rows[1:] {
					if strings.Contains(strings.Join(r, "|"), webtest.TaxB) || strings.Contains(strings.Join(r, "|"), webtest.CommuneB) {
						t.Errorf("sheet %s has commune B: %v", name, r)
					}
				}
			}
			p := e.Client(t)
			p.Login(webtest.LoginProvince)
			res = get(t, p, "/arrears", http.StatusOK)
			for _, want := range []string{"Công ty TNHH May Bắc Giang", "Công ty Cổ phần Đa Mai", "Phường Đa Mai", "Doanh nghiệp có vốn đầu tư nước ngoài"} {
				if !strings.Contains(res.Body, want) {
					t.Errorf("province arrears lack %q", want)
				}
			}
			x = openXLSX(t, get(t, p, "/arrears?format=xlsx&kind=fdi", http.StatusOK))
			for _, rows := range x {
				if len(rows) < 2 {
					t.Errorf("an empty arrears sheet: %v", rows)
				}
				for _, r := range rows[1:] {
					if strings.Contains(strings.Join(r, "|"), webtest.TaxA) {
						t.Errorf("kind=fdi has employer A: %v", r)
					}
				}
			}
			var sum int64
			debts, err := e.Collection.OverdueDebts(context.Background(), webtest.LastClosed, collection.ArrearsFilter{Scope: ansinh.Scope{All: true}})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range debts {
				sum += d.Principal + d.Interest
			}
			if !strings.Contains(res.Body, ansinh.FormatMoney(sum)) {
				t.Errorf("the province's total %s is not on the page", ansinh.FormatMoney(sum))
			}
		})
	}
}

// TestCaseWorkflow: the province assigns a case, the inspector sees only
// its cases, contacts, inspects, records the result and resolves; every
// step is audited and the employer's record shows what was recovered.
func TestCaseWorkflow(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			e := webtest.New(t, engine, webtest.Options{Full: true})
			insp := e.Client(t)
			insp.Login(webtest.LoginInspector)
			if res := get(t, insp, "/inspector", http.StatusOK); strings.Contains(res.Body, webtest.CaseA) {
				t.Error("the inspector sees a case not assigned to it")
			}
			get(t, insp, "/cases/"+webtest.CaseA, http.StatusNotFound)
			p := e.Client(t)
			p.Login(webtest.LoginProvince)
			res := p.PostForm("/cases/"+webtest.CaseA+"/assign", url.Values{"inspector": {"nobody"}})
			if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "không có thanh tra viên") {
				t.Errorf("assign to nobody: %d", res.Status)
			}
			if res := p.PostForm("/cases/"+webtest.CaseA+"/assign", url.Values{"inspector": {webtest.LoginInspector}}); res.Status != http.StatusSeeOther {
				t.Fatalf("assign: %d\n%s", res.Status, res.Body)
			}
			res = get(t, insp, "/inspector", http.StatusOK)
			if !strings.Contains(res.Body, webtest.CaseA) || strings.Contains(res.Body, webtest.CaseB) {
				t.Errorf("inspector's cases:\n%s", res.Body)
			}
			get(t, insp, "/cases/"+webtest.CaseB, http.StatusNotFound)
			if res := insp.PostForm("/cases/"+webtest.CaseB+"/status", url.Values{"status": {"contacted"}}); res.Status != http.StatusNotFound {
				t.Errorf("the inspector moves another's case: %d", res.Status)
			}
			if res := get(t, insp, "/findings", http.StatusOK); !strings.Contains(res.Body, webtest.UninsuredA) || strings.Contains(res.Body, "024199002222") {
				t.Error("the inspector's findings are not its case's")
			}
			get(t, insp, "/employers/"+webtest.TaxA, http.StatusOK)
			steps := []struct {
				path   string
				form   url.Values
				status int
			}{
				{"/status", url.Values{"status": {"resolved"}}, http.StatusConflict},
				{"/status", url.Values{"status": {"contacted"}, "note": {"Đã gọi điện cho kế toán"}}, http.StatusSeeOther},
				{"/status", url.Values{"status": {"open"}}, http.StatusConflict},
				{"/status", url.Values{"status": {"inspected"}, "note": {"Biên bản số 12"}}, http.StatusSeeOther},
				{"/result", url.Values{"workers_registered": {"x"}}, http.StatusBadRequest},
				{"/result", url.Values{}, http.StatusBadRequest},
				{"/result", url.Values{"workers_registered": {"1"}, "amount_recovered": {"9.000.000"}, "fine": {"5.000.000"}, "note": {"Đã truy thu"}}, http.StatusSeeOther},
				{"/status", url.Values{"status": {"resolved"}}, http.StatusSeeOther},
				{"/result", url.Values{"closed_without_action": {"1"}}, http.StatusConflict},
			}
			for i, s := range steps {
				res := insp.PostForm("/cases/"+webtest.CaseA+s.path, s.form)
				if res.Status != s.status {
					t.Errorf("step %d %s %v: status %d, want %d\n%.1500s", i, s.path, s.form, res.Status, s.status, res.Body)
				}
			}
			d, err := webtest.ComplianceService(e.DB).GetCase(ctx, webtest.CaseA, ansinh.Scope{All: true})
			if err != nil || d.Status != compliance.StatusResolved || d.Result == nil || d.Result.AmountRecovered != 9_000_000 {
				t.Fatalf("case %+v %v", d.Case, err)
			}
			for _, f := range []store.AuditFilter{
				{Actor: "user:" + webtest.LoginProvince, Action: "case.assign", Object: "case:" + webtest.CaseA},
				{Actor: "user:" + webtest.LoginInspector, Action: "case.result", Object: "case:" + webtest.CaseA},
				{Actor: "user:" + webtest.LoginInspector, Action: "case.read", Object: "case:" + webtest.CaseA},
				{Actor: "user:" + webtest.LoginInspector, Action: "findings.read"},
			} {
				if got, _, err := e.DB.ListAudit(ctx, f); err != nil || len(got) == 0 {
					t.Errorf("audit %+v: %d entries, %v", f, len(got), err)
				}
			}
			if got, _, _ := e.DB.ListAudit(ctx, store.AuditFilter{Action: "case.transition", Object: "case:" + webtest.CaseA}); len(got) != 3 {
				t.Errorf("%d transitions audited", len(got))
			}
			res = get(t, p, "/employers/"+webtest.TaxA, http.StatusOK)
			for _, want := range []string{"9.000.000 đ", "5.000.000 đ", webtest.CaseA, "Đã kết thúc"} {
				if !strings.Contains(res.Body, want) {
					t.Errorf("employer page lacks %q", want)
				}
			}
			// A unit officer sees its communes' cases, read only.
			b := e.Client(t)
			b.Login(webtest.LoginUnitB)
			get(t, b, "/cases/"+webtest.CaseA, http.StatusNotFound)
			if res := get(t, b, "/cases/"+webtest.CaseB, http.StatusOK); strings.Contains(res.Body, `action="/cases/`+webtest.CaseB+`/status"`) {
				t.Error("a unit officer may move a case")
			}
			if res := b.PostForm("/cases/"+webtest.CaseB+"/assign", url.Values{"inspector": {webtest.LoginInspector}}); res.Status != http.StatusForbidden {
				t.Errorf("unit officer assigns: %d", res.Status)
			}
			if res := get(t, b, "/findings", http.StatusOK); strings.Contains(res.Body, webtest.UninsuredA) || !strings.Contains(res.Body, "024199002222") {
				t.Error("unit officer B's findings are not commune B's")
			}
			x := openXLSX(t, get(t, p, "/cases?format=xlsx", http.StatusOK))
			for _, rows := range x {
				if len(rows) != 3 {
					t.Errorf("cases workbook: %v", rows)
				}
			}
		})
	}
}

// TestTargetAllocation previews and saves an allocation: the communes add
// up to the province target, the save is audited, and the dashboard then
// shows the allocated targets.
func TestTargetAllocation(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			e := webtest.New(t, engine, webtest.Options{Full: true})
			p := e.Client(t)
			p.Login(webtest.LoginProvince)
			res := get(t, p, "/targets?indicator=si_coverage&year=2027", http.StatusOK)
			if !strings.Contains(res.Body, "Tổng các xã, phường bằng chỉ tiêu của tỉnh") || !strings.Contains(res.Body, "Chưa lưu") {
				t.Fatalf("editor:\n%s", res.Body)
			}
			form := url.Values{"indicator": {"si_coverage"}, "year": {"2027"}, "lf": {"30"}, "w_" + webtest.CommuneC: {"200"}, "action": {"preview"}}
			res = p.PostForm("/targets", form)
			if res.Status != http.StatusOK || !strings.Contains(res.Body, `name="w_`+webtest.CommuneC+`" value="200"`) {
				t.Fatalf("preview: %d", res.Status)
			}
			if _, err := e.Indicators.Allocation(ctx, indicators.SICoverage, 2027); err != ansinh.ErrNotFound {
				t.Fatalf("a preview saved: %v", err)
			}
			bad := url.Values{"indicator": {"si_coverage"}, "year": {"2027"}, "lf": {"130"}, "action": {"save"}}
			if res := p.PostForm("/targets", bad); res.Status != http.StatusBadRequest {
				t.Errorf("lf=130: %d", res.Status)
			}
			form.Set("action", "save")
			if res := p.PostForm("/targets", form); res.Status != http.StatusSeeOther {
				t.Fatalf("save: %d\n%s", res.Status, res.Body)
			}
			a, err := e.Indicators.Allocation(ctx, indicators.SICoverage, 2027)
			if err != nil {
				t.Fatal(err)
			}
			if err := a.Check(); err != nil || len(a.Units) != 3 || a.Params.LaborForceWeight != 30 || a.Params.Weights[webtest.CommuneC] != 200 {
				t.Errorf("saved %+v, %v", a, err)
			}
			for _, action := range []string{"indicator_allocation.params", "indicator_allocation.save"} {
				if got, _, _ := e.DB.ListAudit(ctx, store.AuditFilter{Actor: "user:" + webtest.LoginProvince, Action: action}); len(got) != 1 {
					t.Errorf("%s audited %d times", action, len(got))
				}
			}
			res = get(t, p, "/targets?indicator=si_coverage&year=2027", http.StatusOK)
			if !strings.Contains(res.Body, "Trùng với kết quả đã lưu") {
				t.Error("the saved allocation is not the one shown")
			}
			x := openXLSX(t, get(t, p, "/targets?indicator=si_coverage&year=2027&format=xlsx", http.StatusOK))
			for _, rows := range x {
				if len(rows) != 5 { // heading, 3 communes, total
					t.Errorf("allocation sheet: %v", rows)
				}
			}
			l := e.Client(t)
			l.Login(webtest.LoginLeadership)
			if res := get(t, l, "/targets?indicator=si_coverage&year=2027", http.StatusOK); strings.Contains(res.Body, `value="save"`) {
				t.Error("leadership may save an allocation")
			}
			if res := l.PostForm("/targets", form); res.Status != http.StatusForbidden {
				t.Errorf("leadership saves: %d", res.Status)
			}
		})
	}
}

// TestPlanTracker changes a task and files a report, both audited.
func TestPlanTracker(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			e := webtest.New(t, engine, webtest.Options{})
			p := e.Client(t)
			p.Login(webtest.LoginProvince)
			res := get(t, p, "/plan", http.StatusOK)
			if !strings.Contains(res.Body, "III.5") || !strings.Contains(res.Body, "Bảo hiểm Xã hội tỉnh") {
				t.Fatalf("plan:\n%s", res.Body)
			}
			if res := p.PostForm("/plan/III.2.1", url.Values{"status": {"in_progress"}, "progress": {"150"}, "lead_agency": {"Bảo hiểm Xã hội tỉnh"}}); res.Status != http.StatusBadRequest {
				t.Errorf("progress 150: %d", res.Status)
			}
			if res := p.PostForm("/plan/III.2.1", url.Values{"status": {"in_progress"}, "progress": {"30"}, "deadline": {"2026-12-31"},
				"lead_agency": {"Bảo hiểm Xã hội tỉnh"}}); res.Status != http.StatusSeeOther {
				t.Fatalf("update: %d\n%s", res.Status, res.Body)
			}
			if res := p.PostForm("/plan/III.5/reports", url.Values{"reported_on": {"2026-01-15"}, "note": {""}}); res.Status != http.StatusBadRequest {
				t.Errorf("empty report: %d", res.Status)
			}
			if res := p.PostForm("/plan/III.5/reports", url.Values{"reported_on": {"2026-01-15"}, "progress": {"40"}, "status": {"in_progress"},
				"note": {"Đã báo cáo Ban Thường vụ năm 2025"}}); res.Status != http.StatusSeeOther {
				t.Fatalf("report: %d\n%s", res.Status, res.Body)
			}
			task, err := e.Plan.Task(ctx, "III.2.1")
			if err != nil || task.Status != "in_progress" || task.Progress != 30 || task.Deadline.String() != "2026-12-31" {
				t.Errorf("task %+v %v", task, err)
			}
			res = get(t, p, "/plan/III.5", http.StatusOK)
			if !strings.Contains(res.Body, "Đã báo cáo Ban Thường vụ năm 2025") || strings.Contains(res.Body, "chưa có báo cáo năm 2025") {
				t.Errorf("task page:\n%s", res.Body)
			}
			for _, action := range []string{"plan_task.update", "plan_report.add"} {
				if got, _, _ := e.DB.ListAudit(ctx, store.AuditFilter{Actor: "user:" + webtest.LoginProvince, Action: action}); len(got) != 1 {
					t.Errorf("%s audited %d times", action, len(got))
				}
			}
			x := openXLSX(t, get(t, p, "/plan?format=xlsx", http.StatusOK))
			for _, rows := range x {
				if len(rows) < 10 {
					t.Errorf("plan sheet: %d rows", len(rows))
				}
			}
			u := e.Client(t)
			u.Login(webtest.LoginUnitA)
			get(t, u, "/plan/III.5", http.StatusOK)
			if res := u.PostForm("/plan/III.5", url.Values{"status": {"done"}}); res.Status != http.StatusForbidden {
				t.Errorf("unit officer changes a task: %d", res.Status)
			}
			get(t, p, "/plan/IX.9", http.StatusNotFound)
		})
	}
}

// TestReportDownload builds the Standing Committee's report from the web.
func TestReportDownload(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			e := webtest.New(t, engine, webtest.Options{Full: true})
			p := e.Client(t)
			p.Login(webtest.LoginLeadership)
			x := openXLSX(t, get(t, p, "/reports/download?year=2026&format=xlsx", http.StatusOK))
			if len(x) < 3 {
				t.Errorf("report sheets: %d", len(x))
			}
			pdf := get(t, p, "/reports/download?year=2026&format=pdf", http.StatusOK)
			if !strings.HasPrefix(pdf.Body, "%PDF") {
				t.Error("the report is not a PDF")
			}
			get(t, p, "/reports/download?year=2010&format=pdf", http.StatusBadRequest)
			get(t, p, "/reports/download?year=2026&format=doc", http.StatusBadRequest)
			if got, _, _ := e.DB.ListAudit(context.Background(), store.AuditFilter{Actor: "user:" + webtest.LoginLeadership, Action: "report.download"}); len(got) != 2 {
				t.Errorf("%d downloads audited", len(got))
			}
			u := e.Client(t)
			u.Login(webtest.LoginUnitA)
			if res := u.Get("/reports/download?year=2026"); res.Status != http.StatusForbidden {
				t.Errorf("unit officer downloads the report: %d", res.Status)
			}
		})
	}
}

// TestDashboardIndicators: the indicators of the unit against the targets,
// the chart, the communes ranked, within the caller's scope.
func TestDashboardIndicators(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{Full: true})
	p := e.Client(t)
	p.Login(webtest.LoginProvince)
	res := get(t, p, "/dashboard", http.StatusOK)
	for _, want := range []string{"Tỷ lệ lực lượng lao động tham gia BHXH", "svg class=\"chart line\"", "Mục tiêu 2026", "Xếp hạng xã, phường năm 2026",
		"Phường Đa Mai", "Xã Mỹ Thái", "2030: 61,00%"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	x := openXLSX(t, get(t, p, "/dashboard?format=xlsx", http.StatusOK))
	if len(x) != 3 {
		t.Errorf("dashboard workbook: %d sheets", len(x))
	}
	u := e.Client(t)
	u.Login(webtest.LoginUnitA)
	res = get(t, u, "/dashboard", http.StatusOK)
	if strings.Contains(res.Body, "Phường Đa Mai") || !strings.Contains(res.Body, "Phường Bắc Giang") {
		t.Errorf("unit officer A's dashboard shows another commune")
	}
	// Asking for another unit shows the caller's own.
	res = get(t, u, "/dashboard?unit="+webtest.CommuneB, http.StatusOK)
	if strings.Contains(res.Body, "Phường Đa Mai") {
		t.Error("unit officer A opens commune B's indicators")
	}
}

// TestEveryListExportsToXLSX asks each list page for its workbook.
func TestEveryListExportsToXLSX(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{Full: true})
	for login, paths := range map[string][]string{
		webtest.LoginProvince: {"/dashboard", "/arrears", "/findings", "/cases", "/targets", "/plan", "/employers/" + webtest.TaxA,
			"/search?q=nguy%E1%BB%85n&kind=persons", "/search?q=c%C3%B4ng&kind=employers", "/audit", "/users", "/imports",
			"/persons/" + webtest.Citizen, "/cases/" + webtest.CaseA, "/plan/III.5"},
		webtest.LoginEmployerA: {"/employer/notices", "/employer/workers", "/employer/declarations", "/employer/pay", "/procedures"},
		webtest.LoginAgent:     {"/agent"},
		webtest.LoginPartner:   {"/partner", "/findings"},
		webtest.LoginCitizen:   {"/me", "/me/pay", "/procedures"},
	} {
		c := e.Client(t)
		c.Login(login)
		for _, path := range paths {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			res := get(t, c, path+sep+"format=xlsx", http.StatusOK)
			x := openXLSX(t, res)
			if len(x) == 0 {
				t.Errorf("%s: no sheet", path)
			}
			for name, rows := range x {
				if len(rows) == 0 || len(rows[0]) == 0 {
					t.Errorf("%s: sheet %s has no heading", path, name)
				}
			}
			page := get(t, c, path, http.StatusOK)
			if !strings.Contains(page.Body, "format=xlsx") {
				t.Errorf("%s: no link to the workbook", path)
			}
		}
	}
	if got, _, _ := e.DB.ListAudit(context.Background(), store.AuditFilter{Action: "employer.workers.export"}); len(got) != 2 {
		t.Errorf("%d exports of workers audited", len(got))
	}
}

// TestPartnerSeesTheFindingsOfItsFeeds: a data partner sees the findings
// its feeds support, without links into the registry.
func TestPartnerSeesTheFindingsOfItsFeeds(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{Full: true})
	c := e.Client(t)
	c.Login(webtest.LoginPartner) // tax_wages and business_registry
	res := get(t, c, "/findings", http.StatusOK)
	if !strings.Contains(res.Body, webtest.UninsuredA) || strings.Contains(res.Body, `href="/employers/`) || strings.Contains(res.Body, `href="/cases/`) {
		t.Errorf("partner's findings:\n%s", res.Body)
	}
	ctx := context.Background()
	if _, err := auth.CreateAccount(ctx, e.Auth, authdb.NewRegistry(e.DB, e.Registry), auth.Account{Login: "bqlkcn", Role: auth.Partner, Scope: []string{"iz_enterprises"}, Name: "BQL KCN",
		Password: webtest.Password, CreatedBy: "test"}, 4); err != nil {
		t.Fatal(err)
	}
	z := e.Client(t)
	z.Login("bqlkcn")
	if res := get(t, z, "/findings", http.StatusOK); strings.Contains(res.Body, webtest.UninsuredA) {
		t.Error("the industrial zones' board sees the tax findings")
	}
}
