package main

import (
	"context"
	"errors"
)

// runMatch is not built yet.
func runMatch(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "match", "", "chưa có / not built yet")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("match: chưa có / not built yet")
}
