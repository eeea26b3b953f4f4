package importer

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"ansinh"
)

// badRow is a data row that breaks one rule, and what the report must say.
type badRow struct {
	rule   string // the rule broken, for failure messages
	row    string // the CSV line
	column string // the column the report names
	reason string // a part of the Vietnamese reason
}

// kindCase is a file of one kind: good rows, then one bad row per rule.
type kindCase struct {
	kind   string
	header string
	good   []string
	bad    []badRow
}

var kindCases = []kindCase{
	{
		kind:   "units",
		header: "code,name,level,parent_code,valid_from,valid_to,region",
		good: []string{
			"01,Hà Nội,province,,2008-08-01,,",
			"001,Ba Đình,district,01,2008-08-01,2025-06-30,",
			"00004,Phường Ba Đình,commune,01,2025-07-01,,I",
		},
		bad: []badRow{
			{"code not digits", "0A,X,province,,2008-08-01,,", "code", "phải gồm 2, 3 hoặc 5 chữ số"},
			{"code length", "1234,X,district,01,2008-08-01,,", "code", "phải gồm 2, 3 hoặc 5 chữ số"},
			{"code vs level", "002,X,commune,01,2008-08-01,,", "code", "mã đơn vị cấp xã phải gồm 5 chữ số"},
			{"name empty", "02,,province,,2008-08-01,,", "name", "bắt buộc"},
			{"level enum", "03,X,ward,,2008-08-01,,", "level", "phải là một trong các giá trị: province, district, commune"},
			{"parent required", "004,X,district,,2008-08-01,,", "parent_code", "bắt buộc với đơn vị cấp huyện"},
			{"province without parent", "04,X,province,01,2008-08-01,,", "parent_code", "không có đơn vị cấp trên"},
			{"district under a province", "005,X,district,001,2008-08-01,,", "parent_code", "phải là một tỉnh"},
			{"valid_from date", "06,X,province,,2025-13-01,,", "valid_from", "tháng phải từ 01 đến 12"},
			{"valid_to before valid_from", "07,X,province,,2025-07-01,2025-06-30,", "valid_to", "trước ngày bắt đầu hiệu lực"},
			{"region enum", "00010,X,commune,01,2025-07-01,,V", "region", "I, II, III, IV"},
			{"duplicate key", "01,Hà Nội lần hai,province,,2008-08-01,,", "code,valid_from", "trùng khóa (code,valid_from) với dòng 2"},
		},
	},
	{
		kind:   "unit_successors",
		header: "old_code,new_code,from",
		good: []string{
			"001,00004,2025-07-01",
			"001,00007,2025-07-01",
		},
		bad: []badRow{
			{"old_code unknown", "009,00004,2025-07-01", "old_code", "không có trong danh mục đơn vị hành chính"},
			{"new_code unknown", "001,00099,2025-07-01", "new_code", "không có trong danh mục đơn vị hành chính"},
			{"new_code digits", "001,0000x,2025-07-01", "new_code", "chữ số"},
			{"from date", "001,00004,01/07/2025", "from", "không phải ngày theo dạng YYYY-MM-DD"},
			{"duplicate key", "001,00004,2025-07-01", "old_code,new_code,from", "với dòng 2"},
		},
	},
	{
		kind:   "persons",
		header: "person_id,full_name,birth_date,sex,ethnic_minority,commune_code,legacy_si_code",
		good: []string{
			person1 + ",Nguyễn Văn An,1985-03-10,male,false,00004,0123456789",
			person2 + ",Trần Thị Bình,1990-07-01,female,true,00007,",
			person3 + ", Lê Văn Cường ,2001-01-01,male,false,00004,",
		},
		bad: []badRow{
			{"person_id length", "00108500000,X,1985-03-10,male,false,00004,", "person_id", "số định danh cá nhân sai độ dài"},
			{"person_id format", "00108500000A,X,1985-03-10,male,false,00004,", "person_id", "chứa ký tự không phải chữ số"},
			{"person_id component", "999085000001,X,1985-03-10,male,false,00004,", "person_id", "có thành phần không hợp lệ"},
			{"person_id vs birth year", "001085000011,X,1986-03-10,male,false,00004,", "person_id", "không khớp với ngày sinh hoặc giới tính"},
			{"person_id vs sex", "001085000012,X,1985-03-10,female,false,00004,", "person_id", "không khớp với ngày sinh hoặc giới tính"},
			{"full_name empty", "001085000013,,1985-03-10,male,false,00004,", "full_name", "bắt buộc"},
			{"full_name control", "001085000014,\"Nguyễn\tAn\",1985-03-10,male,false,00004,", "full_name", "ký tự điều khiển"},
			{"birth_date no such day", "001085000015,X,1985-02-30,male,false,00004,", "birth_date", "ngày không tồn tại"},
			{"sex enum", "001085000016,X,1985-03-10,M,false,00004,", "sex", "male, female"},
			{"ethnic_minority bool", "001085000017,X,1985-03-10,male,1,00004,", "ethnic_minority", "phải là true hoặc false"},
			{"commune unknown", "001085000018,X,1985-03-10,male,false,00099,", "commune_code", "không có trong danh mục đơn vị hành chính"},
			{"commune length", "001085000019,X,1985-03-10,male,false,001,", "commune_code", "phải gồm 5 chữ số"},
			{"legacy_si_code length", "001085000020,X,1985-03-10,male,false,00004,12345", "legacy_si_code", "phải gồm 10 chữ số"},
			{"duplicate key", person1 + ",Nguyễn Văn An,1985-03-10,male,false,00004,", "person_id", "với dòng 2"},
		},
	},
	{
		kind:   "household_status",
		header: "person_id,year,status",
		good: []string{
			person1 + ",2024,poor",
			person1 + ",2025,near_poor",
			person2 + ",2025,none",
		},
		bad: []badRow{
			{"person unknown", personUnknown + ",2025,poor", "person_id", "chưa có trong danh sách cá nhân"},
			{"person_id syntax", "12345,2025,poor", "person_id", "sai độ dài"},
			{"year range", person3 + ",1999,poor", "year", "từ 2000 đến 2100"},
			{"year not a number", person3 + ",năm 2024,poor", "year", "không phải số nguyên"},
			{"status enum", person3 + ",2025,rich", "status", "poor, near_poor, none"},
			{"duplicate key", person1 + ",2024,none", "person_id,year", "với dòng 2"},
		},
	},
	{
		kind:   "employers",
		header: "tax_code,name,kind,commune_code,industrial_zone,registered_on",
		good: []string{
			tax1 + ",Công ty TNHH An Phát,private,00004,,2015-04-01",
			tax2 + ",Công ty CP Bình Minh,fdi,00007,KCN Thăng Long,2018-09-15",
			tax1 + "-001,Chi nhánh An Phát,private,00007,,2020-01-02",
		},
		bad: []badRow{
			{"tax_code check digit", taxBadCheck + ",X,private,00004,,2015-04-01", "tax_code", "mã số thuế sai chữ số kiểm tra"},
			{"tax_code length", "01010000,X,private,00004,,2015-04-01", "tax_code", "mã số thuế sai độ dài"},
			{"tax_code branch", tax3 + "-000,X,private,00004,,2015-04-01", "tax_code", "có thành phần không hợp lệ"},
			{"name empty", tax3 + ",,private,00004,,2015-04-01", "name", "bắt buộc"},
			{"kind enum", tax3 + ",X,company,00004,,2015-04-01", "kind", "state, soe, fdi, private, cooperative, household_business"},
			{"commune unknown", tax3 + ",X,private,00099,,2015-04-01", "commune_code", "không có trong danh mục"},
			{"registered_on", tax3 + ",X,private,00004,,2015-4-1", "registered_on", "không phải ngày"},
			{"duplicate key (normalised)", " " + tax2 + " ,Y,private,00004,,2015-04-01", "tax_code", "với dòng 3"},
		},
	},
	{
		kind:   "employment",
		header: "tax_code,person_id,start_month,end_month,wage,contract,declared_on",
		good: []string{
			tax1 + "," + person1 + ",2024-01,,8500000,indefinite,2024-01-05",
			tax1 + "," + person2 + ",2024-03,2024-12,6200000,fixed,2024-05-20",
			tax2 + "," + person1 + ",2023-06,2023-06,5000000,seasonal,2023-06-01",
		},
		bad: []badRow{
			{"employer unknown", tax3 + "," + person1 + ",2024-01,,8500000,fixed,2024-01-05", "tax_code", "chưa có trong danh sách đơn vị sử dụng lao động"},
			{"tax_code syntax", taxBadCheck + "," + person1 + ",2024-01,,8500000,fixed,2024-01-05", "tax_code", "sai chữ số kiểm tra"},
			{"person unknown", tax2 + "," + personUnknown + ",2024-01,,8500000,fixed,2024-01-05", "person_id", "chưa có trong danh sách cá nhân"},
			{"person_id syntax", tax2 + ",0010850000,2024-01,,8500000,fixed,2024-01-05", "person_id", "sai độ dài"},
			{"start_month format", tax2 + "," + person2 + ",2024-1,,8500000,fixed,2024-01-05", "start_month", "không phải tháng theo dạng YYYY-MM"},
			{"start_month month", tax2 + "," + person2 + ",2024-13,,8500000,fixed,2024-01-05", "start_month", "tháng phải từ 01 đến 12"},
			{"end before start", tax2 + "," + person3 + ",2024-05,2024-04,8500000,fixed,2024-01-05", "end_month", "tháng kết thúc trước tháng bắt đầu"},
			{"wage zero", tax2 + "," + person3 + ",2024-06,,0,fixed,2024-01-05", "wage", "phải lớn hơn 0"},
			{"wage separators", tax2 + "," + person3 + ",2024-07,,\"5.000.000\",fixed,2024-01-05", "wage", "không dấu phân cách"},
			{"wage decimals", tax2 + "," + person3 + ",2024-08,,5000000.50,fixed,2024-01-05", "wage", "không phần thập phân"},
			{"wage negative", tax2 + "," + person3 + ",2024-09,,-5000000,fixed,2024-01-05", "wage", "không được âm"},
			{"wage empty", tax2 + "," + person3 + ",2024-10,,,fixed,2024-01-05", "wage", "bắt buộc"},
			{"contract enum", tax2 + "," + person3 + ",2024-11,,5000000,permanent,2024-01-05", "contract", "indefinite, fixed, seasonal"},
			{"declared_on empty", tax2 + "," + person3 + ",2024-12,,5000000,fixed,", "declared_on", "bắt buộc"},
			{"duplicate key", tax1 + "," + person1 + ",2024-01,2024-06,9000000,fixed,2024-07-01", "tax_code,person_id,start_month", "với dòng 2"},
		},
	},
	{
		kind:   "voluntary",
		header: "person_id,start_month,end_month,income,mode,category,agent_code",
		good: []string{
			person1 + ",2024-01,,1500000,monthly,poor,DL-001",
			person2 + ",2024-04,2025-03,2000000,annual,ethnic_minority,",
		},
		bad: []badRow{
			{"person unknown", personUnknown + ",2024-01,,1500000,monthly,poor,", "person_id", "chưa có trong danh sách cá nhân"},
			{"income zero", person3 + ",2024-01,,0,monthly,poor,", "income", "phải lớn hơn 0"},
			{"income text", person3 + ",2024-02,,1,5 triệu,monthly,poor,", "", "trường"},
			{"mode enum", person3 + ",2024-03,,1500000,weekly,poor,", "mode", "monthly, quarterly, semiannual, annual"},
			{"category enum", person3 + ",2024-04,,1500000,monthly,rich,", "category", "poor, near_poor, ethnic_minority, other"},
			{"agent_code chars", person3 + ",2024-05,,1500000,monthly,poor,đại lý 1", "agent_code", "chữ cái không dấu"},
			{"end before start", person3 + ",2024-06,2024-01,1500000,monthly,poor,", "end_month", "trước tháng bắt đầu"},
			{"duplicate key", person1 + ",2024-01,,1800000,quarterly,other,", "person_id,start_month", "với dòng 2"},
		},
	},
	{
		kind:   "beneficiaries",
		header: "person_id,kind,start_month,end_month,monthly_amount",
		good: []string{
			person1 + ",pension,2024-01,,6500000",
			person2 + ",social_pension,2024-01,2024-12,0",
		},
		bad: []badRow{
			{"person unknown", personUnknown + ",pension,2024-01,,6500000", "person_id", "chưa có trong danh sách cá nhân"},
			{"kind enum", person3 + ",disability,2024-01,,6500000", "kind", "pension, monthly_si_benefit, social_pension"},
			{"start missing", person3 + ",pension,,,6500000", "start_month", "bắt buộc"},
			{"end before start", person3 + ",pension,2024-05,2024-04,6500000", "end_month", "trước tháng bắt đầu"},
			{"amount negative", person3 + ",monthly_si_benefit,2024-01,,-1", "monthly_amount", "không được âm"},
			{"duplicate key", person1 + ",pension,2024-01,,7000000", "person_id,kind,start_month", "với dòng 2"},
		},
	},
	{
		kind:   "payments",
		header: "ref,payer,amount,paid_on,channel,agent_code",
		good: []string{
			"UNC-2024-0001," + tax1 + ",12500000,2024-02-10,bank,",
			"UNC-2024-0001," + tax3 + ",3000000,2024-02-10,bank,",           // unknown employers are fine
			"BL 0002," + personUnknown + ",1500000,2024-02-11,agent,DL-001", // so are unknown persons
			"GW-77," + tax1 + "-001,900000,2024-02-12,online,",              // a branch
			"QUAY-1," + person1 + ",450000,2024-02-13,counter,",
		},
		bad: []badRow{
			{"payer neither", "R1,01234567890,1000,2024-02-10,bank,", "payer", "phải là mã số thuế"},
			{"payer tax check digit", "R2," + taxBadCheck + ",1000,2024-02-10,bank,", "payer", "mã số thuế sai chữ số kiểm tra"},
			{"payer person component", "R3,999085000001,1000,2024-02-10,bank,", "payer", "số định danh cá nhân có thành phần không hợp lệ"},
			{"ref empty", "," + tax1 + ",1000,2024-02-10,bank,", "ref", "bắt buộc"},
			{"amount zero", "R4," + tax1 + ",0,2024-02-10,bank,", "amount", "phải lớn hơn 0"},
			{"amount separators", "R5," + tax1 + ",\"1,000\",2024-02-10,bank,", "amount", "không dấu phân cách"},
			{"amount above the limit", "R8," + tax1 + ",1000000000000001,2024-02-10,bank,", "amount", "vượt quá giới hạn"},
			{"amount int64 max", "R9," + tax1 + ",9223372036854775807,2024-02-10,bank,", "amount", "quá"},
			{"paid_on", "R6," + tax1 + ",1000,10/02/2024,bank,", "paid_on", "không phải ngày"},
			{"channel enum", "R7," + tax1 + ",1000,2024-02-10,cash,", "channel", "bank, online, agent, counter"},
			{"duplicate key", "UNC-2024-0001," + tax1 + ",99,2024-03-01,bank,", "payer,ref", "với dòng 2"},
		},
	},
	{
		kind:   "labor_force",
		header: "unit_code,year,labor_force,over_retirement_age",
		good: []string{
			"01,2024,4200000,900000",
			"00004,2024,15000,2100",
		},
		bad: []badRow{
			{"unit unknown", "99,2024,1,1", "unit_code", "không có trong danh mục đơn vị hành chính"},
			{"year", "01,20x4,1,1", "year", "không phải số nguyên"},
			{"labor_force negative", "001,2024,-1,1", "labor_force", "không âm"},
			{"over_retirement_age text", "00007,2024,1,abc", "over_retirement_age", "không phải số nguyên"},
			{"duplicate key", "01,2024,4300000,910000", "unit_code,year", "với dòng 2"},
		},
	},
	{
		kind:   "tax_wages",
		header: "tax_code,person_id,month,wage_income",
		good: []string{
			tax3 + "," + personUnknown + ",2024-01,12000000", // existence is not checked
			tax1 + "," + person1 + ",2024-01,0",
		},
		bad: []badRow{
			{"tax_code", taxBadCheck + "," + person1 + ",2024-02,1", "tax_code", "sai chữ số kiểm tra"},
			{"person_id", tax1 + ",00108500000x,2024-02,1", "person_id", "chứa ký tự không phải chữ số"},
			{"month", tax1 + "," + person1 + ",2024-02-01,1", "month", "không phải tháng"},
			{"wage_income negative", tax1 + "," + person2 + ",2024-02,-1", "wage_income", "không được âm"},
			{"duplicate key", tax3 + "," + personUnknown + ",2024-01,1", "tax_code,person_id,month", "với dòng 2"},
		},
	},
	{
		kind:   "business_registry",
		header: "tax_code,name,commune_code,registered_on,status,employees_reported",
		good: []string{
			tax3 + ",Công ty TNHH Chưa Đăng Ký,00004,2021-05-05,active,25",
			tax1 + ",Công ty TNHH An Phát,00004,2015-04-01,suspended,0",
		},
		bad: []badRow{
			{"tax_code", "0101000000,X,00004,2021-05-05,active,1", "tax_code", "mã số thuế"},
			{"name empty", tax2 + ", ,00004,2021-05-05,active,1", "name", "bắt buộc"},
			{"commune unknown", tax2 + ",X,00099,2021-05-05,active,1", "commune_code", "không có trong danh mục"},
			{"registered_on", tax2 + ",X,00004,2021-02-29,active,1", "registered_on", "ngày không tồn tại"},
			{"status enum", tax2 + ",X,00004,2021-05-05,closed,1", "status", "active, suspended, dissolved"},
			{"employees negative", tax2 + ",X,00004,2021-05-05,active,-5", "employees_reported", "không âm"},
			{"duplicate key", tax3 + ",Y,00004,2021-05-05,active,1", "tax_code", "với dòng 2"},
		},
	},
	{
		kind:   "iz_enterprises",
		header: "tax_code,zone,employees",
		good: []string{
			tax2 + ",KCN Thăng Long,1200",
			tax3 + ",KCN Nội Bài,0",
		},
		bad: []badRow{
			{"tax_code", "123,KCN,1", "tax_code", "sai độ dài"},
			{"zone empty", tax1 + ",,1", "zone", "bắt buộc"},
			{"employees separators", tax1 + ",KCN,\"1,000\"", "employees", "không phải số nguyên"},
			{"duplicate key", tax2 + ",KCN Khác,5", "tax_code", "với dòng 2"},
		},
	},
}

// file returns the case's CSV file: the header, the good rows, then the bad
// rows, and the line of each bad row.
func (c kindCase) file() (string, []int) {
	ls := append([]string{c.header}, c.good...)
	var at []int
	for _, b := range c.bad {
		ls = append(ls, b.row)
		at = append(at, len(ls))
	}
	return lines(ls...), at
}

func TestKindCasesCoverEveryKind(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range kindCases {
		seen[c.kind] = true
	}
	for _, k := range Kinds() {
		if !seen[k.Name] {
			t.Errorf("kind %s has no test case", k.Name)
		}
	}
}

// TestKindsRefuseBadRows imports, for each kind, a file with one bad row of
// each sort in all-or-nothing mode: the whole file is refused and the report
// names every bad row.
func TestKindsRefuseBadRows(t *testing.T) {
	for _, c := range kindCases {
		t.Run(c.kind, func(t *testing.T) {
			k := mustKind(t, c.kind)
			content, at := c.file()
			path := writeFile(t, c.kind+".csv", content)
			load, refs := &memLoader{}, newRefs()
			rep, err := Import(context.Background(), k, path, load, refs, Options{})
			if !isInvalid(err) {
				t.Fatalf("err = %v, want an EINVALID *ansinh.Error", err)
			}
			if load.committed || !load.rolledBack {
				t.Errorf("committed=%v rolledBack=%v, want a rollback only", load.committed, load.rolledBack)
			}
			if rep.Committed {
				t.Error("report says committed")
			}
			if rep.Rows != len(c.good)+len(c.bad) || rep.Good != len(c.good) || rep.Bad != len(c.bad) {
				t.Errorf("rows/good/bad = %d/%d/%d, want %d/%d/%d", rep.Rows, rep.Good, rep.Bad,
					len(c.good)+len(c.bad), len(c.good), len(c.bad))
			}
			for i, b := range c.bad {
				checkReported(t, rep.Errors, c.kind+".csv", at[i], b)
			}
			for _, e := range rep.Errors {
				if e.Reason == "" || e.ReasonEN == "" || e.Reason == e.ReasonEN && !strings.Contains(e.Reason, "\"") {
					t.Errorf("line %d: reasons %q / %q: want both languages", e.Line, e.Reason, e.ReasonEN)
				}
			}
			for ref, n := range refs.calls {
				if n != 1 {
					t.Errorf("KeySet(%s) called %d times, want once", ref, n)
				}
			}
		})
	}
}

// checkReported looks for the problem of a bad row in the report.
func checkReported(t *testing.T, errs []RowError, file string, line int, b badRow) {
	t.Helper()
	var got []string
	for _, e := range errs {
		if e.Line != line {
			continue
		}
		if e.File != file {
			t.Errorf("%s: file %q, want %q", b.rule, e.File, file)
		}
		if e.Column == b.column && strings.Contains(e.Reason, b.reason) {
			return
		}
		got = append(got, e.Column+": "+e.Reason)
	}
	t.Errorf("%s (line %d): no problem on %q with %q; got %q", b.rule, line, b.column, b.reason, got)
}

// TestKindsRejectMode imports the same files in reject mode: the good rows
// are committed, the reject file holds exactly the bad rows with reasons.
func TestKindsRejectMode(t *testing.T) {
	for _, c := range kindCases {
		t.Run(c.kind, func(t *testing.T) {
			k := mustKind(t, c.kind)
			content, at := c.file()
			path := writeFile(t, c.kind+".csv", content)
			reject := filepath.Join(t.TempDir(), c.kind+"-reject.csv")
			load := &memLoader{}
			rep, err := Import(context.Background(), k, path, load, newRefs(), Options{RejectFile: reject})
			if err != nil {
				t.Fatal(err)
			}
			if !load.committed || load.rolledBack || !rep.Committed {
				t.Errorf("committed=%v rolledBack=%v report=%v, want a commit", load.committed, load.rolledBack, rep.Committed)
			}
			if len(load.rows) != len(c.good) || rep.Inserted != int64(len(c.good)) {
				t.Errorf("loaded %d rows (inserted %d), want %d", len(load.rows), rep.Inserted, len(c.good))
			}
			if rep.RejectFile != reject {
				t.Errorf("RejectFile = %q", rep.RejectFile)
			}
			recs := readCSV(t, reject)
			header := strings.Split(c.header, ",")
			wantHeader := append(header, "line", "column", "reason", "reason_en")
			if !reflect.DeepEqual(recs[0], wantHeader) {
				t.Errorf("reject header %q, want %q", recs[0], wantHeader)
			}
			if len(recs)-1 != len(c.bad) {
				t.Fatalf("reject file has %d rows, want %d", len(recs)-1, len(c.bad))
			}
			for i, rec := range recs[1:] {
				b := c.bad[i]
				n := len(header)
				if rec[n] != strconv.Itoa(at[i]) {
					t.Errorf("%s: reject line %q, want %d", b.rule, rec[n], at[i])
				}
				if !strings.Contains(rec[n+1], b.column) || !strings.Contains(rec[n+2], b.reason) || rec[n+3] == "" {
					t.Errorf("%s: reject row %q", b.rule, rec)
				}
				orig := parseCSVLine(t, b.row)
				if len(orig) == n && !reflect.DeepEqual(rec[:n], orig) {
					t.Errorf("%s: reject cells %q, want %q", b.rule, rec[:n], orig)
				}
			}
		})
	}
}

// TestKindsGoodFiles imports the good rows alone: no problem, a commit, and
// values of the documented types.
func TestKindsGoodFiles(t *testing.T) {
	for _, c := range kindCases {
		t.Run(c.kind, func(t *testing.T) {
			k := mustKind(t, c.kind)
			path := writeFile(t, c.kind+".csv", lines(append([]string{c.header}, c.good...)...))
			load := &memLoader{}
			rep, err := Import(context.Background(), k, path, load, newRefs(), Options{})
			if err != nil {
				t.Fatalf("%v: %+v", err, rep.Errors)
			}
			if !load.committed || len(load.rows) != len(c.good) {
				t.Fatalf("committed=%v rows=%d", load.committed, len(load.rows))
			}
			for _, row := range load.rows {
				for i, v := range row {
					checkValueType(t, &k.Columns[i], v)
				}
			}
		})
	}
}

// checkValueType checks that a value has its column type's Go type.
func checkValueType(t *testing.T, c *Column, v any) {
	t.Helper()
	if v == nil {
		if c.Required {
			t.Errorf("%s: nil for a required column", c.Name)
		}
		return
	}
	ok := false
	switch c.Type {
	case TypeText, TypeCode, TypeDigits, TypeEnum, TypePersonID, TypeTaxCode, TypePayer:
		_, ok = v.(string)
	case TypeInt, TypeMoney:
		_, ok = v.(int64)
	case TypeBool:
		_, ok = v.(bool)
	case TypeDate:
		_, ok = v.(ansinh.Date)
	case TypeMonth:
		_, ok = v.(ansinh.Period)
	}
	if !ok {
		t.Errorf("%s (%s): value %#v of type %T", c.Name, c.Type, v, v)
	}
}

func TestKindDefinitions(t *testing.T) {
	wantOrder := []string{"units", "unit_successors", "persons", "household_status", "employers",
		"employment", "voluntary", "beneficiaries", "payments", "labor_force", "tax_wages",
		"business_registry", "iz_enterprises"}
	wantOrder = append(wantOrder, "si_history", "person_deaths") // kinds_benefits.go
	var got []string
	for _, k := range Kinds() {
		got = append(got, k.Name)
		if k.Table != k.Name {
			t.Errorf("%s: table %q", k.Name, k.Table)
		}
		if len(k.Key) == 0 {
			t.Errorf("%s: no key", k.Name)
		}
		for _, c := range k.Columns {
			if c.DB != c.Name && !(k.Name == "unit_successors" && c.Name == "from" && c.DB == "from_date") {
				t.Errorf("%s.%s: DB name %q", k.Name, c.Name, c.DB)
			}
		}
	}
	if !reflect.DeepEqual(got, wantOrder) {
		t.Errorf("Kinds() = %q, want %q", got, wantOrder)
	}
	// A kind refers only to kinds before it.
	pos := map[string]int{}
	for i, n := range wantOrder {
		pos[n] = i
	}
	for _, k := range Kinds() {
		for _, r := range k.Refs() {
			if pos[r.Table] >= pos[k.Name] {
				t.Errorf("%s refers to %s, which comes later", k.Name, r.Table)
			}
		}
	}
	k := mustKind(t, "unit_successors")
	if got := k.DBColumns(); !reflect.DeepEqual(got, []string{"old_code", "new_code", "from_date"}) {
		t.Errorf("unit_successors DB columns %q", got)
	}
	if got := k.KeyIndexes(); !reflect.DeepEqual(got, []int{0, 1, 2}) {
		t.Errorf("unit_successors key indexes %v", got)
	}
	if _, ok := KindByName("nope"); ok {
		t.Error("KindByName(nope) found something")
	}
}

// TestMessagesVietnamese checks that the Vietnamese reasons are written
// with diacritics and differ from the English ones.
func TestMessagesVietnamese(t *testing.T) {
	for _, c := range kindCases {
		k := mustKind(t, c.kind)
		content, _ := c.file()
		rep, _ := ImportReader(context.Background(), k, c.kind+".csv", strings.NewReader(content), CSV, nil, newRefs(), Options{})
		for _, e := range rep.Errors {
			if !utf8.ValidString(e.Reason) || e.Reason == e.ReasonEN {
				t.Errorf("%s:%d: %q / %q", c.kind, e.Line, e.Reason, e.ReasonEN)
			}
			if !hasDiacritic(e.Reason) {
				t.Errorf("%s:%d: Vietnamese reason without diacritics: %q", c.kind, e.Line, e.Reason)
			}
		}
	}
}

func hasDiacritic(s string) bool {
	for _, r := range s {
		if r > 0x7f && r != '…' {
			return true
		}
	}
	return false
}

// readCSV reads a whole CSV file (tests only).
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func parseCSVLine(t *testing.T, line string) []string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(line))
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	return rec
}
