package registry

import (
	"context"
	"time"

	"ansinh"
)

// Store is what the registry needs from storage: reads, and writes inside
// one transaction (Update). store/registrydb implements it for SQLite and
// PostgreSQL.
type Store interface {
	Reader
	// Update runs fn in one transaction, committed when fn returns nil and
	// rolled back otherwise. When the database reports a conflict between
	// concurrent transactions (a deadlock, a serialisation failure) it runs
	// fn again in a new transaction, so fn must start from nothing each
	// time.
	Update(ctx context.Context, fn func(Tx) error) error
	// Now is the store's clock, for the times of records.
	Now() time.Time
}

// Reader reads the registry. The scope arguments restrict what a caller
// sees; a record outside it is ErrNotFound.
type Reader interface {
	FindUnit(ctx context.Context, code string, day ansinh.Date) (Unit, error)
	CommunesUnder(ctx context.Context, code string, day ansinh.Date) ([]string, error)
	UnitNames(ctx context.Context, codes []string, day ansinh.Date) (map[string]string, error)
	Communes(ctx context.Context, day ansinh.Date) ([]Unit, error)

	FindPerson(ctx context.Context, id string, scope ansinh.Scope) (Person, error)
	Household(ctx context.Context, id string) ([]HouseholdYear, error)
	PersonSpells(ctx context.Context, id string) ([]Spell, error)
	PersonVoluntary(ctx context.Context, id string) ([]VoluntarySpell, error)
	PersonBenefits(ctx context.Context, id string) ([]Benefit, error)
	// HouseholdStatus is a person's household status in the latest year
	// up to year ("" when none is known).
	HouseholdStatus(ctx context.Context, id string, year int) (string, error)
	SearchPersons(ctx context.Context, q KeyQuery, scope ansinh.Scope) ([]PersonHit, bool, error)
	AgentEnrolments(ctx context.Context, agent string, limit int) ([]AgentEnrolment, error)

	FindEmployer(ctx context.Context, tax string, scope ansinh.Scope) (Employer, error)
	// OpenSpells returns all the spells of the employer open at the month,
	// with the workers' names, in no particular order.
	OpenSpells(ctx context.Context, tax string, at ansinh.Period) ([]Spell, error)
	// EmployerSpells returns a page of the employer's spells, latest start
	// first, and whether more follow.
	EmployerSpells(ctx context.Context, tax string, offset, limit int) ([]Spell, bool, error)
	EmployerWages(ctx context.Context, tax string, at ansinh.Period) ([]ansinh.Money, error)
	// SearchEmployers returns at most limit employers the query finds in
	// scope, in no particular order.
	SearchEmployers(ctx context.Context, q EmployerQuery, scope ansinh.Scope, limit int) ([]EmployerHit, error)

	DeclarationsOf(ctx context.Context, tax string, offset, limit int) ([]Declaration, bool, error)
	FindDeclaration(ctx context.Context, id int64, scope ansinh.Scope) (Declaration, error)
	ListRegistrations(ctx context.Context, status string, limit int) ([]Registration, error)
	FindProcedure(ctx context.Context, id, userID int64) (Procedure, error)
	ProceduresOf(ctx context.Context, userID int64, limit int) ([]Procedure, error)
}

// Tx is the registry inside one transaction of Store.Update.
type Tx interface {
	// LockEmployer returns the employer and holds it until the end of the
	// transaction, so that two declarations of one employer are applied
	// one after the other; ErrNotFound when it does not exist.
	LockEmployer(ctx context.Context, tax string) (Employer, error)
	// Person returns the person with the ID and whether it exists.
	Person(ctx context.Context, id string) (Person, bool, error)
	// AddPerson adds a person unless one with the ID exists (perhaps added
	// at the same instant by another transaction), and reports whether it
	// added it.
	AddPerson(ctx context.Context, p Person) (bool, error)
	// OpenSpell returns the latest open spell of the person at the
	// employer, and whether there is one.
	OpenSpell(ctx context.Context, tax, person string) (Spell, bool, error)
	// SpellsEndingFrom counts the person's closed spells at the employer
	// that end in the month or later.
	SpellsEndingFrom(ctx context.Context, tax, person string, from ansinh.Period) (int, error)
	// AddSpell adds a spell and reports whether it could: false when it
	// would be a second open spell or repeat a start month.
	AddSpell(ctx context.Context, s Spell) (bool, error)
	// EndSpell closes the spell that starts in the month at end.
	EndSpell(ctx context.Context, tax, person string, start, end ansinh.Period) error
	// SetSpellWage changes the wage, contract and declaration day of the
	// spell that starts in the month.
	SetSpellWage(ctx context.Context, s Spell) error

	AddProcedure(ctx context.Context, p Procedure) (int64, error)
	// FinishProcedure sets a procedure's outcome, its reference (unless
	// empty) and processing time.
	FinishProcedure(ctx context.Context, id int64, status, ref string, at time.Time) error
	// ProcedureState returns the status of the account's procedure and
	// whether its survey was answered; ErrNotFound when it is not theirs.
	ProcedureState(ctx context.Context, id, userID int64) (string, bool, error)
	AddSurvey(ctx context.Context, procID int64, score int, comment string, at time.Time) error

	// AddDeclaration records a received declaration and sets its ID.
	AddDeclaration(ctx context.Context, d *Declaration) error
	AddDeclarationLine(ctx context.Context, declID int64, l DeclarationLine) error
	// FinishDeclaration records a declaration's receipt number, outcome,
	// counts and processing time.
	FinishDeclaration(ctx context.Context, d Declaration) error

	// VoluntaryFrom counts the person's enrolments open in the month or
	// later; EmploymentFrom the person's spells likewise.
	VoluntaryFrom(ctx context.Context, person string, from ansinh.Period) (int, error)
	EmploymentFrom(ctx context.Context, person string, from ansinh.Period) (int, error)
	AddVoluntary(ctx context.Context, v VoluntarySpell) error

	// EmployerAccounts counts the accounts of an employer that are active
	// or pending, and its pending registrations.
	EmployerAccounts(ctx context.Context, tax string) (int, error)
	// AddAccount creates an account and returns its id; ErrLoginTaken when
	// the login is in use.
	AddAccount(ctx context.Context, a Account) (int64, error)
	SetAccountStatus(ctx context.Context, userID int64, status string) error
	AddRegistration(ctx context.Context, r *Registration) error
	Registration(ctx context.Context, id int64) (Registration, error)
	DecideRegistration(ctx context.Context, id int64, status, actor string, at time.Time) error
	// AddEmployer adds an employer unless one with the tax code exists.
	AddEmployer(ctx context.Context, e Employer) error

	Audit(ctx context.Context, e AuditEntry) error
}
