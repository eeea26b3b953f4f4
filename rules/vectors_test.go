package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"ansinh"
)

// vector is one case of ../testdata/vectors (domain/calc.md).
type vector struct {
	Kind          string          `json:"kind"`
	Input         json.RawMessage `json:"input"`
	Expected      map[string]any  `json:"expected"`
	ExpectedError *struct {
		Field string `json:"field"`
	} `json:"expected_error"`
}

func loadVectors(t *testing.T) map[string][]vector {
	t.Helper()
	files, err := filepath.Glob("../testdata/vectors/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no vectors: %v", err)
	}
	out := map[string][]vector{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var vs []vector
		if err := json.Unmarshal(raw, &vs); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, v := range vs {
			out[v.Kind] = append(out[v.Kind], v)
		}
	}
	return out
}

// TestVectors runs every calculator vector through the package's Go API. The
// ids vectors belong to package ansinh (ids_test.go) and to the command.
func TestVectors(t *testing.T) {
	p := Default()
	all := loadVectors(t)
	for kind, run := range vectorRunners {
		if len(all[kind]) == 0 {
			t.Errorf("no vectors for %s", kind)
		}
		for i, v := range all[kind] {
			t.Run(fmt.Sprintf("%s/%d", kind, i), func(t *testing.T) {
				got, err := run(p, v.Input)
				if v.ExpectedError != nil {
					var e *ansinh.Error
					if !errors.As(err, &e) || e.Field != v.ExpectedError.Field {
						t.Fatalf("want error on field %q, got %v (result %v)", v.ExpectedError.Field, err, got)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				m := toMap(t, got)
				for k, want := range v.Expected {
					if !reflect.DeepEqual(m[k], want) {
						t.Errorf("%s = %v, want %v", k, m[k], want)
					}
				}
			})
		}
	}
}

func toMap(t *testing.T, v any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// vectorRunners decode a vector's input into the Go API and call it.
var vectorRunners = map[string]func(*Params, json.RawMessage) (any, error){
	"contribution": func(p *Params, raw json.RawMessage) (any, error) {
		var in struct {
			Month        ansinh.Period
			Wage         int64
			Region       string
			PayScale     string `json:"pay_scale"`
			EmployerKind string `json:"employer_kind"`
			Reduced      bool   `json:"accident_rate_reduced"`
		}
		mustDecode(raw, &in)
		w := Worker{Wage: in.Wage, ReducedAccident: in.Reduced}
		var err error
		if w.Region, err = ParseRegion(in.Region); err != nil {
			return nil, err
		}
		if w.PayScale, err = ParsePayScale(in.PayScale); err != nil {
			return nil, err
		}
		if w.EmployerKind, err = ParseEmployerKind(in.EmployerKind); err != nil {
			return nil, err
		}
		return p.Contribution(ContributionInput{Month: in.Month, Worker: w})
	},
	"voluntary": func(p *Params, raw json.RawMessage) (any, error) {
		var in struct {
			Month    ansinh.Period
			Income   int64
			Category any
			Months   int
			Share    *json.Number `json:"province_support_share"`
		}
		mustDecode(raw, &in)
		var names []string
		switch c := in.Category.(type) {
		case string:
			names = []string{c}
		case []any:
			for _, x := range c {
				names = append(names, x.(string))
			}
		}
		var cs []Category
		for _, n := range names {
			c, err := ParseCategory(n)
			if err != nil {
				return nil, err
			}
			cs = append(cs, c)
		}
		vin := VoluntaryInput{Month: in.Month, Income: in.Income, Categories: NewCategories(cs...), Months: in.Months}
		if in.Share != nil {
			s, err := ParseMicro(in.Share.String())
			if err != nil {
				return nil, err
			}
			vin.ProvinceShare = &s
		}
		return p.Voluntary(vin)
	},
	"retirement-age": func(p *Params, raw json.RawMessage) (any, error) {
		var in struct {
			BirthDate ansinh.Date `json:"birth_date"`
			Sex       string
		}
		mustDecode(raw, &in)
		sex, err := ParseSex(in.Sex)
		if err != nil {
			return nil, err
		}
		return p.RetirementAge(in.BirthDate, sex)
	},
	"pension": func(p *Params, raw json.RawMessage) (any, error) {
		var in struct {
			Sex         string
			RetireMonth ansinh.Period `json:"retire_month"`
			Service     YearsMonths
			AverageWage int64 `json:"average_wage"`
		}
		mustDecode(raw, &in)
		sex, err := ParseSex(in.Sex)
		if err != nil {
			return nil, err
		}
		res, err := p.Pension(PensionInput{Sex: sex, RetireMonth: in.RetireMonth, Service: in.Service, AverageWage: in.AverageWage})
		if err != nil {
			return nil, err
		}
		return struct {
			Pension
			Rate json.Number `json:"rate"`
		}{res, json.Number(res.Rate.Percent())}, nil
	},
	"average-wage": func(p *Params, raw json.RawMessage) (any, error) {
		var in struct {
			Settlement ansinh.Period `json:"settlement_month"`
			Periods    []struct {
				From, To ansinh.Period
				Kind     string
				Wage     int64
			}
		}
		mustDecode(raw, &in)
		var ps []WagePeriod
		for _, x := range in.Periods {
			k, err := ParseWageKind(x.Kind)
			if err != nil {
				return nil, err
			}
			ps = append(ps, WagePeriod{From: x.From, To: x.To, Kind: k, Wage: x.Wage})
		}
		return p.AverageWage(in.Settlement, ps)
	},
	"ui-benefit": func(p *Params, raw json.RawMessage) (any, error) {
		var in struct {
			Termination ansinh.Period `json:"termination_month"`
			Avg         int64         `json:"average_wage_6m"`
			Months      int           `json:"months_contributed"`
			Region      string
			PayScale    string `json:"pay_scale"`
		}
		mustDecode(raw, &in)
		r, err := ParseRegion(in.Region)
		if err != nil {
			return nil, err
		}
		ps, err := ParsePayScale(in.PayScale)
		if err != nil {
			return nil, err
		}
		return p.UIBenefit(UIBenefitInput{TerminationMonth: in.Termination, AverageWage6m: in.Avg, MonthsContributed: in.Months, Region: r, PayScale: ps})
	},
	"withdrawal": func(p *Params, raw json.RawMessage) (any, error) {
		var in struct {
			Before YearsMonths `json:"service_before_2014"`
			From   YearsMonths `json:"service_from_2014"`
			Avg    int64       `json:"average_wage"`
		}
		mustDecode(raw, &in)
		return p.Withdrawal(WithdrawalInput{Settlement: ansinh.NewPeriod(2026, 11), Before2014: in.Before, From2014: in.From, AverageWage: in.Avg})
	},
	"late-interest": func(p *Params, raw json.RawMessage) (any, error) {
		var in struct {
			Amount    int64
			Due, Paid ansinh.Date
		}
		mustDecode(raw, &in)
		return p.LateInterest(in.Amount, in.Due, in.Paid)
	},
}

func mustDecode(raw json.RawMessage, v any) {
	if err := json.Unmarshal(raw, v); err != nil {
		panic(err)
	}
}
