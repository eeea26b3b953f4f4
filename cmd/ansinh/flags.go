package main

import (
	"errors"
	"flag"
	"fmt"
)

var (
	// errHelp ends a subcommand after it printed its help.
	errHelp = errors.New("help shown")
	// errUsage ends a subcommand whose arguments were wrong (exit 2).
	errUsage = errors.New("usage error")
)

// newFlagSet returns a flag set for a subcommand whose --help prints its
// synopsis, summary and flags.
func newFlagSet(env *Env, name, synopsis, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Cách dùng / usage: ansinh %s [tùy chọn] %s\n\n%s\n\n", name, synopsis, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning -h into errHelp and bad flags into errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errUsage
	}
	return nil
}
