package benefitsdb

import (
	"context"
	"database/sql"

	"ansinh"
	"ansinh/benefits"
)

// Career returns the person's spans: employment spells (the state scheme
// for state employers), voluntary enrolments and the paper record; and the
// months the collection assessed, and paid (no open debt of the employer for
// the month after the latest close).
func (s *Store) Career(ctx context.Context, personID string) (benefits.Career, error) {
	c := benefits.Career{Assessed: map[ansinh.Period]bool{}, Paid: map[ansinh.Period]bool{}}
	err := s.spans(ctx, &c, `SELECT e.start_month, e.end_month, CASE WHEN m.kind = 'state' THEN 'state' ELSE 'contract' END,
			e.wage, e.tax_code, 'registry', e.tax_code || '/' || e.start_month, CASE WHEN e.contract = 'seasonal' THEN 0 ELSE 1 END
		FROM employment e JOIN employers m ON m.tax_code = e.tax_code WHERE e.person_id = $1
		UNION ALL
		SELECT v.start_month, v.end_month, 'voluntary', v.income, '', 'registry', 'voluntary/' || v.start_month, 0
		FROM voluntary v WHERE v.person_id = $1
		UNION ALL
		SELECT h.from_month, h.to_month, h.scheme, h.wage, h.employer_name, 'si_history', h.source_ref, CASE WHEN h.scheme = 'voluntary' THEN 0 ELSE 1 END
		FROM si_history h WHERE h.person_id = $1`, personID)
	if err != nil {
		return c, err
	}
	rows, err := s.db.R.QueryContext(ctx, `SELECT a.period,
			CASE WHEN EXISTS (SELECT 1 FROM debts d WHERE d.payer = a.tax_code AND d.period = a.period AND d.principal > 0
				AND d.close_period = (SELECT max(close_period) FROM debts)) THEN 0 ELSE 1 END
		FROM assessments a WHERE a.person_id = $1`, personID)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var m ansinh.Period
		var paid int
		if err := rows.Scan(&m, &paid); err != nil {
			return c, err
		}
		c.Assessed[m] = true
		if paid == 1 {
			c.Paid[m] = true
		}
	}
	return c, rows.Err()
}

// spans reads the spans of a query.
func (s *Store) spans(ctx context.Context, c *benefits.Career, q, personID string) error {
	rows, err := s.db.R.QueryContext(ctx, q, personID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sp benefits.Span
		var to sql.NullString
		var ui int
		if err := rows.Scan(&sp.From, &to, &sp.Scheme, &sp.Wage, &sp.Employer, &sp.Source, &sp.Ref, &ui); err != nil {
			return err
		}
		var err error
		if sp.To, err = monthOf(to); err != nil {
			return err
		}
		sp.UI = ui == 1
		c.Spans = append(c.Spans, sp)
	}
	return rows.Err()
}
