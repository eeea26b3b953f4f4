// Package compliance cross-matches the partners' feeds — the Tax
// Department's wage records (tax_wages), the business registry
// (business_registry) and the Industrial Zones Board's register
// (iz_enterprises) — and the arrears of the monthly close against the
// social insurance registry, and turns what it finds into inspection cases
// worked to a result (product.md, capability 5; plan sections II.2.4,
// II.2.6.2 and III.2.3–2.5).
//
// # Feeds and their versions
//
// Every upload of a feed is an import run (kind, file, SHA-256, actor,
// time): a feed version. Each feed row carries the version that brought its
// current value; when a later upload changes a row, the store keeps the
// replaced value with its version (tables *_history, filled by triggers of
// migration 0004), so a row cited as (version, key) can always be read back
// (store.DB.FeedRowAt). The view feed_versions lists the uploads.
//
// # The match
//
// Service.Match covers the whole feed: every month of the tax records not
// yet matched at its current feed version (remembered per month, with the
// registers' versions: Store.Unmatched), window by window of
// Config.WindowMonths months, and the latest window, which alone reads the
// registers and the arrears; or the months asked for (--from/--to). Every
// upload of a feed (the command line, the web console, the API) calls
// Service.AfterFeedUpload, which runs it: matching needs no officer.
//
// Match reads the tax rows of a window (Config.WindowMonths months ending
// with Config.Period) and the employment spells that reach it as two
// streams ordered by tax code and person ID, merges them, and judges each
// (employer, person) pair; memory grows with the employers and findings,
// not with the feeds. The kinds of findings:
//
//   - unregistered_worker: wage income at a registered employer in at least
//     Config.MinUncoveredMonths months with no spell of the worker there, or
//     in one month just before the worker's spell there starts. A
//     tax record in the Config.LateTaxGrace months after a spell ends is the
//     final pay, not undeclared work. A person with two jobs is judged at
//     each employer on its own.
//   - underdeclared_wage: the taxable wage is at least Config.UnderRatio
//     times the declared wage in a run of at least Config.UnderMinMonths
//     consecutive insured months (a Tết bonus or a 13th-month pay is one
//     month; a partial offender is found from its run).
//   - unregistered_employer: a tax code with no registration that pays wages
//     in the tax records, or is active in the business registry with
//     employees reported, or lists employees in an industrial zone. An
//     enterprise the registry says is suspended or dissolved, with no wages,
//     is left alone, and so is one registered less than
//     Config.NewBusinessGrace months ago.
//   - evasion_arrears: an employer's unpaid contributions past the evasion
//     threshold of the rules (rules.Params.Classify, EvasionFrom: 60 days
//     after the deadline) worth at least Config.EvasionMinMonths months of
//     its assessments. A month declared late is reckoned from the month it
//     was billed in. The arrears come from the monthly close's debts
//     (package collection, read by CollectionArrears) or, before
//     any month is closed, from an estimate made the same way
//     (DueEstimator, Settle).
//   - below_minimum_wage: a contract wage declared below the regional
//     minimum wage of the month (the state pay scale excepted).
//
// The law's evasion cases (L2024 art. 39, rules.md §10), each with its kind
// and its evidence (Evidence.Evasion: the rule, the registration deadline,
// the first day of evasion):
//
//   - evasion_unregistered_worker: an unregistered worker still without a
//     spell 60 days after the registration deadline (30 days after the
//     first month of work; Config.RegistrationDays,
//     Config.RegistrationEvasionDays), from 2025-07-01
//     (Config.EvasionLawFrom). It is the same finding as the
//     unregistered_worker it grows from (same ID).
//   - late_declaration: a spell declared more than those 60 days late: its
//     months before the declaration were evaded, though the retroactive
//     spell now covers them.
//   - below_contribution_base: a contribution wage declared below the legal
//     floor of the contribution base (the reference level under L2024).
//
// # Scores
//
// A score says how sure a finding is, from 0 to 1; findings under
// Config.MinScore (0.5) are not kept. Each finding's evidence lists the
// factors. For unregistered_worker: min(1, 0.4 + 0.2 × months) × 0.8 when
// the median income is below the regional minimum wage (part-time work is
// possible) × 0.7 when the worker is insured at another employer in at
// least half of the months (the inspector checks which contract came
// first). For underdeclared_wage: min(1, 0.6 + (median − R) / (2(R − 1)))
// × (0.5 + 0.5 × share of months above R), R = Config.UnderRatio. For
// unregistered_employer: 1 − Π(1 − s) over the sources — tax records 0.9
// (0.6 if no worker has two months), business registry active with
// employees 0.6, industrial zone with employees 0.6 — × 0.3 when a
// registered employer may be the same enterprise under its parent's or a
// branch's code, × 0.6 when one has the same name once normalised in the
// same commune (NormalizeName: with or without diacritics, tone marks
// placed differently, legal form left out). For evasion_arrears: min(1, 0.5 + 0.25 × months of
// assessments unpaid past the threshold). For below_minimum_wage:
// min(1, 0.7 + 0.1 × months).
//
// # Contributions at stake
//
// Every finding carries the contributions at stake, employer's and
// employee's shares, computed with the rules engine month by month
// (rules.ContributionRules.Assess): on the median taxable income for an
// unregistered worker; the difference between the median taxable wage and
// the declared wage for an underdeclared one; the difference up to the
// regional minimum for a wage below it; the sum over the workers of the tax
// records (or the employees reported × the minimum wage, one month, when
// only a register names the enterprise) for an unregistered employer; the
// unpaid debt past the threshold for evasion.
//
// # Evidence
//
// Each finding's evidence (Evidence, stored as JSON text) names the feed
// rows behind it — feed, version, key and values — with the uploads they
// come from (file, SHA-256, actor, time), and the registry records:
// employers, employment spells, persons and payments, found or, as evidence
// of an absence, not found.
//
// # Findings, cases, results
//
// A finding's ID comes from its kind, tax code and person ID (FindingID):
// re-running a match updates findings in place and leaves unchanged ones
// untouched. Findings last until resolved (MergeFindings): a finding keeps
// the months of every match that produced it with the contributions at
// stake of each (Finding.MonthStakes), a later match replaces only the
// months of its own window, and a finding closes ("cleared") only when its
// case is resolved (ClosedResolved) or when matches over all its months no
// longer show it (ClosedDisproved); none is deleted. Open findings are grouped
// into one inspection case per employer (CaseID), assigned to an inspector
// and moved forward only — open, contacted, inspected, resolved
// (CheckTransition) — resolving once the result is recorded (CaseResult:
// workers registered, amount recovered, fine, or closed without action).
// Every change is written to the audit log. Callers use Service; storage is
// the Store interface (store/compliancedb implements it on both engines),
// and who may be given a case is asked of the auth domain (Inspectors).
//
// # Measured quality
//
// Evaluate scores findings against the generator's ground truth
// (violations.csv, ReadTruth), kind by kind; the generator's unpaid_arrears
// is what evasion_arrears detects (TruthKind). Naive applies the rules a
// first attempt would write, to show what the matcher's tolerances buy.
// EvaluateBands gives the recall per difficulty band of the ground truth
// (easy, medium, hard: synth's hard province puts violations inside the
// honest noise). The thresholds of Config say which trade-off they choose.
package compliance
