package store

import (
	"context"
	"fmt"

	"ansinh"
)

// Payment is a payment received from a payer (an employer's tax code or a
// person's ID).
type Payment struct {
	Ref       string
	Payer     string
	Amount    ansinh.Money
	PaidOn    ansinh.Date
	Channel   string // bank, online, agent, counter
	AgentCode string
}

// PaymentsOf returns the latest payments of a payer, newest first. The
// caller has checked that the payer is in scope.
func (db *DB) PaymentsOf(ctx context.Context, payer string, limit int) ([]Payment, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := db.R.QueryContext(ctx, `SELECT ref, payer, amount, paid_on, channel, agent_code FROM payments
		WHERE payer = $1 ORDER BY paid_on DESC, ref DESC LIMIT $2`, payer, limit)
	if err != nil {
		return nil, fmt.Errorf("payments: %w", err)
	}
	defer rows.Close()
	var out []Payment
	for rows.Next() {
		var p Payment
		if err := rows.Scan(&p.Ref, &p.Payer, &p.Amount, &p.PaidOn, &p.Channel, webNullString{&p.AgentCode}); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
