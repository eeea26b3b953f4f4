package collection

import (
	"context"
	"database/sql"
	"fmt"

	"ansinh"
	"ansinh/rules"
	"ansinh/store"
)

// AgentContract is a collection agent's contract: the commission rate it
// earns on what it collects. The rate is the contract's, loaded by the
// province: there is no default (rules.md gives none), and a contract
// without a rate earns no computed commission.
type AgentContract struct {
	AgentCode string
	From      ansinh.Date
	To        ansinh.Date  // zero: open
	Rate      *rules.Micro // commission rate; nil: not loaded yet
	Source    string       // the contract or decision that sets the rate
}

// SetAgentContract records (or replaces) an agent's contract version from
// its start day, audited with actor.
func SetAgentContract(ctx context.Context, db *store.DB, c AgentContract, actor string) error {
	if c.AgentCode == "" || c.From.IsZero() {
		return ansinh.Invalid("agent_code", "thiếu mã đại lý hoặc ngày hiệu lực", "missing agent code or start day")
	}
	if c.Rate != nil && (*c.Rate < 0 || *c.Rate > rules.One) {
		return ansinh.Invalid("commission_rate", "tỷ lệ hoa hồng phải từ 0 đến 100%", "the commission rate must be between 0 and 100%")
	}
	var rate any
	if c.Rate != nil {
		rate = int64(*c.Rate)
	}
	return db.Write(ctx, func(w *store.Writer) error {
		if _, err := w.Exec(`DELETE FROM agent_contracts WHERE agent_code = $1 AND valid_from = $2`, c.AgentCode, c.From); err != nil {
			return err
		}
		if _, err := w.Exec(`INSERT INTO agent_contracts (agent_code, valid_from, valid_to, commission_rate, source) VALUES ($1, $2, $3, $4, $5)`,
			c.AgentCode, c.From, c.To, rate, c.Source); err != nil {
			return err
		}
		detail := "rate=none"
		if c.Rate != nil {
			detail = "rate=" + c.Rate.Percent() + "%"
		}
		return db.WriteAudit(ctx, w, store.AuditEntry{Actor: actor, Action: "agent.contract", Object: "agent:" + c.AgentCode,
			Detail: fmt.Sprintf("from=%s to=%s %s source=%s", c.From, c.To, detail, c.Source)})
	})
}

// AgentRates returns the commission rate of every agent whose contract in
// force on day d has one.
func AgentRates(ctx context.Context, db *store.DB, d ansinh.Date) (map[string]rules.Micro, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT agent_code, commission_rate FROM agent_contracts
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

// AgentCollection is what an agent collected in a closed month.
type AgentCollection struct {
	Period     ansinh.Period
	AgentCode  string
	Payments   int64
	Amount     int64
	Rate       *rules.Micro // nil: the contract has no rate
	Commission *int64       // nil: not computed (no rate)
}

// AgentCollections returns the agents' collections of a closed month, by
// agent code.
func AgentCollections(ctx context.Context, db *store.DB, period ansinh.Period) ([]AgentCollection, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT agent_code, payments, amount, commission_rate, commission FROM agent_collections
		WHERE period = $1 ORDER BY `+db.Collate("agent_code"), period)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AgentCollection
	for rows.Next() {
		a := AgentCollection{Period: period}
		var rate, comm sql.NullInt64
		if err := rows.Scan(&a.AgentCode, &a.Payments, &a.Amount, &rate, &comm); err != nil {
			return nil, err
		}
		if rate.Valid {
			r := rules.Micro(rate.Int64)
			a.Rate = &r
		}
		if comm.Valid {
			a.Commission = &comm.Int64
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
