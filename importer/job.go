package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"

	"ansinh"
)

// The statuses of an import run.
const (
	RunRunning   = "running"   // started, not finished (or its process died)
	RunCommitted = "committed" // its rows are in the database
	RunRefused   = "refused"   // bad rows or a bad file: nothing was written
	RunFailed    = "failed"    // it broke off: nothing was written
)

// RunStart is what an import run records when it starts.
type RunStart struct {
	Kind   string // the kind's name
	File   string // the file's name (a path for the command line)
	SHA256 string // of the file's bytes, in hex
	Actor  string // who imports
}

// RunCounts are the figures of a finished import run.
type RunCounts struct {
	Read, Rejected    int
	Inserted, Updated int64
}

// JobStore is what an import job needs from storage: the keys references are
// checked against, the record of runs and the load of rows stamped with
// their run. The store implements it.
type JobStore interface {
	RefSource
	// BeginRun records the start of a run and returns its id. Only one run
	// of a kind runs at a time: while another runs, BeginRun refuses with
	// an ECONFLICT error naming it; a run left "running" by a process that
	// died is marked failed first.
	BeginRun(ctx context.Context, r RunStart) (int64, error)
	// FinishRun records the end of run id, with its status and counts.
	FinishRun(ctx context.Context, id int64, status string, c RunCounts) error
	// BeginRunLoad starts loading rows of kind k stamped with run.
	BeginRunLoad(ctx context.Context, k *Kind, run int64) (Load, error)
}

// Job is one import of a file: from Path (the command line), or from Body
// (an upload), named Name in reports and in the run's record.
type Job struct {
	Kind   *Kind
	Path   string        // the file to read, or
	Body   io.ReadSeeker // the file's bytes, with
	Format Format        // their format
	Name   string        // the name of Body's file; Path when empty
	Actor  string
	Opt    Options
}

// Run imports the job's file into st and records the run: started, then
// committed, refused (bad rows or file: nothing written) or failed. It is
// the only way files enter the database, for the command line, the web
// upload and the API's feed upload alike.
func (j Job) Run(ctx context.Context, st JobStore) (Report, error) {
	name := j.Name
	if name == "" {
		name = j.Path
	}
	empty := Report{Kind: j.Kind.Name, File: name}
	sum, err := j.sha256()
	if err != nil {
		return empty, err
	}
	run, err := st.BeginRun(ctx, RunStart{Kind: j.Kind.Name, File: name, SHA256: sum, Actor: j.Actor})
	if err != nil {
		return empty, err
	}
	loader := runLoader{st: st, run: run}
	var rep Report
	if j.Body != nil {
		rep, err = ImportReader(ctx, j.Kind, name, j.Body, j.Format, loader, st, j.Opt)
	} else {
		rep, err = Import(ctx, j.Kind, j.Path, loader, st, j.Opt)
	}
	counts := RunCounts{Read: rep.Rows, Rejected: rep.Bad, Inserted: rep.Inserted, Updated: rep.Updated}
	// The run is recorded even when the caller's context is done.
	if ferr := st.FinishRun(context.WithoutCancel(ctx), run, runStatus(rep, err), counts); ferr != nil && err == nil {
		err = ferr
	}
	return rep, err
}

// runStatus is the status of a run that ended with rep and err.
func runStatus(rep Report, err error) string {
	switch {
	case err == nil:
		return RunCommitted
	case rep.Committed:
		return RunFailed
	case ansinh.ErrorCode(err) == ansinh.EINVALID:
		return RunRefused
	}
	return RunFailed
}

// sha256 returns the hex SHA-256 of the job's bytes, leaving Body at its
// start.
func (j Job) sha256() (string, error) {
	h := sha256.New()
	if j.Body != nil {
		if _, err := io.Copy(h, j.Body); err != nil {
			return "", err
		}
		if _, err := j.Body.Seek(0, io.SeekStart); err != nil {
			return "", err
		}
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	f, err := os.Open(j.Path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// runLoader is the Loader of one run.
type runLoader struct {
	st  JobStore
	run int64
}

// BeginLoad starts the run's load.
func (l runLoader) BeginLoad(ctx context.Context, k *Kind) (Load, error) {
	return l.st.BeginRunLoad(ctx, k, l.run)
}

// Upload returns the import of an uploaded file, for the web pages and the
// API: the job over st, reports in lang.
func Upload(st JobStore) func(ctx context.Context, k *Kind, name string, body io.ReadSeeker, format Format, actor, lang string) (Report, error) {
	return func(ctx context.Context, k *Kind, name string, body io.ReadSeeker, format Format, actor, lang string) (Report, error) {
		j := Job{Kind: k, Body: body, Format: format, Name: name, Actor: actor, Opt: Options{Lang: lang}}
		return j.Run(ctx, st)
	}
}
