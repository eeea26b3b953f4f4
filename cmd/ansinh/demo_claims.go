package main

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"ansinh"
	"ansinh/benefits"
	"ansinh/importer"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/benefitsdb"
	"ansinh/synth"
)

// The officers of the demo's claims: a counter officer files the claims
// brought to the counter, the maker checks them, the province officer of
// the demo accounts decides them (so that the claims still checked can be
// decided by that account, never by their maker).
const (
	demoCounter = "user:canbo.motcua"
	demoMaker   = "user:canbo.hoso"
	demoChecker = "user:canbo.tinh"
)

// demoEvent is one step of the demo's benefits, at its instant: a claim's
// filing, check or decision, or a month's payroll.
type demoEvent struct {
	at     time.Time
	step   int // 0 payroll, 1 file, 2 check, 3 decide: the order within an instant
	claim  int // index in the claims file (steps 1–3)
	period ansinh.Period
}

// demoClaim is a row of the generated claims file and the claim it became:
// its status and assessment as its last step left them (the demo takes
// every step itself, so it need not read them back).
type demoClaim struct {
	line       int
	req        benefits.Request
	channel    string
	id         int64
	status     benefits.Status
	assessment benefits.Assessment
}

// demoKey identifies a claim of the file: the person, kind and month.
type demoKey struct {
	person string
	kind   benefits.Kind
	month  ansinh.Period
}

// demoClaims replays the claims the generator wrote (claims.csv in dir)
// through the benefits service, at the days they happened: each is filed
// (online by the claimant, or at the counter), checked by one officer and
// decided by another — approved when the record decides it eligible,
// rejected with the domain's reasons when it is not, left checked when the
// record cannot decide it (an officer must compute it from the file); and
// the payroll runs on the first day of every month from the month after
// the first decision, so that the benefits are in payment as if the
// province had run them all along. Before the payroll of the month of
// asOf, deaths (called) loads the death notices: that payroll stops the
// benefits of the dead and recovers what was paid after the death. It
// returns the number of claims by status.
func demoClaims(ctx context.Context, db *store.DB, dir string, asOf ansinh.Date, deaths func() error) (map[benefits.Status]int, error) {
	path := filepath.Join(dir, synth.KindClaims+".csv")
	claims, events, err := readDemoClaims(path, asOf)
	if err != nil {
		return nil, err
	}
	var now time.Time
	svc := demoService(db, &now)
	all := ansinh.Scope{All: true}
	filed, err := filedClaims(ctx, svc, all)
	if err != nil {
		return nil, err
	}
	for len(events) > 0 {
		// The steps of the claims up to the next payroll, then the payroll.
		n := slices.IndexFunc(events, func(ev demoEvent) bool { return ev.step == 0 })
		if n < 0 {
			n = len(events)
		}
		if err := replaySteps(ctx, db, path, all, filed, claims, events[:n]); err != nil {
			return nil, err
		}
		if events = events[n:]; len(events) == 0 {
			break
		}
		ev := events[0]
		events = events[1:]
		now = ev.at
		if ev.period == asOf.Period() && deaths != nil {
			if err := deaths(); err != nil {
				return nil, err
			}
			deaths = nil
		}
		if _, err := svc.RunPayroll(ctx, ev.period, "demo"); err != nil {
			return nil, fmt.Errorf("chi trả / payroll %s: %w", ev.period, err)
		}
	}
	if deaths != nil {
		if err := deaths(); err != nil {
			return nil, err
		}
	}
	// Only the payroll moves a claim on from approved (into payment, or
	// stopped): those alone are read back.
	out := map[benefits.Status]int{}
	for _, c := range claims {
		if c.status == benefits.StatusApproved {
			got, err := svc.Store.Claim(ctx, all, c.id)
			if err != nil {
				return nil, err
			}
			c.status = got.Status
		}
		out[c.status]++
	}
	return out, nil
}

// demoService returns the benefits service of the demo on db, whose clock
// reads *now (set to each step's instant).
func demoService(db *store.DB, now *time.Time) *benefits.Service {
	return &benefits.Service{Store: benefitsdb.New(db), Params: rules.Default(), Now: func() time.Time { return *now }, Jobs: db}
}

// demoWorkers is the number of people whose claims are replayed at once.
const demoWorkers = 2

// replaySteps takes the steps of the claims (events between two payrolls),
// the claims of different people at once (demoWorkers of them): one
// person's claims depend on each other (a second claim of the same person,
// a benefit already drawn) and stay in order on one worker; another
// person's do not depend on them. Each worker's service has its own clock,
// set to each step's instant. The claims' steps are the same as one by one;
// only the order in which the database numbers new claims varies.
func replaySteps(ctx context.Context, db *store.DB, path string, all ansinh.Scope, filed map[demoKey]benefits.Claim, claims []demoClaim, events []demoEvent) error {
	var queues [demoWorkers][]demoEvent
	for _, ev := range events {
		w := demoWorker(claims[ev.claim].req.PersonID)
		queues[w] = append(queues[w], ev)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, demoWorkers)
	for w, queue := range queues {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var now time.Time
			svc := demoService(db, &now)
			for _, ev := range queue {
				now = ev.at
				c := &claims[ev.claim]
				if err := demoStep(ctx, svc, all, filed, c, ev.step); err != nil {
					errs[w] = fmt.Errorf("%s:%d: %w", path, c.line, err)
					cancel()
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// demoWorker returns the worker of a person's claims.
func demoWorker(person string) int {
	h := fnv.New32a()
	h.Write([]byte(person))
	return int(h.Sum32() % demoWorkers)
}

// filedClaims returns the claims an earlier run of the demo filed, by
// person, kind and month: one read instead of one per claim.
func filedClaims(ctx context.Context, svc *benefits.Service, all ansinh.Scope) (map[demoKey]benefits.Claim, error) {
	had, err := svc.Store.Claims(ctx, all, benefits.Filter{Limit: math.MaxInt32})
	if err != nil {
		return nil, err
	}
	out := make(map[demoKey]benefits.Claim, len(had))
	for _, h := range had {
		k := demoKey{h.PersonID, h.Kind, h.Request.Month}
		if _, ok := out[k]; !ok { // the newest, as the search of one person found it
			out[k] = h
		}
	}
	return out, nil
}

// demoStep takes one step of a claim, unless an earlier run of the demo on
// the same database took it: a claim already filed (the same person, kind
// and month, in filed) is not filed again, a step its status is past is
// skipped, so that the demo run again (or after a crash) files nothing
// twice.
func demoStep(ctx context.Context, svc *benefits.Service, all ansinh.Scope, filed map[demoKey]benefits.Claim, c *demoClaim, step int) error {
	if step == 1 {
		return demoFile(ctx, svc, all, filed, c)
	}
	if step == 2 {
		if c.status != benefits.StatusSubmitted {
			return nil
		}
		checked, err := svc.Check(ctx, benefits.Actor{Login: demoMaker, Scope: all}, c.id)
		c.status, c.assessment = checked.Status, checked.Assessment
		return err
	}
	by := benefits.Actor{Login: demoChecker, Scope: all}
	a := c.assessment
	var decided benefits.Claim
	var err error
	switch {
	case c.status != benefits.StatusChecked:
		return nil
	case !a.Decided:
		return nil // the record cannot decide it: it waits for an officer's computation
	case a.Eligible:
		decided, err = svc.Approve(ctx, by, c.id)
	default:
		var why []string
		for _, r := range a.Reasons {
			why = append(why, r.Message)
		}
		decided, err = svc.Reject(ctx, by, c.id, strings.Join(why, "; "))
	}
	c.status = decided.Status
	return err
}

// demoFile files a claim (online by the claimant, or at the counter), or
// finds it filed by an earlier run.
func demoFile(ctx context.Context, svc *benefits.Service, all ansinh.Scope, filed map[demoKey]benefits.Claim, c *demoClaim) error {
	if h, ok := filed[demoKey{c.req.PersonID, c.req.Kind, c.req.Month}]; ok {
		c.id, c.status, c.assessment = h.ID, h.Status, h.Assessment
		return nil
	}
	by := benefits.Actor{Login: demoCounter, Scope: all}
	if c.channel == string(benefits.ChannelOnline) {
		by = benefits.Actor{Login: "portal:" + c.req.PersonID, Citizen: true, Scope: all}
	}
	got, err := svc.File(ctx, by, c.req)
	c.id, c.status, c.assessment = got.ID, got.Status, got.Assessment
	return err
}

// readDemoClaims reads the claims file and returns its claims and every
// event, in time order: the claims' steps at the days the file gives
// (filed at 9:00, checked at 10:00, decided at 15:00, Vietnam time), and
// the payrolls at 7:00 on the first day of each month from the month after
// the first decision to the month of asOf. A missing file is no claim.
func readDemoClaims(path string, asOf ansinh.Date) ([]demoClaim, []demoEvent, error) {
	rows, err := readPaymentsCSV(path)
	if os.IsNotExist(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if len(rows) == 0 || !slices.Equal(rows[0], synth.Columns(synth.KindClaims)) {
		return nil, nil, fmt.Errorf("%s: the header is not %q", path, synth.Columns(synth.KindClaims))
	}
	var claims []demoClaim
	var events []demoEvent
	firstDecision := ansinh.Period(0)
	for i, r := range rows[1:] {
		c, steps, err := parseDemoClaim(r, i+2)
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", path, i+2, err)
		}
		claims = append(claims, c)
		for s, d := range steps {
			if d.IsZero() {
				break
			}
			events = append(events, demoEvent{at: dayAt(d, [3]int{9, 10, 15}[s]), step: s + 1, claim: len(claims) - 1})
			if s == 2 && (firstDecision.IsZero() || d.Period() < firstDecision) {
				firstDecision = d.Period()
			}
		}
	}
	for p := firstDecision + 1; !firstDecision.IsZero() && p <= asOf.Period(); p++ {
		events = append(events, demoEvent{at: dayAt(p.First(), 7), period: p})
	}
	slices.SortStableFunc(events, func(a, b demoEvent) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return a.step - b.step
	})
	return claims, events, nil
}

// parseDemoClaim reads one row of the claims file: the request, the channel,
// and the days of filing, check and decision (zero: not yet).
func parseDemoClaim(r []string, line int) (demoClaim, [3]ansinh.Date, error) {
	var steps [3]ansinh.Date
	kind, err := benefits.ParseKind(r[1])
	if err != nil {
		return demoClaim{}, steps, err
	}
	month, err := ansinh.ParsePeriod(r[2])
	if err != nil {
		return demoClaim{}, steps, fmt.Errorf("cột/column month %q: %w", r[2], err)
	}
	for i, s := range []string{r[3], r[5], r[6]} {
		if s == "" {
			continue
		}
		if steps[i], err = ansinh.ParseDate(s); err != nil {
			return demoClaim{}, steps, fmt.Errorf("ngày/day %q: %w", s, err)
		}
	}
	return demoClaim{line: line, req: benefits.Request{PersonID: r[0], Kind: kind, Month: month}, channel: r[4]}, steps, nil
}

// dayAt returns hour o'clock on day d, Vietnam time.
func dayAt(d ansinh.Date, hour int) time.Time {
	return time.Date(d.Year(), time.Month(d.Month()), d.Day(), hour, 0, 0, 0, ansinh.Vietnam)
}

// runDemoClaims replays the generated claims (demoClaims), loading the
// death notices before the last payroll, and prints the claims by status.
func runDemoClaims(ctx context.Context, env *Env, db *store.DB, dir string, cfg synth.Config, counts map[string]int) error {
	asOf := cfg.AsOf
	if asOf.IsZero() {
		asOf = cfg.Through.Last()
	}
	fmt.Fprintf(env.Stderr, "Đang nộp và giải quyết hồ sơ hưởng, chạy chi trả hằng tháng… / filing and deciding the claims, running the monthly payrolls…\n")
	began := time.Now()
	deaths := func() error {
		k, ok := importer.KindByName(synth.KindPersonDeaths)
		if !ok {
			return fmt.Errorf("no importer kind %s", synth.KindPersonDeaths)
		}
		return loadKind(ctx, env, db, dir, k, counts)
	}
	byStatus, err := demoClaims(ctx, db, dir, asOf, deaths)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "  hồ sơ hưởng sau / claims in %s\n", time.Since(began).Round(100*time.Millisecond))
	if len(byStatus) == 0 {
		return nil
	}
	fmt.Fprintf(env.Stdout, "Hồ sơ hưởng chế độ theo trạng thái / claims by status:\n")
	for _, st := range []benefits.Status{benefits.StatusSubmitted, benefits.StatusChecked, benefits.StatusApproved,
		benefits.StatusRejected, benefits.StatusInPayment, benefits.StatusStopped} {
		fmt.Fprintf(env.Stdout, "  %-18s %12s\n", st, ansinh.GroupDigits(int64(byStatus[st]), '.'))
	}
	return nil
}
