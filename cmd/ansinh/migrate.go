package main

import (
	"context"
	"fmt"
)

// runMigrate applies the pending migrations.
func runMigrate(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "migrate", "", "Áp dụng các bản chuyển đổi lược đồ còn thiếu. / Apply pending schema migrations.")
	dsn := dbFlag(fs, env)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, applied, err := openAndMigrate(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if len(applied) == 0 {
		fmt.Fprintf(env.Stdout, "Lược đồ đã mới nhất / schema up to date (%s)\n", db)
		return nil
	}
	for _, name := range applied {
		fmt.Fprintf(env.Stdout, "đã áp dụng / applied %s\n", name)
	}
	return nil
}
