package collectiondb

import (
	"context"
	"database/sql"
	"fmt"

	"ansinh"
	"ansinh/collection"
	"ansinh/rules"
	"ansinh/store"
)

// SetAgentContract records (or replaces) a checked agent's contract version
// from its start day, in one transaction audited with actor.
func (s *Store) SetAgentContract(ctx context.Context, c collection.AgentContract, actor string) error {
	var rate any
	if c.Rate != nil {
		rate = int64(*c.Rate)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM agent_contracts WHERE agent_code = $1 AND valid_from = $2`, c.AgentCode, c.From); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO agent_contracts (agent_code, valid_from, valid_to, commission_rate, source) VALUES ($1, $2, $3, $4, $5)`,
			c.AgentCode, c.From, c.To, rate, c.Source); err != nil {
			return err
		}
		detail := "rate=none"
		if c.Rate != nil {
			detail = "rate=" + c.Rate.Percent() + "%"
		}
		return s.db.WriteAudit(ctx, tx, store.AuditEntry{Actor: actor, Action: "agent.contract", Object: "agent:" + c.AgentCode,
			Detail: fmt.Sprintf("from=%s to=%s %s source=%s", c.From, c.To, detail, c.Source)})
	})
}

// AgentRates returns the commission rate of every agent whose contract in
// force on day d has one.
func (s *Store) AgentRates(ctx context.Context, d ansinh.Date) (map[string]rules.Micro, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT agent_code, commission_rate FROM agent_contracts
		WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1) AND commission_rate IS NOT NULL`, d)
	if err != nil {
		return nil, fmt.Errorf("collection: read agent contracts: %w", err)
	}
	defer rows.Close()
	out := map[string]rules.Micro{}
	for rows.Next() {
		var code string
		var rate int64
		if err := rows.Scan(&code, &rate); err != nil {
			return nil, err
		}
		out[code] = rules.Micro(rate)
	}
	return out, rows.Err()
}

// AgentCollections returns the agents' collections of a closed month, by
// agent code in byte order.
func (s *Store) AgentCollections(ctx context.Context, period ansinh.Period) ([]collection.AgentCollection, error) {
	return collect(ctx, s, "collection: agent collections", func(r *sql.Rows) (collection.AgentCollection, error) {
		a := collection.AgentCollection{Period: period}
		var rate, comm sql.NullInt64
		if err := r.Scan(&a.AgentCode, &a.Payments, &a.Amount, &rate, &comm); err != nil {
			return a, err
		}
		if rate.Valid {
			r := rules.Micro(rate.Int64)
			a.Rate = &r
		}
		if comm.Valid {
			a.Commission = &comm.Int64
		}
		return a, nil
	}, `SELECT agent_code, payments, amount, commission_rate, commission FROM agent_collections
		WHERE period = $1 ORDER BY `+s.byteOrder("agent_code"), period)
}

// Assessments calls fn with each assessment row of month period (whichever
// close billed it), by tax code then personal ID in byte order; an error
// from fn stops the reading and is returned.
func (s *Store) Assessments(ctx context.Context, period ansinh.Period, fn func(collection.AssessmentLine) error) error {
	rows, err := s.db.R.QueryContext(ctx, `SELECT tax_code, person_id, si_base, ui_base, hi_base, employer_retirement, employer_sickness,
		employer_accident, employer_ui, employer_hi, employee_retirement, employee_ui, employee_hi, total, billed_in
		FROM assessments WHERE period = $1 ORDER BY `+s.byteOrder("tax_code")+`, `+s.byteOrder("person_id"), period)
	if err != nil {
		return fmt.Errorf("collection: export assessments: %w", err)
	}
	defer rows.Close()
	var r collection.AssessmentLine
	v := &r.Amounts
	for rows.Next() {
		if err := rows.Scan(&r.TaxCode, &r.PersonID, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &v[10], &v[11], &r.BilledIn); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
