package web

import (
	"context"
	"io"

	"ansinh/importer"
)

// ImportFunc runs an uploaded file through the importer into the database
// and records the run (who, when, counts): name is the file's name, actor
// the uploader. The command wires it to the importer and the store.
type ImportFunc func(ctx context.Context, kind *importer.Kind, name string, body io.ReadSeeker, format importer.Format, actor, lang string) (importer.Report, error)
