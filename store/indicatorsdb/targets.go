package indicatorsdb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"ansinh"
	"ansinh/indicators"
	"ansinh/store"
)

// TargetEdits returns the officers' edits of the plan's targets.
func (s *Store) TargetEdits(ctx context.Context) ([]indicators.Target, error) {
	var out []indicators.Target
	err := s.indQuery(ctx, "indicator_targets", `SELECT indicator, year, value_bp, note, updated_by FROM indicator_targets ORDER BY indicator, year`, nil,
		func(r *sql.Rows) error {
			var t indicators.Target
			var note, by string
			if err := r.Scan(&t.Indicator, &t.Year, &t.Value, &note, &by); err != nil {
				return err
			}
			t.Source = "sửa bởi " + by
			if note != "" {
				t.Source += ": " + note
			}
			t.Edited = true
			out = append(out, t)
			return nil
		})
	return out, err
}

// Targets returns the plan's targets with the officers' edits applied.
func (s *Store) Targets(ctx context.Context) (*indicators.Targets, error) {
	edits, err := s.TargetEdits(ctx)
	if err != nil {
		return nil, err
	}
	return indicators.NewTargets(edits), nil
}

// SetTarget records an officer's target for an indicator and year (it
// replaces the plan's target for that year, or adds one), with a note, and
// audits the change.
func (s *Store) SetTarget(ctx context.Context, t indicators.Target, note, actor string) error {
	if err := indicators.CheckTarget(t); err != nil {
		return err
	}
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `INSERT INTO indicator_targets (indicator, year, value_bp, note, updated_by, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (indicator, year) DO UPDATE SET value_bp = excluded.value_bp, note = excluded.note,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		string(t.Indicator), t.Year, int64(t.Value), note, actor, s.db.Stamp(s.db.Now()))
	if err != nil {
		return fmt.Errorf("set target: %w", err)
	}
	if err := s.db.WriteAudit(ctx, tx, store.AuditEntry{Actor: actor, Action: "indicator_target.set",
		Object: fmt.Sprintf("indicator_target:%s/%d", t.Indicator, t.Year), Detail: t.Value.String() + "% " + note}); err != nil {
		return err
	}
	return tx.Commit()
}

// DeleteTarget removes an officer's edit, restoring the plan's target (or
// no target) for that year.
func (s *Store) DeleteTarget(ctx context.Context, ind indicators.Indicator, year int, actor string) error {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM indicator_targets WHERE indicator = $1 AND year = $2`, string(ind), year)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	if err := s.db.WriteAudit(ctx, tx, store.AuditEntry{Actor: actor, Action: "indicator_target.delete",
		Object: fmt.Sprintf("indicator_target:%s/%d", ind, year)}); err != nil {
		return err
	}
	return tx.Commit()
}

// AllocationParams returns the officers' settings for allocating an
// indicator's target of a year (the defaults when none).
func (s *Store) AllocationParams(ctx context.Context, ind indicators.Indicator, year int) (indicators.AllocationParams, error) {
	p := indicators.AllocationParams{LaborForceWeight: indicators.DefaultLaborForceWeight, Weights: map[string]int{}}
	err := s.db.R.QueryRowContext(ctx, `SELECT lf_weight FROM indicator_allocation_params WHERE indicator = $1 AND year = $2`,
		string(ind), year).Scan(&p.LaborForceWeight)
	if err != nil && err != sql.ErrNoRows {
		return p, err
	}
	err = s.indQuery(ctx, "indicator_allocation_weights", `SELECT unit_code, weight FROM indicator_allocation_weights WHERE indicator = $1 AND year = $2`,
		[]any{string(ind), year}, func(r *sql.Rows) error {
			var code string
			var w int
			if err := r.Scan(&code, &w); err != nil {
				return err
			}
			p.Weights[code] = w
			return nil
		})
	return p, err
}

// SetAllocationParams records the officers' settings for allocating an
// indicator's target of a year: the labour force part and the units'
// multipliers given (a multiplier of 100 removes the unit's entry).
func (s *Store) SetAllocationParams(ctx context.Context, ind indicators.Indicator, year int, p indicators.AllocationParams, actor string) error {
	if _, err := indicators.ParseIndicator(string(ind)); err != nil {
		return err
	}
	if p.LaborForceWeight < 0 || p.LaborForceWeight > 100 {
		return ansinh.Invalid("lf_weight", "trọng số lực lượng lao động phải từ 0 đến 100", "the labour force weight must be between 0 and 100")
	}
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := s.db.Stamp(s.db.Now())
	_, err = tx.ExecContext(ctx, `INSERT INTO indicator_allocation_params (indicator, year, lf_weight, updated_by, updated_at)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (indicator, year) DO UPDATE SET lf_weight = excluded.lf_weight, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		string(ind), year, p.LaborForceWeight, actor, now)
	if err != nil {
		return err
	}
	detail := "lf_weight=" + strconv.Itoa(p.LaborForceWeight)
	for code, w := range p.Weights {
		if w < 0 || w > 1000 {
			return ansinh.Invalid("weight", fmt.Sprintf("hệ số của %s phải từ 0 đến 1000 (%%)", code),
				fmt.Sprintf("the weight of %s must be between 0 and 1000 (%%)", code))
		}
		if w == 100 {
			_, err = tx.ExecContext(ctx, `DELETE FROM indicator_allocation_weights WHERE indicator = $1 AND year = $2 AND unit_code = $3`, string(ind), year, code)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO indicator_allocation_weights (indicator, year, unit_code, weight, updated_by, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6)
				ON CONFLICT (indicator, year, unit_code) DO UPDATE SET weight = excluded.weight, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
				string(ind), year, code, w, actor, now)
		}
		if err != nil {
			return err
		}
		detail += fmt.Sprintf(" %s=%d", code, w)
	}
	if err := s.db.WriteAudit(ctx, tx, store.AuditEntry{Actor: actor, Action: "indicator_allocation.params",
		Object: fmt.Sprintf("indicator_allocation:%s/%d", ind, year), Detail: detail}); err != nil {
		return err
	}
	return tx.Commit()
}

// SaveAllocation stores an allocation, replacing the one of the same
// indicator and year; it refuses one whose units do not add up to the
// province target.
func (s *Store) SaveAllocation(ctx context.Context, a indicators.Allocation, actor string) error {
	if err := a.Check(); err != nil {
		return ansinh.Invalid("allocation", "chỉ tiêu giao cho các đơn vị không khớp tổng chỉ tiêu của tỉnh", err.Error())
	}
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM indicator_allocations WHERE indicator = $1 AND year = $2`, string(a.Indicator), a.Year); err != nil {
		return err
	}
	now := s.db.Stamp(s.db.Now())
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO indicator_allocations (indicator, year, unit_code, unit_from, unit_name,
		baseline, denominator, gap, weight, increase, target, rate_bp, lf_weight, province_den, province_target, computed_by, computed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, u := range a.Units {
		var from any = u.Unit.From.String()
		if s.db.Engine == store.Postgres {
			from = u.Unit.From.Time()
		}
		if _, err := stmt.ExecContext(ctx, string(a.Indicator), a.Year, u.Unit.Code, from, u.Name,
			u.Baseline, u.Denominator, u.Gap, u.Weight, u.Increase, u.Target, int64(a.Rate), a.Params.LaborForceWeight,
			a.ProvinceDenominator, a.ProvinceTarget, actor, now); err != nil {
			return fmt.Errorf("save allocation: %w", err)
		}
	}
	if err := s.db.WriteAudit(ctx, tx, store.AuditEntry{Actor: actor, Action: "indicator_allocation.save",
		Object: fmt.Sprintf("indicator_allocation:%s/%d", a.Indicator, a.Year),
		Detail: fmt.Sprintf("province target %d, %d units, lf_weight %d", a.ProvinceTarget, len(a.Units), a.Params.LaborForceWeight)}); err != nil {
		return err
	}
	return tx.Commit()
}

// Allocation returns the stored allocation of an indicator and year
// (store.ErrNotFound if none), its units by code.
func (s *Store) Allocation(ctx context.Context, ind indicators.Indicator, year int) (indicators.Allocation, error) {
	a := indicators.Allocation{Indicator: ind, Year: year, Params: indicators.AllocationParams{Weights: map[string]int{}}}
	err := s.indQuery(ctx, "indicator_allocations", `SELECT unit_code, unit_from, unit_name, baseline, denominator, gap, weight, increase, target,
			rate_bp, lf_weight, province_den, province_target
		FROM indicator_allocations WHERE indicator = $1 AND year = $2 ORDER BY unit_code`, []any{string(ind), year},
		func(r *sql.Rows) error {
			var u indicators.AllocatedUnit
			if err := r.Scan(&u.Unit.Code, &u.Unit.From, &u.Name, &u.Baseline, &u.Denominator, &u.Gap, &u.Weight, &u.Increase, &u.Target,
				&a.Rate, &a.Params.LaborForceWeight, &a.ProvinceDenominator, &a.ProvinceTarget); err != nil {
				return err
			}
			a.ProvinceBaseline += u.Baseline
			if u.Weight != 100 {
				a.Params.Weights[u.Unit.Code] = u.Weight
			}
			a.Units = append(a.Units, u)
			return nil
		})
	if err != nil {
		return a, err
	}
	if len(a.Units) == 0 {
		return a, store.ErrNotFound
	}
	return a, nil
}

// AllocationKeys lists the (indicator, year) pairs that have a stored
// allocation.
func (s *Store) AllocationKeys(ctx context.Context) ([]indicators.AllocKey, error) {
	var out []indicators.AllocKey
	err := s.indQuery(ctx, "indicator_allocations", `SELECT DISTINCT indicator, year FROM indicator_allocations ORDER BY indicator, year`, nil,
		func(r *sql.Rows) error {
			var k indicators.AllocKey
			if err := r.Scan(&k.Indicator, &k.Year); err != nil {
				return err
			}
			out = append(out, k)
			return nil
		})
	return out, err
}

// TargetBook returns the targets of every unit: the allocated ones and the
// province's milestones.
func (s *Store) TargetBook(ctx context.Context) (*indicators.TargetBook, error) {
	t, err := s.Targets(ctx)
	if err != nil {
		return nil, err
	}
	book := &indicators.TargetBook{Targets: t, Alloc: map[indicators.AllocKey]indicators.AllocTarget{}}
	err = s.indQuery(ctx, "indicator_allocations", `SELECT indicator, year, unit_code, unit_from, target, denominator FROM indicator_allocations`, nil,
		func(r *sql.Rows) error {
			var k indicators.AllocKey
			var v indicators.AllocTarget
			if err := r.Scan(&k.Indicator, &k.Year, &k.Unit.Code, &k.Unit.From, &v.Target, &v.Denominator); err != nil {
				return err
			}
			book.Alloc[k] = v
			return nil
		})
	return book, err
}
