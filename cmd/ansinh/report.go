package main

import (
	"context"
	"errors"
)

// runReport is not built yet.
func runReport(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "report", "", "chưa có / not built yet")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("report: chưa có / not built yet")
}
