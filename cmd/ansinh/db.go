package main

import (
	"context"
	"flag"

	"ansinh/store"
)

// dbFlag adds --db to a subcommand: the database address, defaulting to
// $ANSINH_DB and then to store.DefaultDSN.
func dbFlag(fs *flag.FlagSet, env *Env) *string {
	def := env.Getenv("ANSINH_DB")
	if def == "" {
		def = store.DefaultDSN
	}
	return fs.String("db", def, "CSDL: sqlite:ĐƯỜNG_DẪN hoặc postgres://… (biến ANSINH_DB) / database")
}

// openDB opens the database and refuses an out-of-date schema.
func openDB(ctx context.Context, env *Env, dsn string) (*store.DB, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	db.Now = env.Now
	if err := db.CheckSchema(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openAndMigrate opens the database and applies pending migrations.
func openAndMigrate(ctx context.Context, env *Env, dsn string) (*store.DB, []string, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	db.Now = env.Now
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, applied, nil
}

// parseAndOpen parses a subcommand's flags, requires exactly nargs
// arguments, then opens the database named by the (parsed) dsn flag,
// refusing an old schema.
func parseAndOpen(ctx context.Context, env *Env, fs *flag.FlagSet, args []string, nargs int, dsn *string) (*store.DB, error) {
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() != nargs {
		return nil, argCount(fs, nargs)
	}
	return openDB(ctx, env, *dsn)
}
