package compliance

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"ansinh"
	"ansinh/rules"
)

// Truth is one row of the generator's ground truth (violations.csv: kind,
// tax_code, person_id, detail), its kind mapped to the kind of finding
// that should detect it (TruthKind).
type Truth struct {
	Kind     Kind
	TaxCode  string
	PersonID string
	Detail   string
}

// ReadTruth reads a violations file. Rows of a kind no matcher looks for
// are skipped; a missing column is an error.
func ReadTruth(r io.Reader) ([]Truth, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("violations: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, c := range []string{"kind", "tax_code", "person_id"} {
		if _, ok := col[c]; !ok {
			return nil, ansinh.Invalid("truth", "tệp vi phạm thiếu cột "+c, "the violations file has no column "+c)
		}
	}
	get := func(rec []string, c string) string {
		i, ok := col[c]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	var out []Truth
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("violations: %w", err)
		}
		k, ok := TruthKind(get(rec, "kind"))
		if !ok {
			continue
		}
		out = append(out, Truth{Kind: k, TaxCode: get(rec, "tax_code"), PersonID: get(rec, "person_id"), Detail: get(rec, "detail")})
	}
}

// KindScore is the precision and recall of one kind of finding against
// the ground truth. A finding and a truth row match on kind, tax code and
// person ID; when no truth row of the kind names a person, on kind and tax
// code only (findings are then counted once per employer).
type KindScore struct {
	Kind      Kind
	Truth     int // distinct violations of the kind
	Found     int // distinct findings of the kind
	Hits      int // findings that are violations
	Precision float64
	Recall    float64 // NaN when there is nothing to find
}

// Evaluate scores findings against the ground truth, kind by kind, in the
// order of Kinds. Precision is NaN when nothing was found, recall NaN when
// there was nothing to find.
func Evaluate(findings []Finding, truth []Truth) []KindScore {
	perPerson := map[Kind]bool{}
	for _, t := range truth {
		if t.PersonID != "" {
			perPerson[t.Kind] = true
		}
	}
	key := func(k Kind, tax, pid string) string {
		if !perPerson[k] {
			pid = ""
		}
		return tax + "|" + pid
	}
	want := map[Kind]map[string]bool{}
	got := map[Kind]map[string]bool{}
	for _, t := range truth {
		if want[t.Kind] == nil {
			want[t.Kind] = map[string]bool{}
		}
		want[t.Kind][key(t.Kind, t.TaxCode, t.PersonID)] = true
	}
	for _, f := range findings {
		if got[f.Kind] == nil {
			got[f.Kind] = map[string]bool{}
		}
		got[f.Kind][key(f.Kind, f.TaxCode, f.PersonID)] = true
	}
	var out []KindScore
	for _, k := range Kinds() {
		s := KindScore{Kind: k, Truth: len(want[k]), Found: len(got[k])}
		for x := range got[k] {
			if want[k][x] {
				s.Hits++
			}
		}
		s.Precision, s.Recall = math.NaN(), math.NaN()
		if s.Found > 0 {
			s.Precision = float64(s.Hits) / float64(s.Found)
		}
		if s.Truth > 0 {
			s.Recall = float64(s.Hits) / float64(s.Truth)
		}
		out = append(out, s)
	}
	return out
}

// WriteScores writes a table of precision and recall, the matcher's beside
// the naive rule's when naive is given.
func WriteScores(w io.Writer, mine, naive []KindScore) error {
	pct := func(x float64) string {
		if math.IsNaN(x) {
			return "—"
		}
		return fmt.Sprintf("%.3f", x)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s %6s %6s %6s %9s %7s", "loại / kind", "thật", "thấy", "đúng", "precision", "recall")
	if naive != nil {
		fmt.Fprintf(&b, " | %6s %9s %7s", "naive", "precision", "recall")
	}
	b.WriteString("\n")
	for i, s := range mine {
		fmt.Fprintf(&b, "%-22s %6d %6d %6d %9s %7s", s.Kind, s.Truth, s.Found, s.Hits, pct(s.Precision), pct(s.Recall))
		if naive != nil && i < len(naive) {
			n := naive[i]
			fmt.Fprintf(&b, " | %6d %9s %7s", n.Found, pct(n.Precision), pct(n.Recall))
		}
		b.WriteString("\n")
	}
	b.WriteString("(thật / truth: vi phạm được sinh ra / injected; thấy / found: phát hiện; đúng / hits; unpaid_arrears ↔ evasion_arrears)\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Naive applies the rules a first attempt would write, to measure the
// matcher against: every tax month without a spell at the employer is an
// unregistered worker (no grace for a final pay, no minimum of months);
// every month whose taxable wage exceeds the declared wage is an
// underdeclared wage (bonuses and allowances included); every tax code of
// the tax records, the business registry or the industrial zones without a
// registration is an unregistered employer (whatever its status or age);
// every debt past the deadline is evasion (late payment included). It
// returns bare findings (kind, tax code, person ID) for Evaluate.
func Naive(ctx context.Context, src Source, arrears ArrearsSource, params *rules.Params, cfg Config) ([]Finding, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	reg, err := src.Registry(ctx)
	if err != nil {
		return nil, err
	}
	registered := map[string]bool{}
	for _, e := range reg.Employers {
		registered[e.TaxCode] = true
	}
	seen := map[string]bool{}
	var out []Finding
	add := func(k Kind, tax, pid string) {
		id := FindingID(k, tax, pid)
		if !seen[id] {
			seen[id] = true
			out = append(out, Finding{ID: id, Kind: k, TaxCode: tax, PersonID: pid})
		}
	}
	from := cfg.From()
	err = mergePairs(ctx, src, from, from, cfg.Period, func(tax, pid string, rows []TaxRow, spells []Spell) {
		if !registered[tax] {
			if len(rows) > 0 {
				add(UnregisteredEmployer, tax, "")
			}
			return
		}
		for i := range rows {
			s := covering(spells, rows[i].Month)
			switch {
			case s == nil:
				add(UnregisteredWorker, tax, pid)
			case rows[i].Wage > s.Wage:
				add(UnderdeclaredWage, tax, pid)
			}
		}
	}, func() {})
	if err != nil {
		return nil, err
	}
	for _, b := range reg.Business {
		if !registered[b.TaxCode] {
			add(UnregisteredEmployer, b.TaxCode, "")
		}
	}
	for _, z := range reg.Zones {
		if !registered[z.TaxCode] {
			add(UnregisteredEmployer, z.TaxCode, "")
		}
	}
	if arrears != nil {
		as, err := arrears.Arrears(ctx, cfg.AsOf())
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			for _, d := range a.Months {
				if st, err := params.Classify(d.Month, cfg.AsOf()); err == nil && st != rules.StandingNotDue && d.Unpaid > 0 {
					add(EvasionArrears, a.TaxCode, "")
					break
				}
			}
		}
	}
	return out, nil
}
