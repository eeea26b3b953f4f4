package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"ansinh"
	"ansinh/rules"
)

// calcKind returns the calculator of `ansinh calc KIND` (domain/calc.md): the
// function that decodes its JSON input, runs it and returns the output.
func calcKind(kind string) (func(c *calcRun) (any, error), bool) {
	calc, ok := map[string]func(c *calcRun) (any, error){
		"contribution":   calcContribution,
		"voluntary":      calcVoluntary,
		"retirement-age": calcRetirementAge,
		"pension":        calcPension,
		"average-wage":   calcAverageWage,
		"ui-benefit":     calcUIBenefit,
		"withdrawal":     calcWithdrawal,
		"late-interest":  calcLateInterest,
		"ids":            calcIDs,
	}[kind]
	return calc, ok
}

const calcSummary = `Tính toán theo quy định: đọc một đối tượng JSON từ đầu vào chuẩn, ghi một đối tượng JSON
ra đầu ra chuẩn (kèm "explain" và "warnings"). Dữ liệu sai: mã thoát 2 và {"error": {...}}.
Run a calculator: one JSON object on stdin, one JSON object on stdout (with "explain" and
"warnings"). Invalid input: exit status 2 and {"error": {"field", "message", "message_en"}}.

KIND: contribution, voluntary, retirement-age, pension, average-wage, ui-benefit,
withdrawal, late-interest, ids (inputs: domain/calc.md; contribution also takes
"trained": true for a job needing vocational training; pension takes "first_joined";
withdrawal takes "settlement_month" (default: this month) and "contributions_paid";
average-wage also takes periods of kind "state" (the state pay scale: the last years by
the month of joining, L2024 art. 72) and "first_joined" (default: the first period's month)).
contribution takes "commune" instead of "region" (the region of the employer's commune:
Decree 293/2025 from 2026-01, an unconfirmed placeholder before), with "hired" and
"earlier_region" for Decree 293/2025 art. 5(5); and, for the unemployment-insurance
scope, "contract" (indefinite, fixed, seasonal), "contract_start", "contract_end"
(YYYY-MM), "pension" and "monthly_benefit" (true when drawn that month).`

// maxCalcInput bounds the JSON read from stdin.
const maxCalcInput = 1 << 20

// calcRun is one run of a calculator: its parameters, input and clock.
type calcRun struct {
	params *rules.Params
	input  []byte
	env    *Env
}

// runCalc runs one calculator: JSON in, JSON out.
func runCalc(_ context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "calc", "KIND < input.json", calcSummary)
	overlay := fs.String("overlay", "", "tệp cấu hình tỉnh (CSV, rules/data/README.md) thay cho tỉnh mẫu / province overlay file instead of the demo province")
	pretty := fs.Bool("pretty", false, "in JSON thụt lề / indent the JSON output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	kind := fs.Arg(0)
	if fs.NArg() > 1 { // flags may also follow KIND
		if err := parseFlags(fs, fs.Args()[1:]); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return calcFail(env, ansinh.Invalid("kind", "thừa đối số: "+strings.Join(fs.Args(), " "), "unexpected arguments: "+strings.Join(fs.Args(), " ")))
		}
	}
	calc, ok := calcKind(kind)
	if !ok {
		return calcFail(env, ansinh.Invalid("kind", "loại tính toán không tồn tại: "+calcQuote(kind), "unknown calculator: "+calcQuote(kind)))
	}
	params, err := calcParams(*overlay)
	if err != nil {
		return err
	}
	input, err := io.ReadAll(io.LimitReader(env.Stdin, maxCalcInput+1))
	if err != nil {
		return fmt.Errorf("đọc đầu vào / reading stdin: %w", err)
	}
	if len(input) > maxCalcInput {
		return calcFail(env, ansinh.Invalid("input", "đầu vào quá lớn", "input too large"))
	}
	out, err := calc(&calcRun{params: params, input: input, env: env})
	if err != nil {
		if ansinh.ErrorCode(err) == ansinh.EINVALID {
			return calcFail(env, err)
		}
		return err
	}
	return calcWriteJSON(env.Stdout, out, *pretty)
}

// calcParams returns the default parameters, or the national table with the
// province overlay read from path.
func calcParams(path string) (*rules.Params, error) {
	if path == "" {
		return rules.Default(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return rules.WithOverlay(f, path)
}

// calcFail writes err as the JSON error object and ends with exit status 2.
func calcFail(env *Env, err error) error {
	var e *ansinh.Error
	if !errors.As(err, &e) {
		e = ansinh.Invalid("input", ansinh.ErrorMessage(err, "vi"), ansinh.ErrorMessage(err, "en"))
	}
	type body struct {
		Field     string `json:"field"`
		Message   string `json:"message"`
		MessageEN string `json:"message_en"`
	}
	if werr := calcWriteJSON(env.Stdout, map[string]body{"error": {e.Field, e.Message, e.MessageEN}}, false); werr != nil {
		return werr
	}
	return exitError{code: 2}
}

// calcWriteJSON writes v as one JSON object and a newline, indented if pretty.
func calcWriteJSON(w io.Writer, v any, pretty bool) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if pretty {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(v)
}

// decode reads the run's input into v, strictly: one JSON object, no unknown
// field, each type error reported on its field.
func (c *calcRun) decode(v any) error {
	dec := json.NewDecoder(bytes.NewReader(c.input))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data")
	}
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te) && te.Field != "":
		vi, en := calcTypeName(te.Type.Kind())
		return ansinh.Invalid(te.Field, "sai kiểu dữ liệu: cần "+vi, "wrong type: want "+en)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return ansinh.Invalid(name, "trường không được hỗ trợ", "unknown field")
	}
	return ansinh.Invalid("input", "đầu vào phải là một đối tượng JSON hợp lệ", "input must be one valid JSON object")
}

// calcTypeName names a JSON type for a type error.
func calcTypeName(k reflect.Kind) (vi, en string) {
	switch k {
	case reflect.Int, reflect.Int64:
		return "số nguyên (đồng, tháng…)", "a whole number"
	case reflect.String:
		return "chuỗi", "a string"
	case reflect.Bool:
		return "true hoặc false", "true or false"
	case reflect.Slice:
		return "danh sách", "a list"
	case reflect.Struct, reflect.Map:
		return "đối tượng", "an object"
	}
	return "giá trị khác", "another value"
}

// calcMissing is the error of a required field left out.
func calcMissing(field string) error {
	return ansinh.Invalid(field, "thiếu trường bắt buộc", "required field missing")
}

// calcNeed returns *v, or the missing-field error when v is nil.
func calcNeed[T any](field string, v *T) (T, error) {
	if v == nil {
		var zero T
		return zero, calcMissing(field)
	}
	return *v, nil
}

// calcMonth reads a required "YYYY-MM".
func calcMonth(field string, s *string) (ansinh.Period, error) {
	if s == nil {
		return 0, calcMissing(field)
	}
	p, err := ansinh.ParsePeriod(*s)
	if err != nil {
		return 0, ansinh.Invalid(field, "tháng phải có dạng YYYY-MM: "+calcQuote(*s), "month must be YYYY-MM: "+calcQuote(*s))
	}
	return p, nil
}

// calcDate reads a required "YYYY-MM-DD".
func calcDate(field string, s *string) (ansinh.Date, error) {
	if s == nil {
		return 0, calcMissing(field)
	}
	d, err := ansinh.ParseDate(*s)
	if err != nil {
		return 0, ansinh.Invalid(field, "ngày phải có dạng YYYY-MM-DD và tồn tại: "+calcQuote(*s), "date must be an existing YYYY-MM-DD: "+calcQuote(*s))
	}
	return d, nil
}

// calcMoney reads a required amount in đồng (a JSON integer; the decoder
// refuses fractions and strings on the field).
func calcMoney(field string, n *int64) (int64, error) { return calcNeed(field, n) }

// calcCount reads a required whole number.
func calcCount(field string, n *int64) (int, error) {
	v, err := calcNeed(field, n)
	if err != nil {
		return 0, err
	}
	if v < -1<<31 || v > 1<<31-1 {
		return 0, ansinh.Invalid(field, "số nằm ngoài phạm vi cho phép", "number out of range")
	}
	return int(v), nil
}

// calcLength reads a required {years, months}.
func calcLength(field string, v *calcLengthIn) (rules.YearsMonths, error) {
	if v == nil {
		return rules.YearsMonths{}, calcMissing(field)
	}
	y, err := calcCount(field+".years", v.Years)
	if err != nil {
		return rules.YearsMonths{}, err
	}
	m, err := calcCount(field+".months", v.Months)
	return rules.YearsMonths{Years: y, Months: m}, err
}

type calcLengthIn struct {
	Years  *int64 `json:"years"`
	Months *int64 `json:"months"`
}

func calcQuote(s string) string { return fmt.Sprintf("%q", s) }

// contributionIn is the input of calc contribution: the worker-month, where
// the region comes from (region, or the workplace's commune), and what the
// UI scope depends on (contract, its months, benefits drawn).
type contributionIn struct {
	Month          *string `json:"month"`
	Wage           *int64  `json:"wage"`
	Region         *string `json:"region"`
	Commune        *string `json:"commune"`
	Hired          *string `json:"hired"`
	EarlierRegion  *string `json:"earlier_region"`
	PayScale       string  `json:"pay_scale"`
	EmployerKind   string  `json:"employer_kind"`
	Reduced        bool    `json:"accident_rate_reduced"`
	Trained        bool    `json:"trained"`
	Contract       *string `json:"contract"`
	ContractStart  *string `json:"contract_start"`
	ContractEnd    *string `json:"contract_end"`
	Pension        bool    `json:"pension"`
	MonthlyBenefit bool    `json:"monthly_benefit"`
}

func calcContribution(c *calcRun) (any, error) {
	var in contributionIn
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	var ci rules.ContributionInput
	var err error
	if ci.Month, err = calcMonth("month", in.Month); err != nil {
		return nil, err
	}
	if ci.Wage, err = calcMoney("wage", in.Wage); err != nil {
		return nil, err
	}
	if ci.PayScale, err = rules.ParsePayScale(in.PayScale); err != nil {
		return nil, err
	}
	if ci.EmployerKind, err = rules.ParseEmployerKind(in.EmployerKind); err != nil {
		return nil, err
	}
	ci.ReducedAccident, ci.Trained = in.Reduced, in.Trained
	if ci.UIExcluded, err = calcUIScope(c.params, ci.Month, in); err != nil {
		return nil, err
	}
	if in.Commune != nil {
		return calcWorkplaceContribution(c.params, ci, in)
	}
	region, err := calcNeed("region", in.Region)
	if err != nil {
		return nil, err
	}
	if ci.Region, err = rules.ParseRegion(region); err != nil {
		return nil, err
	}
	return c.params.Contribution(ci)
}

// calcWorkplaceContribution assesses with the region of the workplace's
// commune (the embedded lists: Decree 293/2025 from 2026, the unconfirmed
// placeholder before) and Decree 293/2025 art. 5(5).
func calcWorkplaceContribution(p *rules.Params, ci rules.ContributionInput, in contributionIn) (any, error) {
	if in.Region != nil {
		return nil, ansinh.Invalid("region", "cho vùng hoặc xã, không cho cả hai", "give the region or the commune, not both")
	}
	regions, err := rules.NationalRegions()
	if err != nil {
		return nil, err
	}
	wp := rules.Workplace{Commune: *in.Commune}
	if in.Hired != nil {
		if wp.Hired, err = calcDate("hired", in.Hired); err != nil {
			return nil, err
		}
	}
	if in.EarlierRegion != nil {
		if wp.EarlierRegion, err = rules.ParseRegion(*in.EarlierRegion); err != nil {
			return nil, ansinh.Invalid("earlier_region", ansinh.ErrorMessage(err, "vi"), ansinh.ErrorMessage(err, "en"))
		}
	}
	return p.WorkplaceContribution(regions, wp, ci)
}

// calcUIScope decides the UI scope of the worker-month when the input names
// a contract (rules.UIScope); without one the month is billed UI.
func calcUIScope(p *rules.Params, m ansinh.Period, in contributionIn) (rules.UIExclusion, error) {
	if in.Contract == nil {
		if in.ContractStart != nil || in.ContractEnd != nil {
			return 0, calcMissing("contract")
		}
		return p.UIScope(rules.UICoverage{Month: m, Pension: in.Pension, MonthlyBenefit: in.MonthlyBenefit})
	}
	cv := rules.UICoverage{Month: m, Pension: in.Pension, MonthlyBenefit: in.MonthlyBenefit}
	var err error
	if cv.Contract, err = rules.ParseContract(*in.Contract); err != nil {
		return 0, err
	}
	if cv.Start, err = calcMonth("contract_start", in.ContractStart); err != nil {
		return 0, err
	}
	if in.ContractEnd != nil {
		if cv.End, err = calcMonth("contract_end", in.ContractEnd); err != nil {
			return 0, err
		}
		if cv.End < cv.Start {
			return 0, ansinh.Invalid("contract_end", "tháng kết thúc trước tháng bắt đầu", "the contract ends before it starts")
		}
	}
	if m < cv.Start || (cv.End != 0 && m > cv.End) {
		return 0, ansinh.Invalid("month", "tháng không nằm trong thời hạn hợp đồng", "the month is outside the contract")
	}
	return p.UIScope(cv)
}

func calcVoluntary(c *calcRun) (any, error) {
	var in struct {
		Month    *string         `json:"month"`
		Income   *int64          `json:"income"`
		Category json.RawMessage `json:"category"`
		Months   *int64          `json:"months"`
		Share    any             `json:"province_support_share"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	var vi rules.VoluntaryInput
	var err error
	if vi.Month, err = calcMonth("month", in.Month); err != nil {
		return nil, err
	}
	if vi.Income, err = calcMoney("income", in.Income); err != nil {
		return nil, err
	}
	if vi.Categories, err = calcCategories(in.Category); err != nil {
		return nil, err
	}
	if vi.Months, err = calcCount("months", in.Months); err != nil {
		return nil, err
	}
	if in.Share != nil {
		n, _ := in.Share.(json.Number)
		s, err := rules.ParseMicro(n.String())
		if n == "" || err != nil || s < 0 || s > rules.One {
			return nil, ansinh.Invalid("province_support_share", "tỷ lệ hỗ trợ của tỉnh phải là số thập phân từ 0 đến 1", "province support share must be a decimal from 0 to 1")
		}
		vi.ProvinceShare = &s
	}
	return c.params.Voluntary(vi)
}

// categories reads "category": one name or a list of names.
func calcCategories(raw json.RawMessage) (rules.Categories, error) {
	if len(raw) == 0 {
		return 0, calcMissing("category")
	}
	var names []string
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		names = []string{one}
	} else if err := json.Unmarshal(raw, &names); err != nil || len(names) == 0 {
		return 0, ansinh.Invalid("category", "nhóm đối tượng phải là một tên hoặc một danh sách tên", "category must be a name or a list of names")
	}
	var cs []rules.Category
	for _, n := range names {
		cat, err := rules.ParseCategory(n)
		if err != nil {
			return 0, err
		}
		cs = append(cs, cat)
	}
	return rules.NewCategories(cs...), nil
}

func calcRetirementAge(c *calcRun) (any, error) {
	var in struct {
		BirthDate *string `json:"birth_date"`
		Sex       *string `json:"sex"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	birth, err := calcDate("birth_date", in.BirthDate)
	if err != nil {
		return nil, err
	}
	sex, err := calcSex(in.Sex)
	if err != nil {
		return nil, err
	}
	return c.params.RetirementAge(birth, sex)
}

func calcSex(s *string) (rules.Sex, error) {
	v, err := calcNeed("sex", s)
	if err != nil {
		return 0, err
	}
	return rules.ParseSex(v)
}

func calcPension(c *calcRun) (any, error) {
	var in struct {
		Sex         *string       `json:"sex"`
		RetireMonth *string       `json:"retire_month"`
		Service     *calcLengthIn `json:"service"`
		AverageWage *int64        `json:"average_wage"`
		FirstJoined *string       `json:"first_joined"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	var pi rules.PensionInput
	var err error
	if pi.Sex, err = calcSex(in.Sex); err != nil {
		return nil, err
	}
	if pi.RetireMonth, err = calcMonth("retire_month", in.RetireMonth); err != nil {
		return nil, err
	}
	if pi.Service, err = calcLength("service", in.Service); err != nil {
		return nil, err
	}
	if pi.AverageWage, err = calcMoney("average_wage", in.AverageWage); err != nil {
		return nil, err
	}
	if in.FirstJoined != nil {
		if pi.FirstJoined, err = calcMonth("first_joined", in.FirstJoined); err != nil {
			return nil, err
		}
	}
	res, err := c.params.Pension(pi)
	if err != nil {
		return nil, err
	}
	return struct {
		rules.Pension
		Rate json.Number `json:"rate"` // percent, e.g. 56.5
	}{res, json.Number(res.Rate.Percent())}, nil
}

func calcAverageWage(c *calcRun) (any, error) {
	var in struct {
		Settlement  *string `json:"settlement_month"`
		FirstJoined *string `json:"first_joined"` // optional: the first month of SI (default: the first period's)
		Periods     *[]struct {
			From *string `json:"from"`
			To   *string `json:"to"`
			Kind *string `json:"kind"`
			Wage *int64  `json:"wage"`
		} `json:"periods"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	settlement, err := calcMonth("settlement_month", in.Settlement)
	if err != nil {
		return nil, err
	}
	raw, err := calcNeed("periods", in.Periods)
	if err != nil {
		return nil, err
	}
	periods := make([]rules.WagePeriod, len(raw))
	for i, x := range raw {
		f := func(name string) string { return fmt.Sprintf("periods[%d].%s", i, name) }
		wp := &periods[i]
		if wp.From, err = calcMonth(f("from"), x.From); err != nil {
			return nil, err
		}
		if wp.To, err = calcMonth(f("to"), x.To); err != nil {
			return nil, err
		}
		kind, err := calcNeed(f("kind"), x.Kind)
		if err != nil {
			return nil, err
		}
		if wp.Kind, err = rules.ParseWageKind(kind); err != nil {
			return nil, ansinh.Invalid(f("kind"), ansinh.ErrorMessage(err, "vi"), ansinh.ErrorMessage(err, "en"))
		}
		if wp.Wage, err = calcMoney(f("wage"), x.Wage); err != nil {
			return nil, err
		}
	}
	var joined ansinh.Period
	if in.FirstJoined != nil {
		if joined, err = calcMonth("first_joined", in.FirstJoined); err != nil {
			return nil, err
		}
	}
	return c.params.AverageWageJoined(settlement, joined, periods)
}

func calcUIBenefit(c *calcRun) (any, error) {
	var in struct {
		Termination *string `json:"termination_month"`
		Average     *int64  `json:"average_wage_6m"`
		Months      *int64  `json:"months_contributed"`
		Region      string  `json:"region"`
		PayScale    string  `json:"pay_scale"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	var ui rules.UIBenefitInput
	var err error
	if ui.TerminationMonth, err = calcMonth("termination_month", in.Termination); err != nil {
		return nil, err
	}
	if ui.AverageWage6m, err = calcMoney("average_wage_6m", in.Average); err != nil {
		return nil, err
	}
	if ui.MonthsContributed, err = calcCount("months_contributed", in.Months); err != nil {
		return nil, err
	}
	if in.Region != "" {
		if ui.Region, err = rules.ParseRegion(in.Region); err != nil {
			return nil, err
		}
	}
	if ui.PayScale, err = rules.ParsePayScale(in.PayScale); err != nil {
		return nil, err
	}
	return c.params.UIBenefit(ui)
}

func calcWithdrawal(c *calcRun) (any, error) {
	var in struct {
		Settlement *string       `json:"settlement_month"`
		Before     *calcLengthIn `json:"service_before_2014"`
		From       *calcLengthIn `json:"service_from_2014"`
		Average    *int64        `json:"average_wage"`
		Paid       *int64        `json:"contributions_paid"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	var wi rules.WithdrawalInput
	var err error
	wi.Settlement = ansinh.DateOf(c.env.Now()).Period()
	if in.Settlement != nil {
		if wi.Settlement, err = calcMonth("settlement_month", in.Settlement); err != nil {
			return nil, err
		}
	}
	if wi.Before2014, err = calcLength("service_before_2014", in.Before); err != nil {
		return nil, err
	}
	if wi.From2014, err = calcLength("service_from_2014", in.From); err != nil {
		return nil, err
	}
	if wi.AverageWage, err = calcMoney("average_wage", in.Average); err != nil {
		return nil, err
	}
	if in.Paid != nil {
		if wi.ContributionsPaid, err = calcMoney("contributions_paid", in.Paid); err != nil {
			return nil, err
		}
	}
	return c.params.Withdrawal(wi)
}

func calcLateInterest(c *calcRun) (any, error) {
	var in struct {
		Amount *int64  `json:"amount"`
		Due    *string `json:"due"`
		Paid   *string `json:"paid"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	amount, err := calcMoney("amount", in.Amount)
	if err != nil {
		return nil, err
	}
	due, err := calcDate("due", in.Due)
	if err != nil {
		return nil, err
	}
	paid, err := calcDate("paid", in.Paid)
	if err != nil {
		return nil, err
	}
	return c.params.LateInterest(amount, due, paid)
}

// calcIDsOut is the result of an identifier check.
type calcIDsOut struct {
	Kind       string `json:"kind"` // "tax_code" or "person_id"
	Valid      bool   `json:"valid"`
	Normalized string `json:"normalized"`
	Reason     string `json:"reason,omitempty"` // length, format, component, checksum, mismatch
	Message    string `json:"message"`
	MessageEN  string `json:"message_en"`
	rules.Explained
}

func calcIDs(c *calcRun) (any, error) {
	var in struct {
		TaxCode   *string `json:"tax_code"`
		PersonID  *string `json:"person_id"`
		BirthDate *string `json:"birth_date"`
		Sex       *string `json:"sex"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	if (in.TaxCode == nil) == (in.PersonID == nil) {
		return nil, ansinh.Invalid("tax_code", "cần đúng một trong tax_code hoặc person_id", "exactly one of tax_code or person_id is needed")
	}
	var out calcIDsOut
	var reason ansinh.IDReason
	var rule, ruleEN string
	if in.TaxCode != nil {
		out.Kind = "tax_code"
		out.Normalized, reason = ansinh.CheckTaxCode(*in.TaxCode)
		rule = "Mã số thuế: 10 chữ số (mã tỉnh 2, số thứ tự 7 không toàn 0, chữ số kiểm tra = 10 − (Σ wᵢ·dᵢ mod 11), trọng số 31, 29, 23, 19, 17, 13, 7, 5, 3); chi nhánh thêm -NNN từ 001 đến 999"
		ruleEN = "Tax code: 10 digits (province 2, serial 7 not all zero, check digit = 10 − (Σ wᵢ·dᵢ mod 11), weights 31, 29, 23, 19, 17, 13, 7, 5, 3); a branch adds -NNN, 001 to 999"
	} else {
		var birth ansinh.Date
		var err error
		if in.BirthDate != nil {
			if birth, err = calcDate("birth_date", in.BirthDate); err != nil {
				return nil, err
			}
		}
		sex := ""
		if in.Sex != nil {
			s, err := rules.ParseSex(*in.Sex)
			if err != nil {
				return nil, err
			}
			sex = s.String()
		}
		out.Kind = "person_id"
		out.Normalized, reason = ansinh.CheckPersonID(*in.PersonID, birth, sex)
		rule = "Số định danh cá nhân: 12 chữ số (mã tỉnh nơi đăng ký khai sinh 3, thế kỷ và giới tính 1: chẵn nam, lẻ nữ, 0/1 thế kỷ 20, 2/3 thế kỷ 21; năm sinh 2; số ngẫu nhiên 6)"
		ruleEN = "Personal ID: 12 digits (birth province 3, century and sex 1: even male, odd female, 0/1 1900s, 2/3 2000s; birth year 2; serial 6)"
	}
	out.Valid, out.Reason = reason == ansinh.IDValid, string(reason)
	out.Message, out.MessageEN = reason.MessageVI(), reason.MessageEN()
	out.Explained = rules.Explained{
		Explain:  []rules.Explanation{{Figure: "valid", Value: fmt.Sprint(out.Valid), Rule: rule, RuleEN: ruleEN, Params: []rules.ParamRef{}}},
		Warnings: []rules.Warning{},
	}
	return out, nil
}
