package collection

import (
	"context"
	"fmt"
	"time"

	"ansinh"
	"ansinh/rules"
)

// Options tune a close.
type Options struct {
	// Params are the legal parameters; nil: rules.Default(). Load a
	// province overlay (rules.WithOverlay) to give values the national
	// table lacks, such as the L2014 late-payment rate.
	Params *rules.Params
	// Actor is who runs the close, for the run log and the audit log.
	Actor string
	// From is the first month of the books when none is closed yet; zero:
	// the first month with data that the rules can assess.
	From ansinh.Period
	// BatchEmployers is the number of employers (by tax code) per batch of
	// the assessment pass (the first batch takes an eighth); 0: 500. It is
	// fixed for a run when the run starts, so that a resumed run has the
	// same batches.
	BatchEmployers int
	// BatchPause sleeps after each batch is committed (to test recovery
	// from a crash in the middle of a close).
	BatchPause time.Duration
	// Log receives progress lines; nil: none.
	Log func(format string, args ...any)
}

// Result reports the close of one month.
type Result struct {
	Period        ansinh.Period
	AlreadyClosed bool  // the month was closed: nothing changed
	Resumed       bool  // an interrupted run of the month was completed
	Batches       int   // batches of the assessment pass
	BatchesRun    int   // of which run by this call
	Assessments   int64 // assessment rows written by this call
	Notices       int   // notices issued (every kind of account)
	Assessed      int64 // billed for the month itself
	Retroactive   int64 // billed for earlier months declared late
	Interest      int64 // late interest accrued
	Paid          int64 // payments allocated
	Payments      int   // number of payments allocated
	Suspense      int   // payments from unknown payers left in suspense
	UnratedDays   int   // days of late interest not computed (rate not loaded)
	Warnings      int   // rows of close_warnings for the month
}

// closer runs closes on one store.
type closer struct {
	db  CloseStore
	opt Options
	p   *rules.Params
}

func newCloser(db CloseStore, opt Options) *closer {
	if opt.Params == nil {
		opt.Params = rules.Default()
	}
	if opt.BatchEmployers <= 0 {
		opt.BatchEmployers = 500
	}
	if opt.Actor == "" {
		opt.Actor = "system"
	}
	return &closer{db: db, opt: opt, p: opt.Params}
}

func (c *closer) logf(format string, args ...any) {
	if c.opt.Log != nil {
		c.opt.Log(format, args...)
	}
}

// books returns the state of the books.
func (c *closer) books(ctx context.Context) (CloseBooks, error) {
	b, err := c.db.Books(ctx)
	if err != nil {
		return b, fmt.Errorf("collection: read the books: %w", err)
	}
	return b, nil
}

// Close closes month period: assessments, voluntary contributions,
// allocation of payments, interest and notices. Closing a month already
// closed changes nothing; a run of the month interrupted by a crash is
// completed. The months must be closed in order: period must follow the
// last closed month (or start the books when none is closed).
func Close(ctx context.Context, db CloseStore, period ansinh.Period, opt Options) (res Result, err error) {
	c := newCloser(db, opt)
	err = c.exclusive(ctx, "close "+period.String(), func() error {
		res, err = c.close(ctx, period)
		return err
	})
	return res, err
}

// CloseJob is the name of the job lock that closes, reopenings and closes
// through a month hold: one runs at a time.
const CloseJob = "close"

// exclusive runs fn holding the close's job lock; a second close started
// meanwhile is refused with a message naming this one.
func (c *closer) exclusive(ctx context.Context, what string, fn func() error) error {
	return c.db.Exclusive(ctx, CloseJob, what+", "+c.opt.Actor, fn)
}

func (c *closer) close(ctx context.Context, period ansinh.Period) (res Result, err error) {
	res = Result{Period: period}
	b, err := c.books(ctx)
	if err != nil {
		return res, err
	}
	switch {
	case b.Start != 0 && period >= b.Start && period <= b.LastClosed:
		res.AlreadyClosed = true
		return res, nil
	case MonthEnded(period, c.db.Now()) != nil:
		return res, MonthEnded(period, c.db.Now())
	case b.Start != 0 && period < b.Start:
		return res, &ansinh.Error{Code: ansinh.ECONFLICT, Field: "period",
			Message:   fmt.Sprintf("tháng %s trước tháng đầu sổ %s: hãy mở lại sổ từ tháng đó (--reopen)", period, b.Start),
			MessageEN: fmt.Sprintf("month %s is before the first month of the books %s: reopen from it (--reopen)", period, b.Start)}
	case b.RunID != 0 && b.RunPeriod != period:
		return res, &ansinh.Error{Code: ansinh.ECONFLICT, Field: "period",
			Message:   fmt.Sprintf("khóa sổ tháng %s đang dở: hãy chạy lại khóa sổ tháng %s trước", b.RunPeriod, b.RunPeriod),
			MessageEN: fmt.Sprintf("the close of %s was interrupted: run the close of %s again first", b.RunPeriod, b.RunPeriod)}
	case b.LastClosed != 0 && period != b.LastClosed.Add(1):
		return res, &ansinh.Error{Code: ansinh.ECONFLICT, Field: "period",
			Message:   fmt.Sprintf("phải khóa sổ tháng %s trước tháng %s (khóa sổ theo thứ tự)", b.LastClosed.Add(1), period),
			MessageEN: fmt.Sprintf("close %s before %s (months close in order)", b.LastClosed.Add(1), period)}
	}
	cr, err := c.p.ContributionRules(period)
	if err != nil {
		return res, err
	}
	start := b.Start
	if start == 0 {
		start = period
	}
	runID := b.RunID
	if runID != 0 {
		res.Resumed = true
		c.logf("tiếp tục khóa sổ dở tháng %s / resuming the close of %s (run %d)", period, period, runID)
	} else if runID, err = c.startRun(ctx, period, start); err != nil {
		return res, err
	}
	a, err := c.newAssessor(ctx, period, start, cr)
	if err != nil {
		return res, err
	}
	release, err := c.db.HoldCheckpoints(ctx)
	if err != nil {
		return res, err
	}
	defer func() {
		if rerr := release(); rerr != nil && err == nil {
			err = rerr
		}
	}()
	reads := c.readLedger(ctx, period, start)
	c.logf("bắt đầu tính phải thu / assessing")
	if err := a.run(ctx, runID, &res); err != nil {
		reads.wait()
		return res, err
	}
	c.logf("đã tính phải thu / assessed: %d dòng / rows", res.Assessments)
	if err := c.post(ctx, runID, period, start, reads, &res); err != nil {
		return res, err
	}
	c.logf("đã khóa sổ tháng %s / closed %s: %d dòng phải thu / assessment rows, %d thông báo / notices", period, period, res.Assessments, res.Notices)
	return res, nil
}

// firstBatchShare is the part of opt.BatchEmployers the first batch of a
// close takes.
const firstBatchShare = 8

// startRun records a new run of the close of period and its batches of
// opt.BatchEmployers employers, and marks the month as closing.
func (c *closer) startRun(ctx context.Context, period, start ansinh.Period) (int64, error) {
	keys, err := c.db.EmployerKeys(ctx)
	if err != nil {
		return 0, fmt.Errorf("collection: plan batches: %w", err)
	}
	var batches []CloseBatch
	for i := 0; i < len(keys); {
		n := c.opt.BatchEmployers
		if i == 0 {
			// A short first batch: the writing starts while the next
			// batches are read.
			n = max(1, n/firstBatchShare)
		}
		j := min(i+n, len(keys))
		batches = append(batches, CloseBatch{No: int64(len(batches)), First: keys[i], Last: keys[j-1]})
		i = j
	}
	id, err := c.db.StartRun(ctx, CloseRun{Period: period, Start: start, Actor: c.opt.Actor, At: c.db.Now()}, batches)
	if err != nil {
		return 0, fmt.Errorf("collection: start the close of %s: %w", period, err)
	}
	return id, nil
}

// CloseThrough closes every open month up to through, in order: from the
// month after the last closed one, or, when none is closed, from opt.From or
// the first month with data that the rules can assess. An interrupted run
// or reopening is completed first.
func CloseThrough(ctx context.Context, db CloseStore, through ansinh.Period, opt Options) (out []Result, err error) {
	if err := MonthEnded(through, db.Now()); err != nil {
		return nil, err
	}
	c := newCloser(db, opt)
	err = c.exclusive(ctx, "close --through "+through.String(), func() error {
		out, err = c.closeThrough(ctx, through)
		return err
	})
	return out, err
}

// closeThrough closes every open month up to through.
func (c *closer) closeThrough(ctx context.Context, through ansinh.Period) ([]Result, error) {
	out, err := c.finishReopen(ctx)
	if err != nil {
		return out, err
	}
	b, err := c.books(ctx)
	if err != nil {
		return out, err
	}
	from := b.LastClosed.Add(1)
	switch {
	case b.RunID != 0:
		from = b.RunPeriod
	case b.LastClosed == 0:
		if from, err = c.firstMonth(ctx); err != nil {
			return out, err
		}
	}
	for p := from; p <= through; p++ {
		r, err := c.close(ctx, p)
		out = append(out, r)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// firstMonth returns the first month of the books: opt.From, or the first
// month of any spell, enrolment or payment, raised to the first month the
// rules can assess.
func (c *closer) firstMonth(ctx context.Context) (ansinh.Period, error) {
	if c.opt.From != 0 {
		return c.opt.From, nil
	}
	months, err := c.db.FirstMonths(ctx)
	if err != nil {
		return 0, err
	}
	var first ansinh.Period
	for _, m := range months {
		if m != 0 && (first == 0 || m < first) {
			first = m
		}
	}
	if first == 0 {
		return 0, ansinh.Invalid("period", "chưa có dữ liệu để khóa sổ", "no data to close yet")
	}
	for m := first; m < first.Add(600); m++ {
		if _, err := c.p.ContributionRules(m); err == nil {
			return m, nil
		}
	}
	return 0, ansinh.Invalid("period", "không có tháng nào quy định cho phép tính", "no month the rules can assess")
}

// Reopen reopens month period and every later closed month, and closes them
// again in order with the data as it is now (payments dated in a month are
// then applied at their own date). It is audited. An interrupted reopening
// is completed by the next Reopen or CloseThrough.
func Reopen(ctx context.Context, db CloseStore, period ansinh.Period, opt Options) (out []Result, err error) {
	if err := MonthEnded(period, db.Now()); err != nil {
		return nil, err
	}
	c := newCloser(db, opt)
	err = c.exclusive(ctx, "close --reopen "+period.String(), func() error {
		out, err = c.reopen(ctx, period)
		return err
	})
	return out, err
}

// reopen reopens month period and every later closed month and closes them
// again.
func (c *closer) reopen(ctx context.Context, period ansinh.Period) ([]Result, error) {
	out, err := c.finishReopen(ctx)
	if err != nil {
		return out, err
	}
	b, err := c.books(ctx)
	if err != nil {
		return out, err
	}
	if b.RunID != 0 {
		return out, &ansinh.Error{Code: ansinh.ECONFLICT, Field: "period",
			Message:   fmt.Sprintf("khóa sổ tháng %s đang dở: hãy chạy lại khóa sổ tháng đó trước", b.RunPeriod),
			MessageEN: fmt.Sprintf("the close of %s was interrupted: run it again first", b.RunPeriod)}
	}
	if b.Start == 0 || period < b.Start || period > b.LastClosed {
		return out, &ansinh.Error{Code: ansinh.ECONFLICT, Field: "period",
			Message:   fmt.Sprintf("tháng %s chưa khóa sổ: không có gì để mở lại", period),
			MessageEN: fmt.Sprintf("month %s is not closed: nothing to reopen", period)}
	}
	if err := MonthEnded(b.LastClosed, c.db.Now()); err != nil {
		return out, err // a month closed before it ended: closing it again would be refused midway
	}
	now := c.db.Now()
	err = c.db.Reopen(ctx, CloseRun{Period: period, Through: b.LastClosed, Actor: c.opt.Actor, At: now},
		ansinh.AuditEntry{At: now, Actor: c.opt.Actor, Action: "collection.reopen", Object: "period:" + period.String(),
			Detail: fmt.Sprintf("mở lại sổ từ tháng %s đến %s để khóa lại / reopened %s..%s to close again", period, b.LastClosed, period, b.LastClosed)})
	if err != nil {
		return out, fmt.Errorf("collection: reopen %s: %w", period, err)
	}
	c.logf("đã mở lại sổ từ tháng %s / reopened from %s", period, period)
	more, err := c.finishReopen(ctx)
	return append(out, more...), err
}

// finishReopen closes again the months of a reopening not yet finished.
func (c *closer) finishReopen(ctx context.Context) ([]Result, error) {
	id, from, through, err := c.db.RunningReopen(ctx)
	if err != nil || id == 0 {
		return nil, err
	}
	var out []Result
	b, err := c.books(ctx)
	if err != nil {
		return nil, err
	}
	if b.RunID != 0 {
		from = b.RunPeriod
	} else if b.LastClosed >= from {
		from = b.LastClosed.Add(1)
	}
	for p := from; p <= through; p++ {
		r, err := c.close(ctx, p)
		out = append(out, r)
		if err != nil {
			return out, err
		}
	}
	return out, c.db.FinishRun(ctx, id, c.db.Now())
}

// ClosedPeriods returns the closed months, oldest first.
func ClosedPeriods(ctx context.Context, db CloseStore) ([]ansinh.Period, error) {
	return db.ClosedPeriods(ctx)
}
