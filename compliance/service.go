package compliance

import (
	"context"
	"fmt"
	"time"

	"ansinh"
	"ansinh/rules"
)

// Inspectors says who may be given an inspection case: the auth domain
// answers it (cmd wires it).
type Inspectors interface {
	// ActiveInspector reports whether login names an active account with
	// the inspector role.
	ActiveInspector(ctx context.Context, login string) (bool, error)
}

// ArrearsFunc returns the arrears source a match as of period classifies
// evasion with (the monthly close's debts, or an estimate before any month
// is closed) and its name for the record; nil with no error means none.
type ArrearsFunc func(ctx context.Context, period ansinh.Period) (ArrearsSource, string, error)

// Service is compliance's entry point for the command line, the web
// console and the API: the matches, the findings and the case workflow
// over a Store.
type Service struct {
	Store      Store
	Params     *rules.Params    // the legal parameters the stakes are assessed with
	Arrears    ArrearsFunc      // nil: no evasion findings
	Inspectors Inspectors       // nil: no case can be assigned
	Now        func() time.Time // the clock (nil: the wall clock), for the current month
}

// errNoInspector refuses an assignment to a login that is not an active
// inspector.
func errNoInspector(login string) error {
	return ansinh.Invalid("inspector", "không có thanh tra viên đang hoạt động với tên đăng nhập "+login,
		"no active inspector with the login "+login)
}

// AssignCase assigns a case to an inspector, the login of an active
// account with the inspector role, or unassigns it with an empty login; a
// resolved case cannot change. The change is recorded as actor.
func (s *Service) AssignCase(ctx context.Context, id, inspector, actor string) error {
	if inspector != "" {
		if s.Inspectors == nil {
			return errNoInspector(inspector)
		}
		ok, err := s.Inspectors.ActiveInspector(ctx, inspector)
		if err != nil {
			return fmt.Errorf("assign case: %w", err)
		}
		if !ok {
			return errNoInspector(inspector)
		}
	}
	return s.Store.ChangeCase(ctx, id, actor, func(st CaseState) (CaseChange, error) { return assign(st, inspector) })
}

// TransitionCase moves a case forward (CheckTransition), with a note,
// recorded as actor; resolving it resolves its open findings.
func (s *Service) TransitionCase(ctx context.Context, id string, to Status, actor, note string) error {
	if !to.Valid() {
		return CheckTransition("", to, false)
	}
	return s.Store.ChangeCase(ctx, id, actor, func(st CaseState) (CaseChange, error) { return transition(st, to, note) })
}

// RecordCaseResult checks and records the result of a case not yet
// resolved, as actor.
func (s *Service) RecordCaseResult(ctx context.Context, id string, r CaseResult, actor string) error {
	if err := r.Check(); err != nil {
		return err
	}
	return s.Store.ChangeCase(ctx, id, actor, func(st CaseState) (CaseChange, error) { return recordResult(st, r) })
}

// ListFindings returns a page of findings and whether more follow.
func (s *Service) ListFindings(ctx context.Context, f FindingFilter) ([]Finding, bool, error) {
	return s.Store.ListFindings(ctx, f)
}

// FindFinding returns a finding within the scope, with its evidence.
func (s *Service) FindFinding(ctx context.Context, id string, scope ansinh.Scope) (Finding, error) {
	return s.Store.FindFinding(ctx, id, scope)
}

// FindingCounts counts the open findings within the scope, by kind.
func (s *Service) FindingCounts(ctx context.Context, scope ansinh.Scope) (map[Kind]int, error) {
	return s.Store.FindingCounts(ctx, scope)
}

// ListCases returns a page of cases and whether more follow.
func (s *Service) ListCases(ctx context.Context, f CaseFilter) ([]Case, bool, error) {
	return s.Store.ListCases(ctx, f)
}

// GetCase returns a case within the scope, with its findings and history.
func (s *Service) GetCase(ctx context.Context, id string, scope ansinh.Scope) (CaseDetail, error) {
	return s.Store.GetCase(ctx, id, scope)
}

// EmployerRecovery sums up an employer's inspection cases.
func (s *Service) EmployerRecovery(ctx context.Context, taxCode string) (Recovery, error) {
	return s.Store.EmployerRecovery(ctx, taxCode)
}

// InspectorTaxCodes returns the employers of the inspector's cases not
// yet resolved: what the inspector may open.
func (s *Service) InspectorTaxCodes(ctx context.Context, login string) ([]string, error) {
	return s.Store.InspectorTaxCodes(ctx, login)
}

// ListFeedVersions returns the uploads of a partner's feed ("" every feed).
func (s *Service) ListFeedVersions(ctx context.Context, feed string) ([]FeedVersion, error) {
	return s.Store.ListFeedVersions(ctx, feed)
}

// InspectorsFunc adapts a function to Inspectors.
type InspectorsFunc func(ctx context.Context, login string) (bool, error)

// ActiveInspector calls f.
func (f InspectorsFunc) ActiveInspector(ctx context.Context, login string) (bool, error) {
	return f(ctx, login)
}
