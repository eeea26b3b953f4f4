package benefits

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"ansinh"
	"ansinh/registry"
	"ansinh/rules"
	"golang.org/x/text/unicode/norm"
)

// Service runs claims: estimates, filing, the maker–checker workflow.
type Service struct {
	Store  Store
	Params *rules.Params
	Now    func() time.Time
	// PayrollHook, when set, is called after each payroll batch is
	// committed, with its index in the run; an error stops the run there
	// (as a crash would), for tests of the re-run.
	PayrollHook func(batch int) error
	// PayrollProgress, when set, is told the payroll's progress in
	// batches: before each batch, the batches of the run done so far (those
	// of an earlier interrupted run included) and their total; once more
	// with done = total at the end. It is not called for a done period.
	PayrollProgress func(done, total int)
	// PayrollBatch is the number of claim ids a payroll batch spans (0:
	// PayrollBatchSize).
	PayrollBatch int
	// Jobs, when set, makes two payroll runs exclude each other: the second
	// is refused with a message naming the running one.
	Jobs JobLocker
}

// JobLocker makes two runs of one job exclude each other. LockJob takes the
// lock of the named job for holder (shown to whoever is refused), or
// refuses with a conflict error naming the running job; release ends the
// holding and reports a lock lost while it was held.
type JobLocker interface {
	LockJob(ctx context.Context, name, holder string) (release func() error, err error)
}

// PayrollJob is the name of the payroll's job lock.
const PayrollJob = "payroll"

// Actor is who acts on a claim.
type Actor struct {
	Login   string
	Citizen bool // a citizen acting for themself (online channel)
	Scope   ansinh.Scope
}

// now returns the service's time.
func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Record returns a person's contribution record through this month.
func (s *Service) Record(ctx context.Context, sc ansinh.Scope, personID string) (Person, Record, error) {
	through := ansinh.ThisMonth(s.now())
	p, err := s.Store.Person(ctx, sc, personID, through.Year())
	if err != nil {
		return Person{}, Record{}, err
	}
	c, err := s.Store.Career(ctx, personID)
	if err != nil {
		return Person{}, Record{}, err
	}
	return p, BuildRecord(c, through), nil
}

// Estimate decides req on the person's record as it stands, without filing.
func (s *Service) Estimate(ctx context.Context, sc ansinh.Scope, req Request) (Assessment, error) {
	if err := checkRequest(req); err != nil {
		return Assessment{}, err
	}
	p, rec, err := s.Record(ctx, sc, req.PersonID)
	if err != nil {
		return Assessment{}, err
	}
	month := req.Month
	if month.IsZero() {
		month = ansinh.ThisMonth(s.now())
	}
	has, err := s.Store.HasMonthlyBenefit(ctx, req.PersonID, month)
	if err != nil {
		return Assessment{}, err
	}
	return Assess(s.Params, p, rec, req, ansinh.ThisMonth(s.now()), has), nil
}

// checkRequest checks a request as strictly as an import row.
func checkRequest(req Request) error {
	if _, err := ParseKind(string(req.Kind)); err != nil {
		return err
	}
	if len(req.PersonID) != 12 || strings.Trim(req.PersonID, "0123456789") != "" {
		return ansinh.Invalid("person_id", "Mã định danh phải có 12 chữ số.", "The personal ID must have 12 digits.")
	}
	if req.Kind == KindUI && req.Month.IsZero() {
		return ansinh.Invalid("month", "Cần tháng chấm dứt hợp đồng lao động (YYYY-MM).", "The month the contract ended is needed (YYYY-MM).")
	}
	return nil
}

// File files a claim: the estimate on the record as it stands is kept with
// it; the claim is a procedure (online for a citizen, counter otherwise).
func (s *Service) File(ctx context.Context, by Actor, req Request) (Claim, error) {
	return s.file(ctx, by, req, "")
}

// file files a claim; note is added to the audit entry's detail.
func (s *Service) file(ctx context.Context, by Actor, req Request, note string) (Claim, error) {
	a, err := s.Estimate(ctx, by.Scope, req)
	if err != nil {
		return Claim{}, err
	}
	c := Claim{PersonID: req.PersonID, Kind: req.Kind, Status: StatusSubmitted, Channel: ChannelCounter, Request: req,
		Assessment: a, FiledBy: by.Login, FiledAt: s.now()}
	if by.Citizen {
		c.Channel = ChannelOnline
	}
	err = s.Store.CreateClaim(ctx, &c, Audit{Actor: by.Login, Action: "claim.file", Object: "person:" + req.PersonID,
		Detail: strings.TrimSpace(fmt.Sprintf("%s %s %s", req.Kind, c.Channel, note))})
	return c, err
}

// checkIdentity compares the identity the officer typed with the
// registry's: names equal after normalisation (Unicode form, case, spaces,
// tone-mark placement), the same birth date. Every mismatch is refused
// with its field.
func (s *Service) checkIdentity(ctx context.Context, by Actor, personID string, id Identity) error {
	if by.Citizen {
		return errCounterOnly
	}
	name := strings.TrimSpace(norm.NFC.String(id.FullName))
	switch {
	case name == "" || utf8.RuneCountInString(name) > 200:
		return ansinh.Invalid("full_name", "Cần họ và tên của người đề nghị (theo giấy tờ tùy thân).", "The claimant's full name (from their identity papers) is needed.")
	case id.BirthDate == 0:
		return ansinh.Invalid("birth_date", "Cần ngày sinh của người đề nghị (dd/mm/yyyy).", "The claimant's birth date (dd/mm/yyyy) is needed.")
	}
	p, err := s.Store.Person(ctx, by.Scope, personID, ansinh.ThisMonth(s.now()).Year())
	if err != nil {
		return err
	}
	var refused *ansinh.Error
	switch {
	case !registry.SameName(p.Name, name):
		refused = ansinh.Invalid("full_name", "Họ và tên không khớp với sổ đăng ký của mã định danh này.", "The full name does not match the registry's for this personal ID.")
	case p.BirthDate != id.BirthDate:
		refused = ansinh.Invalid("birth_date", "Ngày sinh không khớp với sổ đăng ký của mã định danh này.", "The birth date does not match the registry's for this personal ID.")
	default:
		return nil
	}
	// A mismatch is traced (which field, not what was typed): repeated
	// ones are how a search for others' records by guessing shows.
	if err := s.Store.WriteAudit(ctx, Audit{Actor: by.Login, Action: "claim.identity_refused", Object: "person:" + personID,
		Detail: refused.Field}); err != nil {
		return err
	}
	return refused
}

// errCounterOnly refuses a counter step to a citizen.
var errCounterOnly = &ansinh.Error{Code: ansinh.EFORBIDDEN,
	Message:   "Chỉ cán bộ tại quầy mới nộp hồ sơ thay cho người đề nghị.",
	MessageEN: "Only an officer at the counter files a claim for a claimant."}

// EstimateAtCounter is the estimate an officer at the counter shows the
// claimant before filing: the identity is checked against the registry
// first.
func (s *Service) EstimateAtCounter(ctx context.Context, by Actor, req Request, id Identity) (Assessment, error) {
	if err := checkRequest(req); err != nil {
		return Assessment{}, err
	}
	if err := s.checkIdentity(ctx, by, req.PersonID, id); err != nil {
		return Assessment{}, err
	}
	return s.Estimate(ctx, by.Scope, req)
}

// FileAtCounter files a claim for a claimant at the counter: the identity
// is checked against the registry, the claim records the counter channel
// and the officer who filed it, and the filing is audited. That officer
// may check the claim (the maker's step) but never decide it.
func (s *Service) FileAtCounter(ctx context.Context, by Actor, req Request, id Identity) (Claim, error) {
	if err := checkRequest(req); err != nil {
		return Claim{}, err
	}
	if err := s.checkIdentity(ctx, by, req.PersonID, id); err != nil {
		return Claim{}, err
	}
	return s.file(ctx, by, req, "identity_checked")
}

// Check is the maker's step: the record is read again, the claim decided on
// it and the figures kept with the claim.
func (s *Service) Check(ctx context.Context, by Actor, id int64) (Claim, error) {
	c, err := s.Store.Claim(ctx, by.Scope, id)
	if err != nil {
		return Claim{}, err
	}
	if c.Status != StatusSubmitted {
		return Claim{}, errStatus(c.Status)
	}
	a, err := s.Estimate(ctx, by.Scope, c.Request)
	if err != nil {
		return Claim{}, err
	}
	c.Assessment, c.Status, c.CheckedBy, c.CheckedAt = a, StatusChecked, by.Login, s.now()
	return c, s.Store.MoveClaim(ctx, c, StatusSubmitted, Audit{Actor: by.Login, Action: "claim.check", Object: claimObject(c.ID),
		Detail: fmt.Sprintf("decided=%t eligible=%t monthly=%d lump_sum=%d", a.Decided, a.Eligible, a.Monthly, a.LumpSum)})
}

// Approve is the checker's approval: never by the maker who checked it;
// only a claim the record decides and finds eligible is approved.
func (s *Service) Approve(ctx context.Context, by Actor, id int64) (Claim, error) {
	c, err := s.checkerStep(ctx, by, id)
	if err != nil {
		return Claim{}, err
	}
	a := c.Assessment
	if !a.Decided || !a.Eligible {
		return Claim{}, &ansinh.Error{Code: ansinh.ECONFLICT,
			Message:   "Hồ sơ chưa đủ điều kiện hoặc chưa đủ dữ liệu để duyệt: hãy từ chối kèm lý do.",
			MessageEN: "The claim is not eligible or cannot be decided on the record: reject it with reasons."}
	}
	c.Status, c.DecidedBy, c.DecidedAt = StatusApproved, by.Login, s.now()
	c.Monthly, c.LumpSum, c.Start, c.End = a.Monthly, a.LumpSum, a.Start, a.End
	return c, s.Store.MoveClaim(ctx, c, StatusChecked, Audit{Actor: by.Login, Action: "claim.approve", Object: claimObject(c.ID),
		Detail: fmt.Sprintf("monthly=%d lump_sum=%d start=%s", c.Monthly, c.LumpSum, c.Start)})
}

// Reject refuses a claim with reasons (by the checker, never the maker who
// checked it). A rejected claim pays nothing.
func (s *Service) Reject(ctx context.Context, by Actor, id int64, reason string) (Claim, error) {
	reason = strings.TrimSpace(norm.NFC.String(reason))
	if reason == "" || utf8.RuneCountInString(reason) > 2000 {
		return Claim{}, ansinh.Invalid("reason", "Cần nêu lý do từ chối (tối đa 2000 ký tự).", "Give the reasons for the rejection (at most 2000 characters).")
	}
	c, err := s.checkerStep(ctx, by, id)
	if err != nil {
		return Claim{}, err
	}
	c.Status, c.DecidedBy, c.DecidedAt, c.Reason = StatusRejected, by.Login, s.now(), reason
	c.Monthly, c.LumpSum = 0, 0
	return c, s.Store.MoveClaim(ctx, c, StatusChecked, Audit{Actor: by.Login, Action: "claim.reject", Object: claimObject(c.ID), Detail: reason})
}

// checkerStep loads a checked claim for its checker.
func (s *Service) checkerStep(ctx context.Context, by Actor, id int64) (Claim, error) {
	c, err := s.Store.Claim(ctx, by.Scope, id)
	if err != nil {
		return Claim{}, err
	}
	if c.Status != StatusChecked {
		return Claim{}, errStatus(c.Status)
	}
	if c.CheckedBy == by.Login {
		return Claim{}, ErrSameOfficer
	}
	if c.Channel == ChannelCounter && c.FiledBy == by.Login {
		return Claim{}, ErrFiledBySameOfficer
	}
	return c, nil
}

// ErrSameOfficer refuses a decision by the officer who checked the claim.
var ErrSameOfficer = &ansinh.Error{Code: ansinh.EFORBIDDEN,
	Message:   "Người kiểm tra hồ sơ không được tự duyệt hoặc từ chối: cần một cán bộ khác.",
	MessageEN: "The officer who checked the claim may not decide it: another officer must."}

// ErrFiledBySameOfficer refuses a decision by the officer who filed the
// claim at the counter: receiving a claim and checking it are the maker's
// side; the decision is always another officer's.
var ErrFiledBySameOfficer = &ansinh.Error{Code: ansinh.EFORBIDDEN,
	Message:   "Cán bộ nhận hồ sơ tại quầy không được tự duyệt hoặc từ chối: cần một cán bộ khác.",
	MessageEN: "The officer who filed the claim at the counter may not decide it: another officer must."}

// errStatus refuses a step the claim's status does not allow.
func errStatus(st Status) error {
	return &ansinh.Error{Code: ansinh.ECONFLICT,
		Message:   "Hồ sơ đang ở trạng thái " + string(st) + ": không thực hiện được bước này.",
		MessageEN: "The claim is " + string(st) + ": this step is not possible."}
}

// claimObject names a claim in the audit log.
func claimObject(id int64) string { return fmt.Sprintf("claim:%d", id) }
