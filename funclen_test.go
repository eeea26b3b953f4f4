package ansinh_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// maxFuncLines is the most lines a function may span, from its func
// keyword to its closing brace: a longer one is split into named steps.
const maxFuncLines = 100

// longFunctions are the functions over maxFuncLines while they are being
// split (issue 10), as "dir.Func" or "dir.Type.Method" (dir relative to the
// module root, "ansinh" for the root). A new long function fails the test, and
// so does an entry that is no longer long: remove it, the list only
// shrinks.
var longFunctions []string

// funcLength is one function and its length in lines.
type funcLength struct {
	Name  string
	Lines int
}

// TestNoLongFunctions fails on a non-test function over maxFuncLines lines
// that is not in longFunctions, and on an entry of longFunctions that is
// no longer over.
func TestNoLongFunctions(t *testing.T) {
	funcs, err := moduleFunctions(".")
	if err != nil {
		t.Fatal(err)
	}
	var long []string
	for _, f := range funcs {
		if f.Lines > maxFuncLines {
			long = append(long, f.Name)
		}
	}
	for _, msg := range checkLong(long, longFunctions, funcs) {
		t.Error(msg)
	}
}

// checkLong compares the long functions found with the known ones.
func checkLong(long, known []string, funcs []funcLength) []string {
	lines := map[string]int{}
	for _, f := range funcs {
		lines[f.Name] = f.Lines
	}
	var msgs []string
	for _, name := range long {
		if !contains(known, name) {
			msgs = append(msgs, fmt.Sprintf("%s has %d lines (at most %d): split it into named steps", name, lines[name], maxFuncLines))
		}
	}
	for _, name := range known {
		if !contains(long, name) {
			msgs = append(msgs, fmt.Sprintf("%s is no longer over %d lines: remove it from longFunctions", name, maxFuncLines))
		}
	}
	return msgs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// moduleFunctions parses every non-test Go file under root (skipping
// testdata and hidden directories) and returns its functions with their
// lengths, sorted by name.
func moduleFunctions(root string) ([]funcLength, error) {
	var out []funcLength
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		fns, err := fileFunctions(fset, root, p)
		out = append(out, fns...)
		return err
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// fileFunctions returns the functions declared in one file.
func fileFunctions(fset *token.FileSet, root, p string) ([]funcLength, error) {
	f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Rel(root, filepath.Dir(p))
	if err != nil {
		return nil, err
	}
	var out []funcLength
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		lines := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
		prefix := filepath.ToSlash(dir) + "."
		if dir == "." {
			prefix = "ansinh."
		}
		out = append(out, funcLength{Name: prefix + funcName(fn), Lines: lines})
	}
	return out, nil
}

// funcName is Func or Type.Method.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	t := fn.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if g, ok := t.(*ast.IndexExpr); ok {
		t = g.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}

// TestFunctionLengthCatches: the check reports a long function not listed
// and a listed one that is short, from a parsed source.
func TestFunctionLengthCatches(t *testing.T) {
	dir := t.TempDir()
	long := "package x\n\nfunc long() {\n" + strings.Repeat("\t_ = 1\n", maxFuncLines-1) + "}\n\nfunc (*T) short() {}\n\ntype T struct{}\n"
	if err := writeFile(filepath.Join(dir, "x.go"), long); err != nil {
		t.Fatal(err)
	}
	funcs, err := moduleFunctions(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(funcs) != 2 || funcs[0] != (funcLength{"ansinh.T.short", 1}) || funcs[1] != (funcLength{"ansinh.long", maxFuncLines + 1}) {
		t.Fatalf("functions %v", funcs)
	}
	msgs := checkLong([]string{"ansinh.long"}, []string{"ansinh.T.short"}, funcs)
	if len(msgs) != 2 || !strings.Contains(msgs[0], "ansinh.long has 101 lines") || !strings.Contains(msgs[1], "ansinh.T.short is no longer over") {
		t.Errorf("messages %q", msgs)
	}
}

func writeFile(name, content string) error {
	return os.WriteFile(name, []byte(content), 0o644)
}
