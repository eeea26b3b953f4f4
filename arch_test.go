package ansinh_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The dependency rule of the house (issue 10, docs in README "Layout"):
//
//   - a domain package imports only the root vocabulary, rules, pdfdoc and
//     lower domain packages: never the store, database/sql or a driver;
//   - a store/<domain>db adapter imports the store core, its own domain and
//     the lower domains listed in adapterMay, never another adapter nor
//     another domain;
//   - web and api import neither the store core nor an adapter; only cmd/
//     wires everything.

// module is the module path.
const module = "ansinh"

// domains are the domain packages (their sub-packages are domains too,
// except the test helpers).
var domains = []string{"registry", "collection", "compliance", "indicators", "indicators/report",
	"plan", "auth", "benefits", "projection"}

// testHelpers are sub-packages of domains that exist to build fixtures for
// tests: they may reach the store to load one.
var testHelpers = []string{"collection/fixture", "indicators/indicatorstest"}

// wiring are the packages that build a whole system, as cmd/ansinh does:
// they may import everything. web/webtest builds the server for tests.
var wiring = []string{"cmd/ansinh", "web/webtest"}

// adapterMay lists, for each domain, the lower domains whose types its
// adapter (store/<domain>db) may import besides the domain itself.
var adapterMay = map[string][]string{
	"registry":          nil,
	"auth":              nil,
	"plan":              nil,
	"collection":        {"registry"},
	"compliance":        {"registry", "collection"},
	"indicators":        {"indicators/report", "registry", "collection", "compliance", "plan"},
	"indicators/report": {"indicators", "registry", "collection", "compliance", "plan"},
	"benefits":          {"registry", "collection"},
	"projection":        {"registry", "collection", "benefits"},
}

// storageImports are the imports a domain package may not have: the store
// and its adapters, database/sql and the drivers.
var storageImports = []string{module + "/store", "database/sql", "modernc.org/sqlite", "github.com/jackc/pgx"}

// knownViolations are the violations that exist while the packages move to
// the target shape, as "package -> import" (module-relative package). The
// test tolerates these only; a new violation fails, and so does an entry
// that no longer happens: remove it, the list only shrinks.
var knownViolations = []string{}

// goPackage is what the dependency rule needs of `go list -json`.
type goPackage struct {
	ImportPath string
	Imports    []string
	Standard   bool
}

// TestDependencyRule walks `go list -deps -json ./...` and fails on a
// violation of the dependency rule that is not in knownViolations, and on
// an entry of knownViolations that no longer happens.
func TestDependencyRule(t *testing.T) {
	if testing.Short() {
		t.Skip("go list of the module")
	}
	pkgs := listPackages(t)
	for _, msg := range checkKnown(dependencyViolations(pkgs), knownViolations) {
		t.Error(msg)
	}
}

// listPackages runs go list over the module.
func listPackages(t *testing.T) []goPackage {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-json", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p goPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		if !p.Standard {
			pkgs = append(pkgs, p)
		}
	}
	return pkgs
}

// dependencyViolations returns every violation of the rule in the package
// graph, as "package -> import", sorted.
func dependencyViolations(pkgs []goPackage) []string {
	var out []string
	for _, p := range pkgs {
		rel, ok := relative(p.ImportPath)
		if !ok {
			continue
		}
		for _, imp := range p.Imports {
			if violates(rel, imp) {
				out = append(out, rel+" -> "+imp)
			}
		}
	}
	sort.Strings(out)
	return out
}

// relative returns a module package's path relative to the module root
// ("" for the root package).
func relative(importPath string) (string, bool) {
	if importPath == module {
		return "", true
	}
	rel, ok := strings.CutPrefix(importPath, module+"/")
	return rel, ok
}

// violates reports whether the package rel may not import imp.
func violates(rel, imp string) bool {
	switch {
	case slices.Contains(wiring, rel):
		return false
	case domainOf(rel) != "":
		return isStorage(imp)
	case adapterDomain(rel) != "":
		return adapterViolates(rel, imp)
	case rel == "web" || rel == "api" || strings.HasPrefix(rel, "web/") || strings.HasPrefix(rel, "api/"):
		impRel, ok := relative(imp)
		return ok && (impRel == "store" || adapterDomain(impRel) != "")
	}
	return false
}

// domainOf returns the domain a package belongs to ("" when it is not a
// domain package or is a test helper).
func domainOf(rel string) string {
	if slices.Contains(testHelpers, rel) {
		return ""
	}
	best := ""
	for _, d := range domains {
		if (rel == d || strings.HasPrefix(rel, d+"/")) && len(d) > len(best) {
			best = d
		}
	}
	return best
}

// adapterDomain returns the domain a store/<domain>db package implements
// ("" when rel is not an adapter). indicators/report's adapter is
// store/reportdb.
func adapterDomain(rel string) string {
	name, ok := strings.CutPrefix(rel, "store/")
	if !ok || strings.Contains(name, "/") || !strings.HasSuffix(name, "db") {
		return ""
	}
	d := strings.TrimSuffix(name, "db")
	for _, dom := range domains {
		if path.Base(dom) == d {
			return dom
		}
	}
	return ""
}

// adapterViolates reports whether an adapter may not import imp: another
// adapter, or a domain other than its own and its allowed lower domains.
func adapterViolates(rel, imp string) bool {
	impRel, ok := relative(imp)
	if !ok {
		return false
	}
	own := adapterDomain(rel)
	if other := adapterDomain(impRel); other != "" {
		return other != own
	}
	d := domainOf(impRel)
	return d != "" && d != own && !slices.Contains(adapterMay[own], d)
}

// isStorage reports whether imp is the store, an adapter, database/sql or
// a driver.
func isStorage(imp string) bool {
	for _, s := range storageImports {
		if imp == s || strings.HasPrefix(imp, s+"/") {
			return true
		}
	}
	return false
}

// checkKnown compares the violations found with the known ones: a
// violation not known, and a known one not found, are each a message.
func checkKnown(found, known []string) []string {
	var msgs []string
	for _, v := range found {
		if !slices.Contains(known, v) {
			msgs = append(msgs, fmt.Sprintf("dependency rule: %s (a domain package reaches the storage, an adapter another domain, or web/api the store or an adapter)", v))
		}
	}
	for _, k := range known {
		if !slices.Contains(found, k) {
			msgs = append(msgs, fmt.Sprintf("known violation %q no longer happens: remove it from knownViolations", k))
		}
	}
	return msgs
}

// TestDependencyRuleCatches feeds the rule a synthetic graph and checks it
// reports each kind of violation, and only those.
func TestDependencyRuleCatches(t *testing.T) {
	pkgs := []goPackage{
		{ImportPath: "ansinh/compliance", Imports: []string{"ansinh", "ansinh/rules", "ansinh/store"}},
		{ImportPath: "ansinh/registry", Imports: []string{"ansinh", "database/sql"}},
		{ImportPath: "ansinh/indicators/report", Imports: []string{"ansinh/indicators", "ansinh/pdfdoc"}},
		{ImportPath: "ansinh/auth", Imports: []string{"github.com/jackc/pgx/v5"}},
		{ImportPath: "ansinh/collection/fixture", Imports: []string{"ansinh/store"}},
		{ImportPath: "ansinh/store/collectiondb", Imports: []string{"ansinh/store", "ansinh/collection", "ansinh/registry", "ansinh/compliance"}},
		{ImportPath: "ansinh/store/compliancedb", Imports: []string{"ansinh/store/registrydb", "ansinh/collection"}},
		{ImportPath: "ansinh/store/storetest", Imports: []string{"ansinh/store"}},
		{ImportPath: "ansinh/web", Imports: []string{"ansinh/store/authdb", "ansinh/auth"}},
		{ImportPath: "ansinh/api", Imports: []string{"ansinh/store", "ansinh/importer"}},
		{ImportPath: "ansinh/cmd/ansinh", Imports: []string{"ansinh/store/authdb", "ansinh/store"}},
	}
	want := []string{
		"api -> ansinh/store",
		"auth -> github.com/jackc/pgx/v5",
		"compliance -> ansinh/store",
		"registry -> database/sql",
		"store/collectiondb -> ansinh/compliance",
		"store/compliancedb -> ansinh/store/registrydb",
		"web -> ansinh/store/authdb",
	}
	got := dependencyViolations(pkgs)
	if !slices.Equal(got, want) {
		t.Errorf("violations\n got %q\nwant %q", got, want)
	}
	msgs := checkKnown(got, []string{"registry -> database/sql", "plan -> ansinh/store"})
	if len(msgs) != 7 || !strings.Contains(strings.Join(msgs, "\n"), "compliance -> ansinh/store (a domain package") ||
		!strings.Contains(msgs[len(msgs)-1], `"plan -> ansinh/store" no longer happens`) {
		t.Errorf("messages:\n%s", strings.Join(msgs, "\n"))
	}
}
