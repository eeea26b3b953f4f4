package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"ansinh/store/storetest"
	"ansinh/web/webtest"

	"golang.org/x/text/unicode/norm"
)

// refusals are declaration lines the registry refuses (issue 14.1), as a
// portal form's fields, with a part of the Vietnamese and the English
// reason.
var refusals = []struct {
	name   string
	fields map[string]string
	vi, en string
}{
	{"a known ID under another name",
		map[string]string{"change": "hire", "person_id": webtest.WorkerB, "full_name": "Trần Văn Dũng", "birth_date": "1992-11-02", "sex": "male",
			"wage": "7500000", "start_month": "2026-03", "contract": "fixed"},
		"Họ tên không khớp", "name does not match"},
	{"a known ID with another birth date",
		map[string]string{"change": "hire", "person_id": webtest.WorkerB, "full_name": "Phạm Văn Dũng", "birth_date": "1992-12-02", "sex": "male",
			"wage": "7500000", "start_month": "2026-03", "contract": "fixed"},
		"Ngày sinh không khớp", "birth date does not match"},
	{"a wage below the month's floor",
		map[string]string{"change": "hire", "person_id": "024095000606", "full_name": "Đỗ Minh Khôi", "birth_date": "1995-03-12", "sex": "male",
			"wage": "1000000", "start_month": "2026-03", "contract": "fixed"},
		"thấp hơn mức sàn", "below the floor"},
	{"a start before the 15th birthday",
		map[string]string{"change": "hire", "person_id": "024312000707", "full_name": "Phạm Minh Châu", "birth_date": "2012-05-01", "sex": "female",
			"wage": "7500000", "start_month": "2026-03", "contract": "fixed"},
		"đủ 15 tuổi", "turns 15"},
	{"a start after next month",
		map[string]string{"change": "hire", "person_id": "024095000606", "full_name": "Đỗ Minh Khôi", "birth_date": "1995-03-12", "sex": "male",
			"wage": "7500000", "start_month": "2026-06", "contract": "fixed"},
		"chỉ khai đến tháng sau", "up to next month"},
	{"a leave before the hire",
		map[string]string{"change": "leave", "person_id": webtest.WorkersA[0], "end_month": "2018-12"},
		"trước tháng bắt đầu", "before the start month"},
}

// apiLine writes the fields as a JSON line of the API.
func apiLine(f map[string]string) string {
	var parts []string
	for k, v := range f {
		if k == "wage" {
			parts = append(parts, `"wage":`+v)
		} else {
			parts = append(parts, `"`+k+`":"`+v+`"`)
		}
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// TestDeclarationRefusalsThroughTheAPI: each refusal of issue 14.1 is a
// rejected line with its reason in both languages, and a name typed in
// decomposed Unicode matches the registry's.
func TestDeclarationRefusalsThroughTheAPI(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			r := newRaceEnv(t, webtest.New(t, engine, webtest.Options{}))
			for _, c := range refusals {
				res := r.declare(webtest.TaxA, `{"lines":[`+apiLine(c.fields)+`]}`)
				if res.Status != http.StatusCreated || !strings.Contains(res.Body, `"status": "rejected"`) ||
					!strings.Contains(res.Body, c.vi) || !strings.Contains(res.Body, c.en) {
					t.Errorf("%s: %d %s", c.name, res.Status, res.Body)
				}
			}
			same := `{"change":"hire","person_id":"` + webtest.WorkerB + `","full_name":"` + norm.NFD.String("phạm  văn dũng") +
				`","birth_date":"1992-11-02","sex":"male","wage":7500000,"start_month":"2026-03","contract":"fixed"}`
			if res := r.declare(webtest.TaxA, `{"lines":[`+same+`]}`); res.Status != http.StatusCreated || !strings.Contains(res.Body, `"status": "processed"`) {
				t.Errorf("the same identity typed another way: %d %s", res.Status, res.Body)
			}
			if n := r.count(`SELECT count(*) FROM persons WHERE person_id IN ('024095000606', '024312000707')`); n != 0 {
				t.Errorf("refused hires added %d persons", n)
			}
		})
	}
}

// TestDeclarationRefusalsThroughThePortal: the same refusals from the
// employer portal's form, shown on the receipt.
func TestDeclarationRefusalsThroughThePortal(t *testing.T) {
	e := webtest.New(t, "sqlite", webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginEmployerA)
	c.Get("/employer/declarations/new?lines=6")
	form := url.Values{"lines": {"6"}}
	for i, r := range refusals {
		for k, v := range r.fields {
			switch k {
			case "birth_date":
				v = v[8:10] + "/" + v[5:7] + "/" + v[0:4]
			}
			form.Set("l"+itoa(int64(i+1))+"_"+k, v)
		}
	}
	res := c.PostForm("/employer/declarations", form)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", res.Status, res.Body)
	}
	res = c.Get(res.Header.Get("Location"))
	for _, r := range refusals {
		if !strings.Contains(res.Body, r.vi) {
			t.Errorf("the receipt lacks the refusal of %s (%q)", r.name, r.vi)
		}
	}
}

// TestRepeatedRegistrationIsRefused: an employer that already has an
// account cannot register again (issue 14.1).
func TestRepeatedRegistrationIsRefused(t *testing.T) {
	e := webtest.New(t, "sqlite", webtest.Options{})
	c := e.Client(t)
	c.Get("/register")
	form := url.Values{"tax_code": {webtest.TaxA}, "name": {"Công ty TNHH May Bắc Giang"}, "kind": {"private"}, "commune_code": {webtest.CommuneA},
		"contact": {"0912 345 678"}, "login": {"may.bacgiang2"}, "password": {"mat-khau-may-2026"}, "password2": {"mat-khau-may-2026"}}
	res := c.PostForm("/register", form)
	if res.Status != http.StatusConflict || !strings.Contains(res.Body, "đã có tài khoản giao dịch điện tử") {
		t.Fatalf("second registration: %d\n%s", res.Status, res.Body)
	}
}
