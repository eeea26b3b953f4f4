package benefits

import (
	"fmt"
	"time"

	"ansinh"
	"ansinh/rules"
)

// Kind is the benefit a claim asks for.
type Kind string

// The kinds of claim.
const (
	KindPension    Kind = "pension"        // monthly pension (L2014 or L2024 by its first month)
	KindWithdrawal Kind = "withdrawal"     // one-time SI withdrawal
	KindUI         Kind = "ui"             // unemployment benefit
	KindSocial     Kind = "social_pension" // social pension allowance
)

// Kinds lists the kinds of claim in display order.
var Kinds = []Kind{KindPension, KindWithdrawal, KindUI, KindSocial}

// ParseKind reads a kind of claim.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", ansinh.Invalid("kind", fmt.Sprintf("loại chế độ không hợp lệ (pension, withdrawal, ui, social_pension): %q", s),
		fmt.Sprintf("unknown kind of claim (pension, withdrawal, ui, social_pension): %q", s))
}

// Monthly reports whether the kind is paid every month (all but the
// withdrawal).
func (k Kind) Monthly() bool { return k != KindWithdrawal }

// Status is where a claim stands in its workflow.
type Status string

// The statuses of a claim.
const (
	StatusSubmitted Status = "submitted"  // filed, waiting for the maker's check
	StatusChecked   Status = "checked"    // the maker checked the record and the figures
	StatusApproved  Status = "approved"   // the checker approved it: the next payroll pays it
	StatusRejected  Status = "rejected"   // refused, with reasons: pays nothing
	StatusInPayment Status = "in_payment" // the payroll pays it
	StatusStopped   Status = "stopped"    // ended: death, re-employment, end of entitlement, one-time paid
)

// Channel is how a claim was filed.
type Channel string

// The channels of a claim.
const (
	ChannelOnline  Channel = "online"  // the citizen portal or the API
	ChannelCounter Channel = "counter" // an officer at the counter
)

// Request is what a claimant asks for.
type Request struct {
	PersonID string `json:"person_id"`
	Kind     Kind   `json:"kind"`
	// Month is the month the claim is about: the pension's first month
	// (zero: the month after reaching retirement age), the withdrawal's
	// settlement month (zero: the filing month), the month the labour
	// contract ended (UI), the allowance's first month (zero: the filing
	// month).
	Month ansinh.Period `json:"month,omitzero"`
	// PoorOrNearPoor is the claimant's statement for the social pension at
	// 70–75; the registry's household status confirms or contradicts it.
	PoorOrNearPoor bool `json:"poor_or_near_poor,omitempty"`
}

// Identity is the claimant's identity as the officer at the counter reads
// it from their papers; it must match the registry's before a claim is
// estimated or filed for them.
type Identity struct {
	FullName  string
	BirthDate ansinh.Date
}

// Person is what a claim needs to know of the claimant.
type Person struct {
	ID        string
	Name      string
	BirthDate ansinh.Date
	Sex       rules.Sex
	Commune   string
	Region    rules.Region // minimum-wage region of the commune (0: unknown)
	Poor      bool         // a poor or near-poor household in the claim's year
}

// Figure is one figure of an assessment, as shown and printed.
type Figure struct {
	Name    string `json:"name"`
	Label   string `json:"label"`    // Vietnamese
	LabelEN string `json:"label_en"` // English
	Value   string `json:"value"`
}

// Missing is something the record lacks to decide a claim.
type Missing struct {
	Field     string `json:"field"`
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
}

// Assessment is a claim decided on the record: eligibility, amounts and
// start month, each figure explained with its rule and source, or what is
// missing to decide.
type Assessment struct {
	Kind      Kind          `json:"kind"`
	Decided   bool          `json:"decided"` // the record decides the claim (nothing missing)
	Eligible  bool          `json:"eligible"`
	Monthly   int64         `json:"monthly"`
	LumpSum   int64         `json:"lump_sum"`
	Start     ansinh.Period `json:"start_month,omitzero"`
	End       ansinh.Period `json:"end_month,omitzero"` // last month (UI); zero: open
	Service   int           `json:"service_months"`
	History   int           `json:"history_months"` // months from the paper record
	Figures   []Figure      `json:"figures"`
	Missing   []Missing     `json:"missing"`
	Reasons   []Missing     `json:"reasons"` // why not eligible
	Explained rules.Explained
}

// Claim is a claim and its workflow.
type Claim struct {
	ID          int64
	PersonID    string
	PersonName  string
	Kind        Kind
	Status      Status
	Channel     Channel
	Request     Request
	Assessment  Assessment // as last computed (filing, then the maker's check)
	Monthly     int64
	LumpSum     int64
	Start, End  ansinh.Period
	ProcedureID int64
	FiledBy     string
	FiledAt     time.Time
	CheckedBy   string
	CheckedAt   time.Time
	DecidedBy   string
	DecidedAt   time.Time
	Reason      string // the rejection's reasons
	StopMonth   ansinh.Period
	StopReason  string
}

// ProcessingTime is the time from filing to the decision (zero while
// undecided).
func (c Claim) ProcessingTime() time.Duration {
	if c.DecidedAt.IsZero() {
		return 0
	}
	return c.DecidedAt.Sub(c.FiledAt)
}
