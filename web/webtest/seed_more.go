package webtest

import (
	"context"
	"fmt"

	"ansinh"
	"ansinh/collection"
	"ansinh/compliance"
	"ansinh/indicators"
	"ansinh/store"
	"ansinh/store/collectiondb"
	"ansinh/store/compliancedb"
	"ansinh/store/indicatorsdb"
)

// The months CloseMonths closes: the books start in October 2025, and
// February 2026 is the last closed month (Base is mid-March 2026).
var (
	BooksStart = ansinh.NewPeriod(2025, 10)
	LastClosed = ansinh.NewPeriod(2026, 2)
)

// CloseMonths runs the monthly close from BooksStart through LastClosed:
// every employer and voluntary participant gets a notice each month, and
// what is unpaid becomes debts aged up to four months.
func CloseMonths(ctx context.Context, db *store.DB) error {
	_, err := collection.CloseThrough(ctx, collectiondb.NewCloseStore(db), LastClosed, collection.Options{From: BooksStart, Actor: "test"})
	return err
}

// LaborForce is the statistics office's figure of each seeded unit and
// year (the working-age labour force, the population past retirement
// age), small enough for the seeded participants to move the rates.
var LaborForce = map[string][2]int64{Province: {40, 10}, CommuneA: {12, 3}, CommuneB: {14, 4}, CommuneC: {14, 3}}

// RefreshIndicators loads the labour force of 2021–2026 and computes the
// plan's indicators through the month before Base.
func RefreshIndicators(ctx context.Context, db *store.DB) error {
	for code, v := range LaborForce {
		for y := 2021; y <= 2026; y++ {
			if _, err := db.W.ExecContext(ctx, `INSERT INTO labor_force (unit_code, year, labor_force, over_retirement_age) VALUES ($1, $2, $3, $4)`,
				code, y, v[0], v[1]); err != nil {
				return err
			}
		}
	}
	src := indicatorsdb.NewFrom(db, indicators.DefaultFrom)
	_, err := indicators.Refresh(ctx, src, src, "test", indicators.Options{Through: ansinh.NewPeriod(2026, 2)})
	return err
}

// The findings SeedFindings saves: two about employer A (a worker paid
// with no insurance, a wage below what the tax records say) and one about
// employer B, which make case CaseA and case CaseB.
var (
	CaseA = compliance.CaseID(TaxA, 1)
	CaseB = compliance.CaseID(TaxB, 1)
	// UninsuredA is the person of employer A's first finding.
	UninsuredA = "024199001111"
)

// SeedFindings saves findings of a match as of February 2026, which opens
// one inspection case per employer.
func SeedFindings(ctx context.Context, db *store.DB) error {
	cfg := compliance.DefaultConfig(ansinh.NewPeriod(2026, 2))
	evidence := func(k compliance.Kind, vi, en string) string {
		return fmt.Sprintf(`{"kind":%q,"period":"2026-02","window":["2025-03","2026-02"],"summary_vi":%q,"summary_en":%q,"registry":[],`+
			`"stake":{"employer_per_month":1000000,"employee_per_month":500000,"months":6,"total":9000000,"basis_vi":"theo thu nhập chịu thuế","basis_en":"on the taxable income"},`+
			`"score":{"value":0.9,"factors":[{"name":"months","value":0.9,"vi":"6 tháng có thu nhập","en":"6 months of income"}]}}`, k, vi, en)
	}
	f := func(k compliance.Kind, tax, name, commune, person string, score float64, total int64) compliance.Finding {
		return compliance.Finding{ID: compliance.FindingID(k, tax, person), Kind: k, TaxCode: tax, PersonID: person, EmployerName: name,
			CommuneCode: commune, Period: cfg.Period, Months: 6, Score: score,
			Stake:    compliance.Stake{Employer: 1_000_000, Employee: 500_000, Months: 6, Total: total},
			Feeds:    []string{compliance.FeedTaxWages},
			Evidence: evidence(k, "Có thu nhập chịu thuế 6 tháng nhưng chưa tham gia BHXH", "Taxable income in 6 months but no social insurance")}
	}
	res := &compliance.Result{Config: cfg, Kinds: []compliance.Kind{compliance.UnregisteredWorker, compliance.UnderdeclaredWage},
		Findings: []compliance.Finding{
			f(compliance.UnregisteredWorker, TaxA, "Công ty TNHH May Bắc Giang", CommuneA, UninsuredA, 0.92, 9_000_000),
			f(compliance.UnderdeclaredWage, TaxA, "Công ty TNHH May Bắc Giang", CommuneA, WorkersA[0], 0.74, 4_200_000),
			f(compliance.UnregisteredWorker, TaxB, "Công ty Cổ phần Đa Mai", CommuneB, "024199002222", 0.81, 7_500_000),
		}}
	_, err := compliancedb.New(db).SaveFindings(ctx, res, "test")
	return err
}
