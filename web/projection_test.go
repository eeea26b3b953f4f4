package web_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ansinh"
	"ansinh/auth"
	"ansinh/pdfdoc"
	"ansinh/projection"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/web/webtest"
)

// handProjector projects a small hand-made province with the domain's
// model, standing in for the registry.
type handProjector struct{}

func (handProjector) Compare(ctx context.Context, month ansinh.Period, scs []projection.Scenario) ([]*projection.Result, error) {
	st := projection.StartState{
		Month: month,
		Members: []projection.MemberGroup{
			{Scheme: projection.Mandatory, Sex: rules.Male, Age: 40, ServiceYears: 15, Count: 800, Amount: 800 * 9_000_000},
			{Scheme: projection.Voluntary, Category: rules.CategoryPoor, Sex: rules.Female, Age: 35, ServiceYears: 2, Count: 50, Amount: 50 * 2_000_000},
		},
		Entrants:      []projection.MemberGroup{{Scheme: projection.Mandatory, Sex: rules.Female, Age: 22, Count: 40, Amount: 40 * 7_000_000}},
		YearBefore:    []projection.FlowGroup{{Scheme: projection.Mandatory, Sex: rules.Male, Age: 40, Count: 800}},
		Exits:         []projection.FlowGroup{{Scheme: projection.Mandatory, Sex: rules.Male, Age: 40, Count: 16}},
		Beneficiaries: []projection.BeneficiaryGroup{{Sex: rules.Male, Age: 68, Count: 100, Monthly: 100 * 6_000_000}},
		LabourForce:   []projection.LabourForceYear{{Year: month.Year(), LabourForce: 1600}},
	}
	var out []*projection.Result
	for _, sc := range scs {
		r, err := projection.Run(ctx, sc, rules.Default(), st)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// TestProjectionPage shows the scenarios side by side with a chart line
// per scenario, in both languages, and downloads them as XLSX and PDF.
func TestProjectionPage(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{Projection: handProjector{}})
	c := e.Client(t)
	c.Login(webtest.RoleLogins[auth.Leadership])
	res := c.Get("/projection?from=2026-12")
	if res.Status != http.StatusOK {
		t.Fatalf("status %d: %s", res.Status, res.Body)
	}
	for _, want := range []string{"Dự báo quỹ hưu trí, tử tuất đến 2075", "Người đóng BHXH", "plan", "trend", "2075", "Tỷ lệ chi phí PAYG", "giả định"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(res.Body, "<polyline"); n != 2*9 {
		t.Errorf("%d chart lines, want 2 scenarios × 9 charts", n)
	}
	if en := c.Get("/projection?from=2026-12&lang=en"); !strings.Contains(en.Body, "Pension fund projection to 2075") || !strings.Contains(en.Body, "Contributors") {
		t.Error("the English page lacks its title or rows")
	}
	if bad := c.Get("/projection?from=2026-13"); bad.Status != http.StatusBadRequest {
		t.Errorf("bad month: status %d", bad.Status)
	}
	x := c.Get("/projection?from=2026-12&format=xlsx")
	f, err := excelize.OpenReader(bytes.NewReader([]byte(x.Body)))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	if v, _ := f.GetCellValue(projection.SheetSummary, "D4"); v != "plan" {
		t.Errorf("summary D4 = %q, want plan", v)
	}
	p := c.Get("/projection?from=2026-12&format=pdf")
	text, err := pdfdoc.Text([]byte(p.Body))
	if err != nil {
		t.Skip(err)
	}
	for _, want := range []string{"Dự báo quỹ hưu trí, tử tuất", "Người đóng BHXH", "trend", "2075"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

// TestProjectionPageUnconfigured says so rather than failing.
func TestProjectionPageUnconfigured(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.RoleLogins[auth.ProvinceOfficer])
	if res := c.Get("/projection"); res.Status != http.StatusOK || !strings.Contains(res.Body, "chưa được cấu hình") {
		t.Errorf("status %d", res.Status)
	}
}
