// Package api is AnSinh's JSON API under /api/v1, described by the OpenAPI
// 3 document served at /api/openapi.json.
//
// Callers authenticate with a bearer token (Authorization: Bearer ans_…,
// issued with `ansinh user token`) or a browser session (then every
// request that changes something carries the session's CSRF token in the
// X-CSRF-Token header). The routes' rules are in auth.DefaultPolicy, and
// every query applies the caller's scope: a record outside it is 404.
// Errors are {"error": {"code", "field", "message", "message_en"}}, with
// the status of their code; internal errors never show their text. Every
// read of personal data and every write is audited.
package api
