// Package registry is the registry of social insurance: administrative
// units, persons, employers, employment spells, voluntary enrolments, the
// employers' declarations of changes (form D02-TS) and registrations for
// online transactions, and the procedures carried out with participants.
//
// The package owns the registry's types and rules: a declaration line is
// checked on its own with Check (pure validation) and applied to the registry
// with Apply, inside one transaction of the Store, against what the registry
// already holds (identity, open spells, the month's wage floor). Storage is
// a Store, implemented for SQLite and PostgreSQL by store/registrydb; the web
// console, the API and the command line call a Service.
//
// Text entering the registry is NFC-normalised and its spaces collapsed
// (Clean); names are compared with SameName and searched through SearchKey,
// their spelling without diacritics, and lists are sorted in Vietnamese order
// (Sort*, with golang.org/x/text/collate).
package registry
