package web

import (
	"ansinh"
	"context"
	"slices"

	"ansinh/auth"
)

// scope returns what the caller may see: its role's scope (auth.Scoper),
// and for an inspector also the employers of the inspection cases assigned
// to it and not yet resolved, so that it can open their records.
func (s *Server) scope(ctx context.Context) (ansinh.Scope, error) {
	p := auth.From(ctx)
	sc, err := s.scoper.Scope(ctx, p)
	if err != nil || !p.Is(auth.Inspector) {
		return sc, err
	}
	taxes, err := s.comp.InspectorTaxCodes(ctx, p.Login)
	if err != nil {
		return sc, err
	}
	sc.TaxCodes = slices.Clip(sc.TaxCodes)
	for _, t := range taxes {
		if !slices.Contains(sc.TaxCodes, t) {
			sc.TaxCodes = append(sc.TaxCodes, t)
		}
	}
	return sc, nil
}
