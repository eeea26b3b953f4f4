package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

var (
	// errHelp ends a subcommand after it printed its help.
	errHelp = errors.New("help shown")
	// errUsage ends a subcommand whose arguments were wrong (exit 2).
	errUsage = errors.New("usage error")
)

// flagOutput is a flag set's output: usage and errors go to standard
// error, except the help asked for with --help, which goes to standard
// output (so that `ansinh import --help | less` works).
type flagOutput struct {
	stdout, stderr io.Writer
	help           bool
}

// Write writes to standard output while help is shown, to standard error
// otherwise.
func (o *flagOutput) Write(p []byte) (int, error) {
	if o.help {
		return o.stdout.Write(p)
	}
	return o.stderr.Write(p)
}

// newFlagSet returns a flag set for a subcommand whose --help prints its
// synopsis, summary and flags.
func newFlagSet(env *Env, name, synopsis, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(&flagOutput{stdout: env.Stdout, stderr: env.Stderr})
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Cách dùng / usage: ansinh %s [tùy chọn] %s\n\n%s\n\n", name, synopsis, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, accepting flags before, between and after the
// arguments (`ansinh import persons f.csv --db X`); "--" ends the flags.
// The arguments are left in order in fs.Args(). --help prints the usage to
// standard output and gives errHelp; a bad flag prints what was wrong, then
// the usage, to standard error and gives errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	usage := fs.Usage
	fs.Usage = func() {} // the flag package's own call; we print below
	defer func() { fs.Usage = usage }()
	var positional []string
	for {
		before := args
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			showHelp(fs, usage)
			return errHelp
		}
		if err != nil {
			usage()
			return errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if ended(before, args) {
			positional = append(positional, args...)
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, positional...))
}

// ended reports whether a parse of before that left rest stopped at a "--"
// (everything after it is an argument, even when it looks like a flag).
func ended(before, rest []string) bool {
	n := len(before) - len(rest)
	return n > 0 && before[n-1] == "--"
}

// showHelp prints the usage to standard output.
func showHelp(fs *flag.FlagSet, usage func()) {
	if o, ok := fs.Output().(*flagOutput); ok {
		o.help = true
		defer func() { o.help = false }()
	}
	usage()
}

// usageError says what was wrong with a subcommand's arguments, in
// Vietnamese and English, prints the usage after it, and gives errUsage.
func usageError(fs *flag.FlagSet, vi, en string) error {
	fmt.Fprintf(fs.Output(), "ansinh %s: %s / %s\n\n", fs.Name(), vi, en)
	fs.Usage()
	return errUsage
}

// missingFlag is the usage error of a required flag left out.
func missingFlag(fs *flag.FlagSet, name string) error {
	return usageError(fs, "thiếu tùy chọn bắt buộc --"+name, "the flag --"+name+" is required")
}

// argCount is the usage error of a wrong number of arguments.
func argCount(fs *flag.FlagSet, want int) error {
	return usageError(fs, fmt.Sprintf("cần %d tham số, có %d", want, fs.NArg()),
		fmt.Sprintf("expected %d argument(s), got %d", want, fs.NArg()))
}
