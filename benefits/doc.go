// Package benefits pays people: it builds a person's contribution record
// (every month of service by scheme, from the registry, the collection's
// assessments and payments, and the paper record imported as si_history),
// decides claims for a pension (2014 and 2024 laws), a one-time withdrawal,
// an unemployment benefit and the social pension allowance with the rules
// engine, runs them through a maker–checker workflow to a decision document,
// and pays them in a monthly payroll with indexation, stops, arrears and
// recoveries.
//
// The package owns its types and rules and declares what it needs from
// storage as the Store interface; store/benefitsdb implements it.
package benefits
