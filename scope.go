package ansinh

// Scope is what a caller may see of the registry. Every query of the web
// console, the portals and the API takes one and applies it in SQL, so that a
// record outside it is not found (never "forbidden": its existence is not
// disclosed). The zero Scope sees nothing.
type Scope struct {
	// All sees the whole province (province officers, leadership).
	All bool
	// PersonCommunes sees the persons who live in these communes (unit
	// officers, collection agents).
	PersonCommunes []string
	// EmployerCommunes sees the employers seated in these communes (unit
	// officers).
	EmployerCommunes []string
	// TaxCodes sees these employers (the employer itself, an inspector's
	// assigned employers).
	TaxCodes []string
	// PersonID sees this person (the citizen).
	PersonID string
}
