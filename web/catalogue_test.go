package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ansinh/importer"
)

// TestCatalogueIsComplete checks that every text key the templates and the
// handlers use is in the catalogue, with a Vietnamese and an English text,
// and that the label groups cover the values they are used with.
func TestCatalogueIsComplete(t *testing.T) {
	keyRE := regexp.MustCompile(`(?:\{\{-? ?|\()(?:t|tf) "([a-z0-9_.]+)"`)
	goRE := regexp.MustCompile(`(?:translate\([a-zA-Z.]+, |s\.page\(w, r, |Title(?::|, [a-zA-Z.]+ =) |add\()"([a-z0-9_.]+\.[a-z0-9_]+)"`)
	used := map[string]string{}
	fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if d.IsDir() {
			return nil
		}
		b, _ := fs.ReadFile(templateFS, path)
		for _, m := range keyRE.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = path
		}
		return nil
	})
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		for _, m := range goRE.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = f
		}
	}
	for _, role := range []string{"province_officer", "unit_officer", "agent", "employer", "citizen", "partner", "inspector", "leadership"} {
		used["role."+role] = "roles"
	}
	for _, k := range DefaultEmployerSections {
		used["section."+k] = "sections"
	}
	for _, k := range importer.Kinds() {
		used["kind."+k.Name] = "importer kinds"
	}
	for _, k := range []string{"search.persons", "search.employers", "pay.basis.employer", "pay.basis.voluntary", "partner.title"} {
		used[k] = "code"
	}
	if len(used) < 200 {
		t.Fatalf("found only %d keys: the patterns are wrong", len(used))
	}
	for key, where := range used {
		m, ok := catalogue[key]
		if !ok {
			t.Errorf("%s: key %q is not in the catalogue", where, key)
			continue
		}
		if m[0] == "" || m[1] == "" {
			t.Errorf("key %q lacks a language", key)
		}
	}
	for key, m := range catalogue {
		if m[0] == m[1] && !strings.Contains(key, "switch") && m[0] != "" {
			// The same text in both languages is allowed for names only.
			switch key {
			case "gateway.merchant_name":
			default:
				if strings.ContainsAny(m[0], "ăâđêôơưáàảãạ") {
					t.Errorf("key %q: the English text is Vietnamese", key)
				}
			}
		}
	}
}

// TestTemplatesParseAndPagesAreListed parses the templates as New does.
func TestTemplatesParseAndPagesAreListed(t *testing.T) {
	tm, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		if len(tm.pages[lang]) != len(pageNames) {
			t.Fatalf("%s: %d pages", lang, len(tm.pages[lang]))
		}
	}
}

func TestNavigationLabelsAreInTheCatalogue(t *testing.T) {
	for _, role := range []string{"province_officer", "unit_officer", "agent", "employer", "citizen", "partner", "inspector", "leadership"} {
		for _, it := range navFor(principalFor(role), "/") {
			if _, ok := catalogue[it.Label]; !ok {
				t.Errorf("%s: nav label %q", role, it.Label)
			}
		}
	}
}
