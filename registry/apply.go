package registry

import (
	"context"

	"ansinh"
)

// LineEnv is what a declaration's lines are applied against: the employer
// (locked in the transaction), the day of submission and the wage floor of
// a month at the employer (false when no floor is known for the month).
type LineEnv struct {
	Employer Employer
	Today    ansinh.Date
	Floor    func(ansinh.Period) (ansinh.Money, bool)
}

// Apply applies a checked line to the registry inside tx: a hire opens a
// spell (adding the person when unknown, in the employer's commune), a leave
// closes the open spell, a wage change closes it and opens a new one. A line
// that conflicts with the registry or the law is not applied: Apply returns
// why, and an error only when the database fails.
func Apply(ctx context.Context, tx Tx, env LineEnv, l *DeclarationLine) (*Rejection, error) {
	open, found, err := tx.OpenSpell(ctx, env.Employer.TaxCode, l.PersonID)
	if err != nil {
		return nil, err
	}
	switch l.Change {
	case ChangeHire:
		if found {
			return reject("Người lao động đang có quá trình tham gia mở tại đơn vị từ "+monthVI(open.Start)+".",
				"The worker already has an open spell at this employer since "+open.Start.String()+"."), nil
		}
		return applyHire(ctx, tx, env, l)
	case ChangeLeave:
		return applyLeave(ctx, tx, env, l, open, found)
	case ChangeWageChange:
		return applyWageChange(ctx, tx, env, l, open, found)
	}
	return reject("Loại biến động không hợp lệ.", "Unknown kind of change."), nil
}

// applyHire opens a spell for a worker without one at the employer.
func applyHire(ctx context.Context, tx Tx, env LineEnv, l *DeclarationLine) (*Rejection, error) {
	tax := env.Employer.TaxCode
	n, err := tx.SpellsEndingFrom(ctx, tax, l.PersonID, l.Start)
	if err != nil || n > 0 {
		return reject("Tháng bắt đầu trùng với một quá trình tham gia đã khai tại đơn vị.",
			"The start month overlaps a spell already declared at this employer."), err
	}
	if r, err := checkIdentity(ctx, tx, l); r != nil || err != nil {
		return r, err
	}
	if r := checkStart(env, l); r != nil {
		return r, nil
	}
	if r := checkWage(env, l.Start, l.Wage); r != nil {
		return r, nil
	}
	if r, err := addPerson(ctx, tx, env, l); r != nil || err != nil {
		return r, err
	}
	added, err := tx.AddSpell(ctx, Spell{TaxCode: tax, PersonID: l.PersonID, Start: l.Start, End: l.End,
		Wage: l.Wage, Contract: l.Contract, DeclaredOn: env.Today})
	if err != nil || !added {
		return conflictRejection(), err
	}
	return nil, nil
}

// conflictRejection is the reason given when the database refuses a spell
// that another declaration opened at the same instant.
func conflictRejection() *Rejection {
	return reject("Người lao động vừa được khai tăng tại đơn vị bởi một tờ khai khác; hãy kiểm tra lại.",
		"The worker has just been hired at this employer by another declaration; check again.")
}

// checkIdentity refuses a hire whose name, birth date or sex disagrees with
// the registry's record of the personal ID.
func checkIdentity(ctx context.Context, tx Tx, l *DeclarationLine) (*Rejection, error) {
	p, known, err := tx.Person(ctx, l.PersonID)
	if err != nil || !known {
		return nil, err
	}
	return identityRejection(p, l), nil
}

// identityRejection compares a line's identity with the registry's person.
func identityRejection(p Person, l *DeclarationLine) *Rejection {
	switch {
	case !SameName(p.FullName, l.FullName):
		return reject("Họ tên không khớp với cơ sở dữ liệu: số định danh "+p.PersonID+" là của "+p.FullName+".",
			"The name does not match the registry: personal ID "+p.PersonID+" belongs to "+p.FullName+".")
	case p.BirthDate != l.BirthDate:
		return reject("Ngày sinh không khớp với cơ sở dữ liệu ("+p.BirthDate.Display()+").",
			"The birth date does not match the registry ("+p.BirthDate.String()+").")
	case p.Sex != l.Sex:
		return reject("Giới tính không khớp với cơ sở dữ liệu.", "The sex does not match the registry.")
	}
	return nil
}

// addPerson adds a new person in the employer's commune. When another
// transaction added the same ID at the same instant, the person it added is
// read back and compared.
func addPerson(ctx context.Context, tx Tx, env LineEnv, l *DeclarationLine) (*Rejection, error) {
	added, err := tx.AddPerson(ctx, Person{PersonID: l.PersonID, FullName: l.FullName, BirthDate: l.BirthDate,
		Sex: l.Sex, CommuneCode: env.Employer.CommuneCode})
	if err != nil || added {
		return nil, err
	}
	return checkIdentity(ctx, tx, l)
}

// checkStart refuses a start month before the month of the worker's 15th
// birthday or after next month.
func checkStart(env LineEnv, l *DeclarationLine) *Rejection {
	fifteen := ansinh.NewPeriod(l.BirthDate.Year()+15, l.BirthDate.Month())
	if l.Start < fifteen {
		return reject("Tháng bắt đầu "+monthVI(l.Start)+" trước khi người lao động đủ 15 tuổi ("+monthVI(fifteen)+").",
			"The start month "+l.Start.String()+" is before the worker turns 15 ("+fifteen.String()+").")
	}
	return checkNotLater(env, l.Start)
}

// checkNotLater refuses a month after next month.
func checkNotLater(env LineEnv, m ansinh.Period) *Rejection {
	next := env.Today.Period().Add(1)
	if m > next {
		return reject("Tháng "+monthVI(m)+" sau tháng "+monthVI(next)+": chỉ khai đến tháng sau.",
			"The month "+m.String()+" is after "+next.String()+": declare up to next month only.")
	}
	return nil
}

// checkWage refuses a wage below the month's floor.
func checkWage(env LineEnv, m ansinh.Period, wage ansinh.Money) *Rejection {
	if env.Floor == nil {
		return nil
	}
	floor, ok := env.Floor(m)
	if ok && wage < floor {
		return reject("Tiền lương "+ansinh.FormatMoney(wage)+" thấp hơn mức sàn "+ansinh.FormatMoney(floor)+" của tháng "+monthVI(m)+".",
			"The wage "+ansinh.GroupDigits(wage, ',')+" is below the floor of "+ansinh.GroupDigits(floor, ',')+" for "+m.String()+".")
	}
	return nil
}

// applyLeave closes the worker's open spell at the end month.
func applyLeave(ctx context.Context, tx Tx, env LineEnv, l *DeclarationLine, open Spell, found bool) (*Rejection, error) {
	if !found {
		return noOpenSpell(), nil
	}
	if l.End < open.Start {
		return reject("Tháng kết thúc trước tháng bắt đầu "+monthVI(open.Start)+".",
			"The end month is before the start month "+open.Start.String()+"."), nil
	}
	if r := checkNotLater(env, l.End); r != nil {
		return r, nil
	}
	return nil, tx.EndSpell(ctx, env.Employer.TaxCode, l.PersonID, open.Start, l.End)
}

func noOpenSpell() *Rejection {
	return reject("Người lao động không có quá trình tham gia đang mở tại đơn vị.",
		"The worker has no open spell at this employer.")
}

// applyWageChange changes the wage of the open spell from the month: in
// place when the month is the spell's first, else by closing the spell the
// month before and opening a new one.
func applyWageChange(ctx context.Context, tx Tx, env LineEnv, l *DeclarationLine, open Spell, found bool) (*Rejection, error) {
	if !found {
		return noOpenSpell(), nil
	}
	if l.Contract == "" {
		l.Contract = open.Contract
	}
	if l.Start < open.Start {
		return reject("Tháng áp dụng trước tháng bắt đầu "+monthVI(open.Start)+".",
			"The month is before the start month "+open.Start.String()+"."), nil
	}
	if r := checkNotLater(env, l.Start); r != nil {
		return r, nil
	}
	if r := checkWage(env, l.Start, l.Wage); r != nil {
		return r, nil
	}
	next := Spell{TaxCode: env.Employer.TaxCode, PersonID: l.PersonID, Start: l.Start, Wage: l.Wage,
		Contract: l.Contract, DeclaredOn: env.Today}
	if l.Start == open.Start {
		return nil, tx.SetSpellWage(ctx, next)
	}
	if err := tx.EndSpell(ctx, next.TaxCode, next.PersonID, open.Start, l.Start.Add(-1)); err != nil {
		return nil, err
	}
	added, err := tx.AddSpell(ctx, next)
	if err != nil || !added {
		return conflictRejection(), err
	}
	return nil, nil
}
