package importer

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"ansinh"
)

const employmentHeader = "tax_code,person_id,start_month,end_month,wage,contract,declared_on"

func TestHeader(t *testing.T) {
	good := tax1 + "," + person1 + ",2024-01,,8500000,indefinite,2024-01-05"
	cases := []struct {
		name    string
		content string
		ok      bool
		column  string // the column a file error names
		reason  string // a part of its Vietnamese reason
	}{
		{name: "plain", content: lines(employmentHeader, good), ok: true},
		{name: "BOM", content: "\ufeff" + lines(employmentHeader, good), ok: true},
		{name: "BOM and quoted header", content: "\ufeff" + lines(`"tax_code","person_id",start_month,end_month,wage,contract,declared_on`, good), ok: true},
		{name: "CRLF", content: employmentHeader + "\r\n" + good + "\r\n", ok: true},
		{name: "columns in another order", ok: true,
			content: lines("declared_on,wage,contract,person_id,tax_code,start_month,end_month",
				"2024-01-05,8500000,indefinite,"+person1+","+tax1+",2024-01,")},
		{name: "optional column absent", ok: true,
			content: lines("tax_code,person_id,start_month,wage,contract,declared_on",
				tax1+","+person1+",2024-01,8500000,indefinite,2024-01-05")},
		{name: "blank lines", content: "\n" + employmentHeader + "\n\n" + good + "\n,,,,,,\n", ok: true},
		{name: "unknown column", column: "wages", reason: "có phải là \"wage\"?",
			content: lines("tax_code,person_id,start_month,end_month,wages,contract,declared_on", good)},
		{name: "unknown extra column", column: "note", reason: "cột không có trong định dạng employment",
			content: lines(employmentHeader+",note", good+",x")},
		{name: "missing required column", column: "declared_on", reason: "thiếu cột bắt buộc",
			content: lines("tax_code,person_id,start_month,end_month,wage,contract", tax1+","+person1+",2024-01,,8500000,indefinite")},
		{name: "repeated column", column: "wage", reason: "hai lần",
			content: lines(employmentHeader+",wage", good+",1")},
		{name: "case matters", column: "Wage", reason: "có phải là \"wage\"?",
			content: lines("tax_code,person_id,start_month,end_month,Wage,contract,declared_on", good)},
		{name: "empty column name", column: "", reason: "cột thứ 8 của dòng tiêu đề không có tên",
			content: lines(employmentHeader+",", good+",")},
		{name: "semicolons", column: strings.ReplaceAll(employmentHeader, ",", ";"), reason: "dấu chấm phẩy",
			content: lines(strings.ReplaceAll(employmentHeader, ",", ";"), strings.ReplaceAll(good, ",", ";"))},
		{name: "empty file", content: "", reason: "tệp trống"},
		{name: "only blank lines", content: "\n\n", reason: "tệp trống"},
		{name: "UTF-16", content: "\xff\xfet\x00a\x00", reason: "UTF-16"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			load := &memLoader{}
			rep, err := ImportReader(context.Background(), mustKind(t, "employment"), "e.csv",
				strings.NewReader(c.content), CSV, load, newRefs(), Options{})
			if c.ok {
				if err != nil || len(rep.FileErrors) > 0 || !load.committed || len(load.rows) != 1 {
					t.Fatalf("err=%v file errors=%+v errors=%+v committed=%v rows=%d",
						err, rep.FileErrors, rep.Errors, load.committed, len(load.rows))
				}
				want := []any{tax1, person1, ansinh.MustParsePeriod("2024-01"), nil, int64(8500000), "indefinite", ansinh.MustParseDate("2024-01-05")}
				if !reflect.DeepEqual(load.rows[0], want) {
					t.Errorf("row %#v, want %#v", load.rows[0], want)
				}
				return
			}
			if !isInvalid(err) {
				t.Fatalf("err = %v, want EINVALID", err)
			}
			if load.begun != 0 || load.committed {
				t.Errorf("a refused header began (%d) or committed a load", load.begun)
			}
			for _, e := range rep.FileErrors {
				if e.Column == c.column && strings.Contains(e.Reason, c.reason) && e.ReasonEN != "" {
					if !strings.Contains(err.Error(), c.reason) {
						t.Errorf("error %q does not say %q", err, c.reason)
					}
					return
				}
			}
			t.Errorf("no file error on %q with %q: %+v", c.column, c.reason, rep.FileErrors)
		})
	}
}

func TestHeaderLineIsReported(t *testing.T) {
	rep, _ := ImportReader(context.Background(), mustKind(t, "iz_enterprises"), "iz.csv",
		strings.NewReader(lines("tax_code,zone,employes", tax1+",KCN,1")), CSV, nil, nil, Options{})
	if len(rep.FileErrors) != 2 {
		t.Fatalf("file errors %+v, want the unknown and the missing column", rep.FileErrors)
	}
	for _, e := range rep.FileErrors {
		if e.Line != 1 || e.File != "iz.csv" {
			t.Errorf("%+v: want line 1 of iz.csv", e)
		}
	}
}

func TestLineNumbers(t *testing.T) {
	// A quoted field over two lines: the next row's line is its own.
	content := lines(
		"tax_code,zone,employees",     // 1
		tax1+",\"KCN\nThăng Long\",1", // 2-3: a line break inside a name is a control character
		"",                            // 4
		tax2+",KCN,-1",                // 5
	)
	rep, err := ImportReader(context.Background(), mustKind(t, "iz_enterprises"), "iz.csv",
		strings.NewReader(content), CSV, nil, nil, Options{})
	if !isInvalid(err) {
		t.Fatal(err)
	}
	var got []int
	for _, e := range rep.Errors {
		got = append(got, e.Line)
	}
	if !reflect.DeepEqual(got, []int{2, 5}) {
		t.Errorf("lines %v, want [2 5]: %+v", got, rep.Errors)
	}
}

func TestUnreadableRows(t *testing.T) {
	content := lines(
		"tax_code,zone,employees",
		tax1+",KCN,1,extra",
		tax2+",KCN",
		tax3+",K\"CN,1",
		tax2+",KCN,2",
	)
	load := &memLoader{}
	reject := filepath.Join(t.TempDir(), "r.csv")
	rep, err := ImportReader(context.Background(), mustKind(t, "iz_enterprises"), "iz.csv",
		strings.NewReader(content), CSV, load, nil, Options{RejectFile: reject})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Bad != 3 || rep.Good != 1 || len(load.rows) != 1 {
		t.Fatalf("bad %d good %d loaded %d: %+v", rep.Bad, rep.Good, len(load.rows), rep.Errors)
	}
	want := []struct {
		line   int
		reason string
	}{{2, "dòng có 4 trường nhưng dòng tiêu đề có 3"}, {3, "dòng có 2 trường"}, {4, "dấu ngoặc kép"}}
	for i, w := range want {
		e := rep.Errors[i]
		if e.Line != w.line || !strings.Contains(e.Reason, w.reason) {
			t.Errorf("error %d = %+v, want line %d %q", i, e, w.line, w.reason)
		}
	}
	if recs := readCSV(t, reject); len(recs) != 4 {
		t.Errorf("reject file has %d records, want 4", len(recs))
	}
}

func TestDuplicateKeys(t *testing.T) {
	content := lines(
		employmentHeader,
		tax1+","+person1+",2024-01,,8500000,indefinite,2024-01-05", // 2
		tax1+","+person1+",2024-02,,8500000,indefinite,2024-01-05", // 3: another month
		tax2+","+person1+",2024-01,,8500000,indefinite,2024-01-05", // 4: another employer
		tax1+", "+person1+" ,2024-01,,9000000,fixed,2024-03-01",    // 5: same key as 2 once trimmed
		tax1+","+person1+",2024-02,,1,fixed,2024-03-01",            // 6: same key as 3
		tax1+","+person1+",2024-01,,1,fixed,2024-03-01",            // 7: same key as 2 again
	)
	rep, err := ImportReader(context.Background(), mustKind(t, "employment"), "e.csv",
		strings.NewReader(content), CSV, &memLoader{}, newRefs(), Options{})
	if !isInvalid(err) {
		t.Fatal(err)
	}
	got := map[int]string{}
	for _, e := range rep.Errors {
		got[e.Line] = e.Reason
		if e.Column != "tax_code,person_id,start_month" || e.ReasonEN == "" {
			t.Errorf("%+v", e)
		}
	}
	want := map[int]string{
		5: "trùng khóa (tax_code,person_id,start_month) với dòng 2",
		6: "trùng khóa (tax_code,person_id,start_month) với dòng 3",
		7: "trùng khóa (tax_code,person_id,start_month) với dòng 2",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestKeyIndex(t *testing.T) {
	x := newKeyIndex(0)
	// Equal first hashes, different second hashes: different keys.
	if _, dup := x.add(42, 1, 2); dup {
		t.Fatal("first key a duplicate")
	}
	if _, dup := x.add(42, 2, 3); dup {
		t.Fatal("a first-hash collision taken for a duplicate")
	}
	if prev, dup := x.add(42, 2, 4); !dup || prev != 3 {
		t.Fatalf("add = %d, %v; want line 3", prev, dup)
	}
	if prev, dup := x.add(42, 1, 5); !dup || prev != 2 {
		t.Fatalf("add = %d, %v; want line 2", prev, dup)
	}
	if prev, dup := x.add(0, 7, 6); dup || prev != 0 {
		t.Fatal("hash 0")
	}
	if prev, dup := x.add(0, 7, 7); !dup || prev != 6 {
		t.Fatal("hash 0 again")
	}
	// Through several doublings, with clustered hashes.
	for i := uint64(0); i < 100000; i++ {
		if _, dup := x.add(i<<3|i%5, i, int(i)+10); dup {
			t.Fatalf("key %d a duplicate", i)
		}
	}
	for i := uint64(0); i < 100000; i++ {
		if prev, dup := x.add(i<<3|i%5, i, 1); !dup || prev != int(i)+10 {
			t.Fatalf("key %d: %d, %v", i, prev, dup)
		}
	}
	if 4*x.n > 3*len(x.hashes) {
		t.Errorf("%d keys in %d slots", x.n, len(x.hashes))
	}
}

func TestMaxErrorsAndReport(t *testing.T) {
	ls := []string{"tax_code,zone,employees"}
	for i := 0; i < 10; i++ {
		ls = append(ls, "x,,y") // three problems each
	}
	rep, err := ImportReader(context.Background(), mustKind(t, "iz_enterprises"), "iz.csv",
		strings.NewReader(lines(ls...)), CSV, &memLoader{}, nil, Options{MaxErrors: 5, Lang: "en"})
	if !isInvalid(err) {
		t.Fatal(err)
	}
	if len(rep.Errors) != 5 || rep.MoreErrors != 25 || rep.Bad != 10 {
		t.Fatalf("errors %d more %d bad %d", len(rep.Errors), rep.MoreErrors, rep.Bad)
	}
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"iz.csv (iz_enterprises): 10 rows, 0 good, 10 bad; refused", "iz.csv:2: zone: is required", "25 more problems"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	rep.Lang = "vi"
	if s := rep.Summary(); !strings.Contains(s, "10 dòng, 0 hợp lệ, 10 lỗi; bị từ chối") {
		t.Errorf("summary %q", s)
	}
	if m := rep.Errors[0].Message("vi"); m != `iz.csv:2: tax_code "x": mã số thuế sai độ dài` {
		t.Errorf("message %q", m)
	}
	var e *ansinh.Error
	if errors.As(err, &e); !strings.Contains(e.Message, "10 trong 10 dòng có lỗi") || !strings.Contains(e.MessageEN, "10 of 10 rows are bad") {
		t.Errorf("error %q / %q", e.Message, e.MessageEN)
	}
}

func TestLoaderAndRefErrors(t *testing.T) {
	content := lines(employmentHeader, tax1+","+person1+",2024-01,,8500000,indefinite,2024-01-05")
	k := mustKind(t, "employment")
	boom := errors.New("boom")
	load := &memLoader{addErr: boom}
	_, err := ImportReader(context.Background(), k, "e.csv", strings.NewReader(content), CSV, load, newRefs(), Options{})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "line 2") || !load.rolledBack || load.committed {
		t.Errorf("err=%v rolledBack=%v committed=%v", err, load.rolledBack, load.committed)
	}
	_, err = ImportReader(context.Background(), k, "e.csv", strings.NewReader(content), CSV, &memLoader{}, failingRefs{boom}, Options{})
	if !errors.Is(err, boom) {
		t.Errorf("ref error: %v", err)
	}
	_, err = ImportReader(context.Background(), k, "e.csv", strings.NewReader(content), CSV, &memLoader{}, nil, Options{})
	if err == nil || isInvalid(err) {
		t.Errorf("no RefSource: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	load = &memLoader{}
	_, err = ImportReader(ctx, k, "e.csv", strings.NewReader(content), CSV, load, newRefs(), Options{})
	if !errors.Is(err, context.Canceled) || !load.rolledBack {
		t.Errorf("cancelled: err=%v rolledBack=%v", err, load.rolledBack)
	}
}

type failingRefs struct{ err error }

func (f failingRefs) KeySet(context.Context, string, string, int) (func(string) bool, error) {
	return nil, f.err
}

func TestValidateOnly(t *testing.T) {
	content := lines(employmentHeader, tax1+","+person1+",2024-01,,8500000,indefinite,2024-01-05")
	rep, err := ImportReader(context.Background(), mustKind(t, "employment"), "e.csv",
		strings.NewReader(content), CSV, nil, newRefs(), Options{})
	if err != nil || rep.Committed || rep.Good != 1 {
		t.Errorf("err=%v report=%+v", err, rep)
	}
}

func TestImportPath(t *testing.T) {
	k := mustKind(t, "iz_enterprises")
	path := writeFile(t, "IZ.CSV", lines("tax_code,zone,employees", tax1+",KCN,1"))
	load := &memLoader{}
	rep, err := Import(context.Background(), k, path, load, nil, Options{})
	if err != nil || !rep.Committed || rep.File != "IZ.CSV" {
		t.Fatalf("err=%v report=%+v", err, rep)
	}
	_, err = Import(context.Background(), k, writeFile(t, "iz.txt", "x"), load, nil, Options{})
	if !isInvalid(err) {
		t.Errorf(".txt: %v", err)
	}
	_, err = Import(context.Background(), k, path, &memLoader{}, nil, Options{RejectFile: path})
	if !isInvalid(err) {
		t.Errorf("reject file = input: %v", err)
	}
	if _, err := Import(context.Background(), k, filepath.Join(t.TempDir(), "none.csv"), load, nil, Options{}); err == nil {
		t.Error("missing file: no error")
	}
	if _, err := Import(context.Background(), k, writeFile(t, "bad.xlsx", "not a zip"), load, nil, Options{}); !isInvalid(err) {
		t.Errorf("damaged xlsx: %v", err)
	}
}

func TestRejectFileWithoutBadRows(t *testing.T) {
	reject := filepath.Join(t.TempDir(), "r.csv")
	_, err := ImportReader(context.Background(), mustKind(t, "iz_enterprises"), "iz.csv",
		strings.NewReader(lines("zone,tax_code,employees", "KCN,"+tax1+",1")), CSV, &memLoader{}, nil, Options{RejectFile: reject})
	if err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, reject)
	if len(recs) != 1 || strings.Join(recs[0], ",") != "zone,tax_code,employees,line,column,reason,reason_en" {
		t.Errorf("reject file %q", recs)
	}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(reject), ".*"))
	if len(matches) != 0 {
		t.Errorf("temporary files left: %q", matches)
	}
}

func TestCells(t *testing.T) {
	var p cells
	money := &Column{Name: "m", Type: TypeMoney}
	cases := []struct {
		c    *Column
		in   string
		want any
		bad  string
	}{
		{money, "0", int64(0), ""},
		{money, "123456789012345678", int64(123456789012345678), ""},
		{money, "1234567890123456789", nil, "số quá lớn"},
		{money, "-0", nil, "không được âm"},
		{money, "1 000", nil, "không dấu phân cách"},
		{money, "1e6", nil, "không dấu phân cách"},
		{&Column{Name: "d", Type: TypeDate}, "1899-12-31", nil, "năm phải từ 1900 đến 2200"},
		{&Column{Name: "d", Type: TypeDate}, "2024-02-29", ansinh.MustParseDate("2024-02-29"), ""},
		{&Column{Name: "m", Type: TypeMonth}, "2024-00", nil, "tháng phải từ 01 đến 12"},
		{&Column{Name: "m", Type: TypeMonth}, "24-01", nil, "không phải tháng"},
		{&Column{Name: "t", Type: TypeText}, "Nguyễn\u0085", nil, "ký tự điều khiển"},
		{&Column{Name: "t", Type: TypeText}, "a\xffb", nil, "UTF-8"},
		{&Column{Name: "b", Type: TypeBool}, "TRUE", nil, "true hoặc false"},
		{&Column{Name: "p", Type: TypePayer}, "0101000006-01", nil, "phải là mã số thuế"},
		{&Column{Name: "p", Type: TypePayer}, "0101000006 - 001", "0101000006-001", ""},
		{&Column{Name: "p", Type: TypePayer}, "0101000006-001", "0101000006-001", ""},
		{&Column{Name: "p", Type: TypePayer}, "0010 8500 0001", "001085000001", ""},
	}
	for _, c := range cases {
		c.c.compile()
		v, vi, _ := p.read(c.c, c.in, 0)
		if c.bad == "" && (vi != "" || !reflect.DeepEqual(v, c.want)) {
			t.Errorf("%s %q = %#v, %q; want %#v", c.c.Type, c.in, v, vi, c.want)
		}
		if c.bad != "" && !strings.Contains(vi, c.bad) {
			t.Errorf("%s %q: reason %q, want %q", c.c.Type, c.in, vi, c.bad)
		}
	}
	if trim("\u00a0 x \t") != "x" || trim("x") != "x" {
		t.Error("trim")
	}
}

// TestCalendarAgreesWithParse checks the fast date and month readers
// against ansinh.ParseDate and ansinh.ParsePeriod.
func TestCalendarAgreesWithParse(t *testing.T) {
	for y := 1899; y <= 2201; y++ {
		for m := 0; m <= 13; m++ {
			ms := appendPadded(appendPadded(nil, y, 4), m, 2)
			ms = append(ms[:4], '-', ms[4], ms[5])
			want, err := ansinh.ParsePeriod(string(ms))
			got, ok := fastMonth(string(ms))
			if ok != (err == nil) || ok && got != any(want) {
				t.Fatalf("%s: %v %v, want %v %v", ms, got, ok, want, err)
			}
			for d := 0; d <= 32; d++ {
				ds := string(append(append(ms, '-'), appendPadded(nil, d, 2)...))
				want, err := ansinh.ParseDate(ds)
				got, ok := fastDate(ds)
				if ok != (err == nil) || ok && got != any(want) {
					t.Fatalf("%s: %v %v, want %v %v", ds, got, ok, want, err)
				}
			}
		}
	}
	for _, s := range []string{"2024-1-01", "2024/01/01", "20240101", "2024-01-0a", "+024-01-01", "2024-01", "2024-1", "２０２４-01"} {
		if _, ok := fastDate(s); ok {
			t.Errorf("fastDate(%q) accepted", s)
		}
		if _, err := ansinh.ParsePeriod(s); err != nil {
			if _, ok := fastMonth(s); ok {
				t.Errorf("fastMonth(%q) accepted", s)
			}
		}
	}
}

// keepingLoader keeps the rows it is given without copying them, as a
// buffering Load may.
type keepingLoader struct{ memLoader }

func (l *keepingLoader) BeginLoad(context.Context, *Kind) (Load, error) { return l, nil }
func (l *keepingLoader) Add(row []any) error                            { l.rows = append(l.rows, row); return nil }

func TestLoadMayKeepRows(t *testing.T) {
	f := newEmploymentFile(1000)
	load := &keepingLoader{}
	if _, err := ImportReader(context.Background(), mustKind(t, "employment"), "gen.csv", f, CSV, load, anyRefs{}, Options{}); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range load.rows {
		key := r[0].(string) + r[1].(string) + r[2].(ansinh.Period).String()
		if seen[key] {
			t.Fatalf("row %v seen twice: rows were overwritten", r)
		}
		seen[key] = true
	}
	if len(seen) != 1000 {
		t.Errorf("%d distinct rows, want 1000", len(seen))
	}
}
