package projection

import (
	"context"
	"embed"
	"os"
	"path/filepath"
	"strings"

	"ansinh"
	"ansinh/rules"
)

//go:embed scenarios/*.json
var shipped embed.FS

// Shipped returns the scenarios built into the binary ("plan", "trend").
func Shipped() ([]Scenario, error) {
	var out []Scenario
	for _, name := range []string{"plan", "trend"} {
		s, err := ShippedScenario(name)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// ShippedScenario returns a built-in scenario by name.
func ShippedScenario(name string) (Scenario, error) {
	f, err := shipped.Open("scenarios/" + name + ".json")
	if err != nil {
		return Scenario{}, ansinh.Invalid("scenario", "không có kịch bản "+name, "no scenario "+name)
	}
	defer f.Close()
	return ParseScenario(f, "scenarios/"+name+".json")
}

// LoadScenario reads a scenario file; a bare name without ".json" is a
// built-in scenario. A rules overlay path is made relative to the file.
func LoadScenario(path string) (Scenario, error) {
	if filepath.Base(path) == path && !strings.HasSuffix(path, ".json") {
		return ShippedScenario(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return Scenario{}, ansinh.Invalid("scenario", "không mở được tệp kịch bản "+path, "cannot open the scenario file "+path)
	}
	defer f.Close()
	s, err := ParseScenario(f, path)
	if err == nil && s.RulesOverlay != "" && !filepath.IsAbs(s.RulesOverlay) {
		s.RulesOverlay = filepath.Join(filepath.Dir(path), s.RulesOverlay)
	}
	return s, err
}

// Params returns the legal parameters the scenario runs on: base, or the
// national table with the scenario's province overlay.
func (s *Scenario) Params(base *rules.Params) (*rules.Params, error) {
	if s.RulesOverlay == "" {
		return base, nil
	}
	f, err := os.Open(s.RulesOverlay)
	if err != nil {
		return nil, ansinh.Invalid("rules_overlay", "không mở được tệp tham số "+s.RulesOverlay, "cannot open the parameter file "+s.RulesOverlay)
	}
	defer f.Close()
	return rules.WithOverlay(f, s.RulesOverlay)
}

// Service runs projections on the registry's start state.
type Service struct {
	Store Store
	Rules *rules.Params
}

// Compare reads the start state at month once and projects every scenario
// on it, in the order given.
func (sv *Service) Compare(ctx context.Context, month ansinh.Period, scs []Scenario) ([]*Result, error) {
	if len(scs) == 0 {
		return nil, ansinh.Invalid("scenario", "cần ít nhất một kịch bản", "at least one scenario is needed")
	}
	st, err := sv.Store.StartState(ctx, month)
	if err != nil {
		return nil, err
	}
	out := make([]*Result, 0, len(scs))
	for _, sc := range scs {
		p, err := sc.Params(sv.Rules)
		if err != nil {
			return nil, err
		}
		r, err := Run(ctx, sc, p, st)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
