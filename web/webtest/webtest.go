// Package webtest builds a running AnSinh web server over a small seeded
// province for the tests of the web console, the portals and the API: two
// employers in two communes, their workers, a citizen with an employment
// history, a voluntary participant, a pensioner, and one account per role
// (plus a second unit officer and a second employer, for the scoping
// tests).
package webtest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"ansinh"
	"ansinh/api"
	"ansinh/auth"
	"ansinh/benefits"
	"ansinh/compliance"
	"ansinh/importer"
	"ansinh/indicators/report"
	"ansinh/registry"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/benefitsdb"
	"ansinh/store/collectiondb"
	"ansinh/store/compliancedb"
	"ansinh/store/importdb"
	"ansinh/store/indicatorsdb"
	"ansinh/store/plandb"
	"ansinh/store/registrydb"
	"ansinh/store/storetest"
	"ansinh/web"

	"golang.org/x/crypto/bcrypt"
)

// Password is every seeded account's password.
const Password = "mat-khau-thu-nghiem"

// The seeded province: Bắc Ninh (24) after the 2025 reorganisation, with
// three of its communes.
const (
	Province = "24"
	CommuneA = "07210" // Phường Bắc Giang: employer A
	CommuneB = "07228" // Phường Đa Mai: employer B
	CommuneC = "07420" // Xã Mỹ Thái: the citizen, the agent
	TaxA     = "2401000018"
	TaxB     = "2401000025"
	TaxC     = "2401000032" // an employer with no account
	// Citizen has a closed spell at A, no open spell, a near-poor
	// household: they can enrol in voluntary insurance.
	Citizen = "024190000202"
	// WorkerB works at B.
	WorkerB = "024092000404"
	// Voluntary is enrolled in voluntary insurance; Pensioner draws a
	// pension.
	Voluntary = "024180000505"
	Pensioner = "024055000808"
)

// WorkersA work at A.
var WorkersA = []string{"024085000101", "024088000303", "024087000909"}

// Logins of the seeded accounts.
const (
	LoginProvince   = "canbo.tinh"
	LoginUnitA      = "canbo.xa.a"
	LoginUnitB      = "canbo.xa.b"
	LoginAgent      = "daily.thu"
	LoginEmployerA  = "donvi.a"
	LoginEmployerB  = "donvi.b"
	LoginCitizen    = "nguoidan"
	LoginPartner    = "doitac.thue"
	LoginInspector  = "thanhtra"
	LoginLeadership = "lanhdao"
)

// RoleLogins gives the seeded account of each role.
var RoleLogins = map[auth.Role]string{
	auth.ProvinceOfficer: LoginProvince,
	auth.UnitOfficer:     LoginUnitA,
	auth.Agent:           LoginAgent,
	auth.Employer:        LoginEmployerA,
	auth.Citizen:         LoginCitizen,
	auth.Partner:         LoginPartner,
	auth.Inspector:       LoginInspector,
	auth.Leadership:      LoginLeadership,
}

// Base is the seeded province's "now": mid-March 2026, in Vietnam.
var Base = time.Date(2026, 3, 16, 9, 0, 0, 0, ansinh.Vietnam)

// Clock returns a clock that starts at Base and runs at the speed of real
// time, so that processing times and orders are real.
func Clock() func() time.Time {
	start := time.Now()
	return func() time.Time { return Base.Add(time.Since(start)) }
}

// Env is a seeded database and a server over it.
type Env struct {
	DB *store.DB
	// Auth is auth's store over DB (accounts, sessions, tokens).
	Auth *authdb.Store
	// Plan is the plan's store over DB.
	Plan *plandb.Store
	// Indicators is the indicators' store over DB.
	Indicators *indicatorsdb.Store
	// Close is the monthly close's store over DB.
	Close *collectiondb.CloseStore
	// Registry is the registry service the server uses.
	Registry *registry.Service
	// Collection is the collection's store over DB (payment orders,
	// payments, notices, arrears).
	Collection *collectiondb.Store
	Server     *web.Server
	// Handler is the guarded handler of every route.
	Handler http.Handler
	// Secret signs the gateway's callbacks.
	Secret []byte
	// Log receives the server's log (errors included), for tests that
	// check what is logged.
	Log *SyncBuffer
}

// Options tune New.
type Options struct {
	Calc   web.Calculator // nil: FakeCalc
	Limits auth.Limits
	// Insecure serves cookies without the Secure flag, as on plain-HTTP
	// localhost (the browser tests).
	Insecure bool
	// Full also closes the months BooksStart..LastClosed (notices, debts),
	// refreshes the indicators and saves compliance findings with their
	// cases (CloseMonths, RefreshIndicators, SeedFindings).
	Full bool
	// Projection runs the fund projection (nil: the page is not configured).
	Projection web.Projector
}

// New opens a fresh database of the engine, seeds it and builds the server.
func New(tb testing.TB, engine store.Engine, opt Options) *Env {
	tb.Helper()
	db := storetest.Open(tb, engine)
	return NewOn(tb, db, opt)
}

// NewOn seeds db and builds the server over it.
func NewOn(tb testing.TB, db *store.DB, opt Options) *Env {
	tb.Helper()
	db.Now = Clock()
	ctx := context.Background()
	if err := Seed(ctx, db); err != nil {
		tb.Fatalf("seed: %v", err)
	}
	if err := Accounts(ctx, db); err != nil {
		tb.Fatalf("accounts: %v", err)
	}
	if opt.Full {
		for _, step := range []struct {
			name string
			do   func(context.Context, *store.DB) error
		}{{"close", CloseMonths}, {"indicators", RefreshIndicators}, {"findings", SeedFindings}} {
			if err := step.do(ctx, db); err != nil {
				tb.Fatalf("seed %s: %v", step.name, err)
			}
		}
	}
	e := &Env{DB: db, Auth: authdb.New(db), Plan: plandb.New(db), Indicators: indicatorsdb.New(db), Collection: collectiondb.New(db), Close: collectiondb.NewCloseStore(db), Secret: []byte("gateway-secret-for-tests"), Log: &SyncBuffer{}}
	log := slog.New(slog.NewTextHandler(io.MultiWriter(e.Log, logSink()), &slog.HandlerOptions{Level: slog.LevelWarn}))
	calc := opt.Calc
	if calc == nil {
		calc = FakeCalc{}
	}
	comp := ComplianceService(db)
	imp := web.AfterFeedUpload(Importer(db), func(ctx context.Context, kind string, version int64) error {
		_, err := comp.AfterFeedUpload(ctx, kind, version)
		return err
	}, log)
	reg := registry.New(registrydb.New(db), nil)
	e.Registry = reg
	ben := &benefits.Service{Store: benefitsdb.New(db), Params: rules.Default(), Now: db.Now, Jobs: db}
	a := api.New(api.Config{Audit: e.Auth, Now: e.Auth.Now, Log: log, Import: api.ImportFunc(imp), Registry: reg, Benefits: ben, Collection: e.Collection})
	srv, err := web.New(web.Config{Ready: db, ImportRuns: importdb.New(db), Auth: e.Auth, Plan: e.Plan, Indicators: e.Indicators, Close: e.Close, Registry: reg, Log: log, Secure: !opt.Insecure, Calc: calc, Import: imp, GatewaySecret: e.Secret,
		Limits: opt.Limits, PasswordCost: bcrypt.MinCost, Mount: []func(*auth.Router){a.Register}, NoWarm: true,
		Compliance: comp, Collection: e.Collection, Projection: opt.Projection, Benefits: ben, Report: ReportSources(db)})
	if err != nil {
		tb.Fatalf("web.New: %v", err)
	}
	e.Server, e.Handler = srv, srv.Handler()
	return e
}

// logSink is where server logs go besides the buffer: standard error with
// ANSINH_TEST_LOG set, nowhere otherwise.
func logSink() io.Writer {
	if os.Getenv("ANSINH_TEST_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}

// SyncBuffer is a bytes buffer safe for concurrent writers.
type SyncBuffer struct {
	mu  sync.Mutex
	buf []byte
}

// Write appends p.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// String returns what was written.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// Seed loads the small province.
func Seed(ctx context.Context, db *store.DB) error {
	d := ansinh.MustParseDate
	exec := func(q string, args ...any) error {
		_, err := db.W.ExecContext(ctx, q, args...)
		return err
	}
	reform := d("2025-07-01")
	units := [][]any{
		{Province, "Bắc Ninh", "province", nil, reform, nil, nil},
		{CommuneA, "Phường Bắc Giang", "commune", Province, reform, nil, "II"},
		{CommuneB, "Phường Đa Mai", "commune", Province, reform, nil, "II"},
		{CommuneC, "Xã Mỹ Thái", "commune", Province, reform, nil, "III"},
	}
	for _, u := range units {
		if err := exec(`INSERT INTO units (code, name, level, parent_code, valid_from, valid_to, region) VALUES ($1, $2, $3, $4, $5, $6, $7)`, u...); err != nil {
			return err
		}
	}
	persons := [][]any{
		{WorkersA[0], "Nguyễn Văn An", d("1985-04-12"), "male", false, CommuneA},
		{WorkersA[1], "Trần Văn Bình", d("1988-09-30"), "male", false, CommuneA},
		{WorkersA[2], "Nguyễn Văn Cường", d("1987-01-05"), "male", false, CommuneB},
		{Citizen, "Lê Thị Hoa", d("1990-06-21"), "female", true, CommuneC},
		{WorkerB, "Phạm Văn Dũng", d("1992-11-02"), "male", false, CommuneB},
		{Voluntary, "Hoàng Thị Lan", d("1980-03-15"), "female", false, CommuneB},
		{Pensioner, "Vũ Văn Hải", d("1955-08-08"), "male", false, CommuneA},
	}
	for _, p := range persons {
		if err := exec(`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES ($1, $2, $3, $4, $5, $6)`,
			p[0], p[1], p[2], p[3], db.Bool(p[4].(bool)), p[5]); err != nil {
			return err
		}
	}
	employers := [][]any{
		{TaxA, "Công ty TNHH May Bắc Giang", "private", CommuneA, nil, d("2015-03-01")},
		{TaxB, "Công ty Cổ phần Đa Mai", "fdi", CommuneB, "KCN Đình Trám", d("2018-07-15")},
		{TaxC, "Hợp tác xã Mỹ Thái", "cooperative", CommuneC, nil, d("2020-01-10")},
	}
	for _, e := range employers {
		if err := exec(`INSERT INTO employers (tax_code, name, kind, commune_code, industrial_zone, registered_on) VALUES ($1, $2, $3, $4, $5, $6)`, e...); err != nil {
			return err
		}
	}
	spells := [][]any{
		{TaxA, WorkersA[0], "2019-01", nil, int64(8_500_000), "indefinite", d("2019-01-05")},
		{TaxA, WorkersA[1], "2021-06", nil, int64(7_200_000), "fixed", d("2021-06-02")},
		{TaxA, WorkersA[2], "2024-02", nil, int64(6_800_000), "indefinite", d("2024-02-01")},
		{TaxA, Citizen, "2012-05", "2024-12", int64(6_000_000), "fixed", d("2012-05-03")},
		{TaxB, WorkerB, "2022-03", nil, int64(12_000_000), "indefinite", d("2022-03-01")},
	}
	for _, s := range spells {
		if err := exec(`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) VALUES ($1, $2, $3, $4, $5, $6, $7)`, s...); err != nil {
			return err
		}
	}
	if err := exec(`INSERT INTO household_status (person_id, year, status) VALUES ($1, 2025, 'near_poor'), ($1, 2026, 'near_poor')`, Citizen); err != nil {
		return err
	}
	if err := exec(`INSERT INTO voluntary (person_id, start_month, end_month, income, mode, category) VALUES ($1, '2023-01', NULL, 2000000, 'monthly', 'other')`, Voluntary); err != nil {
		return err
	}
	if err := exec(`INSERT INTO beneficiaries (person_id, kind, start_month, end_month, monthly_amount) VALUES ($1, 'pension', '2015-09', NULL, 6200000)`, Pensioner); err != nil {
		return err
	}
	return exec(`INSERT INTO payments (ref, payer, amount, paid_on, channel) VALUES ('UNC-2026-02', $1, 8100000, $2, 'bank')`, TaxA, d("2026-02-27"))
}

// Accounts creates one account per role, a second unit officer (commune B)
// and a second employer (B).
func Accounts(ctx context.Context, db *store.DB) error {
	accounts := []auth.Account{
		{Login: LoginProvince, Role: auth.ProvinceOfficer, Name: "Cán bộ BHXH tỉnh"},
		{Login: LoginUnitA, Role: auth.UnitOfficer, Scope: []string{CommuneA}, Name: "Cán bộ phường Bắc Giang"},
		{Login: LoginUnitB, Role: auth.UnitOfficer, Scope: []string{CommuneB}, Name: "Cán bộ phường Đa Mai"},
		{Login: LoginAgent, Role: auth.Agent, Scope: []string{CommuneC}, Name: "Đại lý thu Mỹ Thái"},
		{Login: LoginEmployerA, Role: auth.Employer, Scope: []string{TaxA}, Name: "Kế toán May Bắc Giang"},
		{Login: LoginEmployerB, Role: auth.Employer, Scope: []string{TaxB}, Name: "Kế toán Đa Mai"},
		{Login: LoginCitizen, Role: auth.Citizen, Scope: []string{Citizen}, Name: "Lê Thị Hoa"},
		{Login: LoginPartner, Role: auth.Partner, Scope: []string{"tax_wages", "business_registry"}, Name: "Cục Thuế tỉnh"},
		{Login: LoginInspector, Role: auth.Inspector, Scope: []string{TaxA}, Name: "Thanh tra viên"},
		{Login: LoginLeadership, Role: auth.Leadership, Name: "Lãnh đạo UBND tỉnh"},
	}
	for _, a := range accounts {
		a.Password, a.CreatedBy = Password, "test"
		if _, err := auth.CreateAccount(ctx, authdb.New(db), authdb.NewRegistry(db, registry.New(registrydb.New(db), nil)), a, bcrypt.MinCost); err != nil {
			return err
		}
	}
	return nil
}

// Importer returns an import function over the store, as the command wires
// it (the run recorded, rows bulk-loaded).
func Importer(db *store.DB) web.ImportFunc {
	return func(ctx context.Context, kind *importer.Kind, name string, body io.ReadSeeker, format importer.Format, actor, lang string) (importer.Report, error) {
		run, err := db.BeginRun(ctx, kind.Name, name, "test", actor)
		if err != nil {
			return importer.Report{}, err
		}
		rep, err := importer.ImportReader(ctx, kind, name, body, format, loader{db: db, run: run}, importdb.New(db), importer.Options{Lang: lang})
		status := "committed"
		if err != nil {
			status = "refused"
		}
		if ferr := db.FinishRun(ctx, run, status, store.RunCounts{Read: rep.Rows, Rejected: rep.Bad, Inserted: rep.Inserted, Update: rep.Updated}); ferr != nil && err == nil {
			err = ferr
		}
		return rep, err
	}
}

type loader struct {
	db  *store.DB
	run int64
}

// BeginLoad starts a bulk load of the kind, stamped with the run.
func (l loader) BeginLoad(ctx context.Context, k *importer.Kind) (importer.Load, error) {
	b, err := l.db.BeginBulk(ctx, store.Table{Name: k.Table, Columns: k.DBColumns(), Key: k.Key}, l.run)
	if err != nil {
		return nil, err
	}
	return load{b}, nil
}

type load struct{ b store.Bulk }

// Add adds a row.
func (l load) Add(row []any) error { return l.b.Add(row) }

// Rollback abandons the load.
func (l load) Rollback() error { return l.b.Rollback() }

// Commit ends the load.
func (l load) Commit() (importer.LoadResult, error) {
	r, err := l.b.Commit()
	return importer.LoadResult{Inserted: r.Inserted, Updated: r.Updated}, err
}

// FakeCalc is a calculator with round, fixed rates, for tests that check
// the pages carry the figures (the rules engine is tested on its own).
type FakeCalc struct{}

// Contribution charges 10.5% to the worker and 21.5% to the employer.
func (FakeCalc) Contribution(_ ansinh.Period, wage ansinh.Money, _, _ string) (web.Contribution, error) {
	e, r := wage*105/1000, wage*215/1000
	return web.Contribution{Employee: e, Employer: r, Total: e + r}, nil
}

// Voluntary charges 22% with a 30% support for the near-poor (10%
// otherwise), and refuses incomes below 1.500.000 đ.
func (FakeCalc) Voluntary(_ ansinh.Period, income ansinh.Money, cats []string, months int) (web.VoluntaryQuote, error) {
	if income < 1_500_000 {
		return web.VoluntaryQuote{}, ansinh.Invalid("income", "Thu nhập thấp hơn chuẩn hộ nghèo khu vực nông thôn.", "The income is below the rural poverty line.")
	}
	c := income * 22 / 100
	share, cat := int64(10), "other"
	for _, k := range cats {
		if k == "near_poor" {
			share, cat = 30, k
		}
	}
	s := c * share / 100
	return web.VoluntaryQuote{Category: cat, ContributionPerMonth: c, StateSupportPerMonth: s, PayablePerMonth: c - s,
		Months: months, Payable: (c - s) * int64(months)}, nil
}

// Pension pays 2% a year of service on an average of the wages.
func (FakeCalc) Pension(in web.PensionInput) (web.PensionEstimate, error) {
	var months int
	var sum ansinh.Money
	for _, p := range in.Periods {
		to := p.To
		if to.IsZero() {
			to = in.AsOf
		}
		n := int(to-p.From) + 1
		months += n
		sum += p.Wage * ansinh.Money(n)
	}
	if months == 0 {
		return web.PensionEstimate{}, ansinh.Invalid("periods", "Chưa có quá trình tham gia.", "No participation yet.")
	}
	avg := sum / ansinh.Money(months)
	rate := int64(months/12) * 2
	return web.PensionEstimate{RetireMonth: ansinh.NewPeriod(in.BirthDate.Year()+62, in.BirthDate.Month()+1), ServiceMonths: months,
		AverageWage: avg, RatePercent: ansinhItoa(rate), Monthly: avg * rate / 100, Eligible: months >= 180}, nil
}

func ansinhItoa(n int64) string { return ansinh.GroupDigits(n, '.') }

// ComplianceService returns the compliance service over db, as the command
// wires it: the estimated arrears, and the active accounts with the
// inspector role as inspectors.
func ComplianceService(db *store.DB) *compliance.Service {
	cdb := compliancedb.New(db)
	return &compliance.Service{Store: cdb, Params: rules.Default(),
		Arrears: func(context.Context, ansinh.Period) (compliance.ArrearsSource, string, error) {
			return cdb.EstimatedArrears(rules.Default()), "estimate", nil
		},
		Inspectors: compliance.InspectorsFunc(func(ctx context.Context, login string) (bool, error) {
			u, err := authdb.New(db).FindUserByLogin(ctx, login)
			if ansinh.ErrorCode(err) == ansinh.ENOTFOUND {
				return false, nil
			}
			return err == nil && u.Role == "inspector" && u.Status == "active", err
		})}
}

// ReportSources wires the Standing Committee report's sources on db: the
// stored indicators, arrears and compliance (store/indicatorsdb) and the
// plan's tasks (store/plandb).
func ReportSources(db *store.DB) report.Sources {
	src := indicatorsdb.ReportSources(db)
	src.Plan = plandb.New(db)
	return src
}
