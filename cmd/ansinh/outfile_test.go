package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestOutFileReplacesOnlyOnSuccess(t *testing.T) {
	cases := []struct {
		name    string
		failure error
		want    string
	}{
		{"a failed export keeps the previous file", errors.New("the database went away"), "previous"},
		{"a finished export replaces it", nil, "new export"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "notices.csv")
			if err := os.WriteFile(path, []byte("previous"), 0o644); err != nil {
				t.Fatal(err)
			}
			o, err := createOut(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := o.Write([]byte("new export")); err != nil {
				t.Fatal(err)
			}
			if err := o.Finish(c.failure); err != c.failure {
				t.Fatalf("Finish = %v, want %v", err, c.failure)
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != c.want {
				t.Fatalf("file = %q, %v; want %q", got, err, c.want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Fatalf("files left in the folder: %v", entries)
			}
		})
	}
}

func TestWriteFileOutCreatesReadableFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := writeFileOut(path, []byte("%PDF")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o644 {
		t.Fatalf("stat = %v, %v", st, err)
	}
}
