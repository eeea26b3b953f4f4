package importer

import "ansinh"

// The references kinds make to the registry.
var (
	refUnit = &Ref{Table: "units", Column: "code",
		Reason:   "không có trong danh mục đơn vị hành chính (units)",
		ReasonEN: "is not a known administrative unit code (units)"}
	refPerson = &Ref{Table: "persons", Column: "person_id",
		Reason:   "chưa có trong danh sách cá nhân (persons)",
		ReasonEN: "is not in the registry of persons (persons)"}
	refEmployer = &Ref{Table: "employers", Column: "tax_code",
		Reason:   "chưa có trong danh sách đơn vị sử dụng lao động (employers)",
		ReasonEN: "is not in the registry of employers (employers)"}
)

// Year bounds of the yearly feeds.
const minYear, maxYear = 2000, 2100

var kinds = buildKinds()

// Kinds returns every kind in dependency order: a kind only refers to kinds
// before it. The kinds are shared: callers must not modify them.
func Kinds() []*Kind { return append([]*Kind(nil), kinds...) }

// KindByName returns the kind named name (formats.md), e.g. "employment".
func KindByName(name string) (*Kind, bool) {
	for _, k := range kinds {
		if k.Name == name {
			return k, true
		}
	}
	return nil, false
}

// Column constructors, to keep the table below readable.

func text(name string, req bool) Column { return Column{Name: name, Type: TypeText, Required: req} }
func code(name string, req bool) Column { return Column{Name: name, Type: TypeCode, Required: req} }
func date(name string, req bool) Column { return Column{Name: name, Type: TypeDate, Required: req} }
func month(name string, req bool) Column {
	return Column{Name: name, Type: TypeMonth, Required: req}
}
func enum(name string, values ...string) Column {
	return Column{Name: name, Type: TypeEnum, Required: true, Enum: values}
}
func digits(name string, req bool, ref *Ref, lengths ...int) Column {
	return Column{Name: name, Type: TypeDigits, Required: req, Lengths: lengths, Ref: ref}
}
func personID(name string, ref *Ref) Column {
	return Column{Name: name, Type: TypePersonID, Required: true, Ref: ref}
}
func taxCode(name string, ref *Ref) Column {
	return Column{Name: name, Type: TypeTaxCode, Required: true, Ref: ref}
}
func money(name string, positive bool) Column {
	return Column{Name: name, Type: TypeMoney, Required: true, Positive: positive}
}
func count(name string) Column { return Column{Name: name, Type: TypeInt, Required: true} }
func year(name string) Column {
	return Column{Name: name, Type: TypeInt, Required: true, Min: minYear, Max: maxYear}
}
func optional(c Column) Column { c.Required = false; return c }

// buildKinds builds every kind, in dependency order.
func buildKinds() []*Kind {
	return []*Kind{
		unitsKind(),
		unitSuccessorsKind(),
		personsKind(),
		householdStatusKind(),
		employersKind(),
		employmentKind(),
		voluntaryKind(),
		beneficiariesKind(),
		paymentsKind(),
		laborForceKind(),
		taxWagesKind(),
		businessRegistryKind(),
		izEnterprisesKind(),
	}
}

// unitsKind is the administrative units (formats.md "units").
func unitsKind() *Kind {
	k := (&Kind{Name: "units", Columns: []Column{
		digits("code", true, nil, 2, 3, 5),
		text("name", true),
		enum("level", "province", "district", "commune"),
		digits("parent_code", false, nil, 2, 3),
		date("valid_from", true),
		date("valid_to", false),
		optional(enum("region", "I", "II", "III", "IV")),
	}, Key: []string{"code", "valid_from"}}).build()
	k.Check = checkUnit(k)
	return k
}

// unitSuccessorsKind is which units replaced which (formats.md "unit_successors").
func unitSuccessorsKind() *Kind {
	k := (&Kind{Name: "unit_successors", Columns: []Column{
		digits("old_code", true, refUnit, 2, 3, 5),
		digits("new_code", true, refUnit, 2, 3, 5),
		{Name: "from", DB: "from_date", Type: TypeDate, Required: true},
	}, Key: []string{"old_code", "new_code", "from_date"}}).build()
	// A new unit often keeps the code of one of the units merged into it
	// (old commune 00004 → new commune 00004): codes are told apart by
	// their validity dates, so old_code may equal new_code.
	return k
}

// personsKind is the registry of persons (formats.md "persons").
func personsKind() *Kind {
	k := (&Kind{Name: "persons", Columns: []Column{
		personID("person_id", nil),
		text("full_name", true),
		date("birth_date", true),
		enum("sex", "male", "female"),
		{Name: "ethnic_minority", Type: TypeBool, Required: true},
		digits("commune_code", true, refUnit, 5),
		digits("legacy_si_code", false, nil, 10),
	}, Key: []string{"person_id"}}).build()
	k.Check = checkPersonAgrees(k)
	return k
}

// householdStatusKind is the yearly poor and near-poor household lists (formats.md "household_status").
func householdStatusKind() *Kind {
	return (&Kind{Name: "household_status", Columns: []Column{
		personID("person_id", refPerson),
		year("year"),
		enum("status", "poor", "near_poor", "none"),
	}, Key: []string{"person_id", "year"}}).build()
}

// employersKind is the registry of employers (formats.md "employers").
func employersKind() *Kind {
	return (&Kind{Name: "employers", Columns: []Column{
		taxCode("tax_code", nil),
		text("name", true),
		enum("kind", "state", "soe", "fdi", "private", "cooperative", "household_business"),
		digits("commune_code", true, refUnit, 5),
		text("industrial_zone", false),
		date("registered_on", true),
	}, Key: []string{"tax_code"}}).build()
}

// employmentKind is the compulsory insurance spells (formats.md "employment").
func employmentKind() *Kind {
	k := (&Kind{Name: "employment", Columns: []Column{
		taxCode("tax_code", refEmployer),
		personID("person_id", refPerson),
		month("start_month", true),
		month("end_month", false),
		money("wage", true),
		enum("contract", "indefinite", "fixed", "seasonal"),
		date("declared_on", true),
	}, Key: []string{"tax_code", "person_id", "start_month"}}).build()
	k.Check = checkMonths(k, "start_month", "end_month")
	return k
}

// voluntaryKind is the voluntary insurance spells (formats.md "voluntary").
func voluntaryKind() *Kind {
	k := (&Kind{Name: "voluntary", Columns: []Column{
		personID("person_id", refPerson),
		month("start_month", true),
		month("end_month", false),
		money("income", true),
		enum("mode", "monthly", "quarterly", "semiannual", "annual"),
		enum("category", "poor", "near_poor", "ethnic_minority", "other"),
		code("agent_code", false),
	}, Key: []string{"person_id", "start_month"}}).build()
	k.Check = checkMonths(k, "start_month", "end_month")
	return k
}

// beneficiariesKind is the pension and benefit spells (formats.md "beneficiaries").
func beneficiariesKind() *Kind {
	k := (&Kind{Name: "beneficiaries", Columns: []Column{
		personID("person_id", refPerson),
		enum("kind", "pension", "monthly_si_benefit", "social_pension"),
		month("start_month", true),
		month("end_month", false),
		money("monthly_amount", false),
	}, Key: []string{"person_id", "kind", "start_month"}}).build()
	k.Check = checkMonths(k, "start_month", "end_month")
	return k
}

// paymentsKind is the contributions paid (formats.md "payments").
func paymentsKind() *Kind {
	k := (&Kind{Name: "payments", Columns: []Column{
		text("ref", true),
		{Name: "payer", Type: TypePayer, Required: true},
		money("amount", true),
		date("paid_on", true),
		enum("channel", "bank", "online", "agent", "counter"),
		code("agent_code", false),
	}, Key: []string{"payer", "ref"}}).build()
	k.Check = checkAmountMax(k, "amount", MaxPaymentAmount)
	return k
}

// laborForceKind is the yearly labour force per unit (formats.md "labor_force").
func laborForceKind() *Kind {
	return (&Kind{Name: "labor_force", Columns: []Column{
		digits("unit_code", true, refUnit, 2, 3, 5),
		year("year"),
		count("labor_force"),
		count("over_retirement_age"),
	}, Key: []string{"unit_code", "year"}}).build()
}

// taxWagesKind is the wages declared to the tax office (formats.md "tax_wages").
func taxWagesKind() *Kind {
	return (&Kind{Name: "tax_wages", Columns: []Column{
		taxCode("tax_code", nil),
		personID("person_id", nil),
		month("month", true),
		money("wage_income", false),
	}, Key: []string{"tax_code", "person_id", "month"}}).build()
}

// businessRegistryKind is the business registry (formats.md "business_registry").
func businessRegistryKind() *Kind {
	return (&Kind{Name: "business_registry", Columns: []Column{
		taxCode("tax_code", nil),
		text("name", true),
		digits("commune_code", true, refUnit, 5),
		date("registered_on", true),
		enum("status", "active", "suspended", "dissolved"),
		count("employees_reported"),
	}, Key: []string{"tax_code"}}).build()
}

// izEnterprisesKind is the industrial zones' enterprises (formats.md "iz_enterprises").
func izEnterprisesKind() *Kind {
	return (&Kind{Name: "iz_enterprises", Columns: []Column{
		taxCode("tax_code", nil),
		text("zone", true),
		count("employees"),
	}, Key: []string{"tax_code"}}).build()
}

// mustColumn returns the index of a column the code relies on.
func mustColumn(k *Kind, name string) int {
	i := k.Column(name)
	if i < 0 {
		panic("importer: kind " + k.Name + " has no column " + name)
	}
	return i
}

// checkMonths reports an end month before the start month.
func checkMonths(k *Kind, start, end string) func([]any) []Problem {
	si, ei := mustColumn(k, start), mustColumn(k, end)
	return func(row []any) []Problem {
		s, _ := row[si].(ansinh.Period)
		e, ok := row[ei].(ansinh.Period)
		if !ok || e >= s {
			return nil
		}
		return []Problem{{Column: end,
			Reason:   "tháng kết thúc trước tháng bắt đầu (" + start + " = " + s.String() + ")",
			ReasonEN: "the end month is before the start month (" + start + " = " + s.String() + ")"}}
	}
}

// checkPersonAgrees reports a personal ID whose century/sex digit or birth
// year digits disagree with the birth date and sex given.
func checkPersonAgrees(k *Kind) func([]any) []Problem {
	id, birth, sex := mustColumn(k, "person_id"), mustColumn(k, "birth_date"), mustColumn(k, "sex")
	return func(row []any) []Problem {
		s, _ := row[id].(string)
		b, _ := row[birth].(ansinh.Date)
		x, _ := row[sex].(string)
		_, r := ansinh.CheckPersonID(s, b, x)
		if r == ansinh.IDValid {
			return nil
		}
		return []Problem{{Column: "person_id",
			Reason:   "số định danh cá nhân " + r.MessageVI(),
			ReasonEN: "the personal ID " + r.MessageEN()}}
	}
}

// unitCodeLength is the number of digits of a unit's code at each level.
var unitCodeLength = map[string]int{"province": 2, "district": 3, "commune": 5}

// levelVI names the levels in Vietnamese.
var levelVI = map[string]string{"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}

// checkUnit checks a unit's code against its level, its parent and its
// validity dates.
func checkUnit(k *Kind) func([]any) []Problem {
	ci, li, pi := mustColumn(k, "code"), mustColumn(k, "level"), mustColumn(k, "parent_code")
	fi, ti := mustColumn(k, "valid_from"), mustColumn(k, "valid_to")
	return func(row []any) []Problem {
		var out []Problem
		code, _ := row[ci].(string)
		level, _ := row[li].(string)
		parent, hasParent := row[pi].(string)
		if n := unitCodeLength[level]; len(code) != n {
			out = append(out, Problem{Column: "code",
				Reason:   "mã đơn vị " + levelVI[level] + " phải gồm " + itoa(n) + " chữ số",
				ReasonEN: "a " + level + " code must be " + itoa(n) + " digits"})
		}
		switch {
		case level == "province" && hasParent:
			out = append(out, Problem{Column: "parent_code",
				Reason:   "đơn vị cấp tỉnh không có đơn vị cấp trên: để trống",
				ReasonEN: "a province has no parent unit: leave it empty"})
		case level != "province" && !hasParent:
			out = append(out, Problem{Column: "parent_code",
				Reason:   "bắt buộc với đơn vị " + levelVI[level],
				ReasonEN: "is required for a " + level})
		case level == "district" && len(parent) != 2:
			out = append(out, Problem{Column: "parent_code",
				Reason:   "đơn vị cấp trên của đơn vị cấp huyện phải là một tỉnh (2 chữ số)",
				ReasonEN: "the parent of a district must be a province (2 digits)"})
		}
		from, _ := row[fi].(ansinh.Date)
		if to, ok := row[ti].(ansinh.Date); ok && to < from {
			out = append(out, Problem{Column: "valid_to",
				Reason:   "ngày hết hiệu lực trước ngày bắt đầu hiệu lực (valid_from = " + from.String() + ")",
				ReasonEN: "the end of validity is before its start (valid_from = " + from.String() + ")"})
		}
		return out
	}
}
