package importer

import (
	"bytes"
	"context"
	"encoding/csv"

	"ansinh/refdata"
)

// NationalUnitsFile is the name the embedded units are imported under.
const NationalUnitsFile = "refdata (embedded national units)"

// NationalUnits returns the national administrative units of both
// structures and their successor links, embedded in refdata (sources in
// refdata/data/README.md), as exchange files of the kinds units and
// unit_successors. A few links of the embedded mapping name an old code
// missing from the 2025-03-01 snapshot of the old structure; they are left
// out, since a link must join two known units.
func NationalUnits() (units, successors []byte, err error) {
	all, err := refdata.Units()
	if err != nil {
		return nil, nil, err
	}
	links, err := refdata.Successors()
	if err != nil {
		return nil, nil, err
	}
	known := map[string]bool{}
	for _, u := range all {
		known[u.Code] = true
	}
	var ub, sb bytes.Buffer
	w := csv.NewWriter(&ub)
	w.Write([]string{"code", "name", "level", "parent_code", "valid_from", "valid_to", "region"})
	for _, u := range all {
		region := u.Region
		if u.Level != "commune" {
			region = ""
		}
		w.Write([]string{u.Code, u.FullName, u.Level, u.ParentCode, u.ValidFrom.String(), u.ValidTo.String(), region})
	}
	w.Flush()
	w = csv.NewWriter(&sb)
	w.Write([]string{"old_code", "new_code", "from"})
	for _, s := range links {
		if !known[s.OldCode] || !known[s.NewCode] {
			continue
		}
		w.Write([]string{s.OldCode, s.NewCode, s.From.String()})
	}
	w.Flush()
	return ub.Bytes(), sb.Bytes(), w.Error()
}

// LoadNationalUnits imports the embedded national units, then their
// successor links, through the import job (each a recorded run by actor).
// Loading them again changes nothing; a province's own units file imported
// afterwards overrides the rows it carries.
func LoadNationalUnits(ctx context.Context, st JobStore, actor string) ([]Report, error) {
	units, links, err := NationalUnits()
	if err != nil {
		return nil, err
	}
	var reps []Report
	for _, f := range []struct {
		kind string
		body []byte
	}{{"units", units}, {"unit_successors", links}} {
		k, _ := KindByName(f.kind)
		rep, err := Job{Kind: k, Body: bytes.NewReader(f.body), Format: CSV, Name: NationalUnitsFile, Actor: actor}.Run(ctx, st)
		reps = append(reps, rep)
		if err != nil {
			return reps, err
		}
	}
	return reps, nil
}
