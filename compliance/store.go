package compliance

import (
	"context"

	"ansinh"
	"ansinh/rules"
)

// Store is what compliance needs from storage: the matcher's Source, the
// findings of the matches with their months, the inspection cases, and the
// record of the months and feed versions already matched. store/compliancedb
// implements it on both engines.
type Store interface {
	Source
	// EstimatedArrears returns the arrears estimated from the spells and
	// payments with the rules p, for when no month has been closed.
	EstimatedArrears(p *rules.Params) ArrearsSource
	// SaveFindings merges the findings of a match into those stored (see
	// Service.Match) and groups the open ones into cases, in one
	// transaction, recording the matched months when res covers any.
	SaveFindings(ctx context.Context, res *Result, actor string) (MatchSaved, error)
	// ListFindings returns a page of findings and whether more follow.
	ListFindings(ctx context.Context, f FindingFilter) ([]Finding, bool, error)
	// FindFinding returns a finding in the scope with its evidence.
	FindFinding(ctx context.Context, id string, scope ansinh.Scope) (Finding, error)
	// FindingCounts counts the open findings in the scope by kind.
	FindingCounts(ctx context.Context, scope ansinh.Scope) (map[Kind]int, error)
	// LatestFeedMonth returns the latest month of the tax records.
	LatestFeedMonth(ctx context.Context) (ansinh.Period, error)
	// ListFeedVersions returns the uploads of a feed ("" every feed).
	ListFeedVersions(ctx context.Context, feed string) ([]FeedVersion, error)
	// FeedRowAt returns a feed row as a version left it.
	FeedRowAt(ctx context.Context, feed string, version int64, key RowKey) (FeedRow, error)
	// Unmatched returns the months of the tax records with the version of
	// each, those not yet matched at that version, and the registers'
	// versions.
	Unmatched(ctx context.Context) (MatchPlan, error)
	// ListCases returns a page of cases and whether more follow.
	ListCases(ctx context.Context, f CaseFilter) ([]Case, bool, error)
	// GetCase returns a case in the scope with its findings and history.
	GetCase(ctx context.Context, id string, scope ansinh.Scope) (CaseDetail, error)
	// ChangeCase reads a case's state, asks decide for the change (an
	// empty Action: none) and writes it with its audit record as actor, in
	// one transaction; resolving a case closes its open findings as
	// ClosedResolved.
	ChangeCase(ctx context.Context, id, actor string, decide func(CaseState) (CaseChange, error)) error
	// EmployerRecovery sums up an employer's cases.
	EmployerRecovery(ctx context.Context, taxCode string) (Recovery, error)
	// InspectorTaxCodes returns the employers of the inspector's active
	// cases.
	InspectorTaxCodes(ctx context.Context, login string) ([]string, error)
}

// MatchSaved counts what saving a match changed. A re-run of the same
// match on the same data counts only Unchanged.
type MatchSaved struct {
	Inserted  int // findings new to the database
	Updated   int // findings whose figures or evidence changed (or reopened)
	Unchanged int // findings found again exactly as stored
	Cleared   int // open findings closed as disproved: the match judged all their months
	Kept      int // open findings it did not produce, kept for their months outside its window
	Cases     int // cases opened
	Attached  int // findings attached to a case
}

// Changed reports whether anything changed.
func (s MatchSaved) Changed() bool {
	return s.Inserted+s.Updated+s.Cleared+s.Cases+s.Attached > 0
}

// ErrFindingNotFound is returned for a finding that does not exist or is
// outside the caller's scope.
var ErrFindingNotFound = &ansinh.Error{Code: ansinh.ENOTFOUND,
	Message: "Không tìm thấy phát hiện.", MessageEN: "Finding not found."}

// FindingFilter selects findings; empty fields select all.
type FindingFilter struct {
	// Scope is what the caller may see: the employer's commune or tax code
	// must be in it (Scope.All sees everything).
	Scope ansinh.Scope
	// Kinds restricts to these kinds.
	Kinds []Kind
	// State is "open" (the default), "cleared" or "all".
	State string
	// TaxCode restricts to one employer.
	TaxCode string
	// CaseID restricts to one case.
	CaseID string
	// Inspector restricts to the findings of cases assigned to this login.
	Inspector string
	// CaseStatuses restricts to the findings of cases in these statuses.
	CaseStatuses []Status
	// Communes restricts to employers seated in these communes (a unit's
	// communes).
	Communes []string
	// Feeds restricts to findings citing one of these partners' feeds (a
	// data partner sees the findings its feeds support).
	Feeds []string
	// MinScore restricts to findings scoring at least this.
	MinScore float64
	// WithEvidence fills Finding.Evidence (left empty otherwise: lists do
	// not carry it).
	WithEvidence bool
	// Offset and Limit page the results (Limit 0: 50; negative: all).
	Offset, Limit int
}

// ErrCaseNotFound is returned for a case that does not exist or is outside
// the caller's scope.
var ErrCaseNotFound = &ansinh.Error{Code: ansinh.ENOTFOUND,
	Message: "Không tìm thấy hồ sơ thanh tra.", MessageEN: "Inspection case not found."}

// CaseFilter selects inspection cases; empty fields select all.
type CaseFilter struct {
	// Scope is what the caller may see (Scope.All: everything).
	Scope ansinh.Scope
	// Statuses restricts to these statuses.
	Statuses []Status
	// Inspector restricts to the cases assigned to this login.
	Inspector string
	// Unassigned restricts to the cases not yet assigned.
	Unassigned bool
	// TaxCode restricts to one employer.
	TaxCode string
	// Communes restricts to employers seated in these communes (a unit's
	// communes).
	Communes []string
	// Offset and Limit page the results (Limit 0: 50; negative: all).
	Offset, Limit int
}

// MatchPlan is what the feeds hold and what of it has been matched.
type MatchPlan struct {
	// Months are the months of the tax records with the latest feed
	// version (import run) of each month's rows.
	Months map[ansinh.Period]int64
	// Pending are the months not yet matched at that version, oldest
	// first.
	Pending []ansinh.Period
	// Registers are the latest versions of the business registry and the
	// industrial zones' register; RegistersPending says whether one is
	// newer than the one last matched.
	Registers        map[string]int64
	RegistersPending bool
}
