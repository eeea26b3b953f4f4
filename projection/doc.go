// Package projection projects the province's pension fund year by year to
// 2075 under scenarios: a cohort model by single year of age, sex and years
// of service, started from the registry's microdata at a chosen month
// (aggregated by the Store), aged each year with the UN WPP 2024 mortality of
// Vietnam, retired by the rules engine's retirement-age schedule, pensioned by
// the rules engine's pension calculator from accumulated service and revalued
// wages, with entrants and exits calibrated from the registry's own last year
// and a coverage path (the plan's targets, or the registry's trend).
//
// Outputs per year: contributors, pensioners, the system dependency ratio,
// contribution revenue, pension spending, the balance of the province's
// flows, the PAYG cost rate, the average replacement rate and the budget
// cost of the support for voluntary members (state and province).
//
// Counts and money inside the model are expected values (fractions of
// people survive a year), held as float64 and rounded to whole persons and
// đồng by Persons and Dong when reported.
package projection
