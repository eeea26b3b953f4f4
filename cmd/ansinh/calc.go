package main

import (
	"context"
	"errors"
)

// runCalc is not built yet.
func runCalc(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "calc", "", "chưa có / not built yet")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("calc: chưa có / not built yet")
}
