// Package web serves AnSinh's server-rendered pages: the officers' console
// (dashboard with the plan's indicators against their targets by unit and
// the communes ranked, registry search, person and employer pages with the
// employer's notices, balance, arrears and compliance findings, the arrears
// list, the compliance findings and the inspection cases worked to a
// result, the allocation of targets to communes, the plan tracker, the
// report to the Standing Committee, imports, audit log, accounts), the
// employer portal (registration, declarations of hires, leavers and wage
// changes, workers, notices, online payment of the balance), the citizen
// portal (own record, voluntary enrolment, payment, satisfaction survey),
// the inspectors', partners' and agents' pages, and a simulated payment
// gateway.
//
// Every list also comes as an XLSX workbook: the page's address with
// ?format=xlsx (xlsx.go). The dashboard's counts are computed once for the
// whole province and kept a few minutes (each caller sees its communes'
// rows); New computes them in the background at start.
//
// Pages are html/template files embedded in the binary: one layout, shared
// partials and one file per page, parsed once at start-up (New fails when a
// page file and the page list disagree). Every page gets a typed struct.
// Text goes through a small catalogue in Vietnamese (the default) and
// English (?lang=en, kept in a cookie). Money is written "1.234.567 đ" and
// dates "dd/mm/yyyy".
//
// Who may reach a page is decided by the auth.Guard in front of every
// route, from the one auth.Policy table; what a page shows is narrowed by
// the caller's ansinh.Scope inside each query, so that a record outside it
// is "not found". Reads of personal data and every write are audited.
// Errors show their safe message; internal errors are logged and shown as
// "Lỗi hệ thống".
package web
