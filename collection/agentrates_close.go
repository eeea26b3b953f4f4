package collection

import (
	"context"
	"fmt"

	"ansinh"
	"ansinh/rules"
	"ansinh/store"
)

// AgentRates returns the commission rate of every agent whose contract in
// force on day d has one, for the monthly close's posting (post.go), which
// still reads through the store core; elsewhere Store.AgentRates answers.
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
