package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ansinh"
)

// Identifiers used by the test files: valid ones, registered or not.
const (
	tax1, tax2, tax3 = "0101000006", "0101000013", "0101000020" // tax3 is not registered
	taxBadCheck      = "0101000007"
	person1          = "001085000001" // male, 1985
	person2          = "001190000002" // female, 1990
	person3          = "079201000003" // male, 2001
	personUnknown    = "001085000009" // valid, not registered
)

// memLoader is an in-memory Loader that records what it is asked to do.
type memLoader struct {
	begun      int
	rows       [][]any
	committed  bool
	rolledBack bool
	addErr     error
}

func (l *memLoader) BeginLoad(_ context.Context, _ *Kind) (Load, error) {
	l.begun++
	return l, nil
}

func (l *memLoader) Add(row []any) error {
	if l.addErr != nil {
		return l.addErr
	}
	l.rows = append(l.rows, append([]any(nil), row...))
	return nil
}

func (l *memLoader) Commit() (LoadResult, error) {
	if l.committed || l.rolledBack {
		return LoadResult{}, errors.New("load already ended")
	}
	l.committed = true
	return LoadResult{Inserted: int64(len(l.rows))}, nil
}

func (l *memLoader) Rollback() error {
	if l.committed {
		return errors.New("rollback after commit")
	}
	l.rolledBack = true
	return nil
}

// memRefs is a RefSource over fixed key sets; it counts its calls.
type memRefs struct {
	sets  map[string][]string
	calls map[string]int
}

func newRefs() *memRefs {
	return &memRefs{sets: map[string][]string{
		"units.code":          {"01", "001", "00004", "00007"},
		"persons.person_id":   {person1, person2, person3},
		"employers.tax_code":  {tax1, tax2},
		"employers.unrelated": nil,
	}, calls: map[string]int{}}
}

func (r *memRefs) KeySet(_ context.Context, table, column string, _ int) (func(string) bool, error) {
	r.calls[table+"."+column]++
	set := map[string]bool{}
	for _, v := range r.sets[table+"."+column] {
		set[v] = true
	}
	return func(s string) bool { return set[s] }, nil
}

// writeFile writes content to name in a temporary directory.
func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// mustKind returns a kind by name.
func mustKind(t testing.TB, name string) *Kind {
	t.Helper()
	k, ok := KindByName(name)
	if !ok {
		t.Fatalf("no kind %q", name)
	}
	return k
}

// isInvalid reports whether err is an *ansinh.Error with code EINVALID.
func isInvalid(err error) bool {
	var e *ansinh.Error
	return errors.As(err, &e) && e.Code == ansinh.EINVALID
}

// lines joins CSV lines.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }
