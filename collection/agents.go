package collection

import (
	"context"

	"ansinh"
	"ansinh/rules"
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
func SetAgentContract(ctx context.Context, s Store, c AgentContract, actor string) error {
	if c.AgentCode == "" || c.From.IsZero() {
		return ansinh.Invalid("agent_code", "thiếu mã đại lý hoặc ngày hiệu lực", "missing agent code or start day")
	}
	if c.Rate != nil && (*c.Rate < 0 || *c.Rate > rules.One) {
		return ansinh.Invalid("commission_rate", "tỷ lệ hoa hồng phải từ 0 đến 100%", "the commission rate must be between 0 and 100%")
	}
	return s.SetAgentContract(ctx, c, actor)
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
func AgentCollections(ctx context.Context, s Store, period ansinh.Period) ([]AgentCollection, error) {
	return s.AgentCollections(ctx, period)
}
