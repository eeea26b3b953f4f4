package auth

import (
	"context"
	"slices"
)

// Principal is the caller of a request: a signed-in account, through a
// browser session or an API token.
type Principal struct {
	UserID int64
	Login  string
	Name   string
	Role   Role
	Scope  []string
	// CSRF is the session's CSRF token; empty for an API token.
	CSRF string
	// ViaToken reports whether the caller used an API bearer token.
	ViaToken bool
	// sessionHash identifies the session, to end it on sign-out.
	sessionHash string
}

// Actor names the principal in the audit log, "user:LOGIN".
func (p *Principal) Actor() string {
	if p == nil {
		return "anonymous"
	}
	return "user:" + p.Login
}

// Is reports whether the principal has one of the roles.
func (p *Principal) Is(roles ...Role) bool { return p != nil && slices.Contains(roles, p.Role) }

// ScopeValue returns the first value of the principal's scope ("" when
// empty): the tax code of an employer, the personal ID of a citizen.
func (p *Principal) ScopeValue() string {
	if p == nil || len(p.Scope) == 0 {
		return ""
	}
	return p.Scope[0]
}

type principalKey struct{}

// WithPrincipal returns a context carrying the principal.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// From returns the principal of the context, nil for an anonymous caller.
func From(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

type anonCSRFKey struct{}

// AnonymousCSRF returns the CSRF token of an anonymous caller (the
// double-submit cookie's value), for the forms shown before sign-in.
func AnonymousCSRF(ctx context.Context) string {
	s, _ := ctx.Value(anonCSRFKey{}).(string)
	return s
}

// CSRFToken returns the token a form of this request must carry: the
// session's, or the anonymous caller's.
func CSRFToken(ctx context.Context) string {
	if p := From(ctx); p != nil && p.CSRF != "" {
		return p.CSRF
	}
	return AnonymousCSRF(ctx)
}
