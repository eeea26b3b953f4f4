package main

import (
	"context"
	"errors"
)

// runSynth is not built yet.
func runSynth(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "synth", "", "chưa có / not built yet")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("synth: chưa có / not built yet")
}
