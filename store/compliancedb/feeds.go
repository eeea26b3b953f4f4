package compliancedb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ansinh"
	"ansinh/compliance"
	"ansinh/store"
)

// ErrFeedRowNotFound is returned when a feed has no row with the key in the
// version asked for.
var ErrFeedRowNotFound = &ansinh.Error{Code: ansinh.ENOTFOUND,
	Message: "Không tìm thấy dòng dữ liệu của phiên bản này.", MessageEN: "No such row in this feed version."}

// FeedVersions returns the uploads of a partner's feed (tax_wages,
// business_registry or iz_enterprises; "" for all three), newest first.
func (db *DB) ListFeedVersions(ctx context.Context, feed string) ([]compliance.FeedVersion, error) {
	var a store.Args
	q := `SELECT version, kind, file, sha256, actor, started_at, status FROM feed_versions`
	if feed != "" {
		q += ` WHERE kind = ` + a.Add(feed)
	}
	rows, err := db.R.QueryContext(ctx, q+` ORDER BY version DESC`, a.List...)
	if err != nil {
		return nil, fmt.Errorf("feed versions: %w", err)
	}
	defer rows.Close()
	var out []compliance.FeedVersion
	for rows.Next() {
		var v compliance.FeedVersion
		if err := rows.Scan(&v.Version, &v.Kind, &v.File, &v.SHA256, &v.Actor, store.ScanTime(&v.At), &v.Status); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// FeedRowAt reads back the row of a feed with the key as a version brought
// it: from the feed's table while no later upload changed it, from its
// history once one did. It is how a finding's evidence (version + key) is
// checked against the data.
func (db *DB) FeedRowAt(ctx context.Context, feed string, version int64, key compliance.RowKey) (compliance.FeedRow, error) {
	out := compliance.FeedRow{Feed: feed, Version: version, Key: key}
	var q string
	var args []any
	switch feed {
	case compliance.FeedTaxWages:
		q = `SELECT wage_income FROM tax_wages WHERE run_id = $1 AND tax_code = $2 AND person_id = $3 AND month = $4
			UNION ALL SELECT wage_income FROM tax_wages_history WHERE run_id = $1 AND tax_code = $2 AND person_id = $3 AND month = $4`
		args = []any{version, key.TaxCode, key.PersonID, key.Month}
		err := db.R.QueryRowContext(ctx, q, args...).Scan(&out.WageIncome)
		return out, feedRowErr(err)
	case compliance.FeedBusinessRegistry:
		q = `SELECT name, commune_code, registered_on, status, employees_reported FROM business_registry WHERE run_id = $1 AND tax_code = $2
			UNION ALL SELECT name, commune_code, registered_on, status, employees_reported FROM business_registry_history WHERE run_id = $1 AND tax_code = $2`
		var reg ansinh.Date
		var n int
		err := db.R.QueryRowContext(ctx, q, version, key.TaxCode).Scan(&out.Name, &out.CommuneCode, &reg, &out.Status, &n)
		out.RegisteredOn, out.Employees = reg.String(), &n
		return out, feedRowErr(err)
	case compliance.FeedIZEnterprises:
		q = `SELECT zone, employees FROM iz_enterprises WHERE run_id = $1 AND tax_code = $2
			UNION ALL SELECT zone, employees FROM iz_enterprises_history WHERE run_id = $1 AND tax_code = $2`
		var n int
		err := db.R.QueryRowContext(ctx, q, version, key.TaxCode).Scan(&out.Zone, &n)
		out.Employees = &n
		return out, feedRowErr(err)
	}
	return out, ansinh.Invalid("feed", "không phải dữ liệu của đối tác: "+feed, "not a partner's feed: "+feed)
}

func feedRowErr(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrFeedRowNotFound
	}
	if err != nil {
		return fmt.Errorf("feed row: %w", err)
	}
	return nil
}
