// Package synth generates a synthetic province: the rows of every exchange
// file of formats.md (units, persons, employers, employment spells,
// voluntary enrolments, beneficiaries, payments, the partners' feeds, the
// paper records and the deaths), the benefit claims its workers file, and
// the ground truth of the violations it injected, so that the compliance
// findings can be scored for precision and recall.
//
// The output is deterministic: the same Config gives the same rows in the
// same order, byte for byte. There is no clock and no map iteration in the
// output path; every random draw comes from a PCG stream of math/rand/v2
// derived from the seed and the entity it concerns (an employer by its place
// in the list, a voluntary participant or a beneficiary by its person
// number), so that the draws of one entity never shift those of another. Generation is one pass over the months, from
// From to Through, with one state per employer and one compact record per
// current job; rows go to the Sink as soon as they are known (a spell when
// it closes, a person when first met), so memory grows with the current
// workforce, not with the history (about 300 MB for a million workers).
//
// # Geography
//
// The units are the real ones of refdata: the chosen province and its
// communes from 2025-07-01, and the provinces merged into it with their
// districts and communes of the structure before (valid 2025-03-01 to
// 2025-06-30), with the successor links. Successor rows whose old commune is
// missing from the old structure are left out (three in Bắc Ninh), so that
// every written code resolves. Everyone lives, and every employer sits, in
// a commune of the new structure; a commune's minimum-wage region is the one
// refdata gives. A commune's population weight is the number of old communes
// merged into it, 1.6 times for a ward, with a random spread of ±25%. The
// share of ethnic-minority residents follows the old district (about half in
// the mountain districts of Sơn Động and Lục Ngạn, 0.5% in old Bắc Ninh).
// Industrial zones are real ones of Bắc Ninh (KCN Yên Phong, KCN Quế Võ, KCN
// Tiên Sơn, VSIP Bắc Ninh, KCN Quang Châu, KCN Vân Trung, KCN Đình Trám, KCN
// Song Khê – Nội Hoàng), each at the new commune that absorbed its site; for
// another province, "KCN <name>" in its three most populous wards.
//
// # Employers
//
// Sizes are drawn per class until each class holds its share of Workers at
// Through; the shares follow Bắc Ninh's insured workforce, dominated by
// foreign-invested electronics:
//
//	class                     share  size at Through            in a zone
//	large FDI factories       24.5%  about 45 at 1M workers,     all
//	                                 1,000–10,000 each; fewer
//	                                 and smaller below (√Workers)
//	other FDI                 28%    30–1,500                    80%
//	private firms             28%    65% 1–10, 25% 11–50,        10%
//	                                 8% 51–300, 2% 301–1,500
//	state units               10%    8–300 (schools, clinics,
//	                                 commune offices)
//	state-owned enterprises    5%    20–1,200
//	household businesses       2.5%  1–8
//	cooperatives               1.5%  3–40
//
// Most employers already operate in From, at 35–120% of their final size
// (state units 85–100%) and grow on a straight line; the others open during
// the span and reach their size in 6–24 months. Each month's target swings
// ±3% with the season (not in the public sector) and is exact at Through.
// Another 8% of employers close before Through (dissolved in the business
// registry). Tax codes have ten digits: the tax authority's province number
// (23 for old Bắc Ninh, 24 for old Bắc Giang; elsewhere the GSO code of the
// old province), seven scattered serial digits that never repeat, and the
// check digit (serials without a valid digit are skipped).
//
// # Workers and wages
//
// A hire is a person who left a job within the last months (35% when there
// are some), a person taking a second job (4% of hires at small firms), or a
// new person. New persons are 18–50 in the factories (80% under 33, 68%
// women) and 18–60 elsewhere (women 35% in state-owned enterprises, 58% in
// state units); nobody is hired within a year of retirement age (rules.md
// §6). A third live in the employer's commune, the rest anywhere by
// population. Their ID's province of birth is their commune's old province
// (or another merged into the same new one, 10%), or for migrants (30% in
// the factories, 12% in private firms, 3–8% elsewhere) a province of the
// north weighted by the flows towards the zones. Names: a surname by
// frequency (southern spellings Huỳnh, Võ mostly folded into Hoàng, Vũ in the
// north), then "Thị" and a given name for 40% of women, "Văn" and a given
// name for 30% of men, otherwise a "middle given" pair of the sex. Legacy
// 10-digit numbers go to 85% of the workforce at From and 60% of those hired
// before 2025-07; none after, when the personal ID became the number.
//
// The contract wage is the regional minimum of the month times a factor:
// factory lines 1.05–1.35 (75%), technicians 1.4–2.5, engineers 2.5–8;
// private firms 1 plus an exponential tail (mean 1.45, at most 6); state
// units 1.2–3.5, following the base salary raises each July it changed;
// state-owned 1.3–4; cooperatives 1–1.5; households 1–1.2. Wages are round
// (ten thousand đồng, a hundred thousand from ten million). Each January
// most workers get 3–10% (15–80% of them by kind); whenever the regional
// minimum overtakes a wage it is raised to 100–106% of it. A wage change
// closes the spell at the month before and opens the next. Leavers: 2.2% a
// month in FDI and private firms, 2.5% in households, 0.5–1.2% in the
// public sector and cooperatives; everybody leaves at retirement age, and
// 80% start a pension the next month (or since 2025-07, 7% the monthly
// benefit of the 2024 law). Declarations are made in the start month (80%)
// or in the first five days of the next; 1.5% of hires are declared 2–8
// months late, which makes the months before retroactive (billed with the
// declaration).
//
// # Payments
//
// Each month an employer owes EmployerDue over its declared spells. 72% pay
// on time (before the month's end until 2025-06, in the next month since);
// the others pay a third of their months 5–40 days after the deadline, or
// part on time and the rest 5–40 days late; state units always pay on time,
// through the bank. The share paying online grows from 10% in 2018 to 70%.
// Payments dated after Config.AsOf (today; Through's last day by default)
// are not written (not yet made), and no declaration or registration is
// dated after it: one drawn for the rest of the current month is dated
// AsOf.
//
// # Voluntary participants and beneficiaries
//
// Voluntary participants follow the plan's line: 0.45% of the labour force
// in 2018, 1.05% in 2021, 2.6% in 2025, 5.1% in 2030. They are 25–58, 55%
// women, in rural communes; a quarter come from poor or near-poor
// households. The income is the rural poverty line (65%; it rises to
// 1,500,000 in 2022 and the rows split there) or 1.2–2.5 times it, or
// 3–8 million; the mode is monthly 45%, annual 25%, quarterly 20%, six-monthly
// 10%; 85% enrol through one of the commune's agents (DL24001…). A row
// holds one category and income; the category follows the household's
// status each year. They stop at a period's end with 1.3% a month, or at
// retirement age. Each payment covers a period: 22% of the income less the
// state support of rules.md §5 (the province's own support and the discounts
// for paying years ahead are not generated).
//
// Beneficiaries are kept at shares of the population past retirement age:
// pensions 28% (2018) rising half a point a year, monthly benefits 3%
// (3.5% from 2025-07), social pension 12.5% for the 80+, 21.5% from
// 2025-07 when the age fell to 75; together 43% in 2018, 45% in 2021, 55%
// in 2025. Pensions start at the month after retirement age and rise with
// the indexations of 2018-07, 2019-07, 2022-01, 2023-07 and 2024-07 (one row
// per amount); the social pension is 270,000, 360,000 from 2021-07 and
// 500,000 from 2025-07. Deaths follow a Gompertz curve (1.2% a year at 60,
// 5% at 75, 13% at 85).
//
// # Claims and deaths
//
// Workers 22 or older at From have, 60% of them, a paper record
// (si_history) of their service before From, from a first job at 18–30:
// at the employer that has them at From, or at another of the province for
// those hired later; on the state pay scale at a state employer.
//
// Workers who retire within the last ClaimWindow months (36, ending at
// Through) are not listed as beneficiaries: each files a pension claim
// (claims) in the pension's first month, the month after reaching
// retirement age, which the benefits domain decides from the record the
// generator wrote (employment and si_history); the draws are those of a
// beneficiary, so the stocks and every other row stay the same. In the last
// UIClaimWindow months (12), 15% of those who leave a main job after a year
// of service or more file a claim for the unemployment benefit the month
// after. 35% of the claims are filed online,
// the rest at the counter; an officer checks a claim 2–12 days after
// filing and another decides it 2–12 days after the check; a step after
// AsOf has not happened yet. The claims file is not an exchange kind but
// the script the demo replays through the benefits service, so that every
// figure and decision is the domain's.
//
// The deaths of beneficiaries and claimants (drawn as above) are notified
// in person_deaths, on a day of the month of death; a claimant dies after
// filing (one who died before files nothing). As the violations are, one
// stop of a pension for a death is guaranteed: when no drawn death does it,
// the first claimant likely eligible (enough years on record, none on the
// state pay scale) and decided by the month before last dies after the
// decision and before Through.
//
// # Households and the labour force
//
// Household status is one draw per person compared with the year's rates
// (poor 3.5% in 2018 falling to 1.2%, near-poor 4.5% to 2.6%, with the rise
// of the 2022 multidimensional standard), scaled by a person's propensity
// (workers a quarter of the average, ethnic minorities three times), so a
// household leaves poverty as the rate falls. The labour force is 1.75 times
// Workers at the end, growing 1.8% a year; the population past retirement
// age is a fifth of it, rising 0.6 points a year. Both are spread over the
// communes by weight, never below the insured (or paid) residents of the
// commune over 0.9 (0.85), for the new communes from 2025 and shared among
// the old communes before. With these, the share insured is about 44% in
// 2021 and 52% in 2025 (the plan asked 50% and 55%).
//
// # Partners' feeds, violations and honest noise
//
// The Tax Department's feed covers the TaxMonths months up to Through: every
// job except at household businesses, with a taxable income of 1.00–1.22
// times the contract wage (allowances, overtime; state units 1.00–1.10)
// within ±2% from month to month. The business registry lists the
// enterprises (private, state-owned, foreign-invested) with a headcount
// within ±10%, the industrial zones' list those in a zone within ±3%.
//
// Injected violations, each written to violations with its evidence:
//
//   - unregistered_employer: 3% more enterprises (a quarter foreign-invested,
//     40% in a zone) with 3–40 workers that never registered; they appear in
//     the registry, the zone list and the tax feed. Their workers are not
//     listed one by one: the finding is the employer.
//
//   - unregistered_worker: at 6% of the firms, during the tax feed, hires
//     that are not declared for at least three months (40% are declared
//     later, from the month of declaration only).
//
//   - underdeclared_wage: at 2% of the firms of 3–200 workers, 70% of the
//     workers (at least one) earn 1.45–2.2 times the declared wage in every
//     month of the tax feed.
//
//   - unpaid_arrears: 1.2% of the employers stop paying 4–18 months before
//     Through and never resume.
//
//   - late_declaration: the late declarations below whose day falls more
//     than 60 days after the registration deadline (30 days from the start
//     of work), from 2025-07-01: evasion under L2024 art. 39, for their
//     months of the tax feed before the month of declaration.
//
// Each violation carries a difficulty band (easy, medium, hard).
//
// A hard province (Config.Hard) makes the violations overlap the honest
// noise: a 24-month tax feed (HardTaxMonths); underdeclared ratios from 1.1
// (inside the allowances' spread) and two underdeclared workers in five
// underdeclared from a later month only; a 13th-month pay in December
// doubling the month's income for two jobs in five; three in ten of the
// sloppy firms' undeclared hires declared the month after (one month
// uncovered); a fifth of the unregistered enterprises missing from the tax
// feed and a fifth from the business registry; half the stoppers paying
// 20–60% of each month's dues.
//
// Honest noise that is not listed: two jobs at once; a Tết bonus of two to
// three months' pay in January or February for a third of the workers; the
// final pay recorded the month after a worker left (12%); late
// declarations within the 60 days after the registration deadline, whose
// months have taxable income before the declaration but are covered by the
// retroactive spell; enterprises in the registry without
// employees; and registry names written without diacritics (30%, two thirds
// of them in capitals).
//
// A plain detector finds exactly the listed cases: a job with taxable income
// in two consecutive months without a spell is an unregistered worker, two
// consecutive months at 1.3 times the declared wage or more an
// underdeclared wage, and an employer whose dues are not all paid 60 days
// after the end of the month following their billing month is in arrears.
// The tests check this both ways.
package synth
