package web

import (
	"net/http"

	"ansinh/auth"
	"ansinh/registry"
)

// proceduresPage lists the caller's procedures with their channel, times
// and survey.
type proceduresPage struct {
	Page
	Procedures []registry.Procedure
	ExportURL  string
}

// showProcedures shows the caller's latest procedures.
func (s *Server) showProcedures(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := s.reg.ProceduresOf(ctx, auth.From(ctx).UserID, 50)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &proceduresPage{Page: s.page(w, r, "procedures.title"), Procedures: list, ExportURL: exportURL(r.URL)}
	if wantsXLSX(r) {
		sh := sheet{Name: "procedures.title", Columns: []string{"procedures.kind", "procedures.ref", "declaration.channel", "declaration.status",
			"declaration.submitted_at", "declaration.processed_at", "survey.title"}}
		for _, p := range list {
			var score any
			if p.Score > 0 {
				score = p.Score
			}
			sh.add(label(pg.Lang, "procedure", p.Kind), p.Ref, label(pg.Lang, "channel", p.Channel), label(pg.Lang, "status", p.Status),
				p.SubmittedAt, p.ProcessedAt, score)
		}
		s.writeXLSX(w, r, "thu-tuc", sh)
		return
	}
	s.render(w, r, http.StatusOK, "procedures", pg)
}
