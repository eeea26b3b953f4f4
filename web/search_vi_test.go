package web_test

import (
	"net/url"
	"strings"
	"testing"

	"ansinh/web/webtest"

	"golang.org/x/text/unicode/norm"
)

// TestSearchPageWithoutDiacritics: the search page finds a person from a
// name typed without diacritics, in decomposed Unicode or by prefix
// (issue 14.2).
func TestSearchPageWithoutDiacritics(t *testing.T) {
	e := webtest.New(t, "sqlite", webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginProvince)
	for _, q := range []string{"nguyen van an", norm.NFD.String("Nguyễn Văn An"), "NGUYEN V", "nguy"} {
		res := c.Get("/search?" + url.Values{"q": {q}, "kind": {"persons"}}.Encode())
		if res.Status != 200 || !strings.Contains(res.Body, "Nguyễn Văn An") {
			t.Errorf("%q: %d, Nguyễn Văn An not found", q, res.Status)
		}
	}
	res := c.Get("/search?" + url.Values{"q": {"pham van dung"}, "kind": {"persons"}}.Encode())
	if !strings.Contains(res.Body, "Phạm Văn Dũng") || strings.Contains(res.Body, "Nguyễn Văn An") {
		t.Errorf("pham van dung:\n%s", res.Body)
	}
}
