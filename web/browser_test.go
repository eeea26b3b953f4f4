package web_test

import (
	"bytes"
	"context"
	"errors"
	"iter"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ansinh"
	"ansinh/collection"
	"ansinh/store"
	"ansinh/web/webtest"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// chromium finds the browser: the CI installs Debian's chromium; without it
// the browser tests fail under CI and are skipped elsewhere.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but chromium is not installed: the browser tests must run (apt-get install -y chromium)")
	}
	t.Skip("chromium is not installed")
	return ""
}

// screenshotDir is where the browser tests save their screenshots:
// $ANSINH_ARTIFACTS/screenshots, or the repository's (git-ignored)
// artifacts/screenshots.
func screenshotDir(t *testing.T) string {
	t.Helper()
	root := os.Getenv("ANSINH_ARTIFACTS")
	if root == "" {
		root = filepath.Join("..", "artifacts")
	}
	dir := filepath.Join(root, "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browserEnv is a seeded server on 127.0.0.1:0 and the options of a
// headless browser.
type browserEnv struct {
	*webtest.Env
	base   string
	shots  string
	chrome string
}

func newBrowserEnv(t *testing.T) *browserEnv {
	t.Helper()
	path := chromium(t)
	e := webtest.New(t, store.SQLite, webtest.Options{Insecure: true, Full: true})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: e.Handler, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &browserEnv{Env: e, base: "http://" + ln.Addr().String(), shots: screenshotDir(t), chrome: path}
}

// tab starts a fresh browser, with its own profile (so no cookie of another
// test), and opens a tab with a time limit.
func (b *browserEnv) tab(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(b.chrome),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "vi-VN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	ctx, cancel2 := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel2)
	return ctx
}

// step is one browser action that returns nothing.
type step = chromedp.Action[chromedp.Void]

// shot saves a full-page PNG screenshot.
func (b *browserEnv) shot(name string) step {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		buf, err := chromedp.FullScreenshot(100)(ctx, t)
		if err != nil {
			return chromedp.Void{}, err
		}
		return chromedp.Void{}, os.WriteFile(filepath.Join(b.shots, name+".png"), buf, 0o644)
	}
}

// login signs in through the form.
func (b *browserEnv) login(login string) step {
	return seq(
		chromedp.Navigate(b.base+"/login"),
		chromedp.WaitVisible(chromedp.ID("login")),
		chromedp.SendKeys(chromedp.ID("login"), login),
		chromedp.SendKeys(chromedp.ID("password"), webtest.Password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.main`)),
	)
}

// seq runs steps in order as one step.
func seq(steps ...step) step {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		for _, s := range steps {
			if _, err := s(ctx, t); err != nil {
				return chromedp.Void{}, err
			}
		}
		return chromedp.Void{}, nil
	}
}

// textOf reads the text of the page's main element into s.
func textOf(s *string) step {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		v, err := chromedp.Text(chromedp.CSS("main"))(ctx, t)
		*s = v
		return chromedp.Void{}, err
	}
}

// nextDownload waits for the browser's next completed download into dir
// and returns its bytes.
func nextDownload(t *testing.T, events iter.Seq2[browser.EventDownloadProgress, error], dir string) []byte {
	t.Helper()
	for ev, err := range events {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatalf("download canceled")
		}
		if ev.State != browser.DownloadProgressStateCompleted {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, ev.GUID))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	t.Fatal("no download")
	return nil
}

func ptr[T any](v T) *T { return &v }

// fitsWidth fails the test when the page is wider than the viewport (a wide
// table must scroll inside its card, not the page), naming the first
// elements that stick out. It first makes every table wider than any
// screen, with a long unbreakable word in its first row, as the many
// figures of a real province do.
func fitsWidth(t *testing.T, name string) step {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		type width struct {
			Scroll, View int
			Wide         []string
		}
		w, err := chromedp.Evaluate[width](`(() => {
			for (const c of document.querySelectorAll('table tr:first-child > :first-child')) {
				c.append(document.createTextNode(' ' + 'W'.repeat(150)));
			}
			const d = document.documentElement, v = d.clientWidth;
			const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > v + 1 && !e.closest('.table-wrap'))
				.slice(0, 6).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/ +/g, '.') : ''));
			return {Scroll: d.scrollWidth, View: v, Wide: wide};
		})()`)(ctx, tg)
		if err != nil {
			return chromedp.Void{}, err
		}
		if w.Scroll > w.View {
			t.Errorf("%s: the page is %d px wide in a %d px viewport; sticking out: %v", name, w.Scroll, w.View, w.Wide)
		}
		return chromedp.Void{}, nil
	}
}

func run(t *testing.T, ctx context.Context, actions ...step) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("browser timed out: %v", err)
		}
		t.Fatalf("browser: %v", err)
	}
}

func TestBrowser(t *testing.T) {
	b := newBrowserEnv(t)

	t.Run("landing and login pages", func(t *testing.T) {
		ctx := b.tab(t)
		run(t, ctx, chromedp.Navigate(b.base+"/"), chromedp.WaitVisible(chromedp.CSS(`.hero`)), b.shot("01-home"),
			chromedp.Navigate(b.base+"/login"), chromedp.WaitVisible(chromedp.ID("login")), b.shot("02-login"),
			chromedp.EmulateViewport(390, 844), chromedp.Navigate(b.base+"/register"), chromedp.WaitVisible(chromedp.ID("tax_code")),
			b.shot("03-register-phone"))
	})

	t.Run("employer declares a hire and pays its notice", func(t *testing.T) {
		ctx := b.tab(t)
		bal, err := collection.PayerBalance(context.Background(), b.Collection, webtest.TaxA)
		if err != nil || bal.AsOf != webtest.LastClosed || bal.Current <= 0 {
			t.Fatalf("balance before paying: %+v, %v", bal, err)
		}
		var receipt, notices, paid string
		run(t, ctx, b.login(webtest.LoginEmployerA), b.shot("10-employer-home"),
			chromedp.Navigate(b.base+"/employer/declarations/new"),
			chromedp.WaitVisible(chromedp.ID("l1_person_id")),
			chromedp.SetValue(chromedp.ID("l1_change"), "hire"),
			chromedp.SendKeys(chromedp.ID("l1_person_id"), "024095000606"),
			chromedp.SendKeys(chromedp.ID("l1_full_name"), "Đỗ Minh Khôi"),
			chromedp.SetValue(chromedp.ID("l1_birth_date"), "1995-03-12"),
			chromedp.SetValue(chromedp.ID("l1_sex"), "male"),
			chromedp.SendKeys(chromedp.ID("l1_wage"), "7.500.000"),
			chromedp.SetValue(chromedp.ID("l1_start_month"), "2026-03"),
			chromedp.SetValue(chromedp.ID("l1_contract"), "fixed"),
			b.shot("11-declaration-form"),
			chromedp.Click(chromedp.CSS(`form[action="/employer/declarations"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.receipt`)),
			textOf(&receipt), b.shot("12-declaration-receipt"),
			chromedp.Navigate(b.base+"/employer/workers"), chromedp.WaitVisible(chromedp.CSS(`table`)), b.shot("13-employer-workers"),
			chromedp.Navigate(b.base+"/employer/notices"), chromedp.WaitVisible(chromedp.CSS(`a.pdf`)),
			textOf(&notices), b.shot("14-employer-notices"),
			chromedp.Click(chromedp.CSS(`form.pay-balance button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.gateway`)), b.shot("15-gateway"),
			chromedp.Click(chromedp.CSS(`.gateway button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.receipt`)),
			textOf(&paid), b.shot("16-payment-done"),
			chromedp.Navigate(b.base+"/employer/notices"), chromedp.WaitVisible(chromedp.CSS(`a.pdf`)), b.shot("17-employer-notices-paid"),
			chromedp.EmulateViewport(390, 844), chromedp.Navigate(b.base+"/employer"), chromedp.WaitVisible(chromedp.CSS(`a.pdf`)),
			b.shot("18-employer-home-phone"))
		for _, want := range []string{"Hồ sơ đã được tiếp nhận và xử lý", "Đã xử lý", "Đỗ Minh Khôi", "D02-"} {
			if !strings.Contains(receipt, want) {
				t.Errorf("receipt lacks %q:\n%s", want, receipt)
			}
		}
		for _, want := range []string{"02/2026", "10/2025", ansinh.FormatMoney(bal.Current)} {
			if !strings.Contains(notices, want) {
				t.Errorf("notices lack %q:\n%s", want, notices)
			}
		}
		if !strings.Contains(paid, "Đã thanh toán") || !strings.Contains(paid, ansinh.FormatMoney(bal.Current)) {
			t.Errorf("payment page:\n%s", paid)
		}
		pays, _ := b.Collection.PaymentsOf(context.Background(), webtest.TaxA, 10)
		if len(pays) != 2 || pays[0].Channel != "online" || pays[0].Amount != bal.Current {
			t.Errorf("payments = %+v, want the seeded one and %d online", pays, bal.Current)
		}
		after, err := collection.PayerBalance(context.Background(), b.Collection, webtest.TaxA)
		if err != nil || after.Current != 0 || after.PaidSince != bal.Current {
			t.Errorf("balance after paying: %+v, %v", after, err)
		}
	})

	t.Run("citizen enrols in voluntary insurance and pays", func(t *testing.T) {
		ctx := b.tab(t)
		var quote, done, paid string
		run(t, ctx, b.login(webtest.LoginCitizen), b.shot("20-citizen-record"),
			chromedp.Navigate(b.base+"/me/voluntary"),
			chromedp.WaitVisible(chromedp.ID("income")),
			chromedp.SendKeys(chromedp.ID("income"), "3.000.000"),
			chromedp.SetValue(chromedp.ID("mode"), "quarterly"),
			chromedp.Click(chromedp.CSS(`button[value=quote]`)),
			chromedp.WaitVisible(chromedp.CSS(`.note dl`)),
			textOf(&quote), b.shot("21-voluntary-quote"),
			chromedp.Click(chromedp.CSS(`button[value=enrol]`)),
			chromedp.WaitVisible(chromedp.CSS(`.flash`)),
			textOf(&done), b.shot("22-voluntary-enrolled"),
			chromedp.Navigate(b.base+"/me/pay"), chromedp.WaitVisible(chromedp.ID("amount")),
			chromedp.Click(chromedp.CSS(`form[action="/me/pay"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.gateway`)),
			chromedp.Click(chromedp.CSS(`.gateway button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.receipt`)),
			textOf(&paid),
			chromedp.Click(chromedp.CSS(`.note a`)),
			chromedp.WaitVisible(chromedp.CSS(`.scores`)), b.shot("23-survey"))
		if !strings.Contains(quote, "198.000 đ") || !strings.Contains(quote, "Hộ cận nghèo") {
			t.Errorf("quote:\n%s", quote)
		}
		if !strings.Contains(done, "Bạn đã đăng ký tham gia BHXH tự nguyện") {
			t.Errorf("enrolment:\n%s", done)
		}
		if !strings.Contains(paid, "Đã thanh toán") || !strings.Contains(paid, "1.386.000 đ") {
			t.Errorf("payment:\n%s", paid)
		}
	})

	t.Run("officer opens the dashboard and downloads the report", func(t *testing.T) {
		ctx := b.tab(t)
		dir := t.TempDir()
		downloads := chromedp.Events(ctx, browser.DownloadProgress)
		var dash string
		run(t, ctx, b.login(webtest.LoginProvince),
			chromedp.WaitVisible(chromedp.CSS(`svg.chart.line`)),
			textOf(&dash), b.shot("30-dashboard"),
			chromedp.Navigate(b.base+"/search?q=nguy%E1%BB%85n&kind=persons"), chromedp.WaitVisible(chromedp.CSS(`table`)), b.shot("31-search"),
			chromedp.Navigate(b.base+"/persons/"+webtest.Citizen), chromedp.WaitVisible(chromedp.CSS(`dl.facts`)), b.shot("32-person"),
			chromedp.Navigate(b.base+"/employers/"+webtest.TaxA), chromedp.WaitVisible(chromedp.CSS(`#findings`)), b.shot("33-employer"),
			chromedp.Navigate(b.base+"/imports"), chromedp.WaitVisible(chromedp.ID("file")), b.shot("34-imports"),
			chromedp.Navigate(b.base+"/audit"), chromedp.WaitVisible(chromedp.CSS(`table`)), b.shot("35-audit"),
			chromedp.Navigate(b.base+"/users"), chromedp.WaitVisible(chromedp.CSS(`table`)), b.shot("36-users"),
			chromedp.Navigate(b.base+"/arrears"), chromedp.WaitVisible(chromedp.CSS(`table`)), b.shot("40-arrears"),
			chromedp.Navigate(b.base+"/findings"), chromedp.WaitVisible(chromedp.CSS(`table`)), b.shot("41-findings"),
			chromedp.Navigate(b.base+"/cases"), chromedp.WaitVisible(chromedp.CSS(`table`)), b.shot("42-cases"),
			chromedp.Navigate(b.base+"/cases/"+webtest.CaseA), chromedp.WaitVisible(chromedp.CSS(`.finding`)), b.shot("43-case"),
			chromedp.Navigate(b.base+"/targets?year=2026"), chromedp.WaitVisible(chromedp.CSS(`table.alloc`)), b.shot("44-targets"),
			chromedp.Navigate(b.base+"/plan"), chromedp.WaitVisible(chromedp.CSS(`table.tasks`)), b.shot("45-plan"),
			chromedp.Navigate(b.base+"/plan/III.5"), chromedp.WaitVisible(chromedp.ID("note")), b.shot("46-plan-task"),
			chromedp.Navigate(b.base+"/reports"), chromedp.WaitVisible(chromedp.ID("report-xlsx")), b.shot("47-reports"),
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
					Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: ptr(true)})
				return err
			}),
			chromedp.Click(chromedp.ID("report-xlsx")))
		xlsx := nextDownload(t, downloads, dir)
		downloads = chromedp.Events(ctx, browser.DownloadProgress) // a subscription ends with its loop
		run(t, ctx, chromedp.Navigate(b.base+"/reports"), chromedp.WaitVisible(chromedp.ID("report-pdf")), chromedp.Click(chromedp.ID("report-pdf")))
		pdf := nextDownload(t, downloads, dir)
		run(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(b.base+"/dashboard"), chromedp.WaitVisible(chromedp.CSS(`svg.chart.line`)),
			b.shot("37-dashboard-phone"),
			chromedp.Navigate(b.base+"/dashboard?lang=en"), chromedp.WaitVisible(chromedp.CSS(`svg.chart.line`)), b.shot("38-dashboard-english-phone"),
			chromedp.Navigate(b.base+"/arrears?lang=vi"), chromedp.WaitVisible(chromedp.CSS(`table`)), b.shot("48-arrears-phone"),
			chromedp.Navigate(b.base+"/cases/"+webtest.CaseA), chromedp.WaitVisible(chromedp.CSS(`.finding`)), b.shot("49-case-phone"),
			chromedp.Navigate(b.base+"/targets?year=2026"), chromedp.WaitVisible(chromedp.CSS(`table.alloc`)), b.shot("50-targets-phone"),
			chromedp.Navigate(b.base+"/employers/"+webtest.TaxA), chromedp.WaitVisible(chromedp.CSS(`#findings`)), b.shot("51-employer-phone"))
		for _, want := range []string{"Tổng quan tham gia bảo hiểm xã hội", "Phường Bắc Giang", "Phường Đa Mai",
			"Tỷ lệ lực lượng lao động tham gia BHXH", "Xếp hạng xã, phường năm 2026"} {
			if !strings.Contains(dash, want) {
				t.Errorf("dashboard lacks %q", want)
			}
		}
		book, err := excelize.OpenReader(bytes.NewReader(xlsx))
		if err != nil {
			t.Fatalf("the report's XLSX does not open: %v", err)
		}
		if sheets := book.GetSheetList(); len(sheets) < 3 {
			t.Errorf("report sheets: %v", sheets)
		}
		book.Close()
		if !bytes.HasPrefix(pdf, []byte("%PDF")) {
			t.Errorf("the report's PDF starts with %q", pdf[:min(len(pdf), 8)])
		}
	})

	t.Run("inspector sees its cases", func(t *testing.T) {
		ctx := b.tab(t)
		var list string
		if err := webtest.ComplianceService(b.DB).AssignCase(context.Background(), webtest.CaseA, webtest.LoginInspector, "test"); err != nil {
			t.Fatal(err)
		}
		run(t, ctx, b.login(webtest.LoginInspector), chromedp.WaitVisible(chromedp.CSS(`table`)), textOf(&list), b.shot("60-inspector-cases"),
			chromedp.Navigate(b.base+"/cases/"+webtest.CaseA), chromedp.WaitVisible(chromedp.CSS(`form[action$="/result"]`)), b.shot("61-inspector-case"))
		if !strings.Contains(list, webtest.CaseA) || strings.Contains(list, webtest.CaseB) {
			t.Errorf("the inspector's cases:\n%s", list)
		}
	})

	t.Run("wide tables scroll inside their card at 1280 px", func(t *testing.T) {
		for login, paths := range map[string][]string{
			webtest.LoginProvince: {"/arrears", "/dashboard", "/employers/" + webtest.TaxA, "/targets?year=2026",
				"/findings", "/cases/" + webtest.CaseA, "/persons/" + webtest.Citizen, "/projection", "/payroll?period=2026-03", "/claims", "/audit"},
			webtest.LoginEmployerA: {"/employer/workers", "/employer/notices", "/employer"},
		} {
			steps := []step{chromedp.EmulateViewport(1280, 800), b.login(login)}
			for _, path := range paths {
				steps = append(steps, chromedp.Navigate(b.base+path), chromedp.WaitVisible(chromedp.CSS(`main`)), fitsWidth(t, path))
			}
			run(t, b.tab(t), steps...)
		}
	})

	t.Run("unit officer cannot open another unit's employer", func(t *testing.T) {
		ctx := b.tab(t)
		var own, other string
		run(t, ctx, b.login(webtest.LoginUnitA),
			chromedp.Navigate(b.base+"/employers/"+webtest.TaxA), chromedp.WaitVisible(chromedp.CSS(`dl.facts`)), textOf(&own),
			chromedp.Navigate(b.base+"/employers/"+webtest.TaxB), chromedp.WaitVisible(chromedp.CSS(`main .card`)), textOf(&other),
			b.shot("70-unit-officer-other-employer"))
		if !strings.Contains(own, "Công ty TNHH May Bắc Giang") {
			t.Errorf("own employer:\n%s", own)
		}
		if !strings.Contains(other, "Không tìm thấy") || strings.Contains(other, "Đa Mai") || strings.Contains(other, "Phạm Văn Dũng") {
			t.Errorf("another unit's employer:\n%s", other)
		}
	})
}
