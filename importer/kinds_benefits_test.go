package importer

// The si_history kind's case: good rows, then one bad row per rule.
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
	})
}
