// Package rules is AnSinh's rules engine: the legal parameters of Vietnamese
// social, unemployment and health insurance as effective-dated data, and the
// calculators built on them. It is pure: no I/O, no clock. Every calculation
// takes its as-of month or date, returns integer đồng, and explains each
// figure with the rule and every parameter version (name, value, dates, legal
// source, confidence) behind it.
//
// # Parameters
//
// The parameters live in data/params.csv (the national table) and
// data/province.csv (the demo province's overlay), embedded in the binary and
// described in data/README.md. Each row is one version: a value over a span of
// days, with its legal source and a confidence of H, M or U. Tables are
// checked when loaded (Check): every row sourced, no gap and no overlap in any
// parameter's series. Rates and coefficients are exact (Micro, millionths);
// no float enters a money path.
//
// Precedence, lowest first:
//
//  1. the national table;
//  2. the province overlay: its province.* rows define the province's own
//     parameters (extra voluntary support share, social pension top-up); any
//     other row overrides the national value for the days it covers;
//  3. overrides applied with Params.With or Params.Override (a province
//     loading an unconfirmed or missing value), later rows winning;
//  4. for a single call, an input that the calculator accepts in place of a
//     parameter (VoluntaryInput.ProvinceShare).
//
// A version flagged U is a believed value: it is used, and every result that
// uses it carries a warning (WarnUnconfirmed). A U version without a value
// (for instance the L2014 late-payment rate) makes any calculation that needs
// it fail with a message naming the parameter, until a province loads it.
//
// # Evaluation order
//
// A calculation by month resolves every parameter in force on the first day
// of that month (so a value taking effect on the 15th applies from the next
// month); a calculation by day (late interest) resolves each day on its own.
// The law in force (law.si, law.employment) is itself a parameter and picks
// the regime: L2014 or L2024 for floors, caps, pensions and interest;
// LE2013 or LE2025 for unemployment benefits.
//
// For a mandatory contribution: the wage is raised to the SI floor (regional
// minimum wage, +7% for a trained job to 2022-06-30, under L2014; the
// reference level under L2024), then cut to the SI cap (20 × base salary or
// reference level) for SI and HI, and to the UI cap (20 × regional minimum
// wage, or 20 × base salary on the state pay scale) for UI. Each fund's
// amount for each payer is base × rate rounded half-up to the đồng with
// ansinh.RoundHalfUp; totals are sums of the rounded amounts.
//
// # Hot path
//
// The monthly close resolves a month once with Params.ContributionRules and
// calls ContributionRules.Assess for each worker-month: no lookup, no
// allocation, and exactly the figures of the explained Params.Contribution.
package rules
