package benefits

import (
	"context"

	"ansinh"
)

// Store is what benefits needs from storage. Person, Career and Deaths read
// the registry's and the collection's data (read-only); the rest is
// benefits' own. A record outside the scope is not found.
type Store interface {
	// Person returns the claimant, with the household status of year.
	Person(ctx context.Context, sc ansinh.Scope, id string, year int) (Person, error)
	// Career returns the person's spans of service and the months the
	// collection assessed and those paid.
	Career(ctx context.Context, personID string) (Career, error)
	// HasMonthlyBenefit reports whether the person receives a pension or
	// monthly SI benefit in month m (a claim in payment or an imported
	// beneficiary).
	HasMonthlyBenefit(ctx context.Context, personID string, m ansinh.Period) (bool, error)

	// CreateClaim stores a new claim (setting its ID and ProcedureID) with
	// its procedure and the audit entry, in one transaction.
	CreateClaim(ctx context.Context, c *Claim, audit Audit) error
	// Claim returns one claim within the scope.
	Claim(ctx context.Context, sc ansinh.Scope, id int64) (Claim, error)
	// Claims lists the claims within the scope that the filter selects,
	// newest first.
	Claims(ctx context.Context, sc ansinh.Scope, f Filter) ([]Claim, error)
	// MoveClaim stores c if the claim is still in status from (ECONFLICT
	// otherwise), closes its procedure when the claim is decided, and
	// writes the audit entry, in one transaction.
	MoveClaim(ctx context.Context, c Claim, from Status, audit Audit) error
	// WriteAudit writes an audit entry of a step that changed nothing (a
	// refusal worth tracing).
	WriteAudit(ctx context.Context, audit Audit) error

	PayrollStore
}

// Audit is an entry of the audit log a change writes.
type Audit struct {
	Actor, Action, Object, Detail string
}

// Filter selects claims.
type Filter struct {
	Status   Status // "" all
	PersonID string // "" all
	Limit    int    // 0: 200
}
