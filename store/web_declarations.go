package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"ansinh"
)

// The changes a declaration line can declare (form D02-TS).
const (
	ChangeHire       = "hire"        // a worker starts: opens a spell
	ChangeLeave      = "leave"       // a worker leaves: closes the open spell at End
	ChangeWageChange = "wage_change" // the wage changes from Start: closes the spell, opens a new one
)

// DeclarationLine is one worker's change in a declaration.
type DeclarationLine struct {
	LineNo    int
	Change    string
	PersonID  string
	FullName  string
	BirthDate ansinh.Date
	Sex       string // male, female
	Wage      ansinh.Money
	Start     ansinh.Period // hire, wage_change: the first month
	End       ansinh.Period // leave: the last month worked
	Contract  string        // indefinite, fixed, seasonal
	Status    string        // pending, accepted, rejected
	Reason    string        // why it was rejected, in Vietnamese
	ReasonEN  string
}

// Declaration is a declaration of changes in an employer's workforce: its
// receipt, channel, times and outcome, and its lines.
type Declaration struct {
	ID          int64
	ReceiptNo   string
	TaxCode     string
	ProcedureID int64
	Channel     string
	Status      string // received, processed, partial, rejected
	SubmittedBy string
	SubmittedAt time.Time
	ProcessedAt time.Time
	Accepted    int
	Rejected    int
	Lines       []DeclarationLine
}

// ProcessingTime is the time from submission to processing.
func (d Declaration) ProcessingTime() time.Duration {
	if d.ProcessedAt.IsZero() {
		return 0
	}
	return d.ProcessedAt.Sub(d.SubmittedAt)
}

var contracts = map[string]bool{"indefinite": true, "fixed": true, "seasonal": true}

// Check validates a line on its own (identifiers, required fields for its
// change, months, wage) and normalises its personal ID. It returns the
// first problem as an *ansinh.Error whose Field names the form field.
func (l *DeclarationLine) Check() error {
	id, reason := ansinh.CheckPersonID(l.PersonID, l.BirthDate, l.Sex)
	if reason != ansinh.IDValid {
		return ansinh.Invalid("person_id", "Số định danh cá nhân "+reason.MessageVI()+".",
			"The personal ID "+reason.MessageEN()+".")
	}
	l.PersonID = id
	l.FullName = strings.Join(strings.Fields(l.FullName), " ")
	switch l.Change {
	case ChangeHire:
		if l.FullName == "" {
			return ansinh.Invalid("full_name", "Hãy nhập họ và tên.", "Enter the full name.")
		}
		if l.BirthDate.IsZero() {
			return ansinh.Invalid("birth_date", "Hãy nhập ngày sinh.", "Enter the birth date.")
		}
		if l.Sex != "male" && l.Sex != "female" {
			return ansinh.Invalid("sex", "Hãy chọn giới tính.", "Choose the sex.")
		}
		if l.Start.IsZero() {
			return ansinh.Invalid("start_month", "Hãy nhập tháng bắt đầu.", "Enter the start month.")
		}
		if !l.End.IsZero() && l.End < l.Start {
			return ansinh.Invalid("end_month", "Tháng kết thúc trước tháng bắt đầu.", "The end month is before the start month.")
		}
		if !contracts[l.Contract] {
			return ansinh.Invalid("contract", "Hãy chọn loại hợp đồng.", "Choose the contract type.")
		}
		if l.Wage <= 0 {
			return ansinh.Invalid("wage", "Tiền lương phải lớn hơn 0.", "The wage must be above zero.")
		}
	case ChangeLeave:
		if l.End.IsZero() {
			return ansinh.Invalid("end_month", "Hãy nhập tháng kết thúc.", "Enter the end month.")
		}
	case ChangeWageChange:
		if l.Start.IsZero() {
			return ansinh.Invalid("start_month", "Hãy nhập tháng áp dụng mức lương mới.", "Enter the month the new wage applies from.")
		}
		if l.Wage <= 0 {
			return ansinh.Invalid("wage", "Tiền lương phải lớn hơn 0.", "The wage must be above zero.")
		}
		if l.Contract != "" && !contracts[l.Contract] {
			return ansinh.Invalid("contract", "Loại hợp đồng không hợp lệ.", "Unknown contract type.")
		}
	default:
		return ansinh.Invalid("change", "Hãy chọn loại biến động (tăng, giảm, điều chỉnh lương).",
			"Choose the kind of change (hire, leave, wage change).")
	}
	return nil
}

// Submission is a declaration as submitted: by whom, through which channel,
// for which employer, and its lines (already checked with Check).
type Submission struct {
	TaxCode string
	Channel string
	UserID  int64
	Actor   string
	Lines   []DeclarationLine
}

// SubmitDeclaration receipts a declaration and processes it into the
// employment table in one transaction: a hire opens a spell (creating the
// person when unknown, in the employer's commune), a leave closes the open
// spell, a wage change closes it and opens a new one. A line that conflicts
// with the registry is rejected with its reason; the others are applied.
// The declaration, its procedure and an audit entry are recorded with the
// times of submission and processing.
func (db *DB) SubmitDeclaration(ctx context.Context, s Submission) (Declaration, error) {
	if len(s.Lines) == 0 {
		return Declaration{}, ansinh.Invalid("lines", "Tờ khai không có dòng nào.", "The declaration has no lines.")
	}
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return Declaration{}, err
	}
	defer tx.Rollback()
	var commune string
	err = tx.QueryRowContext(ctx, `SELECT commune_code FROM employers WHERE tax_code = $1`, s.TaxCode).Scan(&commune)
	if errors.Is(err, sql.ErrNoRows) {
		return Declaration{}, ErrNotFound
	}
	if err != nil {
		return Declaration{}, fmt.Errorf("submit declaration: %w", err)
	}
	submitted := db.Now()
	d := Declaration{TaxCode: s.TaxCode, Channel: s.Channel, Status: "received", SubmittedBy: s.Actor, SubmittedAt: submitted}
	d.ProcedureID, err = db.insertProcedureTx(ctx, tx, Procedure{Kind: ProcDeclaration, Subject: s.TaxCode,
		Channel: s.Channel, UserID: s.UserID, Status: "received", SubmittedAt: submitted})
	if err != nil {
		return d, err
	}
	var tmp [8]byte
	rand.Read(tmp[:])
	err = tx.QueryRowContext(ctx, `INSERT INTO declarations (receipt_no, tax_code, procedure_id, channel, status, submitted_by, submitted_at)
		VALUES ($1, $2, $3, $4, 'received', $5, $6) RETURNING id`,
		"tmp-"+hex.EncodeToString(tmp[:]), s.TaxCode, d.ProcedureID, s.Channel, s.Actor, db.webStamp(submitted)).Scan(&d.ID)
	if err != nil {
		return d, fmt.Errorf("submit declaration: %w", err)
	}
	d.ReceiptNo = fmt.Sprintf("D02-%s-%06d", ansinh.Today(submitted).Time().Format("20060102"), d.ID)
	today := ansinh.Today(submitted)
	for i, l := range s.Lines {
		l.LineNo = i + 1
		l.Status = "accepted"
		if vi, en, err := db.applyLine(ctx, tx, s.TaxCode, commune, today, &l); err != nil {
			return d, err
		} else if vi != "" {
			l.Status, l.Reason, l.ReasonEN = "rejected", vi, en
			d.Rejected++
		} else {
			d.Accepted++
		}
		if err := db.insertLineTx(ctx, tx, d.ID, l); err != nil {
			return d, err
		}
		d.Lines = append(d.Lines, l)
	}
	d.ProcessedAt = db.Now()
	procStatus := "completed"
	switch {
	case d.Rejected == 0:
		d.Status = "processed"
	case d.Accepted == 0:
		d.Status, procStatus = "rejected", "rejected"
	default:
		d.Status = "partial"
	}
	if _, err := tx.ExecContext(ctx, `UPDATE declarations SET receipt_no = $1, status = $2, processed_at = $3, accepted = $4, rejected = $5
		WHERE id = $6`, d.ReceiptNo, d.Status, db.webStamp(d.ProcessedAt), d.Accepted, d.Rejected, d.ID); err != nil {
		return d, fmt.Errorf("submit declaration: %w", err)
	}
	if err := db.finishProcedureTx(ctx, tx, d.ProcedureID, procStatus, d.ReceiptNo, d.ProcessedAt); err != nil {
		return d, err
	}
	if err := db.auditTx(ctx, tx, AuditEntry{At: submitted, Actor: s.Actor, Action: "declaration.submit",
		Object: "employer:" + s.TaxCode, Detail: fmt.Sprintf("%s channel=%s accepted=%d rejected=%d", d.ReceiptNo, s.Channel, d.Accepted, d.Rejected)}); err != nil {
		return d, err
	}
	return d, tx.Commit()
}

// vietnam is the zone of the province's civil dates.

// applyLine applies one line to the registry inside the transaction. It
// returns a rejection reason (Vietnamese, English) when the line conflicts
// with the registry, or an error when the database fails.
func (db *DB) applyLine(ctx context.Context, tx *sql.Tx, tax, commune string, today ansinh.Date, l *DeclarationLine) (string, string, error) {
	var open struct {
		start    ansinh.Period
		contract string
		found    bool
	}
	err := tx.QueryRowContext(ctx, `SELECT start_month, contract FROM employment
		WHERE tax_code = $1 AND person_id = $2 AND end_month IS NULL ORDER BY start_month DESC LIMIT 1`,
		tax, l.PersonID).Scan(&open.start, &open.contract)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return "", "", fmt.Errorf("declaration line: %w", err)
	default:
		open.found = true
	}
	switch l.Change {
	case ChangeHire:
		if open.found {
			return "Người lao động đang có quá trình tham gia mở tại đơn vị từ " + monthVI(open.start) + ".",
				"The worker already has an open spell at this employer since " + open.start.String() + ".", nil
		}
		var overlap int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM employment WHERE tax_code = $1 AND person_id = $2
			AND end_month >= $3`, tax, l.PersonID, l.Start).Scan(&overlap); err != nil {
			return "", "", fmt.Errorf("declaration line: %w", err)
		}
		if overlap > 0 {
			return "Tháng bắt đầu trùng với một quá trình tham gia đã khai tại đơn vị.",
				"The start month overlaps a spell already declared at this employer.", nil
		}
		var known string
		err := tx.QueryRowContext(ctx, `SELECT full_name FROM persons WHERE person_id = $1`, l.PersonID).Scan(&known)
		if errors.Is(err, sql.ErrNoRows) {
			_, err = tx.ExecContext(ctx, `INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code)
				VALUES ($1, $2, $3, $4, $5, $6)`, l.PersonID, l.FullName, l.BirthDate, l.Sex, db.Bool(false), commune)
		}
		if err != nil {
			return "", "", fmt.Errorf("declaration line: %w", err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, tax, l.PersonID, l.Start, webPeriod(l.End), l.Wage, l.Contract, today)
		if err != nil {
			return "", "", fmt.Errorf("declaration line: %w", err)
		}
	case ChangeLeave:
		if !open.found {
			return "Người lao động không có quá trình tham gia đang mở tại đơn vị.",
				"The worker has no open spell at this employer.", nil
		}
		if l.End < open.start {
			return "Tháng kết thúc trước tháng bắt đầu " + monthVI(open.start) + ".",
				"The end month is before the start month " + open.start.String() + ".", nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE employment SET end_month = $1 WHERE tax_code = $2 AND person_id = $3 AND start_month = $4`,
			l.End, tax, l.PersonID, open.start); err != nil {
			return "", "", fmt.Errorf("declaration line: %w", err)
		}
	case ChangeWageChange:
		if !open.found {
			return "Người lao động không có quá trình tham gia đang mở tại đơn vị.",
				"The worker has no open spell at this employer.", nil
		}
		if l.Contract == "" {
			l.Contract = open.contract
		}
		switch {
		case l.Start < open.start:
			return "Tháng áp dụng trước tháng bắt đầu " + monthVI(open.start) + ".",
				"The month is before the start month " + open.start.String() + ".", nil
		case l.Start == open.start:
			_, err = tx.ExecContext(ctx, `UPDATE employment SET wage = $1, contract = $2, declared_on = $3
				WHERE tax_code = $4 AND person_id = $5 AND start_month = $6`, l.Wage, l.Contract, today, tax, l.PersonID, open.start)
		default:
			_, err = tx.ExecContext(ctx, `UPDATE employment SET end_month = $1 WHERE tax_code = $2 AND person_id = $3 AND start_month = $4`,
				l.Start.Add(-1), tax, l.PersonID, open.start)
			if err == nil {
				_, err = tx.ExecContext(ctx, `INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on)
					VALUES ($1, $2, $3, NULL, $4, $5, $6)`, tax, l.PersonID, l.Start, l.Wage, l.Contract, today)
			}
		}
		if err != nil {
			return "", "", fmt.Errorf("declaration line: %w", err)
		}
	}
	return "", "", nil
}

// monthVI writes a month the Vietnamese way, "mm/yyyy".
func monthVI(p ansinh.Period) string { return fmt.Sprintf("%02d/%04d", p.Month(), p.Year()) }

func (db *DB) insertLineTx(ctx context.Context, tx *sql.Tx, id int64, l DeclarationLine) error {
	var sex, contract any
	if l.Sex != "" {
		sex = l.Sex
	}
	if l.Contract != "" {
		contract = l.Contract
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO declaration_lines (declaration_id, line_no, change, person_id, full_name, birth_date, sex,
			wage, start_month, end_month, contract, status, reason, reason_en)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		id, l.LineNo, l.Change, l.PersonID, l.FullName, l.BirthDate, sex, l.Wage, webPeriod(l.Start), webPeriod(l.End),
		contract, l.Status, l.Reason, l.ReasonEN)
	if err != nil {
		return fmt.Errorf("declaration line: %w", err)
	}
	return nil
}

const declarationColumns = `id, receipt_no, tax_code, procedure_id, channel, status, submitted_by, submitted_at, processed_at, accepted, rejected`

func scanDeclaration(row interface{ Scan(...any) error }, d *Declaration) error {
	return row.Scan(&d.ID, &d.ReceiptNo, &d.TaxCode, &d.ProcedureID, &d.Channel, &d.Status, &d.SubmittedBy,
		webTime{&d.SubmittedAt}, webTime{&d.ProcessedAt}, &d.Accepted, &d.Rejected)
}

// DeclarationsOf returns a page of an employer's declarations, latest first,
// and whether more follow. The caller has checked the employer's scope.
func (db *DB) DeclarationsOf(ctx context.Context, tax string, offset, limit int) ([]Declaration, bool, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := db.R.QueryContext(ctx, `SELECT `+declarationColumns+` FROM declarations WHERE tax_code = $1
		ORDER BY submitted_at DESC, id DESC LIMIT $2 OFFSET $3`, tax, limit+1, offset)
	if err != nil {
		return nil, false, fmt.Errorf("declarations: %w", err)
	}
	defer rows.Close()
	var out []Declaration
	for rows.Next() {
		var d Declaration
		if err := scanDeclaration(rows, &d); err != nil {
			return nil, false, err
		}
		out = append(out, d)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, rows.Err()
}

// FindDeclaration returns the declaration with the id and its lines if its
// employer is in scope, or ErrNotFound.
func (db *DB) FindDeclaration(ctx context.Context, id int64, scope ansinh.Scope) (Declaration, error) {
	var a Args
	var d Declaration
	q := `SELECT ` + declarationColumns + ` FROM declarations d WHERE d.id = ` + a.Add(id) +
		` AND EXISTS (SELECT 1 FROM employers e WHERE e.tax_code = d.tax_code AND ` + EmployerCond(scope, &a, "e") + `)`
	err := scanDeclaration(db.R.QueryRowContext(ctx, q, a.List...), &d)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("find declaration: %w", err)
	}
	rows, err := db.R.QueryContext(ctx, `SELECT line_no, change, person_id, full_name, birth_date, coalesce(sex, ''), wage,
			start_month, end_month, coalesce(contract, ''), status, reason, reason_en
		FROM declaration_lines WHERE declaration_id = $1 ORDER BY line_no`, id)
	if err != nil {
		return d, fmt.Errorf("declaration lines: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l DeclarationLine
		if err := rows.Scan(&l.LineNo, &l.Change, &l.PersonID, &l.FullName, &l.BirthDate, &l.Sex, &l.Wage,
			&l.Start, &l.End, &l.Contract, &l.Status, &l.Reason, &l.ReasonEN); err != nil {
			return d, err
		}
		d.Lines = append(d.Lines, l)
	}
	return d, rows.Err()
}
