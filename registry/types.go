package registry

import (
	"time"

	"ansinh"
)

// ErrNotFound is returned when a record does not exist or is outside the
// caller's scope: the two are not told apart, so that a caller cannot probe
// for records it may not see.
var ErrNotFound = &ansinh.Error{Code: ansinh.ENOTFOUND, Message: "Không tìm thấy.", MessageEN: "Not found."}

// Unit is an administrative unit as of a day.
type Unit struct {
	Code       string
	Name       string
	Level      string // province, district, commune
	ParentCode string
	ValidFrom  ansinh.Date
	ValidTo    ansinh.Date // zero: still valid
	Region     string      // I..IV, the minimum-wage region ("" when unknown)
}

// Person is a person of the registry.
type Person struct {
	PersonID       string
	FullName       string
	BirthDate      ansinh.Date
	Sex            string // male, female
	EthnicMinority bool
	CommuneCode    string
	LegacySICode   string
}

// HouseholdYear is a person's household poverty status in a year.
type HouseholdYear struct {
	Year   int
	Status string // poor, near_poor, none
}

// Employer is an employer of the registry.
type Employer struct {
	TaxCode        string
	Name           string
	Kind           string // state, soe, fdi, private, cooperative, household_business
	CommuneCode    string
	IndustrialZone string
	RegisteredOn   ansinh.Date
}

// Spell is an employment spell: a person working for an employer from a
// month to a month (open when End is zero) at a contract wage.
type Spell struct {
	TaxCode      string
	EmployerName string
	PersonID     string
	FullName     string
	Start        ansinh.Period
	End          ansinh.Period
	Wage         ansinh.Money
	Contract     string // indefinite, fixed, seasonal
	DeclaredOn   ansinh.Date
}

// Open reports whether the spell is still open at the month.
func (s Spell) Open(at ansinh.Period) bool { return s.End.IsZero() || s.End >= at }

// VoluntarySpell is an enrolment in voluntary social insurance.
type VoluntarySpell struct {
	PersonID  string
	Start     ansinh.Period
	End       ansinh.Period
	Income    ansinh.Money
	Mode      string // monthly, quarterly, semiannual, annual
	Category  string // poor, near_poor, ethnic_minority, other
	AgentCode string
}

// Open reports whether the enrolment is still open at the month.
func (v VoluntarySpell) Open(at ansinh.Period) bool { return v.End.IsZero() || v.End >= at }

// Benefit is a monthly benefit a person receives.
type Benefit struct {
	Kind          string // pension, monthly_si_benefit, social_pension
	Start         ansinh.Period
	End           ansinh.Period
	MonthlyAmount ansinh.Money
}

// PersonRecord is a person with the whole of their participation.
type PersonRecord struct {
	Person
	Household []HouseholdYear
	Spells    []Spell
	Voluntary []VoluntarySpell
	Benefits  []Benefit
}

// AgentEnrolment is an enrolment a collection agent made, with the
// person's name.
type AgentEnrolment struct {
	VoluntarySpell
	FullName string
}

// The kinds of procedure (transactions with a participant).
const (
	ProcRegistration = "registration"
	ProcDeclaration  = "declaration"
	ProcVoluntary    = "voluntary_enrolment"
	ProcPayment      = "payment"
)

// The channels a transaction comes through.
const (
	ChannelOnline  = "online"
	ChannelCounter = "counter"
	ChannelAgent   = "agent"
)

// Procedure is one transaction with a participant, with its channel and
// times, and the participant's satisfaction score once answered.
type Procedure struct {
	ID          int64
	Kind        string
	Subject     string // tax code or personal ID
	Ref         string // receipt number, payment order, enrolment month
	Channel     string
	UserID      int64
	Status      string // received, completed, rejected
	SubmittedAt time.Time
	ProcessedAt time.Time
	Score       int // 0: no survey answer yet
	Comment     string
}

// AuditEntry is a line of the audit log written with a registry change.
type AuditEntry struct {
	At     time.Time
	Actor  string
	Action string
	Object string
	Detail string
}

// PersonHit is one person found by a search.
type PersonHit struct {
	PersonID    string
	FullName    string
	BirthDate   ansinh.Date
	Sex         string
	CommuneCode string
}

// PersonQuery is a search of persons: by a personal ID (or the first digits
// of one, or a 10-digit legacy social insurance code), or by the beginning
// of the name typed with or without diacritics; results come in the order
// of their search keys, then IDs, a page at a time.
type PersonQuery struct {
	// Digits searches by ID: 12 digits find that person, fewer find the IDs
	// that start with them; 10 digits also find the legacy code.
	Digits string
	// Name searches by name: the names whose search key (SearchKey) starts
	// with the key of Name.
	Name string
	// AfterName and AfterID continue after the last hit of the previous
	// page (its full name and ID).
	AfterName, AfterID string
	// Limit is the page size (0: 20).
	Limit int
}

// KeyQuery is a PersonQuery as the Store runs it: the name as a search key
// prefix, and the cursor as a key.
type KeyQuery struct {
	Digits    string
	KeyPrefix string
	AfterKey  string
	AfterID   string
	Limit     int
}

// EmployerHit is one employer found by a search.
type EmployerHit struct {
	TaxCode     string
	Name        string
	Kind        string
	CommuneCode string
}

// EmployerQuery is a search of employers: by tax code (or its first digits)
// or by a part of the name.
type EmployerQuery struct {
	// Digits searches by tax code: the codes that start with them.
	Digits string
	// NameParts searches by name: the names whose search key (SearchKey)
	// contains the key of any of the parts (spellings of what was typed),
	// so that a part without diacritics finds the name with them.
	NameParts []string
	// Offset and Limit page the results (Limit 0: 20).
	Offset, Limit int
}

// WorkerQuery pages the workers or spells of an employer.
type WorkerQuery struct {
	// At is the month a worker's spell must be open in (workers only).
	At ansinh.Period
	// Offset and Limit page the results (Limit 0: 50).
	Offset, Limit int
}
