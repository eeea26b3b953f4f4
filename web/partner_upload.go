package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"

	"ansinh/auth"
	"ansinh/importer"
)

// uploadPartnerFeed imports a partner's feed of a kind its scope lists.
func (s *Server) uploadPartnerFeed(w http.ResponseWriter, r *http.Request) {
	p := auth.From(r.Context())
	s.upload(w, r, p.Scope, p.Actor())
}

// FeedHook is what runs once an upload of a partner's feed has committed:
// compliance.Service.AfterFeedUpload, wired by the command.
type FeedHook func(ctx context.Context, kind string, version int64) error

// AfterFeedUpload returns imp followed, whenever an upload commits, by
// hook: the console's and the API's uploads then start the cross-match
// without an officer asking (hook ignores kinds that are not feeds). The
// upload has committed whatever the hook does: its failure is logged, and
// the months it left are matched by the next match.
func AfterFeedUpload(imp ImportFunc, hook FeedHook, log *slog.Logger) ImportFunc {
	return func(ctx context.Context, kind *importer.Kind, name string, body io.ReadSeeker, format importer.Format, actor, lang string) (importer.Report, error) {
		rep, err := imp(ctx, kind, name, body, format, actor, lang)
		if err != nil || !rep.Committed {
			return rep, err
		}
		if herr := hook(ctx, kind.Name, 0); herr != nil {
			log.Error("match after upload", "kind", kind.Name, "file", name, "err", herr)
		}
		return rep, nil
	}
}
