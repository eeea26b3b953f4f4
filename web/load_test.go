package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ansinh/api"
	"ansinh/auth"
	"ansinh/store/storetest"
	"ansinh/web"
	"ansinh/web/webtest"
)

// The concurrent load run of issue 17: 20 clients, for the duration in
// ANSINH_LOAD, mixing declarations through the API (new hires, hires and
// leaves of a pool of persons both employers share, the same hire sent twice
// at once) and payments through the gateway (confirmed, called back twice,
// called back before the confirmation, abandoned), against a real HTTP
// server over a seeded database, on each engine. It measures nothing against
// a limit: it prints the requests by kind and status, the latencies and the
// rows stored, and fails only when something is lost, doubled or answered
// 500. Run it with
//
//	ANSINH_LOAD=60s [ANSINH_TEST_POSTGRES=URL] go test -count=1 -run TestConcurrentLoad -v -timeout 30m ./web

// loadClients is the number of concurrent clients.
const loadClients = 20

// loadPool is the number of persons every client hires and lets go of.
const loadPool = 200

// TestConcurrentLoad runs the load on each engine.
func TestConcurrentLoad(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("ANSINH_LOAD"))
	if err != nil || d <= 0 {
		t.Skip("set ANSINH_LOAD to a duration (e.g. 60s) to run the concurrent load")
	}
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			e := webtest.New(t, engine, webtest.Options{Insecure: true})
			srv := httptest.NewServer(e.Handler)
			defer srv.Close()
			ld := &loadRun{t: t, e: e, base: srv.URL, rec: &loadRecorder{}, exp: newLoadExpect()}
			clients := ld.clients()
			before := ld.counts()
			start := time.Now()
			ld.run(clients, d)
			ld.rec.report(t, time.Since(start))
			ld.check(before)
		})
	}
}

// loadRun is one engine's run.
type loadRun struct {
	t    *testing.T
	e    *webtest.Env
	base string
	rec  *loadRecorder
	exp  *loadExpect
}

// clients signs in the clients: each with its employer's API token and a
// web session, half for employer A, half for B.
func (ld *loadRun) clients() []*loadClient {
	var out []*loadClient
	for i := range loadClients {
		tax, login := webtest.TaxA, webtest.LoginEmployerA
		if i%2 == 1 {
			tax, login = webtest.TaxB, webtest.LoginEmployerB
		}
		tok, err := auth.IssueAPIToken(context.Background(), ld.e.Auth, userID(ld.t, ld.e, login), fmt.Sprintf("load %d", i), 0, "test")
		if err != nil {
			ld.t.Fatal(err)
		}
		jar, _ := cookiejar.New(nil)
		c := &loadClient{ld: ld, id: i, tax: tax, tok: tok, rng: rand.New(rand.NewPCG(uint64(i), 17)),
			http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
		c.login(login)
		out = append(out, c)
	}
	return out
}

// run runs the clients until the duration has passed.
func (ld *loadRun) run(clients []*loadClient, d time.Duration) {
	until := time.Now().Add(d)
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(until) {
				c.step()
			}
		}()
	}
	wg.Wait()
}

// loadClient is one client: an employer's accountant with a token and a
// session.
type loadClient struct {
	ld    *loadRun
	id    int
	tax   string
	tok   string
	csrf  string
	rng   *rand.Rand
	http  *http.Client
	fresh int      // new persons hired so far
	hired []string // new persons hired and not let go of
}

// loadReply is a response read whole.
type loadReply struct {
	status int
	body   string
	where  string
}

var loadCSRF = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// do sends a request and records its kind, status and latency.
func (c *loadClient) do(kind string, req *http.Request) loadReply {
	start := time.Now()
	res, err := c.http.Do(req)
	if err != nil {
		c.ld.rec.add(kind, 0, time.Since(start))
		return loadReply{}
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	c.ld.rec.add(kind, res.StatusCode, time.Since(start))
	if m := loadCSRF.FindSubmatch(body); m != nil {
		c.csrf = string(m[1])
	}
	return loadReply{status: res.StatusCode, body: string(body), where: res.Header.Get("Location")}
}

func (c *loadClient) get(kind, path string) loadReply {
	req, _ := http.NewRequest(http.MethodGet, c.ld.base+path, nil)
	return c.do(kind, req)
}

func (c *loadClient) postForm(kind, path string, form url.Values) loadReply {
	form.Set("csrf_token", c.csrf)
	req, _ := http.NewRequest(http.MethodPost, c.ld.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(kind, req)
}

func (c *loadClient) postJSON(kind, path, auth string, v any) loadReply {
	body, _ := json.Marshal(v)
	req, _ := http.NewRequest(http.MethodPost, c.ld.base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", "Bearer "+auth)
	}
	return c.do(kind, req)
}

// login signs the client in on the web and reads the payment page's CSRF
// token.
func (c *loadClient) login(login string) {
	c.get("login", "/login")
	res := c.postForm("login", "/login", url.Values{"login": {login}, "password": {webtest.Password}})
	if res.status != http.StatusSeeOther {
		c.ld.t.Fatalf("login %s: %d", login, res.status)
	}
	if res := c.get("pay-page", "/employer/pay"); res.status != http.StatusOK || c.csrf == "" {
		c.ld.t.Fatalf("payment page: %d", res.status)
	}
}

// step does one thing: a declaration (5 in 9), the same hire twice at once
// (1 in 9) or a payment (3 in 9).
func (c *loadClient) step() {
	switch n := c.rng.IntN(9); {
	case n < 5:
		c.declare()
	case n < 6:
		c.declareTwice()
	default:
		c.pay()
	}
}

// The persons of the load, all men born on 12/03/1995: new ones numbered
// by client, and the shared pool.
func freshPerson(client, n int) string { return fmt.Sprintf("024095%06d", 100000+client*40000+n) }
func poolPerson(k int) string          { return fmt.Sprintf("024095%06d", 950000+k) }

// loadMonths are the months the load hires from and lets go at (the seeded
// today is March 2026; April is next month, the latest one may declare).
var loadMonths = []string{"2026-01", "2026-02", "2026-03", "2026-04"}

func loadHire(id, start string) api.DeclarationLine {
	return api.DeclarationLine{Change: "hire", PersonID: id, FullName: "Đỗ Minh Khôi", BirthDate: "1995-03-12", Sex: "male",
		Wage: 7_500_000, StartMonth: start, Contract: "fixed"}
}

func loadLeave(id, end string) api.DeclarationLine {
	return api.DeclarationLine{Change: "leave", PersonID: id, EndMonth: end}
}

// declare sends a declaration of one to three lines, each a new hire, a
// hire or a leave from the pool, or a leave of a person the client hired.
func (c *loadClient) declare() {
	var lines []api.DeclarationLine
	seen := map[string]bool{}
	for range 1 + c.rng.IntN(3) {
		l := c.line()
		if !seen[l.PersonID] {
			seen[l.PersonID] = true
			lines = append(lines, l)
		}
	}
	c.submit("declaration", lines)
}

// line picks a declaration line.
func (c *loadClient) line() api.DeclarationLine {
	month := loadMonths[c.rng.IntN(len(loadMonths))]
	switch n := c.rng.IntN(4); {
	case n == 0:
		c.fresh++
		return loadHire(freshPerson(c.id, c.fresh), "2026-03")
	case n == 1 && len(c.hired) > 0:
		i := c.rng.IntN(len(c.hired))
		id := c.hired[i]
		c.hired = slices.Delete(c.hired, i, i+1)
		return loadLeave(id, "2026-03")
	case n == 2:
		return loadLeave(poolPerson(c.rng.IntN(loadPool)), month)
	}
	return loadHire(poolPerson(c.rng.IntN(loadPool)), month)
}

// declareTwice sends the same hire (of a new person or one of the pool)
// twice at the same instant.
func (c *loadClient) declareTwice() {
	l := loadHire(poolPerson(c.rng.IntN(loadPool)), loadMonths[c.rng.IntN(len(loadMonths))])
	fresh := c.rng.IntN(2) == 0
	if fresh {
		c.fresh++
		l = loadHire(freshPerson(c.id, c.fresh), "2026-03")
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var hired []string
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := c.post("declaration-twice", []api.DeclarationLine{l})
			mu.Lock()
			hired = append(hired, h...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if fresh && len(hired) != 1 {
		c.ld.exp.fault("the same hire of %s sent twice at once: %d accepted", l.PersonID, len(hired))
	}
	c.hired = append(c.hired, hired...)
}

// submit posts the lines and keeps the new persons hired.
func (c *loadClient) submit(kind string, lines []api.DeclarationLine) {
	c.hired = append(c.hired, c.post(kind, lines)...)
}

// post posts a declaration, records what the answer says was accepted and
// returns the new persons whose hire was accepted.
func (c *loadClient) post(kind string, lines []api.DeclarationLine) []string {
	res := c.postJSON(kind, "/api/v1/declarations", c.tok, api.DeclarationRequest{Lines: lines})
	if res.status != http.StatusCreated {
		return nil
	}
	var d api.Declaration
	if err := json.Unmarshal([]byte(res.body), &d); err != nil {
		c.ld.exp.fault("declaration %s: unreadable answer: %v", kind, err)
		return nil
	}
	c.ld.exp.declared(d, len(lines))
	var hired []string
	for _, l := range d.Lines {
		if l.Status == "accepted" && l.Change == "hire" && !strings.HasPrefix(l.PersonID, "02409595") {
			hired = append(hired, l.PersonID)
		}
	}
	return hired
}

// pay creates a payment order and then confirms it and has the gateway call
// back twice (1 in 2), confirms it and calls back twice all at once (1 in
// 4), or abandons it (1 in 4).
func (c *loadClient) pay() {
	amount := int64(100+c.rng.IntN(9_900)) * 1000
	res := c.postForm("pay-order", "/employer/pay", url.Values{"amount": {fmt.Sprint(amount)}})
	order, ok := strings.CutPrefix(res.where, "/gateway/pay/")
	if res.status != http.StatusSeeOther || !ok {
		return
	}
	switch c.rng.IntN(4) {
	case 0, 1:
		c.get("gateway-page", res.where)
		if r := c.postForm("gateway-confirm", res.where, url.Values{}); r.status == http.StatusSeeOther {
			c.ld.exp.paid(order, c.tax, amount)
		}
		o, err := c.ld.e.Collection.FindPaymentOrder(context.Background(), order)
		if err != nil {
			c.ld.exp.fault("order %s: %v", order, err)
			return
		}
		c.callbacks(order, amount, o.GatewayRef, false)
	case 2:
		c.callbacks(order, amount, "GW-LOAD-"+order, true)
	default:
		c.ld.exp.abandoned(order)
	}
}

// callbacks sends the gateway's callback twice at once, with the payer's
// confirmation at the same instant when confirm is set.
func (c *loadClient) callbacks(order string, amount int64, ref string, confirm bool) {
	cb := web.SignGatewayCallback(c.ld.e.Secret, web.GatewayCallback{OrderID: order, Amount: amount, GatewayRef: ref})
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := c.postJSON("gateway-callback", "/gateway/callback", "", cb); r.status == http.StatusOK {
				c.ld.exp.paid(order, c.tax, amount)
			}
		}()
	}
	if confirm {
		form := url.Values{"csrf_token": {c.csrf}}
		req, _ := http.NewRequest(http.MethodPost, c.ld.base+"/gateway/pay/"+order, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if r := c.do("gateway-confirm", req); r.status == http.StatusSeeOther {
			c.ld.exp.paid(order, c.tax, amount)
		}
	}
	wg.Wait()
}

// loadRecorder keeps every request's kind, status and latency.
type loadRecorder struct {
	mu      sync.Mutex
	samples map[string][]loadSample
}

type loadSample struct {
	status int
	d      time.Duration
}

func (r *loadRecorder) add(kind string, status int, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.samples == nil {
		r.samples = map[string][]loadSample{}
	}
	r.samples[kind] = append(r.samples[kind], loadSample{status, d})
}

// failures counts the requests that got no answer or a 5xx.
func (r *loadRecorder) failures() int {
	n := 0
	for _, ss := range r.samples {
		for _, s := range ss {
			if s.status == 0 || s.status >= 500 {
				n++
			}
		}
	}
	return n
}

// report prints the requests by kind and status with their latencies, and
// all requests together.
func (r *loadRecorder) report(t *testing.T, elapsed time.Duration) {
	var all []loadSample
	kinds := make([]string, 0, len(r.samples))
	for k := range r.samples {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		all = append(all, r.samples[k]...)
		t.Logf("%-19s %s", k, loadLine(r.samples[k]))
	}
	t.Logf("%-19s %s", "all", loadLine(all))
	t.Logf("%d requests in %s: %.0f per second", len(all), elapsed.Round(time.Millisecond), float64(len(all))/elapsed.Seconds())
}

// loadLine gives a kind's count by status and its p50, p90, p99 and
// maximum latency.
func loadLine(ss []loadSample) string {
	byStatus := map[int]int{}
	ds := make([]time.Duration, len(ss))
	for i, s := range ss {
		byStatus[s.status]++
		ds[i] = s.d
	}
	slices.Sort(ds)
	pct := func(p int) time.Duration { return ds[(len(ds)-1)*p/100].Round(10 * time.Microsecond) }
	var st []string
	for _, code := range slices.Sorted(mapKeys(byStatus)) {
		st = append(st, fmt.Sprintf("%d×%d", code, byStatus[code]))
	}
	return fmt.Sprintf("%6d  [%s]  p50 %v  p90 %v  p99 %v  max %v", len(ss), strings.Join(st, " "), pct(50), pct(90), pct(99), pct(100))
}

func mapKeys(m map[int]int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// loadExpect is what the answers say was stored.
type loadExpect struct {
	mu       sync.Mutex
	decls    map[int64][2]int // declaration ID: lines sent, lines accepted
	hires    int              // accepted hire lines
	leaves   int              // accepted leave lines
	orders   map[string]loadOrder
	abandon  map[string]bool
	problems []string
}

type loadOrder struct {
	payer  string
	amount int64
}

func newLoadExpect() *loadExpect {
	return &loadExpect{decls: map[int64][2]int{}, orders: map[string]loadOrder{}, abandon: map[string]bool{}}
}

func (x *loadExpect) fault(format string, args ...any) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.problems = append(x.problems, fmt.Sprintf(format, args...))
}

// declared notes a receipted declaration of sent lines.
func (x *loadExpect) declared(d api.Declaration, sent int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, dup := x.decls[d.ID]; dup {
		x.problems = append(x.problems, fmt.Sprintf("declaration %d answered twice", d.ID))
	}
	acc := 0
	for _, l := range d.Lines {
		if l.Status != "accepted" {
			continue
		}
		acc++
		if l.Change == "hire" {
			x.hires++
		} else {
			x.leaves++
		}
	}
	if len(d.Lines) != sent {
		x.problems = append(x.problems, fmt.Sprintf("declaration %d: %d lines sent, %d answered", d.ID, sent, len(d.Lines)))
	}
	x.decls[d.ID] = [2]int{sent, acc}
}

// paid notes an order the server said was paid.
func (x *loadExpect) paid(order, payer string, amount int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.orders[order] = loadOrder{payer, amount}
}

// abandoned notes an order never paid.
func (x *loadExpect) abandoned(order string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.abandon[order] = true
}

// loadCounts are the counts of rows the load adds to.
var loadCounts = []struct{ name, query string }{
	{"declarations", `SELECT count(*) FROM declarations`},
	{"declaration lines", `SELECT count(*) FROM declaration_lines`},
	{"accepted lines", `SELECT count(*) FROM declaration_lines WHERE status = 'accepted'`},
	{"persons", `SELECT count(*) FROM persons`},
	{"spells", `SELECT count(*) FROM employment`},
	{"closed spells", `SELECT count(*) FROM employment WHERE end_month IS NOT NULL`},
	{"payment orders", `SELECT count(*) FROM payment_orders`},
	{"paid orders", `SELECT count(*) FROM payment_orders WHERE status = 'paid'`},
	{"online payments", `SELECT count(*) FROM payments WHERE channel = 'online'`},
	{"double open spells", `SELECT count(*) FROM (SELECT tax_code, person_id FROM employment WHERE end_month IS NULL
		GROUP BY tax_code, person_id HAVING count(*) > 1) x`},
}

// counts reads loadCounts.
func (ld *loadRun) counts() map[string]int {
	out := map[string]int{}
	for _, c := range loadCounts {
		var n int
		if err := ld.e.DB.R.QueryRowContext(context.Background(), c.query).Scan(&n); err != nil {
			ld.t.Fatalf("%s: %v", c.name, err)
		}
		out[c.name] = n
	}
	return out
}

// check prints the rows stored and compares the database with the answers:
// every receipted declaration stored once with its lines, the spells its
// accepted lines opened and closed, no employer and person with two open
// spells, every paid order one online payment of its amount, none for an
// abandoned order; no request unanswered or answered 5xx, no error logged.
func (ld *loadRun) check(before map[string]int) {
	t, x := ld.t, ld.exp
	after := ld.counts()
	for _, c := range loadCounts {
		t.Logf("rows: %-19s %7d (+%d)", c.name, after[c.name], after[c.name]-before[c.name])
	}
	t.Logf("answers: %d declarations receipted, %d hire and %d leave lines accepted; %d orders paid, %d abandoned",
		len(x.decls), x.hires, x.leaves, len(x.orders), len(x.abandon))
	diff := func(name string, want int) {
		if got := after[name] - before[name]; got != want {
			t.Errorf("%s: %d stored, %d answered", name, got, want)
		}
	}
	diff("declarations", len(x.decls))
	diff("spells", x.hires)
	diff("closed spells", x.leaves)
	diff("accepted lines", x.hires+x.leaves)
	diff("online payments", len(x.orders))
	diff("paid orders", len(x.orders))
	if after["double open spells"] != 0 {
		t.Errorf("%d employer-person pairs have two open spells", after["double open spells"])
	}
	ld.checkDeclarations()
	ld.checkPayments()
	for _, p := range x.problems {
		t.Error(p)
	}
	if n := ld.rec.failures(); n > 0 {
		t.Errorf("%d requests unanswered or answered 5xx", n)
	}
	if strings.Contains(ld.e.Log.String(), "level=ERROR") {
		t.Errorf("server errors:\n%s", ld.e.Log.String())
	}
}

// checkDeclarations compares each receipted declaration's stored lines
// with the answer.
func (ld *loadRun) checkDeclarations() {
	rows, err := ld.e.DB.R.QueryContext(context.Background(), `SELECT declaration_id, count(*),
		sum(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END) FROM declaration_lines GROUP BY declaration_id`)
	if err != nil {
		ld.t.Fatal(err)
	}
	defer rows.Close()
	stored := map[int64][2]int{}
	for rows.Next() {
		var id int64
		var n, acc int
		if err := rows.Scan(&id, &n, &acc); err != nil {
			ld.t.Fatal(err)
		}
		stored[id] = [2]int{n, acc}
	}
	for id, want := range ld.exp.decls {
		if got := stored[id]; got != want {
			ld.t.Errorf("declaration %d: stored %d lines (%d accepted), answered %d (%d)", id, got[0], got[1], want[0], want[1])
		}
	}
}

// checkPayments compares the online payments with the paid orders.
func (ld *loadRun) checkPayments() {
	rows, err := ld.e.DB.R.QueryContext(context.Background(), `SELECT ref, payer, amount FROM payments WHERE channel = 'online'`)
	if err != nil {
		ld.t.Fatal(err)
	}
	defer rows.Close()
	seen := map[string]int{}
	for rows.Next() {
		var ref string
		var o loadOrder
		if err := rows.Scan(&ref, &o.payer, &o.amount); err != nil {
			ld.t.Fatal(err)
		}
		seen[ref]++
		switch want, ok := ld.exp.orders[ref]; {
		case ld.exp.abandon[ref]:
			ld.t.Errorf("abandoned order %s paid", ref)
		case !ok:
			ld.t.Errorf("payment %s of %s: no answer said paid", ref, o.payer)
		case want != o:
			ld.t.Errorf("payment %s = %+v, want %+v", ref, o, want)
		}
	}
	for ref := range ld.exp.orders {
		if seen[ref] != 1 {
			ld.t.Errorf("order %s: %d payments", ref, seen[ref])
		}
	}
}
