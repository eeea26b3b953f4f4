package importer

import (
	"testing"

	"ansinh"
)

// The benefits kinds' cases: good rows, then one bad row per rule.
func init() {
	kindCases = append(kindCases, kindCase{
		kind:   "si_history",
		header: "person_id,from_month,to_month,scheme,wage,employer_name,source_ref",
		good: []string{
			person1 + ",1998-01,2004-12,state,1200000,Sở Giáo dục Bắc Ninh,SỔ 2798001234",
			person1 + ",2005-01,2007-12,contract,2500000,Công ty Dệt Kinh Bắc,SỔ 2798001234",
		},
		bad: []badRow{
			{"person unknown", personUnknown + ",1998-01,2004-12,contract,1200000,X,SỔ 1", "person_id", "chưa có trong danh sách cá nhân"},
			{"scheme enum", person2 + ",1998-01,2004-12,private,1200000,X,SỔ 1", "scheme", "contract, state, voluntary"},
			{"to before from", person2 + ",2004-01,2003-12,contract,1200000,X,SỔ 1", "to_month", "trước tháng bắt đầu"},
			{"to missing", person2 + ",2004-01,,contract,1200000,X,SỔ 1", "to_month", "bắt buộc"},
			{"wage zero", person2 + ",2004-01,2004-12,contract,0,X,SỔ 1", "wage", ""},
			{"employer missing", person2 + ",2004-01,2004-12,contract,1200000,,SỔ 1", "employer_name", "bắt buộc"},
			{"source missing", person2 + ",2004-01,2004-12,contract,1200000,X,", "source_ref", "bắt buộc"},
			{"duplicate key", person1 + ",1998-01,1999-12,state,1200000,X,SỔ 2", "person_id,from_month", "với dòng 2"},
		},
	}, kindCase{
		kind:   "person_deaths",
		header: "person_id,died_on,source_ref",
		good: []string{
			person1 + ",2025-03-14,TB-KT 2025/0312",
			person3 + ",2001-12-31,TB-KT 2002/0001",
		},
		bad: []badRow{
			{"person unknown", personUnknown + ",2025-03-14,TB 1", "person_id", "chưa có trong danh sách cá nhân"},
			{"person ID invalid", "00108500000,2025-03-14,TB 1", "person_id", ""},
			{"date impossible", person2 + ",2025-02-30,TB 1", "died_on", ""},
			{"date missing", person2 + ",,TB 1", "died_on", "bắt buộc"},
			{"before birth", person2 + ",1989-12-31,TB 1", "died_on", "trước năm sinh ghi trong số định danh (1990)"},
			{"after today", person2 + ",2199-01-01,TB 1", "died_on", "sau hôm nay"},
			{"source missing", person2 + ",2025-03-14,", "source_ref", "bắt buộc"},
			{"duplicate key", person1 + ",2025-04-01,TB 2", "person_id", "với dòng 2"},
		},
	})
}

// TestCheckDeath decides death dates against the year of birth the ID
// encodes and a fixed today, including the centuries of the ID's fourth
// digit.
func TestCheckDeath(t *testing.T) {
	k := mustKind(t, "person_deaths")
	check := checkDeath(k, func() ansinh.Date { return ansinh.NewDate(2026, 12, 3) })
	for _, c := range []struct {
		id   string
		died string
		want string // "" good, else the problem's column
	}{
		{person1, "2026-12-03", ""},               // today
		{person1, "2026-12-04", "died_on"},        // tomorrow
		{person1, "1985-01-01", ""},               // the year of birth
		{person1, "1984-12-31", "died_on"},        // before it
		{"001185000001", "1984-12-31", "died_on"}, // a woman of 1985
		{person3, "2000-12-31", "died_on"},        // born 2001 (digit 2)
		{"001301000001", "2001-01-01", ""},        // a woman of 2001 (digit 3)
		{"001301000001", "1999-06-01", "died_on"}, // before her birth
		{"001005000001", "1904-12-31", "died_on"}, // born 1905
		{"001005000001", "1955-12-31", ""},        // at 50
	} {
		row := []any{c.id, ansinh.MustParseDate(c.died), "TB 1"}
		ps := check(row)
		got := ""
		if len(ps) > 0 {
			got = ps[0].Column
			if ps[0].Reason == "" || ps[0].ReasonEN == "" {
				t.Errorf("%s %s: reasons %q / %q", c.id, c.died, ps[0].Reason, ps[0].ReasonEN)
			}
		}
		if got != c.want {
			t.Errorf("%s died %s: problem on %q, want %q (%v)", c.id, c.died, got, c.want, ps)
		}
	}
}
