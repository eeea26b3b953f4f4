package registrydb

import (
	"context"

	"ansinh"
	"ansinh/registry"
	"ansinh/store"
)

const declarationColumns = `id, receipt_no, tax_code, procedure_id, channel, status, submitted_by, submitted_at, processed_at, accepted, rejected`

func scanDeclaration(row rowScanner, d *registry.Declaration) error {
	return row.Scan(&d.ID, &d.ReceiptNo, &d.TaxCode, &d.ProcedureID, &d.Channel, &d.Status, &d.SubmittedBy,
		store.ScanTime(&d.SubmittedAt), store.ScanTime(&d.ProcessedAt), &d.Accepted, &d.Rejected)
}

// DeclarationsOf returns a page of an employer's declarations, latest first,
// and whether more follow.
func (s *Store) DeclarationsOf(ctx context.Context, tax string, offset, limit int) ([]registry.Declaration, bool, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT `+declarationColumns+` FROM declarations WHERE tax_code = $1
		ORDER BY submitted_at DESC, id DESC LIMIT $2 OFFSET $3`, tax, limit+1, offset)
	if err != nil {
		return nil, false, wrap(err, "declarations")
	}
	out, err := collect(rows, scanDeclaration)
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, err
}

// FindDeclaration returns the declaration with the id and its lines if its
// employer is in scope, or ErrNotFound.
func (s *Store) FindDeclaration(ctx context.Context, id int64, scope ansinh.Scope) (registry.Declaration, error) {
	var a store.Args
	var d registry.Declaration
	q := `SELECT ` + declarationColumns + ` FROM declarations d WHERE d.id = ` + a.Add(id) +
		` AND EXISTS (SELECT 1 FROM employers e WHERE e.tax_code = d.tax_code AND ` + store.EmployerCond(scope, &a, "e") + `)`
	if err := scanDeclaration(s.db.R.QueryRowContext(ctx, q, a.List...), &d); err != nil {
		return d, notFound(err, "find declaration")
	}
	rows, err := s.db.R.QueryContext(ctx, `SELECT line_no, change, person_id, full_name, birth_date, coalesce(sex, ''), wage,
			start_month, end_month, coalesce(contract, ''), status, reason, reason_en
		FROM declaration_lines WHERE declaration_id = $1 ORDER BY line_no`, id)
	if err != nil {
		return d, wrap(err, "declaration lines")
	}
	d.Lines, err = collect(rows, func(r rowScanner, l *registry.DeclarationLine) error {
		return r.Scan(&l.LineNo, &l.Change, &l.PersonID, &l.FullName, &l.BirthDate, &l.Sex, &l.Wage,
			&l.Start, &l.End, &l.Contract, &l.Status, &l.Reason, &l.ReasonEN)
	})
	return d, err
}

// ListRegistrations returns the registrations with the status ("" for all),
// latest first.
func (s *Store) ListRegistrations(ctx context.Context, status string, limit int) ([]registry.Registration, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT r.id, r.user_id, r.procedure_id, u.login, r.tax_code, r.name, r.kind, r.commune_code,
			r.contact, r.status, p.submitted_at, coalesce(r.decided_by, ''), r.decided_at
		FROM registrations r JOIN users u ON u.id = r.user_id JOIN procedures p ON p.id = r.procedure_id
		WHERE ($1 = '' OR r.status = $1) ORDER BY p.submitted_at DESC, r.id DESC LIMIT $2`, status, limit)
	if err != nil {
		return nil, wrap(err, "registrations")
	}
	return collect(rows, func(row rowScanner, r *registry.Registration) error {
		return row.Scan(&r.ID, &r.UserID, &r.ProcedureID, &r.Login, &r.TaxCode, &r.Name, &r.Kind, &r.CommuneCode,
			&r.Contact, &r.Status, store.ScanTime(&r.SubmittedAt), &r.DecidedBy, store.ScanTime(&r.DecidedAt))
	})
}

const procedureColumns = `p.id, p.kind, p.subject, p.ref, p.channel, coalesce(p.user_id, 0), p.status, p.submitted_at, p.processed_at,
	coalesce(s.score, 0), coalesce(s.comment, '')`

func scanProcedure(row rowScanner, p *registry.Procedure) error {
	return row.Scan(&p.ID, &p.Kind, &p.Subject, &p.Ref, &p.Channel, &p.UserID, &p.Status,
		store.ScanTime(&p.SubmittedAt), store.ScanTime(&p.ProcessedAt), &p.Score, &p.Comment)
}

// FindProcedure returns the procedure with the id carried out by the
// account, or ErrNotFound.
func (s *Store) FindProcedure(ctx context.Context, id, userID int64) (registry.Procedure, error) {
	var p registry.Procedure
	err := scanProcedure(s.db.R.QueryRowContext(ctx, `SELECT `+procedureColumns+`
		FROM procedures p LEFT JOIN surveys s ON s.procedure_id = p.id WHERE p.id = $1 AND p.user_id = $2`, id, userID), &p)
	return p, notFound(err, "find procedure")
}

// ProceduresOf returns the latest procedures carried out by the account.
func (s *Store) ProceduresOf(ctx context.Context, userID int64, limit int) ([]registry.Procedure, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT `+procedureColumns+`
		FROM procedures p LEFT JOIN surveys s ON s.procedure_id = p.id WHERE p.user_id = $1
		ORDER BY p.submitted_at DESC, p.id DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, wrap(err, "procedures")
	}
	return collect(rows, scanProcedure)
}
