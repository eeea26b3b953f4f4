package indicators

// CommuneCounts are the participation counts of one commune in a month.
type CommuneCounts struct {
	CommuneCode string
	// Workers counts the persons with an employment spell open in the month
	// at an employer seated in the commune.
	Workers int64
	// Voluntary counts the residents enrolled in voluntary social insurance
	// in the month.
	Voluntary int64
	// Beneficiaries counts the residents receiving a monthly benefit
	// (pension, monthly SI benefit, social pension) in the month.
	Beneficiaries int64
}
