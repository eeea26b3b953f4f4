package api

import (
	"net/http"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// Person is a person with their participation.
type Person struct {
	PersonID       string      `json:"person_id"`
	FullName       string      `json:"full_name"`
	BirthDate      ansinh.Date `json:"birth_date"`
	Sex            string      `json:"sex"`
	EthnicMinority bool        `json:"ethnic_minority"`
	CommuneCode    string      `json:"commune_code"`
	LegacySICode   string      `json:"legacy_si_code,omitempty"`
	Household      []Household `json:"household"`
	Spells         []Spell     `json:"spells"`
	Voluntary      []Voluntary `json:"voluntary"`
	Benefits       []Benefit   `json:"benefits"`
}

// Household is a household's poverty status in a year.
type Household struct {
	Year   int    `json:"year"`
	Status string `json:"status"`
}

// Spell is an employment spell.
type Spell struct {
	TaxCode      string       `json:"tax_code"`
	EmployerName string       `json:"employer_name,omitempty"`
	PersonID     string       `json:"person_id"`
	FullName     string       `json:"full_name,omitempty"`
	StartMonth   *string      `json:"start_month"`
	EndMonth     *string      `json:"end_month"`
	Wage         ansinh.Money `json:"wage"`
	Contract     string       `json:"contract"`
	DeclaredOn   ansinh.Date  `json:"declared_on"`
}

// Voluntary is an enrolment in voluntary social insurance.
type Voluntary struct {
	StartMonth *string      `json:"start_month"`
	EndMonth   *string      `json:"end_month"`
	Income     ansinh.Money `json:"income"`
	Mode       string       `json:"mode"`
	Category   string       `json:"category"`
}

// Benefit is a monthly benefit.
type Benefit struct {
	Kind          string       `json:"kind"`
	StartMonth    *string      `json:"start_month"`
	EndMonth      *string      `json:"end_month"`
	MonthlyAmount ansinh.Money `json:"monthly_amount"`
}

// person returns a person within the caller's scope; the read is audited.
func (a *API) person(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	scope, err := a.scope(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	rec, err := a.reg.PersonRecord(ctx, r.PathValue("id"), scope)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, a.audit, "person.read", "person:"+rec.PersonID, "api"); err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toPerson(rec))
}

func toPerson(rec registry.PersonRecord) Person {
	p := Person{PersonID: rec.PersonID, FullName: rec.FullName, BirthDate: rec.BirthDate, Sex: rec.Sex,
		EthnicMinority: rec.EthnicMinority, CommuneCode: rec.CommuneCode, LegacySICode: rec.LegacySICode,
		Household: []Household{}, Spells: []Spell{}, Voluntary: []Voluntary{}, Benefits: []Benefit{}}
	for _, h := range rec.Household {
		p.Household = append(p.Household, Household{Year: h.Year, Status: h.Status})
	}
	for _, s := range rec.Spells {
		p.Spells = append(p.Spells, toSpell(s))
	}
	for _, v := range rec.Voluntary {
		p.Voluntary = append(p.Voluntary, Voluntary{StartMonth: month(v.Start), EndMonth: month(v.End), Income: v.Income, Mode: v.Mode, Category: v.Category})
	}
	for _, b := range rec.Benefits {
		p.Benefits = append(p.Benefits, Benefit{Kind: b.Kind, StartMonth: month(b.Start), EndMonth: month(b.End), MonthlyAmount: b.MonthlyAmount})
	}
	return p
}

func toSpell(s registry.Spell) Spell {
	return Spell{TaxCode: s.TaxCode, EmployerName: s.EmployerName, PersonID: s.PersonID, FullName: s.FullName,
		StartMonth: month(s.Start), EndMonth: month(s.End), Wage: s.Wage, Contract: s.Contract, DeclaredOn: s.DeclaredOn}
}
