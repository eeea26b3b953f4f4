package web_test

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ansinh/auth"
	"ansinh/store"
	"ansinh/web/webtest"
)

// TestRandomBytesXLSXGetsAReason: a file named .xlsx that is no workbook is
// refused with the reason, on the import page and through the API's feed
// upload alike.
func TestRandomBytesXLSXGetsAReason(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	junk := make([]byte, 4096)
	rand.Read(junk)
	c := e.Client(t)
	c.Login(webtest.LoginProvince)
	res := upload(t, c, "/imports", "persons", "persons.xlsx", string(junk))
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "không đọc được tệp Excel") {
		t.Fatalf("page: %d, reason not shown", res.Status)
	}
	var partner int64
	if err := e.DB.R.QueryRow(`SELECT id FROM users WHERE login = $1`, webtest.LoginPartner).Scan(&partner); err != nil {
		t.Fatal(err)
	}
	tok, err := auth.IssueAPIToken(context.Background(), e.Auth, partner, "t", 0, "test")
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/feeds/tax_wages?name=thue.xlsx", strings.NewReader(string(junk)))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	res = e.Client(t).Do(req)
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "không đọc được tệp Excel") ||
		!strings.Contains(res.Body, "cannot read the Excel file") {
		t.Fatalf("API: %d %s", res.Status, res.Body)
	}
}
