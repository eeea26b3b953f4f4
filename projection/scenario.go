package projection

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/unicode/norm"

	"ansinh"
)

// Coverage paths.
const (
	CoveragePlan   = "plan"   // the plan's targets for 2025 and 2030, then held
	CoverageTrend  = "trend"  // the registry's last year of entrants and exits, repeated
	CoverageClosed = "closed" // no entrants and no exits (a closed group, for checks)
)

// Indexation policies of pensions in payment.
const (
	IndexCPI   = "cpi"   // by consumer prices
	IndexWages = "wages" // by wage growth
	IndexMix   = "mix"   // a weighted mix of the two
)

// DefaultEndYear is the last year projected unless a scenario says otherwise.
const DefaultEndYear = 2075

// Scenario is a set of assumptions, read from a JSON file (docs: README.md
// in the scenarios directory). Percentages are per cent (4.5 = 4.5%). A
// missing optional value takes its default: the law's value from the rules
// engine, or the documented assumption.
type Scenario struct {
	Name    string `json:"name"`     // short code, e.g. "plan"
	TitleVI string `json:"title_vi"` // shown to readers
	TitleEN string `json:"title_en"`
	// Coverage is the coverage path: plan, trend or closed.
	Coverage string `json:"coverage"`
	// EndYear is the last year projected (default 2075).
	EndYear int `json:"end_year,omitempty"`
	// WageGrowthPct is the nominal growth of wages and voluntary incomes a year.
	WageGrowthPct *float64 `json:"wage_growth_pct,omitempty"`
	// CPIPct is consumer price inflation a year: it revalues past wages
	// (Decree 158/2025 art. 16) and indexes pensions under the cpi policy.
	CPIPct *float64 `json:"cpi_pct,omitempty"`
	// Indexation of pensions in payment: cpi, wages or mix.
	Indexation string `json:"indexation,omitempty"`
	// IndexationWageSharePct is the weight of wage growth under mix.
	IndexationWageSharePct *float64 `json:"indexation_wage_share_pct,omitempty"`
	// LabourForceGrowthPct is the labour force's growth a year; default:
	// the average growth of the statistics office's figures in the registry.
	LabourForceGrowthPct *float64 `json:"labour_force_growth_pct,omitempty"`
	// ContributionRatePct replaces the law's rate to the retirement and
	// survivorship fund (employer + employee, and the voluntary rate).
	ContributionRatePct *float64 `json:"contribution_rate_pct,omitempty"`
	// ProvinceSupportSharePct replaces the province's own share of support
	// for voluntary members (rules: province.vol_support_share).
	ProvinceSupportSharePct *float64 `json:"province_support_share_pct,omitempty"`
	// MortalityScale multiplies the WPP 2024 death probabilities (default 1;
	// 0 means nobody dies).
	MortalityScale *float64 `json:"mortality_scale,omitempty"`
	// RulesOverlay names a province overlay of the legal parameters (the
	// rules engine's format), e.g. another retirement-age schedule; a path
	// relative to the scenario file.
	RulesOverlay string `json:"rules_overlay,omitempty"`
}

// Economic defaults: no legal source sets them; each is an assumption,
// shown as such with every result and configurable in the scenario file.
const (
	defaultWageGrowthPct = 6.0  // assumption: nominal average wage growth
	defaultCPIPct        = 4.0  // assumption: consumer price inflation
	defaultIndexWagePct  = 50.0 // assumption: weight of wages under the mix policy
)

// ParseScenario reads a scenario from JSON, strictly: an unknown field, a
// value out of range or a missing name is an error naming the file and field.
func ParseScenario(r io.Reader, origin string) (Scenario, error) {
	var s Scenario
	b, err := io.ReadAll(r)
	if err != nil {
		return s, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return s, ansinh.Invalid("scenario", fmt.Sprintf("%s: tệp kịch bản không hợp lệ: %v", origin, jsonWhy(err)),
			fmt.Sprintf("%s: invalid scenario file: %v", origin, jsonWhy(err)))
	}
	if dec.More() {
		return s, ansinh.Invalid("scenario", origin+": dư nội dung sau đối tượng JSON", origin+": content after the JSON object")
	}
	s.Name = norm.NFC.String(strings.TrimSpace(s.Name))
	s.TitleVI = norm.NFC.String(strings.TrimSpace(s.TitleVI))
	s.TitleEN = norm.NFC.String(strings.TrimSpace(s.TitleEN))
	if err := s.Check(); err != nil {
		var e *ansinh.Error
		if errors.As(err, &e) {
			e.Message, e.MessageEN = origin+": "+e.Message, origin+": "+e.MessageEN
		}
		return s, err
	}
	return s, nil
}

func jsonWhy(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("byte %d: %v", se.Offset, err)
	}
	return err.Error()
}

// Check verifies every field of the scenario.
func (s *Scenario) Check() error {
	if s.Name == "" {
		return ansinh.Invalid("name", "thiếu tên kịch bản (name)", "scenario name missing")
	}
	if s.TitleVI == "" {
		s.TitleVI = s.Name
	}
	if s.TitleEN == "" {
		s.TitleEN = s.TitleVI
	}
	switch s.Coverage {
	case CoveragePlan, CoverageTrend, CoverageClosed:
	default:
		return ansinh.Invalid("coverage", fmt.Sprintf("coverage %q không hợp lệ: plan, trend hoặc closed", s.Coverage),
			fmt.Sprintf("coverage %q: want plan, trend or closed", s.Coverage))
	}
	switch s.Indexation {
	case "":
		s.Indexation = IndexMix
	case IndexCPI, IndexWages, IndexMix:
	default:
		return ansinh.Invalid("indexation", fmt.Sprintf("indexation %q không hợp lệ: cpi, wages hoặc mix", s.Indexation),
			fmt.Sprintf("indexation %q: want cpi, wages or mix", s.Indexation))
	}
	if s.EndYear == 0 {
		s.EndYear = DefaultEndYear
	}
	if s.EndYear < 2000 || s.EndYear > 2100 {
		return ansinh.Invalid("end_year", "end_year phải trong khoảng 2000–2100", "end_year must be within 2000–2100")
	}
	return s.checkRanges()
}

func (s *Scenario) checkRanges() error {
	for _, f := range []struct {
		name   string
		v      *float64
		lo, hi float64
	}{
		{"wage_growth_pct", s.WageGrowthPct, -50, 100},
		{"cpi_pct", s.CPIPct, -50, 100},
		{"indexation_wage_share_pct", s.IndexationWageSharePct, 0, 100},
		{"labour_force_growth_pct", s.LabourForceGrowthPct, -50, 50},
		{"contribution_rate_pct", s.ContributionRatePct, 0, 100},
		{"province_support_share_pct", s.ProvinceSupportSharePct, 0, 100},
		{"mortality_scale", s.MortalityScale, 0, 10},
	} {
		if f.v != nil && (*f.v < f.lo || *f.v > f.hi || *f.v != *f.v) {
			return ansinh.Invalid(f.name, fmt.Sprintf("%s phải trong khoảng %g–%g", f.name, f.lo, f.hi),
				fmt.Sprintf("%s must be within %g–%g", f.name, f.lo, f.hi))
		}
	}
	return nil
}

// pct returns *p or the default, as a fraction.
func pct(p *float64, def float64) float64 {
	if p == nil {
		return def / 100
	}
	return *p / 100
}

// WageGrowth returns the yearly wage growth as a fraction.
func (s *Scenario) WageGrowth() float64 { return pct(s.WageGrowthPct, defaultWageGrowthPct) }

// CPI returns the yearly inflation as a fraction.
func (s *Scenario) CPI() float64 { return pct(s.CPIPct, defaultCPIPct) }

// Indexing returns the yearly rise of pensions in payment as a fraction.
func (s *Scenario) Indexing() float64 {
	switch s.Indexation {
	case IndexCPI:
		return s.CPI()
	case IndexWages:
		return s.WageGrowth()
	}
	w := pct(s.IndexationWageSharePct, defaultIndexWagePct)
	return w*s.WageGrowth() + (1-w)*s.CPI()
}

// mortalityScale returns the multiplier of death probabilities.
func (s *Scenario) mortalityScale() float64 {
	if s.MortalityScale == nil {
		return 1
	}
	return *s.MortalityScale
}
