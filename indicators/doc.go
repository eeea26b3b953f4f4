// Package indicators computes the indicators of the provincial plan to carry
// out Resolution 28-NQ/TW (capability 7), for the province and every
// administrative unit, for every month and year, and holds their targets,
// the allocation of each year's target to units, and the forecasts.
//
// Chỉ tiêu của Kế hoạch thực hiện Nghị quyết số 28-NQ/TW: tính cho toàn tỉnh
// và từng đơn vị hành chính, theo tháng và năm; mục tiêu, giao chỉ tiêu hằng
// năm cho xã, phường (mục II.2.4) và dự báo khả năng đạt mục tiêu.
//
// # Indicators (chỉ tiêu)
//
// Each indicator is a numerator over a denominator (Definition). The
// numerators are counted from the registry; the labour-force denominators
// come from the statistics office's feed (labor_force).
//
//   - si_coverage — Tỷ lệ lực lượng lao động tham gia BHXH: persons with a
//     mandatory SI spell (employment) or a voluntary SI enrolment covering
//     the month, over the working-age labour force. Người có quá trình đóng
//     BHXH bắt buộc hoặc tham gia BHXH tự nguyện trong tháng / lực lượng lao
//     động trong độ tuổi.
//   - voluntary_coverage — nông dân, lao động phi chính thức tham gia BHXH tự
//     nguyện: persons with a voluntary enrolment covering the month and no
//     mandatory spell in it, over the labour force. A person cannot lawfully
//     be in both; where the registry says so, mandatory wins, so that
//     si_coverage = mandatory + voluntary_coverage.
//   - ui_coverage — Tỷ lệ tham gia BHTN: persons with a mandatory spell
//     subject to unemployment insurance covering the month, over the labour
//     force. A spell is subject unless it is a seasonal contract shorter than
//     three months before 2026 (Law on Employment 38/2013, art. 43(1)(c));
//     from 2026-01 every contract of a month or more is (Law 74/2025, art.
//     31). A person drawing a pension in the month is not counted (art.
//     43(1) excludes pensioners). Employees of state bodies are counted, as
//     the contribution engine bills them.
//   - retiree_benefit — người sau tuổi nghỉ hưu hưởng lương hưu, BHXH hằng
//     tháng, trợ cấp hưu trí xã hội: persons past the normal retirement age
//     in the month (from the month after the one in which they reach it, by
//     rules.RetirementAge; before the rules' table begins, the ages of the
//     time: 60 for men, 55 for women) who receive a pension, a monthly SI
//     benefit or the social pension allowance in it, over the population
//     past retirement age (statistics office). Beneficiaries below that age
//     are not counted.
//   - e_transactions — Tỷ lệ giao dịch điện tử: transactions (procedures:
//     registrations, declarations, voluntary enrolments, payments) submitted
//     online in the month, over all transactions submitted in it. A
//     transaction is placed in its subject's commune (the person's, or the
//     employer's).
//   - satisfaction — Chỉ số hài lòng: survey answers scoring 4 or 5 out of 5
//     (satisfied or very satisfied) given in the month, over all answers.
//   - collection_rate — Tỷ lệ thu: the amount paid in the month over the
//     amount billed by the month's close (assessed and retroactive), from
//     the notices of the closed months; budget support accounts are left
//     out (they belong to no commune).
//   - arrears_ratio — Tỷ lệ nợ: the amount overdue at the month's close over
//     the amount billed in the twelve months ending with it.
//
// A participant is counted in the commune where they live (persons carry
// their current commune). Each person counts once in a month, whatever the
// number of their spells, enrolments or benefits: two jobs, or a job and a
// voluntary enrolment, make one participant.
//
// # Months and years
//
// Every indicator is computed for every month from Options.From (default
// 2018-01, the plan's first year) to Options.Through (the current month).
// A year's figure is the position in its December (for the current year:
// the last month computed) for counts of persons and arrears, and the sum
// of its months for transactions, answers and amounts (flows). The
// labour-force denominator of a month is its year's figure, or the latest
// earlier year's when the statistics office has not given it yet; before
// the feed's first year there is none ("no data").
//
// A source the system does not record yet (the monthly close before any
// month is closed) gives no figure: the indicator says "no data"
// (chưa có dữ liệu), never zero. A month whose denominator is zero (no
// transaction in the month) has no value either.
//
// # Administrative history
//
// The registry keeps units of each structure (codes were reused on
// 2025-07-01: a unit is identified by code and the first day of its
// version) and the successor links between them. Each period is computed
// under the units in force in it: months before 2025-07 under the communes,
// districts and provinces of that time, later months under today's communes
// and province; a year under the units in force in its December. Today's
// province is also computed for every period, over its whole territory: its
// series is continuous and exact.
//
// Persons carry only their current commune. For a period before the
// reorganisation a person is placed in one of the old communes their new
// commune was made of, chosen deterministically from the person's ID (a
// hash), with probability proportional to the part of each old commune
// that went into it: an old commune O weighs LF(O) / T(O), its labour force
// in the last year the feed gives it under the old structure divided by the
// number T(O) of new communes it was divided among (or 1 / T(O) when the
// feed has none). Each person is placed once, in one old commune, for every
// indicator: districts and provinces of the time add up their communes,
// and the old provinces add up to today's province exactly.
//
// On request, periods before the reorganisation are also given under
// today's units (re-mapped; Facts.Remapped): numerators are then exact (the
// persons' current communes), and denominators are carried from the
// statistics office's old-structure figures through the successor links.
// An old commune divided among several new ones is shared among them
// equally (SplitEqual, the default) or in proportion to the new communes'
// labour force in the first year the feed gives it (SplitLaborForce),
// always by the largest-remainder method, so that totals are kept.
// Backwards (new figures for an old structure) the weights of the placement
// above are used. A carried figure is known when every unit it comes from
// is known; a unit without a figure of its own takes the sum of its
// children when all of them are known.
//
// The statistics office's feed does not say which structure its codes
// belong to: a year's rows are read in the structure whose units their
// codes match best (the largest Jaccard index between the year's codes and
// the structure's; a tie goes to the structure in force at the year's end).
//
// # Targets (mục tiêu)
//
// The plan's targets for 2021, 2025 and 2030 (section II.1.2.1–3) are built
// in (PlanTargets); officers edit them or add targets for other years (the
// store keeps the edits; an edit for a year replaces the plan's). The
// target of a year between two targets lies on the straight line between
// them, rounded half-up to the basis point (2023: halfway from 50% to 55%,
// 52.50%); after the last target it holds (the 100% of electronic
// transactions set for 2021); before the first there is none. The plan's
// qualitative targets (level-4 online services, the ASEAN-4 level of
// transaction hours) are listed with how far AnSinh measures them.
//
// # Allocation (giao chỉ tiêu, mục II.2.4)
//
// Allocate shares a year's province target among units in whole
// participants adding up to it exactly: the increase over the year is
// shared partly by the units' labour force and partly by their gaps (how
// far each is below the province's rate), in a mix officers set
// (LaborForceWeight, default 50%), times each unit's multiplier (percent,
// default 100), by the largest-remainder method. A unit's target then
// replaces the province's rate as its target in every table.
//
// # Forecast (dự báo)
//
// ForecastOf fits a straight line by least squares to the last 24 months
// (Window) and projects it to December of the target year: for indicators
// counting persons, the number of participants, the denominator held at its
// last value; it says whether the target is reached, the net additions a
// month needed, and how many more a month than the trend gives. For shares
// of transactions and answers, the rate itself is fitted.
//
// # Computation and storage
//
// Compute reads each source once, streaming (persons on one goroutine, the
// other rows on another): each person's months become bitsets (mandatory,
// voluntary, UI, benefits, pension), combined with bit operations, and each
// run of months is added to a difference array of the person's commune in
// every structure; prefix sums give the counts, which are added up the
// hierarchy. The work grows with the registry's rows, not with units ×
// months. Refresh stores the facts (the numerators and denominators, not
// the ratios) of every unit and period in one transaction, replacing the
// previous ones; it is idempotent and safe to re-run. BenchmarkRefresh
// measures it (ANSINH_BENCH_WORKERS sets the size).
package indicators
