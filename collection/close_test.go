package collection_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"

	"ansinh"
	"ansinh/collection"
	"ansinh/store/collectiondb"
	"ansinh/store/storetest"
)

// calcCache runs `ansinh calc contribution` once per distinct input.
type calcCache struct {
	bin string
	out map[string][]string
}

// contribution returns the figures of the calculator, in the order of the
// assessments export (si_base … total).
func (c *calcCache) contribution(t *testing.T, month ansinh.Period, wage int64, region, kind, contract string) []string {
	in := fmt.Sprintf(`{"month":%q,"wage":%d,"region":%q,"employer_kind":%q%s}`, month, wage, region, kind, contract)
	if v, ok := c.out[in]; ok {
		return v
	}
	cmd := exec.Command(c.bin, "calc", "contribution")
	cmd.Stdin = strings.NewReader(in)
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("ansinh calc contribution %s: %v %s", in, err, raw)
	}
	var r struct {
		SIBase   int64 `json:"si_base"`
		UIBase   int64 `json:"ui_base"`
		HIBase   int64 `json:"hi_base"`
		Employer struct{ Retirement, Sickness, Accident, UI, HI int64 }
		Employee struct{ Retirement, UI, HI int64 }
		Total    int64
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("calc output %s: %v", raw, err)
	}
	var v []string
	for _, n := range []int64{r.SIBase, r.UIBase, r.HIBase, r.Employer.Retirement, r.Employer.Sickness, r.Employer.Accident,
		r.Employer.UI, r.Employer.HI, r.Employee.Retirement, r.Employee.UI, r.Employee.HI, r.Total} {
		v = append(v, strconv.FormatInt(n, 10))
	}
	c.out[in] = v
	return v
}

// expectedAssessments recomputes, from the exchange files alone, the
// assessments export of month p after the close of month last: for every
// employer and person, the spells covering p declared by last's end; the
// close that bills the month is the first one knowing a spell, max(p, the
// month of its declaration), never before the books start; among the spells
// that close knows, the latest start wins. Each figure comes from `ansinh
// calc contribution` on the spell's wage, the employer's kind, the
// region of its commune (the version of the unit valid in p: the fixture's
// units are the province's own list) and the spell's
// contract and months (the unemployment-insurance scope).
func expectedAssessments(t *testing.T, calc *calcCache, paths map[string]string, p, last, booksStart ansinh.Period) []byte {
	region := map[string]string{}
	day := p.First().String()
	for _, r := range readCSV(t, paths["units"])[1:] { // code,name,level,parent_code,valid_from,valid_to,region
		if r[4] <= day && (r[5] == "" || r[5] >= day) {
			region[r[0]] = r[6]
		}
	}
	type emp struct{ kind, commune string }
	emps := map[string]emp{}
	for _, r := range readCSV(t, paths["employers"])[1:] { // tax_code,name,kind,commune_code,industrial_zone,registered_on
		emps[r[0]] = emp{r[2], r[3]}
	}
	type pick struct {
		billed   ansinh.Period
		start    string
		wage     int64
		contract string // the UI scope's input: contract, contract_start, contract_end
	}
	picks := map[[2]string]pick{}
	for _, r := range readCSV(t, paths["employment"])[1:] { // tax_code,person_id,start_month,end_month,wage,contract,declared_on
		start, declared := ansinh.MustParsePeriod(r[2]), ansinh.MustParseDate(r[6])
		if start > p || (r[3] != "" && ansinh.MustParsePeriod(r[3]) < p) || declared > last.Last() {
			continue
		}
		billed := max(p, declared.Period())
		if billed < booksStart {
			continue
		}
		wage, _ := strconv.ParseInt(r[4], 10, 64)
		k := [2]string{r[0], r[1]}
		old, ok := picks[k]
		if !ok || billed < old.billed || (billed == old.billed && r[2] > old.start) {
			contract := fmt.Sprintf(`,"contract":%q,"contract_start":%q`, r[5], r[2])
			if r[3] != "" {
				contract += fmt.Sprintf(`,"contract_end":%q`, r[3])
			}
			picks[k] = pick{billed, r[2], wage, contract}
		}
	}
	keys := make([][2]string, 0, len(picks))
	for k := range picks {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int {
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(collection.AssessmentColumns)
	for _, k := range keys {
		pk := picks[k]
		e := emps[k[0]]
		rec := append([]string{p.String(), k[0], k[1]}, calc.contribution(t, p, pk.wage, region[e.commune], e.kind, pk.contract)...)
		rec = append(rec, pk.billed.String(), strconv.FormatBool(pk.billed != p))
		w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}

// The assessments export of a month equals, row by row, an independent
// recomputation from the exchange files and `ansinh calc contribution` —
// for the last month closed and for an earlier month that late
// declarations completed with retroactive rows.
func TestAssessmentsEqualCalc(t *testing.T) {
	calc := &calcCache{bin: binary(t), out: map[string][]string{}}
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db, paths := openProvince(t, engine, smallProvince)
			closeAll(t, db, smallProvince, collection.Options{})
			retro := 0
			for _, p := range []ansinh.Period{smallProvince.Through, ansinh.MustParsePeriod("2025-03"), smallProvince.From} {
				got := export(t, db, "assessments", p)
				want := expectedAssessments(t, calc, paths, p, smallProvince.Through, smallProvince.From)
				if !bytes.Equal(got, want) {
					gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
					for i := 0; i < min(len(gl), len(wl)); i++ {
						if gl[i] != wl[i] {
							t.Fatalf("%s: line %d differs:\n got  %s\n want %s", p, i+1, gl[i], wl[i])
						}
					}
					t.Fatalf("%s: %d lines, want %d", p, len(gl), len(wl))
				}
				retro += strings.Count(string(got), ",true\n")
				if n := strings.Count(string(got), "\n"); n < 150 {
					t.Fatalf("%s: only %d rows", p, n)
				}
			}
			if retro == 0 {
				t.Fatal("the fixture should have retroactive rows")
			}
		})
	}
}

// Closing the same year of a province twice, into two databases, gives
// byte-identical notices (and assessments) exports, on each engine and
// across the engines.
func TestCloseDeterministic(t *testing.T) {
	var first map[string][]byte
	for _, engine := range storetest.Engines(t) {
		for run := range 2 {
			t.Run(fmt.Sprintf("%s/%d", engine, run), func(t *testing.T) {
				db, _ := openProvince(t, engine, smallProvince)
				closeAll(t, db, smallProvince, collection.Options{BatchEmployers: 5 + 3*run})
				got := map[string][]byte{}
				for p := smallProvince.From; p <= smallProvince.Through; p++ {
					for _, kind := range []string{"notices", "assessments", "arrears"} {
						got[kind+p.String()] = export(t, db, kind, p)
					}
				}
				if first == nil {
					first = got
					return
				}
				for k, v := range got {
					if !bytes.Equal(v, first[k]) {
						t.Errorf("%s differs from the first run", k)
					}
				}
			})
		}
	}
}

// Closing a closed month changes nothing; reopening recomputes it with an
// audit record, and with unchanged data gives the same exports.
func TestCloseIdempotentAndReopen(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			cfg := smallProvince
			cfg.Through = ansinh.MustParsePeriod("2025-08")
			db, _ := openProvince(t, engine, cfg)
			closeAll(t, db, cfg, collection.Options{})
			before := map[string][]byte{}
			for p := cfg.From; p <= cfg.Through; p++ {
				before["n"+p.String()] = export(t, db, "notices", p)
				before["a"+p.String()] = export(t, db, "assessments", p)
			}
			var runs int64
			db.R.QueryRow(`SELECT count(*) FROM close_runs`).Scan(&runs)
			r, err := collection.Close(ctx, collectiondb.NewCloseStore(db), ansinh.MustParsePeriod("2025-05"), collection.Options{})
			if err != nil || !r.AlreadyClosed {
				t.Fatalf("closing a closed month: %+v, %v", r, err)
			}
			var runs2 int64
			db.R.QueryRow(`SELECT count(*) FROM close_runs`).Scan(&runs2)
			if runs2 != runs {
				t.Fatal("closing a closed month started a run")
			}
			if _, err := collection.Close(ctx, collectiondb.NewCloseStore(db), cfg.Through.Add(2), collection.Options{}); ansinh.ErrorCode(err) != ansinh.ECONFLICT {
				t.Fatalf("closing out of order: %v", err)
			}
			res, err := collection.Reopen(ctx, collectiondb.NewCloseStore(db), ansinh.MustParsePeriod("2025-06"), collection.Options{Actor: "test:officer"})
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != 3 {
				t.Fatalf("reopen closed %d months again, want 3", len(res))
			}
			var audits int64
			db.R.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'collection.reopen' AND object = 'period:2025-06' AND actor = 'test:officer'`).Scan(&audits)
			if audits != 1 {
				t.Fatalf("%d audit records of the reopening", audits)
			}
			for p := cfg.From; p <= cfg.Through; p++ {
				if !bytes.Equal(before["n"+p.String()], export(t, db, "notices", p)) || !bytes.Equal(before["a"+p.String()], export(t, db, "assessments", p)) {
					t.Errorf("%s changed after reopening with the same data", p)
				}
			}
		})
	}
}
