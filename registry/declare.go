package registry

import (
	"context"
	"fmt"

	"ansinh"
	"ansinh/rules"
)

// SubmitDeclaration receipts a declaration and applies its lines to the
// registry in one transaction (Apply). The employer is locked for the
// transaction, so that two declarations of one employer (or the same one
// sent twice) are applied one after the other. A line that fails Check or
// conflicts with the registry is rejected with its reason; the others are
// applied. The declaration, its procedure and an audit entry are recorded
// with the times of submission and processing.
func (s *Service) SubmitDeclaration(ctx context.Context, sub Submission) (Declaration, error) {
	if len(sub.Lines) == 0 {
		return Declaration{}, ansinh.Invalid("lines", "Tờ khai không có dòng nào.", "The declaration has no lines.")
	}
	sub.TaxCode, sub.Channel = Clean(sub.TaxCode), Clean(sub.Channel)
	// The wage floor is read before the transaction: a read on the pool
	// inside it could wait for a connection that transactions queued on
	// the employer's lock all hold, and never get one (PostgreSQL).
	floor, err := s.employerFloor(ctx, sub.TaxCode, ansinh.Today(s.store.Now()))
	if err != nil {
		return Declaration{}, err
	}
	var d Declaration
	err = s.store.Update(ctx, func(tx Tx) error {
		var err error
		d, err = s.declare(ctx, tx, sub, floor)
		return err
	})
	return d, err
}

// employerFloor returns the wage floor of the employer's commune on the
// day (floorAt); an unknown employer is refused later, by LockEmployer.
func (s *Service) employerFloor(ctx context.Context, tax string, day ansinh.Date) (func(ansinh.Period) (ansinh.Money, bool), error) {
	e, err := s.store.FindEmployer(ctx, tax, ansinh.Scope{All: true})
	if err != nil && ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
		return nil, err
	}
	return s.floorAt(ctx, e, day), nil
}

// declare records the declaration and applies its lines inside tx.
func (s *Service) declare(ctx context.Context, tx Tx, sub Submission, floor func(ansinh.Period) (ansinh.Money, bool)) (Declaration, error) {
	e, err := tx.LockEmployer(ctx, sub.TaxCode)
	if err != nil {
		return Declaration{}, err
	}
	submitted := s.store.Now()
	d := Declaration{TaxCode: e.TaxCode, Channel: sub.Channel, Status: "received", SubmittedBy: sub.Actor, SubmittedAt: submitted}
	if d.ProcedureID, err = tx.AddProcedure(ctx, Procedure{Kind: ProcDeclaration, Subject: e.TaxCode,
		Channel: sub.Channel, UserID: sub.UserID, Status: "received", SubmittedAt: submitted}); err != nil {
		return d, err
	}
	if err := tx.AddDeclaration(ctx, &d); err != nil {
		return d, err
	}
	today := ansinh.Today(submitted)
	d.ReceiptNo = fmt.Sprintf("D02-%s-%06d", today.Time().Format("20060102"), d.ID)
	env := LineEnv{Employer: e, Today: today, Floor: floor}
	for i, l := range sub.Lines {
		l.LineNo = i + 1
		if err := s.applyLine(ctx, tx, env, &d, l); err != nil {
			return d, err
		}
	}
	return d, s.finishDeclaration(ctx, tx, &d)
}

// applyLine checks and applies one line and records it with its outcome.
func (s *Service) applyLine(ctx context.Context, tx Tx, env LineEnv, d *Declaration, l DeclarationLine) error {
	l.Status = LineAccepted
	var r *Rejection
	if err := l.Check(); err != nil {
		r = checkRejection(err)
	} else if r, err = Apply(ctx, tx, env, &l); err != nil {
		return err
	}
	if r != nil {
		l.Status, l.Reason, l.ReasonEN = LineRejected, r.VI, r.EN
		d.Rejected++
	} else {
		d.Accepted++
	}
	if err := tx.AddDeclarationLine(ctx, d.ID, l); err != nil {
		return err
	}
	d.Lines = append(d.Lines, l)
	return nil
}

// checkRejection turns a failed Check into a rejection.
func checkRejection(err error) *Rejection {
	if e, ok := err.(*ansinh.Error); ok {
		return reject(e.Message, e.MessageEN)
	}
	return reject("Dòng khai không hợp lệ.", "The line is not valid.")
}

// finishDeclaration records the outcome of a declaration and its procedure.
func (s *Service) finishDeclaration(ctx context.Context, tx Tx, d *Declaration) error {
	d.ProcessedAt = s.store.Now()
	proc := "completed"
	switch {
	case d.Rejected == 0:
		d.Status = "processed"
	case d.Accepted == 0:
		d.Status, proc = "rejected", "rejected"
	default:
		d.Status = "partial"
	}
	if err := tx.FinishDeclaration(ctx, *d); err != nil {
		return err
	}
	if err := tx.FinishProcedure(ctx, d.ProcedureID, proc, d.ReceiptNo, d.ProcessedAt); err != nil {
		return err
	}
	return tx.Audit(ctx, AuditEntry{At: d.SubmittedAt, Actor: d.SubmittedBy, Action: "declaration.submit",
		Object: "employer:" + d.TaxCode, Detail: fmt.Sprintf("%s channel=%s accepted=%d rejected=%d", d.ReceiptNo, d.Channel, d.Accepted, d.Rejected)})
}

// floorAt returns the wage floor of a month at the employer: the floor of
// the social insurance base of an untrained job in the region of the
// employer's commune (rules: ContributionRules.Floor, the regional minimum
// wage under the 2014 law, the reference level under the 2024 law). When
// the commune's region is unknown the lowest floor of the four regions
// applies; a month the rules do not cover has no floor.
func (s *Service) floorAt(ctx context.Context, e Employer, day ansinh.Date) func(ansinh.Period) (ansinh.Money, bool) {
	region := rules.Region(0)
	if u, err := s.store.FindUnit(ctx, e.CommuneCode, day); err == nil {
		region, _ = rules.ParseRegion(u.Region)
	}
	return func(m ansinh.Period) (ansinh.Money, bool) {
		cr, err := s.rules.ContributionRules(m)
		if err != nil {
			return 0, false
		}
		if region.Valid() {
			return cr.Floor[region], true
		}
		low := cr.Floor[rules.RegionI]
		for r := rules.RegionII; r <= rules.RegionIV; r++ {
			low = min(low, cr.Floor[r])
		}
		return low, true
	}
}
