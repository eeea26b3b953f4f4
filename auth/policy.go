package auth

import (
	"maps"
	"slices"
)

// Access is the rule of one route: who may call it.
type Access struct {
	// Public routes are open to anyone, signed in or not.
	Public bool
	// Authenticated routes are open to any signed-in caller.
	Authenticated bool
	// Roles are the roles that may call the route.
	Roles []Role
	// NoCSRF exempts a route from the CSRF check: only for calls that no
	// browser session drives (the payment gateway's signed callback).
	NoCSRF bool
}

// Allows reports whether a caller with the role may call the route (role
// "" is an anonymous caller).
func (a Access) Allows(role Role) bool {
	switch {
	case a.Public:
		return true
	case role == "":
		return false
	case a.Authenticated:
		return true
	}
	return slices.Contains(a.Roles, role)
}

// Policy is the one table from route (a ServeMux pattern, "GET
// /employers/{tax}") to its rule. A route missing from it is refused to
// everyone. Roles open routes; the scope of each query then narrows what a
// caller sees within them.
type Policy map[string]Access

var (
	public        = Access{Public: true}
	authenticated = Access{Authenticated: true}
	roles         = func(r ...Role) Access { return Access{Roles: r} }

	officersRead = []Role{ProvinceOfficer, UnitOfficer, Leadership}
	portalPayers = []Role{Employer, Citizen}
)

// DefaultPolicy returns AnSinh's rules for the web console, the portals and
// the API.
func DefaultPolicy() Policy {
	p := Policy{
		// Open to all: the landing page, sign-in, an employer's
		// registration, assets, the API description, health.
		"/":                     public, // anything else: the "not found" page
		"GET /{$}":              public,
		"GET /login":            public,
		"POST /login":           public,
		"GET /register":         public,
		"POST /register":        public,
		"GET /static/":          public,
		"GET /healthz":          public,
		"GET /api/openapi.json": public,
		// The gateway calls back server to server, with a signature
		// instead of a session.
		"POST /gateway/callback": {Public: true, NoCSRF: true},

		"POST /logout":    authenticated,
		"GET /api/v1/me":  authenticated,
		"GET /procedures": roles(portalPayers...),

		// The officers' console.
		"GET /dashboard":                        roles(officersRead...),
		"GET /search":                           roles(ProvinceOfficer, UnitOfficer, Leadership, Agent, Inspector),
		"GET /persons/{id}":                     roles(ProvinceOfficer, UnitOfficer, Leadership, Agent),
		"GET /employers/{tax}":                  roles(ProvinceOfficer, UnitOfficer, Leadership, Inspector),
		"GET /employers/{tax}/notices/{period}": roles(ProvinceOfficer, UnitOfficer, Leadership, Inspector),
		"GET /arrears":                          roles(officersRead...),
		"GET /targets":                          roles(ProvinceOfficer, Leadership),
		"POST /targets":                         roles(ProvinceOfficer),
		"GET /plan":                             roles(officersRead...),
		"GET /plan/{id}":                        roles(officersRead...),
		"POST /plan/{id}":                       roles(ProvinceOfficer),
		"POST /plan/{id}/reports":               roles(ProvinceOfficer),
		"GET /reports":                          roles(ProvinceOfficer, Leadership),
		"GET /reports/download":                 roles(ProvinceOfficer, Leadership),
		"GET /projection":                       roles(ProvinceOfficer, Leadership),
		"GET /findings":                         roles(ProvinceOfficer, UnitOfficer, Leadership, Inspector, Partner),
		"GET /cases":                            roles(ProvinceOfficer, UnitOfficer, Leadership, Inspector),
		"GET /cases/{id}":                       roles(ProvinceOfficer, UnitOfficer, Leadership, Inspector),
		"POST /cases/{id}/assign":               roles(ProvinceOfficer),
		"POST /cases/{id}/status":               roles(ProvinceOfficer, Inspector),
		"POST /cases/{id}/result":               roles(ProvinceOfficer, Inspector),
		"GET /imports":                          roles(ProvinceOfficer),
		"POST /imports":                         roles(ProvinceOfficer),
		"GET /audit":                            roles(ProvinceOfficer),
		"GET /users":                            roles(ProvinceOfficer),
		"POST /users/{id}/status":               roles(ProvinceOfficer),
		"POST /registrations/{id}":              roles(ProvinceOfficer),
		"GET /inspector":                        roles(Inspector),
		"GET /agent":                            roles(Agent),
		"POST /agent/enrol":                     roles(Agent),
		"GET /partner":                          roles(Partner),
		"POST /partner/feeds":                   roles(Partner),
		"GET /employer":                         roles(Employer),
		"GET /employer/workers":                 roles(Employer),
		"GET /employer/notices":                 roles(Employer),
		"GET /employer/notices/{period}":        roles(Employer),
		"GET /employer/declarations":            roles(Employer),
		"GET /employer/declarations/new":        roles(Employer),
		"POST /employer/declarations":           roles(Employer),
		"GET /employer/declarations/{id}":       roles(Employer),
		"GET /employer/pay":                     roles(Employer),
		"POST /employer/pay":                    roles(Employer),
		"GET /me":                               roles(Citizen),
		"GET /me/voluntary":                     roles(Citizen),
		"POST /me/voluntary":                    roles(Citizen),
		"GET /me/pay":                           roles(Citizen),
		"POST /me/pay":                          roles(Citizen),
		"GET /procedures/{id}/survey":           roles(portalPayers...),
		"POST /procedures/{id}/survey":          roles(portalPayers...),
		"GET /gateway/pay/{order}":              roles(portalPayers...),
		"POST /gateway/pay/{order}":             roles(portalPayers...),
		"GET /payments/{order}":                 roles(portalPayers...),
	}
	maps.Copy(p, apiPolicy())
	maps.Copy(p, benefitsPolicy())
	return p
}

// apiPolicy returns the rules of the JSON API.
func apiPolicy() Policy {
	return Policy{
		"GET /api/v1/persons/{id}":            roles(ProvinceOfficer, UnitOfficer, Leadership, Agent, Citizen),
		"GET /api/v1/employers/{tax}":         roles(ProvinceOfficer, UnitOfficer, Leadership, Inspector, Employer),
		"GET /api/v1/employers/{tax}/workers": roles(ProvinceOfficer, UnitOfficer, Leadership, Inspector, Employer),
		"GET /api/v1/employers/{tax}/notices": roles(ProvinceOfficer, UnitOfficer, Leadership, Inspector, Employer),
		"POST /api/v1/declarations":           roles(Employer, ProvinceOfficer),
		"GET /api/v1/declarations/{id}":       roles(Employer, ProvinceOfficer, UnitOfficer),
		"POST /api/v1/feeds/{kind}":           roles(Partner, ProvinceOfficer),
	}
}

// benefitsPolicy returns the rules of the benefit claims and the payroll.
func benefitsPolicy() Policy {
	return Policy{
		// Benefits: a citizen files and follows their own claims (the scope
		// narrows them to their own record); officers check (maker) and
		// approve or reject (checker, never the maker: benefits refuses it);
		// the officers who check also file at the counter for a claimant
		// (never deciding what they filed);
		// the province runs the payroll.
		"GET /me/claims":                   roles(Citizen),
		"POST /me/claims":                  roles(Citizen),
		"GET /me/claims/{id}":              roles(Citizen),
		"GET /me/claims/{id}/decision":     roles(Citizen),
		"GET /claims":                      roles(officersRead...),
		"POST /claims":                     roles(ProvinceOfficer, UnitOfficer), // filing at the counter
		"GET /claims/{id}":                 roles(officersRead...),
		"GET /claims/{id}/decision":        roles(officersRead...),
		"POST /claims/{id}/check":          roles(ProvinceOfficer, UnitOfficer),
		"POST /claims/{id}/approve":        roles(ProvinceOfficer, UnitOfficer),
		"POST /claims/{id}/reject":         roles(ProvinceOfficer, UnitOfficer),
		"GET /payroll":                     roles(ProvinceOfficer, Leadership),
		"POST /payroll":                    roles(ProvinceOfficer),
		"POST /api/v1/claims/estimate":     roles(Citizen, ProvinceOfficer, UnitOfficer),
		"POST /api/v1/claims":              roles(Citizen, ProvinceOfficer, UnitOfficer),
		"GET /api/v1/claims":               roles(Citizen, ProvinceOfficer, UnitOfficer, Leadership),
		"GET /api/v1/claims/{id}":          roles(Citizen, ProvinceOfficer, UnitOfficer, Leadership),
		"GET /api/v1/claims/{id}/decision": roles(Citizen, ProvinceOfficer, UnitOfficer, Leadership),
		"POST /api/v1/claims/{id}/check":   roles(ProvinceOfficer, UnitOfficer),
		"POST /api/v1/claims/{id}/approve": roles(ProvinceOfficer, UnitOfficer),
		"POST /api/v1/claims/{id}/reject":  roles(ProvinceOfficer, UnitOfficer),
		"GET /api/v1/payroll/{period}":     roles(ProvinceOfficer, Leadership),
		"POST /api/v1/payroll/{period}":    roles(ProvinceOfficer),
	}
}
