package compliance

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
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
	Band     string // difficulty: easy, medium, hard ("" when the file has none)
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
		out = append(out, Truth{Kind: k, TaxCode: get(rec, "tax_code"), PersonID: get(rec, "person_id"), Detail: get(rec, "detail"),
			Band: get(rec, "band")})
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
		k := f.Kind.Base()
		if got[k] == nil {
			got[k] = map[string]bool{}
		}
		got[k][key(k, f.TaxCode, f.PersonID)] = true
	}
	var out []KindScore
	for _, k := range Kinds() {
		if k.Base() != k {
			continue // scored with its base kind
		}
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
	all := Overall(mine)
	fmt.Fprintf(&b, "%-22s %6d %6d %6d %9s %7s", "overall", all.Truth, all.Found, all.Hits, pct(all.Precision), pct(all.Recall))
	if naive != nil {
		n := Overall(naive)
		fmt.Fprintf(&b, " | %6d %9s %7s", n.Found, pct(n.Precision), pct(n.Recall))
	}
	b.WriteString("\n")
	b.WriteString("(thật / truth: vi phạm được sinh ra / injected; thấy / found: phát hiện; đúng / hits; unpaid_arrears ↔ evasion_arrears;\n" +
		" overall: các loại có trong dữ liệu gốc / the kinds the ground truth has)\n")
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

// Overall sums the scores of the kinds the ground truth has (a kind it
// does not inject, such as a wage below the minimum, cannot be scored).
func Overall(scores []KindScore) KindScore {
	out := KindScore{Kind: "overall"}
	for _, s := range scores {
		if s.Truth == 0 {
			continue
		}
		out.Truth += s.Truth
		out.Found += s.Found
		out.Hits += s.Hits
	}
	out.Precision, out.Recall = math.NaN(), math.NaN()
	if out.Found > 0 {
		out.Precision = float64(out.Hits) / float64(out.Found)
	}
	if out.Truth > 0 {
		out.Recall = float64(out.Hits) / float64(out.Truth)
	}
	return out
}

// BandScore is the recall of one kind in one difficulty band of the ground
// truth. (Precision has no band: a finding that is not a violation has no
// difficulty; it is counted in the kind's precision.)
type BandScore struct {
	Kind   Kind
	Band   string
	Truth  int
	Hits   int
	Recall float64
}

// EvaluateBands returns the recall of each kind in each band, kinds in
// the order of Kinds and bands easy, medium, hard, then any other.
func EvaluateBands(findings []Finding, truth []Truth) []BandScore {
	scoredPerson := map[Kind]bool{}
	for _, t := range truth {
		if t.PersonID != "" {
			scoredPerson[t.Kind] = true
		}
	}
	key := func(k Kind, tax, pid string) string {
		if !scoredPerson[k] {
			pid = ""
		}
		return string(k) + "|" + tax + "|" + pid
	}
	got := map[string]bool{}
	for _, f := range findings {
		got[key(f.Kind.Base(), f.TaxCode, f.PersonID)] = true
	}
	type kb struct {
		k Kind
		b string
	}
	seen := map[string]bool{}
	scores := map[kb]*BandScore{}
	for _, t := range truth {
		id := key(t.Kind, t.TaxCode, t.PersonID)
		if seen[id] {
			continue
		}
		seen[id] = true
		s := scores[kb{t.Kind, t.Band}]
		if s == nil {
			s = &BandScore{Kind: t.Kind, Band: t.Band}
			scores[kb{t.Kind, t.Band}] = s
		}
		s.Truth++
		if got[id] {
			s.Hits++
		}
	}
	order := map[string]int{"easy": 0, "medium": 1, "hard": 2}
	var out []BandScore
	for _, k := range Kinds() {
		var bs []BandScore
		for key, s := range scores {
			if key.k == k {
				s.Recall = float64(s.Hits) / float64(s.Truth)
				bs = append(bs, *s)
			}
		}
		slices.SortFunc(bs, func(a, b BandScore) int {
			oa, ok := order[a.Band]
			if !ok {
				oa = 3
			}
			ob, ok := order[b.Band]
			if !ok {
				ob = 3
			}
			if oa != ob {
				return oa - ob
			}
			return strings.Compare(a.Band, b.Band)
		})
		out = append(out, bs...)
	}
	return out
}

// WriteBands writes the recall per kind and difficulty band, the naive
// rule's beside the matcher's.
func WriteBands(w io.Writer, mine, naive []BandScore) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s %-7s %6s %6s %7s | %6s %7s\n", "loại / kind", "band", "thật", "đúng", "recall", "naive", "recall")
	for i, s := range mine {
		fmt.Fprintf(&b, "%-22s %-7s %6d %6d %7.3f", s.Kind, s.Band, s.Truth, s.Hits, s.Recall)
		if i < len(naive) {
			fmt.Fprintf(&b, " | %6d %7.3f", naive[i].Hits, naive[i].Recall)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
