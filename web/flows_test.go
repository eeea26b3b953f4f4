package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"ansinh"
	"ansinh/auth"
	"ansinh/store"
	"ansinh/store/importdb"
	"ansinh/web"
	"ansinh/web/webtest"
)

func TestEmployerDeclaresAHire(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginEmployerA)
	if res := c.Get("/employer/declarations/new?lines=2"); res.Status != 200 || !strings.Contains(res.Body, `name="l2_person_id"`) {
		t.Fatalf("form: %d", res.Status)
	}
	form := url.Values{"lines": {"2"},
		"l1_change": {"hire"}, "l1_person_id": {"024 095 000 606"}, "l1_full_name": {"Đỗ  Minh Khôi"}, "l1_birth_date": {"12/03/1995"},
		"l1_sex": {"male"}, "l1_wage": {"7.500.000"}, "l1_start_month": {"2026-03"}, "l1_contract": {"fixed"},
		"l2_change": {"leave"}, "l2_person_id": {webtest.WorkersA[1]}, "l2_end_month": {"02/2026"}}
	// A bad ID first: the form comes back with the line's error.
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("l1_person_id", "024095000")
	res := c.PostForm("/employer/declarations", bad)
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "Số định danh cá nhân sai độ dài") || !strings.Contains(res.Body, "Đỗ  Minh Khôi") {
		t.Fatalf("bad ID: %d\n%s", res.Status, res.Body)
	}
	res = c.PostForm("/employer/declarations", form)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", res.Status, res.Body)
	}
	res = c.Get(res.Header.Get("Location"))
	for _, want := range []string{"Hồ sơ đã được tiếp nhận và xử lý", "D02-20260316-", "Đã xử lý", "Đỗ Minh Khôi", "7.500.000 đ", "Trực tuyến"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("receipt lacks %q", want)
		}
	}
	res = c.Get("/employer/workers")
	if !strings.Contains(res.Body, "Đỗ Minh Khôi") || strings.Contains(res.Body, "Trần Văn Bình") {
		t.Errorf("workers after the declaration:\n%s", res.Body)
	}
	if p, err := e.Registry.FindPerson(context.Background(), "024095000606", ansinh.Scope{All: true}); err != nil || p.CommuneCode != webtest.CommuneA {
		t.Errorf("new person: %+v %v", p, err)
	}
	res = c.Get("/employer/declarations")
	if !strings.Contains(res.Body, "D02-20260316-") {
		t.Errorf("declarations list:\n%s", res.Body)
	}
	procs, _ := e.Registry.ProceduresOf(context.Background(), userID(t, e, webtest.LoginEmployerA), 10)
	if len(procs) != 1 || procs[0].Kind != "declaration" || procs[0].Channel != "online" || procs[0].Status != "completed" {
		t.Errorf("procedures = %+v", procs)
	}
}

func userID(t *testing.T, e *webtest.Env, login string) int64 {
	u, err := e.Auth.FindUserByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func TestGatewayPaymentIsRecordedOnce(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginEmployerA)
	res := c.Get("/employer/pay")
	// FakeCalc: 32% of the three wages.
	if !strings.Contains(res.Body, ansinh.GroupDigits((8_500_000+7_200_000+6_800_000)*32/100, '.')) {
		t.Errorf("no suggested amount:\n%s", res.Body)
	}
	res = c.PostForm("/employer/pay", url.Values{"amount": {"abc"}})
	if res.Status != http.StatusBadRequest {
		t.Fatalf("bad amount: %d", res.Status)
	}
	res = c.PostForm("/employer/pay", url.Values{"amount": {"7.200.000"}})
	gw := res.Header.Get("Location")
	order := strings.TrimPrefix(gw, "/gateway/pay/")
	res = c.Get(gw)
	if res.Status != 200 || !strings.Contains(res.Body, "7.200.000 đ") || !strings.Contains(res.Body, order) {
		t.Fatalf("gateway page: %d\n%s", res.Status, res.Body)
	}
	res = c.PostForm(gw, nil)
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/payments/"+order {
		t.Fatalf("confirm: %d %s", res.Status, res.Header.Get("Location"))
	}
	res = c.Get("/payments/" + order)
	if !strings.Contains(res.Body, "Đã thanh toán") || !strings.Contains(res.Body, "Đánh giá mức độ hài lòng") {
		t.Fatalf("payment page:\n%s", res.Body)
	}
	// Confirming again, and the gateway calling back twice, record nothing
	// more.
	c.PostForm(gw, nil)
	o, _ := e.Collection.FindPaymentOrder(context.Background(), order)
	cb := web.SignGatewayCallback(e.Secret, web.GatewayCallback{OrderID: order, Amount: 7_200_000, GatewayRef: o.GatewayRef})
	body, _ := json.Marshal(cb)
	for i := 0; i < 2; i++ {
		req := httptest.NewRequest(http.MethodPost, "/gateway/callback", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		res := e.Client(t).Do(req)
		if res.Status != 200 || !strings.Contains(res.Body, `"recorded":false`) {
			t.Fatalf("callback %d: %d %s", i+1, res.Status, res.Body)
		}
	}
	forged := cb
	forged.Amount = 1
	body, _ = json.Marshal(forged)
	req := httptest.NewRequest(http.MethodPost, "/gateway/callback", bytes.NewReader(body))
	if res := e.Client(t).Do(req); res.Status != http.StatusForbidden {
		t.Fatalf("forged callback: %d", res.Status)
	}
	pays, _ := e.Collection.PaymentsOf(context.Background(), webtest.TaxA, 10)
	online := 0
	for _, p := range pays {
		if p.Channel == "online" {
			online++
			if p.Amount != 7_200_000 || p.Ref != order {
				t.Errorf("payment = %+v", p)
			}
		}
	}
	if online != 1 {
		t.Fatalf("%d online payments", online)
	}
}

func TestGatewayCallbackFirstRecords(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginCitizen)
	res := c.PostForm("/me/pay", url.Values{"amount": {"693000"}})
	order := strings.TrimPrefix(res.Header.Get("Location"), "/gateway/pay/")
	cb := web.SignGatewayCallback(e.Secret, web.GatewayCallback{OrderID: order, Amount: 693_000, GatewayRef: "GW-EXTERNAL"})
	body, _ := json.Marshal(cb)
	var replies []string
	for i := 0; i < 2; i++ {
		res := e.Client(t).Do(httptest.NewRequest(http.MethodPost, "/gateway/callback", bytes.NewReader(body)))
		replies = append(replies, res.Body)
	}
	if !strings.Contains(replies[0], `"recorded":true`) || !strings.Contains(replies[1], `"recorded":false`) {
		t.Fatalf("replies = %q", replies)
	}
	if pays, _ := e.Collection.PaymentsOf(context.Background(), webtest.Citizen, 10); len(pays) != 1 || pays[0].Channel != "online" {
		t.Fatalf("payments = %+v", pays)
	}
}

func TestCitizenEnrolsAndRates(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginCitizen)
	res := c.Get("/me")
	for _, want := range []string{"Lê Thị Hoa", "Công ty TNHH May Bắc Giang", "05/2012", "12/2024", "6.000.000 đ", "Lương hưu ước tính"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("/me lacks %q", want)
		}
	}
	res = c.PostForm("/me/voluntary", url.Values{"income": {"1.000.000"}, "mode": {"quarterly"}, "start_month": {"2026-03"}, "action": {"quote"}})
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "chuẩn hộ nghèo") {
		t.Fatalf("low income: %d", res.Status)
	}
	res = c.PostForm("/me/voluntary", url.Values{"income": {"3.000.000"}, "mode": {"quarterly"}, "start_month": {"2026-03"}, "action": {"quote"}})
	// 22% of 3.000.000 = 660.000; near-poor support 30% = 198.000.
	for _, want := range []string{"660.000 đ", "198.000 đ", "462.000 đ", "1.386.000 đ", "Hộ cận nghèo"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("quote lacks %q", want)
		}
	}
	res = c.PostForm("/me/voluntary", url.Values{"income": {"3.000.000"}, "mode": {"quarterly"}, "start_month": {"2026-03"}, "action": {"enrol"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("enrol: %d\n%s", res.Status, res.Body)
	}
	res = c.Get(res.Header.Get("Location"))
	if !strings.Contains(res.Body, "Bạn đã đăng ký tham gia BHXH tự nguyện") || !strings.Contains(res.Body, "Bạn đang tham gia") {
		t.Fatalf("after enrolment:\n%s", res.Body)
	}
	res = c.Get("/me/pay")
	if !strings.Contains(res.Body, `value="1.386.000"`) {
		t.Errorf("suggested voluntary payment missing:\n%s", res.Body)
	}
	procs, _ := e.Registry.ProceduresOf(context.Background(), userID(t, e, webtest.LoginCitizen), 10)
	if len(procs) != 1 || procs[0].Kind != "voluntary_enrolment" || procs[0].Status != "completed" {
		t.Fatalf("procedures = %+v", procs)
	}
	path := "/procedures/" + itoa(procs[0].ID) + "/survey"
	if res := c.PostForm(path, url.Values{"score": {"9"}}); res.Status != http.StatusBadRequest {
		t.Fatalf("score 9: %d", res.Status)
	}
	res = c.PostForm(path, url.Values{"score": {"5"}, "comment": {"Nhanh, dễ làm."}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("survey: %d", res.Status)
	}
	if res := c.Get(res.Header.Get("Location")); !strings.Contains(res.Body, "Cảm ơn bạn đã đánh giá") || !strings.Contains(res.Body, "5/5") {
		t.Fatalf("after the survey:\n%s", res.Body)
	}
	if res := c.PostForm(path, url.Values{"score": {"4"}}); res.Status != http.StatusConflict {
		t.Fatalf("second answer: %d", res.Status)
	}
}

func TestAgentEnrolsAResident(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginAgent)
	res := c.PostForm("/agent/enrol", url.Values{"person_id": {webtest.WorkerB}, "income": {"2000000"}, "mode": {"monthly"}, "start_month": {"2026-03"}, "action": {"enrol"}})
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "Không có người này trên địa bàn") {
		t.Fatalf("resident of another commune: %d", res.Status)
	}
	res = c.PostForm("/agent/enrol", url.Values{"person_id": {webtest.Citizen}, "income": {"2000000"}, "mode": {"monthly"}, "start_month": {"2026-04"}, "action": {"enrol"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("enrol: %d\n%s", res.Status, res.Body)
	}
	res = c.Get("/agent?done=1")
	if !strings.Contains(res.Body, "Lê Thị Hoa") || !strings.Contains(res.Body, "04/2026") {
		t.Fatalf("agent page:\n%s", res.Body)
	}
	v, _ := e.Registry.PersonVoluntary(context.Background(), webtest.Citizen)
	if len(v) != 1 || v[0].AgentCode != webtest.LoginAgent || v[0].Category != "near_poor" {
		t.Fatalf("enrolment = %+v", v)
	}
}

func TestEmployerRegistrationNeedsApproval(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Get("/register")
	form := url.Values{"tax_code": {webtest.TaxC}, "name": {"Hợp tác xã Mỹ Thái"}, "kind": {"cooperative"}, "commune_code": {webtest.CommuneC},
		"contact": {"0912 345 678"}, "login": {"htx.mythai"}, "password": {"mat-khau-htx-2026"}, "password2": {"mat-khau-htx-2026"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("tax_code", "2401000019")
	if res := c.PostForm("/register", bad); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "sai chữ số kiểm tra") {
		t.Fatalf("bad tax code: %d", res.Status)
	}
	if res := c.PostForm("/register", form); res.Status != 200 || !strings.Contains(res.Body, "Hồ sơ đăng ký đã được tiếp nhận") {
		t.Fatalf("register: %d\n%s", res.Status, res.Body)
	}
	try := e.Client(t)
	try.Get("/login")
	if res := try.PostForm("/login", url.Values{"login": {"htx.mythai"}, "password": {"mat-khau-htx-2026"}}); res.Status != http.StatusForbidden || !strings.Contains(res.Body, "đang chờ") {
		t.Fatalf("pending login: %d", res.Status)
	}
	p := e.Client(t)
	p.Login(webtest.LoginProvince)
	res := p.Get("/users")
	if !strings.Contains(res.Body, "htx.mythai") {
		t.Fatalf("registration not listed")
	}
	regs, _ := e.Registry.ListRegistrations(context.Background(), "pending", 10)
	if res := p.PostForm("/registrations/"+itoa(regs[0].ID), url.Values{"decision": {"approve"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("approve: %d", res.Status)
	}
	ok := e.Client(t)
	ok.Get("/login")
	if res := ok.PostForm("/login", url.Values{"login": {"htx.mythai"}, "password": {"mat-khau-htx-2026"}}); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/employer" {
		t.Fatalf("approved login: %d %s", res.Status, res.Header.Get("Location"))
	}
}

// upload posts a file to a multipart form.
func upload(t *testing.T, c *webtest.Client, path, kind, name, content string) *webtest.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", c.CSRF)
	mw.WriteField("kind", kind)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(content))
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(req)
}

func TestImportUploadListsEveryBadRow(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginProvince)
	bad := "person_id,full_name,birth_date,sex,ethnic_minority,commune_code,legacy_si_code\n" +
		"024097000111,Ngô Văn Tâm,1997-02-03,male,false," + webtest.CommuneA + ",\n" +
		"12345,Ngô Thị Nga,1998-02-30,female,false," + webtest.CommuneA + ",\n" +
		"024099000113,Ngô Văn Phúc,1999-05-05,other,maybe," + webtest.CommuneA + ",\n"
	res := upload(t, c, "/imports", "persons", "persons.csv", bad)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad file: %d\n%s", res.Status, res.Body)
	}
	for _, want := range []string{"Không ghi", "person_id", "birth_date", "sex", "ethnic_minority", "<td class=\"num\">3</td>", "<td class=\"num\">4</td>"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if _, err := e.Registry.FindPerson(context.Background(), "024097000111", ansinh.Scope{All: true}); err == nil {
		t.Fatal("a refused file committed a row")
	}
	good := "person_id,full_name,birth_date,sex,ethnic_minority,commune_code,legacy_si_code\n" +
		"024097000111,Ngô Văn Tâm,1997-02-03,male,false," + webtest.CommuneA + ",\n"
	res = upload(t, c, "/imports", "persons", "persons.csv", good)
	if res.Status != 200 || !strings.Contains(res.Body, "Đã ghi") {
		t.Fatalf("good file: %d\n%s", res.Status, res.Body)
	}
	// A partner uploads its own feed kinds only.
	pc := e.Client(t)
	pc.Login(webtest.LoginPartner)
	feed := "tax_code,person_id,month,wage_income\n" + webtest.TaxA + "," + webtest.WorkersA[0] + ",2026-02,9500000\n"
	if res := upload(t, pc, "/partner/feeds", "tax_wages", "thue.csv", feed); res.Status != 200 || !strings.Contains(res.Body, "Đã ghi") {
		t.Fatalf("partner feed: %d\n%s", res.Status, res.Body)
	}
	if res := upload(t, pc, "/partner/feeds", "persons", "persons.csv", good); res.Status != http.StatusBadRequest {
		t.Fatalf("partner uploads persons: %d", res.Status)
	}
	if runs, _ := importdb.New(e.DB).ListRuns(context.Background(), "user:"+webtest.LoginPartner, 10); len(runs) != 1 || runs[0].Status != "committed" {
		t.Fatalf("partner runs = %+v", runs)
	}
}

func TestEnglishSwitch(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	res := c.Get("/login?lang=en")
	if !strings.Contains(res.Body, `<html lang="en">`) || !strings.Contains(res.Body, "Password") || c.Cookie("lang") == nil {
		t.Fatalf("English: %.500s", res.Body)
	}
	res = c.Get("/")
	if !strings.Contains(res.Body, "The province&#39;s social insurance services") {
		t.Fatalf("the language is not kept:\n%.600s", res.Body)
	}
	c.Login(webtest.LoginEmployerA)
	res = c.Get("/employer")
	if !strings.Contains(res.Body, "Declare workforce changes") || strings.Contains(res.Body, "Khai báo biến động lao động") {
		t.Fatalf("employer page in English:\n%s", res.Body)
	}
	res = c.Get("/employer?lang=vi")
	if !strings.Contains(res.Body, "Khai báo biến động lao động") {
		t.Fatal("back to Vietnamese")
	}
}

func TestAPIDeclarationsAndFeeds(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	ctx := context.Background()
	token := func(login string) string {
		tok, err := auth.IssueAPIToken(ctx, e.Auth, userID(t, e, login), "t", 0, "test")
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	post := func(tok, path, ctype, body string) *webtest.Response {
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", ctype)
		return e.Client(t).Do(req)
	}
	emp := token(webtest.LoginEmployerA)
	res := post(emp, "/api/v1/declarations", "application/json", `{"lines":[{"change":"hire","person_id":"024095000606","full_name":"Đỗ Minh Khôi","birth_date":"1995-03-12","sex":"female","wage":7500000,"start_month":"2026-03","contract":"fixed"}]}`)
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, `"lines[0].person_id"`) {
		t.Fatalf("ID that disagrees with the sex: %d %s", res.Status, res.Body)
	}
	res = post(emp, "/api/v1/declarations", "application/json", `{"lines":[{"change":"hire","person_id":"024095000606","full_name":"Đỗ Minh Khôi","birth_date":"1995-03-12","sex":"male","wage":7500000,"start_month":"2026-03","contract":"fixed"}]}`)
	if res.Status != http.StatusCreated || !strings.Contains(res.Body, `"status": "processed"`) || !strings.Contains(res.Body, `"channel": "online"`) {
		t.Fatalf("declaration: %d %s", res.Status, res.Body)
	}
	res = post(emp, "/api/v1/declarations", "application/json", `{"tax_code":"`+webtest.TaxB+`","lines":[{"change":"leave","person_id":"`+webtest.WorkerB+`","end_month":"2026-02"}]}`)
	if res.Status != http.StatusNotFound {
		t.Fatalf("declaring for another employer: %d", res.Status)
	}
	officer := token(webtest.LoginProvince)
	res = post(officer, "/api/v1/declarations", "application/json", `{"tax_code":"`+webtest.TaxB+`","lines":[{"change":"leave","person_id":"`+webtest.WorkerB+`","end_month":"2026-02"}]}`)
	if res.Status != http.StatusCreated || !strings.Contains(res.Body, `"channel": "counter"`) {
		t.Fatalf("counter declaration: %d %s", res.Status, res.Body)
	}
	partner := token(webtest.LoginPartner)
	feed := "tax_code,person_id,month,wage_income\n" + webtest.TaxA + "," + webtest.WorkersA[0] + ",2026-02,9500000\n"
	if res := post(partner, "/api/v1/feeds/tax_wages?name=thue-2026-02.csv", "text/csv", feed); res.Status != 200 || !strings.Contains(res.Body, `"committed": true`) {
		t.Fatalf("feed: %d %s", res.Status, res.Body)
	}
	if res := post(partner, "/api/v1/feeds/tax_wages", "text/csv", "tax_code,person_id,month\n"); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad feed: %d %s", res.Status, res.Body)
	}
	if res := post(partner, "/api/v1/feeds/persons", "text/csv", "x\n"); res.Status != http.StatusNotFound {
		t.Fatalf("feed outside the partner's scope: %d", res.Status)
	}
}
