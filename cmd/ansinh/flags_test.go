package main

import (
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ansinh/store"
	"ansinh/store/storetest"
)

// TestParseFlagsAnywhere: flags are accepted before, between and after the
// arguments, and "--" makes what follows arguments.
func TestParseFlagsAnywhere(t *testing.T) {
	cases := []struct {
		args     []string
		wantArgs []string
		wantDB   string
		wantV    bool
	}{
		{[]string{"--db", "x", "persons", "f.csv"}, []string{"persons", "f.csv"}, "x", false},
		{[]string{"persons", "f.csv", "--db", "x"}, []string{"persons", "f.csv"}, "x", false},
		{[]string{"persons", "--db=x", "f.csv", "-v"}, []string{"persons", "f.csv"}, "x", true},
		{[]string{"persons", "--", "--db", "x"}, []string{"persons", "--db", "x"}, "", false},
		{[]string{"-v", "persons", "-"}, []string{"persons", "-"}, "", true},
		{nil, nil, "", false},
	}
	for _, c := range cases {
		env := &Env{Stdout: io.Discard, Stderr: io.Discard}
		fs := newFlagSet(env, "import", "KIND FILE", "")
		db := fs.String("db", "", "")
		v := fs.Bool("v", false, "")
		if err := parseFlags(fs, c.args); err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		if got := fs.Args(); !slices.Equal(got, c.wantArgs) && len(got)+len(c.wantArgs) > 0 {
			t.Errorf("%q: arguments %q, want %q", c.args, got, c.wantArgs)
		}
		if *db != c.wantDB || *v != c.wantV {
			t.Errorf("%q: --db %q -v %v, want %q %v", c.args, *db, *v, c.wantDB, c.wantV)
		}
	}
}

// TestUsageErrors: a usage error says what was wrong before the usage, on
// standard error with exit 2; --help goes to standard output with exit 0.
func TestUsageErrors(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string // a substring of standard output ("" : empty)
		stderr string // what must come first on standard error
	}{
		{"user add without --login", []string{"user", "add", "--role", "province_officer"}, 2, "",
			"ansinh user add: thiếu tùy chọn bắt buộc --login / the flag --login is required"},
		{"user add without --role", []string{"user", "add", "--login", "ann"}, 2, "",
			"ansinh user add: thiếu tùy chọn bắt buộc --role / the flag --role is required"},
		{"user add with a bad role", []string{"user", "add", "--login", "ann", "--role", "king"}, 2, "",
			`ansinh user add: vai trò không tồn tại "king" / unknown role "king"`},
		{"user disable without --login", []string{"user", "disable"}, 2, "",
			"ansinh user disable: thiếu tùy chọn bắt buộc --login / the flag --login is required"},
		{"unknown flag", []string{"user", "list", "--colour"}, 2, "",
			"flag provided but not defined: -colour"},
		{"wrong argument count", []string{"case", "show", "--db", "sqlite::memory:"}, 2, "",
			"ansinh case show: cần 1 tham số, có 0 / expected 1 argument(s), got 0"},
		{"import with one argument", []string{"import", "persons", "--db", "sqlite::memory:"}, 2, "",
			"ansinh import: cần 2 tham số, có 1 / expected 2 argument(s), got 1"},
		{"synth without --out", []string{"synth", "--workers", "10"}, 2, "",
			"ansinh synth: thiếu tùy chọn bắt buộc --out / the flag --out is required"},
		{"no command", nil, 2, "", "ansinh: thiếu tên lệnh / no command given"},
		{"help", []string{"--help"}, 0, "ansinh LỆNH", ""},
		{"import --help", []string{"import", "--help"}, 0, "usage: ansinh import", ""},
		{"user --help", []string{"user", "--help"}, 0, "add      tạo tài khoản", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\n%s", code, c.code, stderr)
			}
			if c.stdout == "" && stdout != "" || !strings.Contains(stdout, c.stdout) {
				t.Errorf("standard output %q, want it to hold %q", stdout, c.stdout)
			}
			if !strings.HasPrefix(stderr, c.stderr) {
				t.Errorf("standard error starts %q, want %q", firstLine(stderr), c.stderr)
			}
			if c.code == 2 && !strings.Contains(stderr, "sage") {
				t.Errorf("a usage error without the usage after it:\n%s", stderr)
			}
		})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// TestHelpFlagSet: showHelp switches the output to standard output only
// while the usage prints.
func TestHelpFlagSet(t *testing.T) {
	var out, errOut strings.Builder
	env := &Env{Stdout: &out, Stderr: &errOut}
	fs := newFlagSet(env, "x", "", "summary")
	if err := parseFlags(fs, []string{"-h"}); err != errHelp {
		t.Fatalf("-h: %v", err)
	}
	fs.Output().Write([]byte("after"))
	if !strings.Contains(out.String(), "summary") || errOut.String() != "after" {
		t.Errorf("stdout %q stderr %q", out.String(), errOut.String())
	}
}

// TestImportWithFlagsAfterTheArguments: `ansinh import persons FILE --db X`
// imports, as people type it.
func TestImportWithFlagsAfterTheArguments(t *testing.T) {
	src := t.TempDir()
	if code, _, errOut := runCLI(t, "synth", "--out", src, "--workers", "60", "--seed", "3", "--through", "2026-11"); code != 0 {
		t.Fatalf("synth exited %d: %s", code, errOut)
	}
	dsn := storetest.DSN(t, store.SQLite)
	if code, _, errOut := runCLI(t, "migrate", "--db", dsn); code != 0 {
		t.Fatal(errOut)
	}
	for _, kind := range []string{"units", "persons"} {
		file := filepath.Join(src, kind+".csv")
		if code, out, errOut := runCLI(t, "import", kind, file, "--db", dsn); code != 0 {
			t.Fatalf("import %s FILE --db: exit %d\n%s%s", kind, code, out, errOut)
		}
	}
	if n := tableCounts(t, dsn)["persons"]; n == 0 {
		t.Error("no person imported")
	}
}
