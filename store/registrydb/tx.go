package registrydb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"ansinh"
	"ansinh/registry"
	"ansinh/store"
)

// LockEmployer returns the employer and holds it for the transaction: a row
// lock on PostgreSQL; on SQLite the writer's transaction already excludes
// every other writer.
func (t *txStore) LockEmployer(ctx context.Context, tax string) (registry.Employer, error) {
	lock := ""
	if t.db.Engine == store.Postgres {
		lock = " FOR UPDATE"
	}
	var e registry.Employer
	err := scanEmployer(t.tx.QueryRowContext(ctx, `SELECT `+employerColumns+` FROM employers e WHERE e.tax_code = $1`+lock, tax), &e)
	return e, notFound(err, "lock employer")
}

// Person returns the person with the ID and whether it exists.
func (t *txStore) Person(ctx context.Context, id string) (registry.Person, bool, error) {
	var p registry.Person
	err := scanPerson(t.tx.QueryRowContext(ctx, `SELECT `+personColumns+` FROM persons p WHERE p.person_id = $1`, id), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	return p, err == nil, wrap(err, "person")
}

// AddPerson adds a person unless the ID exists, and reports whether it did.
func (t *txStore) AddPerson(ctx context.Context, p registry.Person) (bool, error) {
	res, err := t.tx.ExecContext(ctx, `INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (person_id) DO NOTHING`,
		p.PersonID, p.FullName, p.BirthDate, p.Sex, t.db.Bool(p.EthnicMinority), p.CommuneCode)
	return affected(res, err, "add person")
}

// affected reports whether a statement changed a row.
func affected(res sql.Result, err error, what string) (bool, error) {
	if err != nil {
		return false, wrap(err, what)
	}
	n, err := res.RowsAffected()
	return n > 0, wrap(err, what)
}

// OpenSpell returns the latest open spell of the person at the employer.
func (t *txStore) OpenSpell(ctx context.Context, tax, person string) (registry.Spell, bool, error) {
	s := registry.Spell{TaxCode: tax, PersonID: person}
	err := t.tx.QueryRowContext(ctx, `SELECT start_month, wage, contract, declared_on FROM employment
		WHERE tax_code = $1 AND person_id = $2 AND end_month IS NULL ORDER BY start_month DESC LIMIT 1`,
		tax, person).Scan(&s.Start, &s.Wage, &s.Contract, &s.DeclaredOn)
	if errors.Is(err, sql.ErrNoRows) {
		return s, false, nil
	}
	return s, err == nil, wrap(err, "open spell")
}

// SpellsEndingFrom counts the person's spells at the employer that end in
// the month or later.
func (t *txStore) SpellsEndingFrom(ctx context.Context, tax, person string, from ansinh.Period) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM employment WHERE tax_code = $1 AND person_id = $2
		AND end_month >= $3`, tax, person, from).Scan(&n)
	return n, wrap(err, "spells")
}

// AddSpell adds a spell unless it would be a second open spell of the person
// at the employer (employment_one_open) or repeat a start month.
func (t *txStore) AddSpell(ctx context.Context, s registry.Spell) (bool, error) {
	res, err := t.tx.ExecContext(ctx, `INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
		s.TaxCode, s.PersonID, s.Start, period(s.End), s.Wage, s.Contract, s.DeclaredOn)
	return affected(res, err, "add spell")
}

// EndSpell closes the spell that starts in the month at end.
func (t *txStore) EndSpell(ctx context.Context, tax, person string, start, end ansinh.Period) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE employment SET end_month = $1 WHERE tax_code = $2 AND person_id = $3 AND start_month = $4`,
		end, tax, person, start)
	return wrap(err, "end spell")
}

// SetSpellWage changes the wage, contract and declaration day of a spell.
func (t *txStore) SetSpellWage(ctx context.Context, s registry.Spell) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE employment SET wage = $1, contract = $2, declared_on = $3
		WHERE tax_code = $4 AND person_id = $5 AND start_month = $6`, s.Wage, s.Contract, s.DeclaredOn, s.TaxCode, s.PersonID, s.Start)
	return wrap(err, "wage change")
}

// AddProcedure records a procedure and returns its id.
func (t *txStore) AddProcedure(ctx context.Context, p registry.Procedure) (int64, error) {
	var user any
	if p.UserID != 0 {
		user = p.UserID
	}
	var id int64
	err := t.tx.QueryRowContext(ctx, `INSERT INTO procedures (kind, subject, ref, channel, user_id, status, submitted_at, processed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		p.Kind, p.Subject, p.Ref, p.Channel, user, p.Status, stamp(t.db, p.SubmittedAt), stamp(t.db, p.ProcessedAt)).Scan(&id)
	return id, wrap(err, "record procedure")
}

// FinishProcedure sets a procedure's outcome, reference and processing time.
func (t *txStore) FinishProcedure(ctx context.Context, id int64, status, ref string, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE procedures SET status = $1, ref = CASE WHEN $2 = '' THEN ref ELSE $2 END, processed_at = $3
		WHERE id = $4`, status, ref, stamp(t.db, at), id)
	return wrap(err, "finish procedure")
}

// ProcedureState returns the status of the account's procedure and whether
// its survey was answered.
func (t *txStore) ProcedureState(ctx context.Context, id, userID int64) (string, bool, error) {
	var status string
	var answered int
	err := t.tx.QueryRowContext(ctx, `SELECT p.status, (SELECT count(*) FROM surveys s WHERE s.procedure_id = p.id)
		FROM procedures p WHERE p.id = $1 AND p.user_id = $2`, id, userID).Scan(&status, &answered)
	return status, answered > 0, notFound(err, "procedure")
}

// AddSurvey records a survey answer.
func (t *txStore) AddSurvey(ctx context.Context, procID int64, score int, comment string, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO surveys (procedure_id, score, comment, answered_at) VALUES ($1, $2, $3, $4)`,
		procID, score, comment, stamp(t.db, at))
	return wrap(err, "answer survey")
}

// AddDeclaration records a received declaration under a temporary receipt
// number and sets its ID.
func (t *txStore) AddDeclaration(ctx context.Context, d *registry.Declaration) error {
	var tmp [8]byte
	rand.Read(tmp[:])
	err := t.tx.QueryRowContext(ctx, `INSERT INTO declarations (receipt_no, tax_code, procedure_id, channel, status, submitted_by, submitted_at)
		VALUES ($1, $2, $3, $4, 'received', $5, $6) RETURNING id`,
		"tmp-"+hex.EncodeToString(tmp[:]), d.TaxCode, d.ProcedureID, d.Channel, d.SubmittedBy, stamp(t.db, d.SubmittedAt)).Scan(&d.ID)
	return wrap(err, "submit declaration")
}

// AddDeclarationLine records a line with its outcome.
func (t *txStore) AddDeclarationLine(ctx context.Context, id int64, l registry.DeclarationLine) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO declaration_lines (declaration_id, line_no, change, person_id, full_name, birth_date, sex,
			wage, start_month, end_month, contract, status, reason, reason_en)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		id, l.LineNo, l.Change, l.PersonID, l.FullName, l.BirthDate, nullable(l.Sex), l.Wage, period(l.Start), period(l.End),
		nullable(l.Contract), l.Status, l.Reason, l.ReasonEN)
	return wrap(err, "declaration line")
}

// FinishDeclaration records a declaration's receipt number and outcome.
func (t *txStore) FinishDeclaration(ctx context.Context, d registry.Declaration) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE declarations SET receipt_no = $1, status = $2, processed_at = $3, accepted = $4, rejected = $5
		WHERE id = $6`, d.ReceiptNo, d.Status, stamp(t.db, d.ProcessedAt), d.Accepted, d.Rejected, d.ID)
	return wrap(err, "submit declaration")
}

// VoluntaryFrom counts the person's enrolments open in the month or later.
func (t *txStore) VoluntaryFrom(ctx context.Context, person string, from ansinh.Period) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM voluntary WHERE person_id = $1
		AND (end_month IS NULL OR end_month >= $2)`, person, from).Scan(&n)
	return n, wrap(err, "enrol")
}

// EmploymentFrom counts the person's spells open in the month or later.
func (t *txStore) EmploymentFrom(ctx context.Context, person string, from ansinh.Period) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM employment WHERE person_id = $1
		AND (end_month IS NULL OR end_month >= $2)`, person, from).Scan(&n)
	return n, wrap(err, "enrol")
}

// AddVoluntary records an enrolment.
func (t *txStore) AddVoluntary(ctx context.Context, v registry.VoluntarySpell) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO voluntary (person_id, start_month, end_month, income, mode, category, agent_code)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, v.PersonID, v.Start, period(v.End), v.Income, v.Mode, v.Category, nullable(v.AgentCode))
	return wrap(err, "enrol")
}

// Audit records an audit entry with the change.
func (t *txStore) Audit(ctx context.Context, e registry.AuditEntry) error {
	return t.db.WriteAudit(ctx, t.tx, store.AuditEntry{At: e.At, Actor: e.Actor, Action: e.Action, Object: e.Object, Detail: e.Detail})
}
