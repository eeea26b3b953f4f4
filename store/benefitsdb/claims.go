package benefitsdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"ansinh"
	"ansinh/benefits"
	"ansinh/store"
)

// WriteAudit writes an audit entry on its own.
func (s *Store) WriteAudit(ctx context.Context, a benefits.Audit) error {
	return s.db.WriteAudit(ctx, s.db.W, store.AuditEntry{Actor: a.Actor, Action: a.Action, Object: a.Object, Detail: a.Detail})
}

// CreateClaim stores a new claim with its procedure and audit entry.
func (s *Store) CreateClaim(ctx context.Context, c *benefits.Claim, audit benefits.Audit) error {
	req, err := json.Marshal(c.Request)
	if err != nil {
		return err
	}
	dec, err := json.Marshal(c.Assessment)
	if err != nil {
		return err
	}
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `INSERT INTO procedures (kind, subject, ref, channel, status, submitted_at)
		VALUES ('benefit_claim', $1, $2, $3, 'received', $4) RETURNING id`,
		c.PersonID, string(c.Kind), string(c.Channel), s.stamp(c.FiledAt)).Scan(&c.ProcedureID); err != nil {
		return fmt.Errorf("claim procedure: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO benefit_claims (person_id, kind, status, channel, request, decision, procedure_id, filed_by, filed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		c.PersonID, string(c.Kind), string(c.Status), string(c.Channel), string(req), string(dec), c.ProcedureID, c.FiledBy, s.stamp(c.FiledAt)).Scan(&c.ID); err != nil {
		return fmt.Errorf("claim: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE procedures SET ref = $1 WHERE id = $2`, fmt.Sprintf("claim:%d", c.ID), c.ProcedureID); err != nil {
		return err
	}
	audit.Object = fmt.Sprintf("claim:%d", c.ID)
	if err := s.db.WriteAudit(ctx, tx, store.AuditEntry{Actor: audit.Actor, Action: audit.Action, Object: audit.Object, Detail: audit.Detail}); err != nil {
		return err
	}
	return tx.Commit()
}

// MoveClaim stores c if the claim is still in status from.
func (s *Store) MoveClaim(ctx context.Context, c benefits.Claim, from benefits.Status, audit benefits.Audit) error {
	dec, err := json.Marshal(c.Assessment)
	if err != nil {
		return err
	}
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE benefit_claims SET status = $1, decision = $2, monthly = $3, lump_sum = $4,
		start_month = $5, end_month = $6, checked_by = $7, checked_at = $8, decided_by = $9, decided_at = $10, reason = $11
		WHERE id = $12 AND status = $13`,
		string(c.Status), string(dec), c.Monthly, c.LumpSum, month(c.Start), month(c.End), nullText(c.CheckedBy), s.stamp(c.CheckedAt),
		nullText(c.DecidedBy), s.stamp(c.DecidedAt), c.Reason, c.ID, string(from))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errors.Join(err, &ansinh.Error{Code: ansinh.ECONFLICT, Message: "Hồ sơ vừa được người khác xử lý: hãy tải lại.",
			MessageEN: "The claim was just changed by someone else: reload it."})
	}
	if err := s.closeProcedure(ctx, tx, c); err != nil {
		return err
	}
	if err := s.db.WriteAudit(ctx, tx, store.AuditEntry{Actor: audit.Actor, Action: audit.Action, Object: audit.Object, Detail: audit.Detail}); err != nil {
		return err
	}
	return tx.Commit()
}

// closeProcedure closes the claim's procedure when the claim is decided.
func (s *Store) closeProcedure(ctx context.Context, tx *sql.Tx, c benefits.Claim) error {
	st := ""
	switch c.Status {
	case benefits.StatusApproved:
		st = "completed"
	case benefits.StatusRejected:
		st = "rejected"
	default:
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE procedures SET status = $1, processed_at = $2 WHERE id = $3`, st, s.stamp(c.DecidedAt), c.ProcedureID)
	return err
}

// nullText stores "" as NULL.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// claimColumns are the columns scanClaim reads.
const claimColumns = `c.id, c.person_id, p.full_name, c.kind, c.status, c.channel, c.request, c.decision, c.monthly, c.lump_sum,
	c.start_month, c.end_month, COALESCE(c.procedure_id, 0), c.filed_by, c.filed_at, COALESCE(c.checked_by, ''), c.checked_at,
	COALESCE(c.decided_by, ''), c.decided_at, c.reason, c.stop_month, c.stop_reason`

// scanClaim reads a row of claimColumns.
func scanClaim(r interface{ Scan(...any) error }) (benefits.Claim, error) {
	var c benefits.Claim
	var req, dec string
	var start, end, stop sql.NullString
	err := r.Scan(&c.ID, &c.PersonID, &c.PersonName, &c.Kind, &c.Status, &c.Channel, &req, &dec, &c.Monthly, &c.LumpSum,
		&start, &end, &c.ProcedureID, &c.FiledBy, instant{&c.FiledAt}, &c.CheckedBy, instant{&c.CheckedAt},
		&c.DecidedBy, instant{&c.DecidedAt}, &c.Reason, &stop, &c.StopReason)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal([]byte(req), &c.Request); err != nil {
		return c, fmt.Errorf("claim %d request: %w", c.ID, err)
	}
	if dec != "" {
		if err := json.Unmarshal([]byte(dec), &c.Assessment); err != nil {
			return c, fmt.Errorf("claim %d decision: %w", c.ID, err)
		}
	}
	for _, x := range []struct {
		dst *ansinh.Period
		src sql.NullString
	}{{&c.Start, start}, {&c.End, end}, {&c.StopMonth, stop}} {
		if *x.dst, err = monthOf(x.src); err != nil {
			return c, err
		}
	}
	return c, nil
}

// Claim returns one claim within the scope.
func (s *Store) Claim(ctx context.Context, sc ansinh.Scope, id int64) (benefits.Claim, error) {
	var a store.Args
	q := `SELECT ` + claimColumns + ` FROM benefit_claims c JOIN persons p ON p.person_id = c.person_id
		WHERE c.id = ` + a.Add(id) + ` AND ` + store.PersonCond(sc, &a, "p")
	c, err := scanClaim(s.db.R.QueryRowContext(ctx, q, a.List...))
	if errors.Is(err, sql.ErrNoRows) {
		return c, store.ErrNotFound
	}
	return c, err
}

// Claims lists the claims within the scope, newest first.
func (s *Store) Claims(ctx context.Context, sc ansinh.Scope, f benefits.Filter) ([]benefits.Claim, error) {
	var a store.Args
	q := `SELECT ` + claimColumns + ` FROM benefit_claims c JOIN persons p ON p.person_id = c.person_id WHERE ` + store.PersonCond(sc, &a, "p")
	if f.Status != "" {
		q += ` AND c.status = ` + a.Add(string(f.Status))
	}
	if f.PersonID != "" {
		q += ` AND c.person_id = ` + a.Add(f.PersonID)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	q += ` ORDER BY c.id DESC LIMIT ` + a.Add(limit)
	rows, err := s.db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []benefits.Claim{}
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
