// Package collection is the monthly close of AnSinh: it bills the
// mandatory contributions of every employer, person and fund, the
// voluntary contributions with their support, allocates the payments,
// accrues late-payment interest, tells late payment from evasion, and
// issues a notice per payer (form C12 for employers). Its results are
// exported as the assessments, notices and arrears files, printed notices
// (PDF), and read by the web layer and the indicators.
//
// # The close of a month
//
// Close(ctx, st, C, opt) closes month C over st, the close's CloseStore
// (store/collectiondb implements it); CloseThrough closes every open
// month up to one, in order; Reopen reopens a month and every later one and
// closes them again (audited). Months close in order: the first month
// closed starts the books, and nothing before it is billed. Closing a month
// already closed changes nothing. A month is closed only after it has ended
// in Vietnam on the database's clock (MonthEnded), so that every
// declaration dated in it is known; one declared later for it is billed as
// a retroactive month by the next close. One close, reopening or close
// through a month runs at a time: each holds the job lock CloseJob
// (CloseStore.Exclusive), and a second is refused with a message naming the
// first.
//
// A close runs in two phases, both recorded in the run log (close_runs,
// close_batches):
//
//  1. Assessment. The employers, in tax-code order, are cut into batches
//     of opt.BatchEmployers (the first an eighth of that, so that writing
//     starts early) when the run starts; the batches are stored with the
//     run, so a resumed run has the same ones. Each batch reads its
//     employment spells in (tax code, person, start) order, assesses each
//     worker-month with rules.ContributionRules.Assess (the zero-allocation
//     hot path, whose figures equal the explained rules.Params.Contribution
//     and `ansinh calc contribution`), and writes its assessment rows, its
//     per-employer charges and its 'done' mark in one transaction, with the
//     store's bulk appends (COPY on PostgreSQL). Reading the next batches
//     overlaps writing the previous ones; the batches read meanwhile (up to
//     three) are written in one transaction, each with its mark.
//  2. Posting, in one transaction: the voluntary contributions, then every
//     account's charges, payments and interest, then its open debts and its
//     notice; the month is then marked closed and the close audited.
//
// A process killed at any point leaves committed batches and nothing else
// of the batch in flight; the next run of the month (or CloseThrough)
// completes the pending batches and the posting, to the same result.
//
// # What a close bills
//
// The region of an employer in a billed month is that of its commune in
// that month, decided once per commune and month (rules.WithProvinceUnits,
// the lists `calc contribution` uses): a province's own dated unit row with
// a region valid in the month wins; otherwise the national lists — the
// placeholder by unit type until 2025-12-31, flagged unconfirmed
// (rules.FlagUnconfirmed on the row), then Decree 293/2025. Unit rows that
// only repeat the national units (`ansinh units load`) decide nothing. A
// commune with no region in a month leaves its months unassessed with a
// no_region warning.
// The employer kind is employers.kind. The pay scale is the contract scale
// for every spell (the employment file does not say when a state employer's
// worker is on the state scale); the wage is the spell's wage. A person's
// later spell at the same employer covering a month replaces an earlier one
// (a wage change declared as a new spell).
//
// The retroactive rule: the close of month C knows exactly the spells whose
// declared_on is on or before C's last day. A spell month p is therefore
// billed by the close of max(p, the month of declared_on), and never before
// the books start: the close of C bills C for every spell covering C
// declared by then, and the months p < C of every spell declared during C
// (retroactive). A retroactive month's contributions are owed from their own
// deadline, so interest runs from that deadline. A month already billed by
// an earlier close is not billed again (a warning says so: an adjustment
// needs its own declaration); the months billed before are looked up per
// batch by one join of the batch's (month, employer, person) list with the
// assessments' primary key, not per person.
//
// Voluntary SI: an enrolment is billed at the first month of each payment
// block (monthly, quarterly, semiannual, annual, counted from its start
// month) for the block's months (cut at its end month), with
// rules.Params.Voluntary of that first month. The participant is billed the
// contribution less the support; the state's support (for at most the
// parameter's number of months per person, counted over the closes) is
// billed to the state budget account BudgetState and the province's to
// BudgetProvince: the three are accounted separately. Voluntary accounts
// bear no late interest.
//
// # Deadlines, interest and standing
//
// Each month owed is due on rules.Params.Deadline (the end of the same month
// to 2025-06-30, an unconfirmed parameter; the end of the following month
// from 2025-07-01). Late interest accrues on the unpaid principal of an
// employer's month for each day after its deadline, by
// rules.Params.LateInterest at the rate in force on each day (0.03% a day
// from 2025-07-01; the L2014 yearly rate before). Interest is counted, and
// rounded half-up once, on each payment's value date (for the days since it
// was last counted, through that day inclusive) and at each close's last
// day. The national table has no value for the L2014 rate: days before
// 2025-07-01 then bear no computed interest, are counted in the notice
// (unrated_days) and warned about, until a province loads the rate
// (opt.Params, `ansinh close --overlay`). No rate is ever invented.
//
// A notice's status is evasion or late from rules.Params.Classify of the
// months whose principal is unpaid at the close's last day (evasion 60 days
// after the deadline), late for interest alone, current otherwise; its
// months_overdue counts the whole months since the oldest unpaid deadline.
// Arrears are aged by the same count in the buckets 0-1, 1-3, 3-6, 6-12 and
// 12+ months.
//
// # Allocation of payments
//
// The close of C allocates every payment paid on or before C's last day and
// not yet allocated, account by account, in order of value date, payment
// day, payer and reference. The value date is the payment day; a payment
// dated in a month already closed (a late bank file) takes the first day of
// C (reopen that month to apply it at its own date). The books hold no debt
// from before their first month F, so payments made up to the payment
// deadline of the month before F (rules.Deadline(F-1)) are taken to have
// settled that earlier debt and are not allocated; counting them would turn
// them into credit and hide real arrears. For each payment:
//
//  1. interest is counted through the value date;
//  2. the money goes to the oldest month owed first (by month, then by the
//     close that billed it): first that month's interest, then its
//     principal; then the next month;
//  3. what is left is kept as credit, applied to the next charges on the
//     first day of the next close.
//
// Payments are idempotent by (payer, ref): the payments table's key makes
// an imported file imported again a no-op, and each payment is posted once
// (payment_postings, by close; the payment is marked with the month of the
// close that posted it, so that a close reads only the payments not yet
// posted, and a close that would post a marked payment fails). A
// payment whose payer is neither an employer, a
// person nor a budget account is left in suspense (Suspense), never lost;
// once an officer attributes it (AttributePayment), the next close
// allocates it to that account. RecordPayment is the portals' entry point.
//
// Collection agents: each close sums the payments of channel agent by
// agent; the commission is the rate of the agent's contract in force
// (agent_contracts) times the amount, rounded half-up. The product has no
// default rate: a contract without one gives no commission, and a warning.
//
// # Storage
//
// The notices, debts, payments, payment orders, arrears, agents' contracts
// and the exports read and write through Store, in the collection's terms
// (store/collectiondb implements it; cmd/ansinh wires it). GroupArrears is
// the one arrears aggregation, in the buckets of Buckets.
package collection
