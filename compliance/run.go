package compliance

import (
	"context"
	"fmt"
	"slices"
	"time"

	"ansinh"
)

// The whole feed (issue 16.2). A match reads the window of Config
// (WindowMonths months ending with Config.Period); Service.Match covers
// every month the feeds hold that has not been matched at its current
// version, window by window, or the months asked for, and records what it
// matched, so that re-running it matches only what changed.

// MatchRequest asks the service for a match.
type MatchRequest struct {
	// Base holds the matcher's thresholds; its WindowMonths is the size of
	// each window. Base.Period alone asks for the one window ending there.
	Base Config
	// From and To, both set, ask for the months From..To; both zero ask
	// for every month not yet matched, and the latest window.
	From, To ansinh.Period
	// Actor is who runs it, for the record.
	Actor string
	// DryRun stores nothing.
	DryRun bool
	// Progress, when set, is called after each window is matched with the
	// windows done and the windows of the run.
	Progress func(done, total int)
}

// MatchRun is one window of a match: its result, the arrears it classified
// evasion with, and what saving it changed.
type MatchRun struct {
	Result  *Result
	Arrears string
	Saved   MatchSaved
}

// Match runs the match asked for, window by window from the oldest, each
// window saved before the next is read (a crash leaves the windows done
// recorded, and the next run does the rest). Only the latest window reads
// the registers and the arrears, which are today's.
func (s *Service) Match(ctx context.Context, req MatchRequest) ([]MatchRun, error) {
	plan, err := s.Store.Unmatched(ctx)
	if err != nil {
		return nil, err
	}
	ws, err := req.windows(plan, s.today())
	if err != nil {
		return nil, err
	}
	var runs []MatchRun
	for i, w := range ws {
		run, err := s.matchWindow(ctx, req, plan, w, i == len(ws)-1)
		if err != nil {
			return runs, err
		}
		runs = append(runs, run)
		if req.Progress != nil {
			req.Progress(i+1, len(ws))
		}
	}
	return runs, nil
}

// window is a span of months a match reads.
type window struct{ from, to ansinh.Period }

// windows returns the windows of the request, oldest first: those of the
// months asked for, or of the pending months and the latest month of the
// feed (the current month when the feed is empty).
func (req MatchRequest) windows(plan MatchPlan, today ansinh.Period) ([]window, error) {
	size := req.Base.WindowMonths
	if size < 1 {
		return nil, ansinh.Invalid("window", "số tháng đối chiếu phải từ 1", "the window must be 1 month or more")
	}
	from, to := req.From, req.To
	switch {
	case from.IsZero() != to.IsZero():
		return nil, ansinh.Invalid("from", "cần cả --from và --to", "give both --from and --to")
	case !from.IsZero() && from > to:
		return nil, ansinh.Invalid("from", "--from phải không sau --to", "--from must not be after --to")
	case !from.IsZero():
		return split(from, to, size, nil), nil
	case !req.Base.Period.IsZero():
		return []window{{req.Base.Period.Add(1 - size), req.Base.Period}}, nil
	}
	latest := today
	ws := []window{}
	if len(plan.Months) > 0 {
		months := mapKeys(plan.Months)
		latest = slices.Max(months)
		if len(plan.Pending) > 0 {
			ws = split(slices.Min(months), latest, size, plan.Pending)
		}
	}
	if len(ws) == 0 || ws[len(ws)-1].to != latest {
		ws = append(ws, window{latest.Add(1 - size), latest})
	}
	return ws, nil
}

// split cuts from..to into windows of size months ending with to, oldest
// first, keeping those with a pending month (all when pending is nil).
func split(from, to ansinh.Period, size int, pending []ansinh.Period) []window {
	var out []window
	for hi := to; hi >= from; hi = hi.Add(-size) {
		w := window{max(from, hi.Add(1-size)), hi}
		if pending == nil || slices.ContainsFunc(pending, func(p ansinh.Period) bool { return p >= w.from && p <= w.to }) {
			out = append(out, w)
		}
	}
	slices.Reverse(out)
	return out
}

// matchWindow matches one window and saves it (unless a dry run).
func (s *Service) matchWindow(ctx context.Context, req MatchRequest, plan MatchPlan, w window, latest bool) (MatchRun, error) {
	cfg := req.Base
	cfg.Period, cfg.WindowMonths = w.to, int(w.to-w.from)+1
	cfg.MinUncoveredMonths = min(cfg.MinUncoveredMonths, cfg.WindowMonths)
	cfg.UnderMinMonths = min(cfg.UnderMinMonths, cfg.WindowMonths)
	cfg.SkipRegisters = !latest
	var run MatchRun
	var arrears ArrearsSource
	if latest && s.Arrears != nil {
		var err error
		if arrears, run.Arrears, err = s.Arrears(ctx, w.to); err != nil {
			return run, err
		}
	}
	res, err := Match(ctx, s.Store, arrears, s.Params, cfg)
	if err != nil {
		return run, err
	}
	res.Matched = map[ansinh.Period]int64{}
	for p, v := range plan.Months {
		if p >= w.from && p <= w.to {
			res.Matched[p] = v
		}
	}
	if latest {
		res.Registers = plan.Registers
	}
	run.Result = res
	if req.DryRun {
		return run, nil
	}
	run.Saved, err = s.Store.SaveFindings(ctx, res, req.Actor)
	if err != nil {
		return run, fmt.Errorf("match %s..%s: %w", w.from, w.to, err)
	}
	return run, nil
}

// AfterFeedUpload matches what a partner's upload changed: called by
// every upload path (the command line, the web console, the API) once an
// upload of a feed has committed, so that matching runs without an
// officer starting it. Uploads of other kinds are ignored. version is the
// upload's import run, for the record (0 when unknown).
func (s *Service) AfterFeedUpload(ctx context.Context, kind string, version int64) ([]MatchRun, error) {
	if !slices.Contains(Feeds(), kind) {
		return nil, nil
	}
	actor := fmt.Sprintf("system:match-after-upload:%s:%d", kind, version)
	return s.Match(ctx, MatchRequest{Base: DefaultConfig(0), Actor: actor})
}

// today returns the current month in Vietnam.
func (s *Service) today() ansinh.Period {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	return ansinh.ThisMonth(now())
}

func mapKeys(m map[ansinh.Period]int64) []ansinh.Period {
	out := make([]ansinh.Period, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Judged returns the findings a match stands by, to score against a
// ground truth: the open findings stored, or those of the runs in a dry
// run (the latest run's for a finding in several).
func (s *Service) Judged(ctx context.Context, runs []MatchRun, dry bool) ([]Finding, error) {
	if !dry {
		fs, _, err := s.Store.ListFindings(ctx, FindingFilter{Scope: ansinh.Scope{All: true}, Limit: -1})
		return fs, err
	}
	byID := map[string]Finding{}
	for _, r := range runs {
		for _, f := range r.Result.Findings {
			byID[f.ID] = f
		}
	}
	out := make([]Finding, 0, len(byID))
	for _, f := range byID {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b Finding) int {
		return cmpKey(string(a.Kind)+a.TaxCode, a.PersonID, string(b.Kind)+b.TaxCode, b.PersonID)
	})
	return out, nil
}

// Naive applies the naive rule (Naive) to the months of the runs in one
// window (at most 120 months), with the arrears of the latest.
func (s *Service) Naive(ctx context.Context, runs []MatchRun) ([]Finding, error) {
	if len(runs) == 0 {
		return nil, nil
	}
	first, last := runs[0].Result.Config, runs[len(runs)-1].Result.Config
	cfg := last
	cfg.WindowMonths = min(120, int(last.Period-first.From())+1)
	var arrears ArrearsSource
	if s.Arrears != nil {
		var err error
		if arrears, _, err = s.Arrears(ctx, last.Period); err != nil {
			return nil, err
		}
	}
	return Naive(ctx, s.Store, arrears, s.Params, cfg)
}
