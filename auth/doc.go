// Package auth decides who may do what in AnSinh's web console, portals and
// JSON API.
//
// Accounts have one role (province officer, unit officer, collection agent,
// employer, citizen, data partner, inspector, leadership) and a scope whose
// meaning depends on the role: a unit code, communes, a tax code, a personal
// ID, feed kinds or assigned employers. Passwords are hashed with bcrypt.
//
// Requests pass through a Guard, which, in this order:
//
//  1. sets the security headers (CSP without inline scripts, no framing,
//     no sniffing, a strict referrer policy);
//  2. finds the route the request matches and its rule in the Policy, one
//     table from route to roles; a route without a rule is refused (deny
//     unless a role allows);
//  3. identifies the caller from the session cookie (a random 32-byte token
//     whose SHA-256 is stored server-side) or an API bearer token;
//  4. refuses an anonymous caller (sign-in redirect, or 401 on the API) and
//     a role the rule does not list (403);
//  5. checks the CSRF token of every request that is not GET or HEAD and
//     comes from a browser (the session's token, or a double-submit cookie
//     before sign-in);
//  6. runs the handler with the caller in the request's context, turning a
//     panic into the generic error page.
//
// Roles decide which routes a caller reaches; Scope turns the caller's scope
// into a ansinh.Scope that every query applies, so that a record outside it
// is "not found". Sign-in failures pause the account at the address they
// come from, with growing delays, and an address failing across many
// accounts as a whole (Limits); an account stays usable from an address
// that has not failed, so no one can lock its owner out; every lock is
// audited.
//
// auth owns its records' types and says what it needs from storage in
// Store (store/authdb implements it) and from the registry in Registry and
// Communes; cmd wires them. It imports no storage package.
package auth
