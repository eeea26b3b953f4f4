package compliance

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"time"

	"ansinh"
)

// Evidence is what a finding rests on, kept with it as JSON text: the rows
// of the partners' feeds (each with the feed version that brought it and its
// key), the registry records (found or, as evidence of an absence, not
// found), the months examined, the arrears, the contributions at stake and
// how the score was made. The same inputs always give the same text.
type Evidence struct {
	Kind      Kind      `json:"kind"`
	Period    string    `json:"period"`
	Window    [2]string `json:"window"`
	SummaryVI string    `json:"summary_vi"`
	SummaryEN string    `json:"summary_en"`
	// FeedVersions are the uploads the cited feed rows come from.
	FeedVersions []FeedVersionRef `json:"feed_versions,omitempty"`
	// FeedRows are the feed rows behind the finding, at most
	// Config.MaxEvidenceRows of them; FeedRowsTotal counts them all.
	FeedRows      []FeedRow `json:"feed_rows,omitempty"`
	FeedRowsTotal int       `json:"feed_rows_total,omitempty"`
	// Registry are the registry records behind the finding.
	Registry []RegistryRecord `json:"registry"`
	// Monthly examines each month of a worker finding.
	Monthly []MonthLine `json:"monthly,omitempty"`
	// Evasion explains why the law counts the finding as evasion.
	Evasion *EvasionEvidence `json:"evasion,omitempty"`
	// Workers sums up the workers seen in the tax records of an
	// unregistered employer.
	Workers []WorkerLine `json:"workers,omitempty"`
	// Arrears details the debt of an evasion finding.
	Arrears *ArrearsEvidence `json:"arrears,omitempty"`
	Stake   StakeEvidence    `json:"stake"`
	Score   ScoreEvidence    `json:"score"`
}

// FeedVersionRef is a feed version as cited in evidence.
type FeedVersionRef struct {
	Version int64  `json:"version"`
	Kind    string `json:"kind"`
	File    string `json:"file"`
	SHA256  string `json:"sha256"`
	Actor   string `json:"actor"`
	At      string `json:"at"`
}

// RowKey identifies a row of a feed or of the registry: only the columns
// of the table's key are set.
type RowKey struct {
	TaxCode    string `json:"tax_code,omitempty"`
	PersonID   string `json:"person_id,omitempty"`
	Month      string `json:"month,omitempty"`
	StartMonth string `json:"start_month,omitempty"`
	Payer      string `json:"payer,omitempty"`
	Ref        string `json:"ref,omitempty"`
}

// FeedRow is a row of a partner's feed cited as evidence: the feed, the
// version (import run) that brought its value, its key and its values.
type FeedRow struct {
	Feed         string `json:"feed"`
	Version      int64  `json:"version"`
	Key          RowKey `json:"key"`
	WageIncome   int64  `json:"wage_income,omitempty"`
	Name         string `json:"name,omitempty"`
	CommuneCode  string `json:"commune_code,omitempty"`
	RegisteredOn string `json:"registered_on,omitempty"`
	Status       string `json:"status,omitempty"`
	Zone         string `json:"zone,omitempty"`
	Employees    *int   `json:"employees,omitempty"`
}

// RegistryRecord is a record of the registry cited as evidence. Found is
// false for a record looked for and absent (no employer with the tax code,
// no person with the ID): the absence is the evidence.
type RegistryRecord struct {
	Table        string `json:"table"`
	Key          RowKey `json:"key"`
	Found        bool   `json:"found"`
	Version      int64  `json:"version,omitempty"`
	Name         string `json:"name,omitempty"`
	Kind         string `json:"kind,omitempty"`
	CommuneCode  string `json:"commune_code,omitempty"`
	Zone         string `json:"zone,omitempty"`
	RegisteredOn string `json:"registered_on,omitempty"`
	EndMonth     string `json:"end_month,omitempty"`
	Wage         int64  `json:"wage,omitempty"`
	Contract     string `json:"contract,omitempty"`
	DeclaredOn   string `json:"declared_on,omitempty"`
	Amount       int64  `json:"amount,omitempty"`
	PaidOn       string `json:"paid_on,omitempty"`
	Note         string `json:"note,omitempty"`
}

// MonthLine is one month of a worker finding: the taxable wage, the wage
// declared for social insurance that month (0: no spell) and how the month
// was judged.
type MonthLine struct {
	Month  string  `json:"month"`
	Tax    int64   `json:"tax_wage,omitempty"`
	SIWage int64   `json:"si_wage,omitempty"`
	Ratio  float64 `json:"ratio,omitempty"`
	// Status is covered, uncovered, grace (a final pay recorded after the
	// spell ended), above (taxable wage above the threshold), below_min
	// (declared wage below the regional minimum) or no_tax.
	Status string `json:"status"`
}

// WorkerLine sums up one worker in the tax records of an unregistered
// employer.
type WorkerLine struct {
	PersonID     string `json:"person_id"`
	Months       int    `json:"months"`
	First        string `json:"first"`
	Last         string `json:"last"`
	MedianIncome int64  `json:"median_income"`
}

// ArrearsEvidence details an employer's debt past the evasion threshold.
type ArrearsEvidence struct {
	Source   string             `json:"source"`
	AsOf     string             `json:"as_of"`
	Assessed int64              `json:"assessed"`
	Paid     int64              `json:"paid"`
	Months   []ArrearsMonthLine `json:"months"`
	Unpaid   int64              `json:"unpaid_past_evasion"`
	Later    int64              `json:"unpaid_not_yet_evasion,omitempty"`
	Payments []PaymentRefPublic `json:"last_payments,omitempty"`
}

// ArrearsMonthLine is one month of a debt, with the day it became evasion.
type ArrearsMonthLine struct {
	Month       string `json:"month"`
	BilledIn    string `json:"billed_in,omitempty"`
	Assessed    int64  `json:"assessed"`
	Unpaid      int64  `json:"unpaid"`
	EvasionFrom string `json:"evasion_from"`
	Standing    string `json:"standing"`
}

// PaymentRefPublic is a payment as cited in evidence.
type PaymentRefPublic struct {
	Ref    string `json:"ref"`
	Amount int64  `json:"amount"`
	PaidOn string `json:"paid_on"`
}

// StakeEvidence explains the contributions at stake.
type StakeEvidence struct {
	Stake
	BasisVI string `json:"basis_vi"`
	BasisEN string `json:"basis_en"`
}

// ScoreEvidence explains a score: the value and each factor behind it.
type ScoreEvidence struct {
	Value   float64       `json:"value"`
	Factors []ScoreFactor `json:"factors"`
}

// ScoreFactor is one factor of a score.
type ScoreFactor struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	VI    string  `json:"vi"`
	EN    string  `json:"en"`
}

// ParseEvidence reads a finding's evidence text.
func ParseEvidence(s string) (Evidence, error) {
	var e Evidence
	err := json.Unmarshal([]byte(s), &e)
	return e, err
}

// FindingID returns the identifier of the finding of kind about the
// employer and (for per-worker kinds) the person: the same violation gets
// the same ID in every match, so that re-running a match changes nothing
// and a finding keeps its case across periods.
func FindingID(kind Kind, taxCode, personID string) string {
	kind = kind.Base()
	h := sha256.Sum256([]byte(string(kind) + "|" + taxCode + "|" + personID))
	return kindPrefix(kind) + "-" + hex.EncodeToString(h[:6])
}

// kindPrefix returns the short prefix of a kind's finding IDs.
func kindPrefix(k Kind) string {
	switch k {
	case UnregisteredEmployer:
		return "UE"
	case UnregisteredWorker:
		return "UW"
	case UnderdeclaredWage:
		return "UD"
	case EvasionArrears:
		return "EA"
	case BelowMinimumWage:
		return "MW"
	case LateDeclaration:
		return "LD"
	case BelowContributionBase:
		return "BB"
	}
	return "XX"
}

// round3 rounds a score or ratio to three decimals, so that the stored
// text never depends on the last bits of a float.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// versionRefs returns the cited feed versions, in version order.
func versionRefs(ids map[int64]bool, known map[int64]FeedVersion) []FeedVersionRef {
	var out []FeedVersionRef
	for id := range ids {
		v, ok := known[id]
		if !ok {
			out = append(out, FeedVersionRef{Version: id})
			continue
		}
		out = append(out, FeedVersionRef{Version: id, Kind: v.Kind, File: v.File, SHA256: v.SHA256,
			Actor: v.Actor, At: v.At.UTC().Format(time.RFC3339)})
	}
	slices.SortFunc(out, func(a, b FeedVersionRef) int { return cmp.Compare(a.Version, b.Version) })
	return out
}

// dateText writes a day, "" for none.
func dateText(d ansinh.Date) string { return d.String() }

func intPtr(n int) *int { return &n }

// EvasionEvidence explains an evasion case of the law (L2024 art. 39):
// the days it is reckoned from.
type EvasionEvidence struct {
	RuleVI string `json:"rule_vi"`
	RuleEN string `json:"rule_en"`
	// Start is the first month of the work concerned.
	Start string `json:"start,omitempty"`
	// Deadline is the registration deadline, EvasionFrom the first day of
	// evasion.
	Deadline    string `json:"registration_deadline,omitempty"`
	EvasionFrom string `json:"evasion_from,omitempty"`
	// DeclaredOn is the day the spell was declared (late declarations).
	DeclaredOn string `json:"declared_on,omitempty"`
	// Floor is the legal floor of the contribution base (wages below it).
	Floor int64 `json:"floor,omitempty"`
}
