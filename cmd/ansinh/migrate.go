package main

import (
	"context"
	"errors"
)

// runMigrate is not built yet.
func runMigrate(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "migrate", "", "chưa có / not built yet")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("migrate: chưa có / not built yet")
}
