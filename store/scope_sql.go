package store

import (
	"ansinh"
)

// PersonCond returns the SQL condition that a persons row aliased p is
// visible in scope s.
func PersonCond(s ansinh.Scope, a *Args, p string) string {
	if s.All {
		return "1 = 1"
	}
	var conds []string
	if len(s.PersonCommunes) > 0 {
		conds = append(conds, a.In(p+".commune_code", s.PersonCommunes))
	}
	if s.PersonID != "" {
		conds = append(conds, p+".person_id = "+a.Add(s.PersonID))
	}
	return orConds(conds)
}

// EmployerCond returns the SQL condition that an employers row aliased e is
// visible in scope s.
func EmployerCond(s ansinh.Scope, a *Args, e string) string {
	if s.All {
		return "1 = 1"
	}
	var conds []string
	if len(s.EmployerCommunes) > 0 {
		conds = append(conds, a.In(e+".commune_code", s.EmployerCommunes))
	}
	if len(s.TaxCodes) > 0 {
		conds = append(conds, a.In(e+".tax_code", s.TaxCodes))
	}
	return orConds(conds)
}

// CommuneCond returns the SQL condition that the commune in column col is
// visible in scope s.
func CommuneCond(s ansinh.Scope, a *Args, col string) string {
	if s.All {
		return "1 = 1"
	}
	return a.In(col, s.EmployerCommunes)
}

func orConds(conds []string) string {
	switch len(conds) {
	case 0:
		return "1 = 0"
	case 1:
		return conds[0]
	}
	s := "("
	for i, c := range conds {
		if i > 0 {
			s += " OR "
		}
		s += c
	}
	return s + ")"
}
