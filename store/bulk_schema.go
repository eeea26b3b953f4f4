package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// pgSchema is what the PostgreSQL fast path dropped from a table to load it
// empty: the statements that put it back, in order (key, indexes, foreign
// keys).
type pgSchema struct {
	restores []string
}

// pgSchemaQueries find, in order of restoring, a table's primary key (unless
// another table refers to it), its indexes not backing a constraint, and its
// foreign keys: each as name, the statement that drops it and the one that
// restores it. An index that backs any constraint (its own, or another
// table's foreign key) stays.
var pgSchemaQueries = []string{
	`SELECT conname, 'ALTER TABLE ' || $1 || ' DROP CONSTRAINT ' || quote_ident(conname),
		'ALTER TABLE ' || $1 || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
	FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'
		AND NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.confrelid = $1::regclass)`,
	`SELECT c.relname, 'DROP INDEX ' || i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
	FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
	WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
	ORDER BY c.relname`,
	`SELECT conname, 'ALTER TABLE ' || $1 || ' DROP CONSTRAINT ' || quote_ident(conname),
		'ALTER TABLE ' || $1 || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
	FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
}

// dropSchema drops the table's foreign keys, secondary indexes and primary
// key, in the load's transaction, and returns how to restore them. Building
// an index once from all rows is several times faster than maintaining it
// row by row; restoring a foreign key checks it with one anti-join.
func dropSchema(ctx context.Context, tx pgx.Tx, table string) (*pgSchema, error) {
	s := &pgSchema{}
	var drops []string
	for _, q := range pgSchemaQueries {
		rows, err := tx.Query(ctx, q, table)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var name, drop, restore string
			if err := rows.Scan(&name, &drop, &restore); err != nil {
				rows.Close()
				return nil, err
			}
			drops = append(drops, drop)
			s.restores = append(s.restores, restore)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	// Foreign keys first, the key last: the reverse of restoring.
	for i := len(drops) - 1; i >= 0; i-- {
		if _, err := tx.Exec(ctx, drops[i]); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// restore puts back what dropSchema dropped. A duplicate key or a missing
// referenced row fails here, and the transaction with it.
func (s *pgSchema) restore(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, "SET LOCAL maintenance_work_mem = '"+pgLoadMemory+"'"); err != nil {
		return err
	}
	for _, q := range s.restores {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
