package main

import (
	"io"
	"os"
	"path/filepath"
)

// outFile is an export's destination file, written under a temporary name
// beside it and renamed into place only when the whole export succeeded:
// a failed export leaves the previous file as it was, never half a file.
type outFile struct {
	f    *os.File
	path string
}

// createOut opens the temporary file of an export to path.
func createOut(path string) (*outFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &outFile{f: f, path: path}, nil
}

// Write writes to the temporary file.
func (o *outFile) Write(p []byte) (int, error) { return o.f.Write(p) }

// Finish ends the export: when err is nil the file is flushed to disk and
// renamed into place; otherwise (or when that fails) the temporary file is
// removed. It returns err, or the error of finishing.
func (o *outFile) Finish(err error) error {
	if err == nil {
		err = o.f.Sync()
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if err = os.Chmod(o.f.Name(), 0o644); err == nil {
			err = os.Rename(o.f.Name(), o.path)
		}
	}
	if err != nil {
		os.Remove(o.f.Name())
	}
	return err
}

// openOut opens an export's output: standard output when path is "" or
// "-", else the file (outFile). finish(err) ends it as outFile.Finish does.
func openOut(env *Env, path string) (w io.Writer, finish func(error) error, err error) {
	if path == "" || path == "-" {
		return env.Stdout, func(err error) error { return err }, nil
	}
	o, err := createOut(path)
	if err != nil {
		return nil, nil, err
	}
	return o, o.Finish, nil
}

// writeFileOut writes data to path as one export (outFile).
func writeFileOut(path string, data []byte) error {
	o, err := createOut(path)
	if err != nil {
		return err
	}
	_, err = o.Write(data)
	return o.Finish(err)
}
