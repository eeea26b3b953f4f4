package main

import (
	"context"
	"errors"
)

// runDemo is not built yet.
func runDemo(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "demo", "", "chưa có / not built yet")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("demo: chưa có / not built yet")
}
