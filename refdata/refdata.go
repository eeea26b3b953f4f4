// Package refdata embeds the real reference data AnSinh ships: Vietnam's
// administrative units before and after the 2025-07-01 reorganisation with the
// old-to-new mapping, and Vietnamese name frequencies for the synthetic
// province. Sources and licences are in data/README.md.
package refdata

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"ansinh"
)

//go:embed data/*.csv
var files embed.FS

// The dates of the two structures (see data/README.md).
var (
	OldStructureFrom = ansinh.MustParseDate("2025-03-01")
	OldStructureTo   = ansinh.MustParseDate("2025-06-30")
	ReformDate       = ansinh.MustParseDate("2025-07-01")
)

// Unit is one administrative unit in one structure.
type Unit struct {
	Code         string
	Name         string // short name, e.g. "Ba Đình"
	FullName     string // with its type, e.g. "Phường Ba Đình"
	Type         string // Tỉnh, Thành phố Trung ương, Quận, Huyện, Phường, Xã, Thị trấn, Đặc khu, …
	Level        string // province, district or commune
	ParentCode   string
	ProvinceCode string
	ValidFrom    ansinh.Date
	ValidTo      ansinh.Date // zero: still valid
	Region       string      // minimum-wage region I..IV (communes only)
	RegionSure   bool        // false: the region is an unconfirmed placeholder
}

// Successor links a unit of the old structure to one of the new structure.
type Successor struct {
	OldCode string
	NewCode string
	From    ansinh.Date
	// Targets is the number of new units the old one was divided among
	// (1 for a whole merge).
	Targets int
	Partial bool // only part of the old unit went to this new unit
}

// Units returns every unit of both structures, old first. A commune of the
// new structure carries its region from Decree 293/2025 (RegionSure); a
// commune of the old structure carries the placeholder by unit type.
func Units() ([]Unit, error) {
	regions, err := regionDefaults()
	if err != nil {
		return nil, err
	}
	decree, err := decreeRegions()
	if err != nil {
		return nil, err
	}
	var all []Unit
	for _, s := range []struct {
		file     string
		from, to ansinh.Date
		levels   map[string]string
	}{
		{"admin-units-2025-03-01.csv", OldStructureFrom, OldStructureTo, map[string]string{"1": "province", "2": "district", "3": "commune"}},
		{"admin-units-2025-07-01.csv", ReformDate, 0, map[string]string{"1": "province", "2": "commune"}},
	} {
		err := readCSV(s.file, func(r map[string]string) error {
			level, ok := s.levels[r["level"]]
			if !ok {
				return fmt.Errorf("unknown level %q", r["level"])
			}
			u := Unit{Code: r["code"], Name: r["name"], FullName: r["full_name"], Type: r["type"],
				Level: level, ParentCode: r["parent_code"], ProvinceCode: r["province_code"],
				ValidFrom: s.from, ValidTo: s.to}
			if level == "commune" {
				u.Region = regions.lookup(u.ProvinceCode, u.Type)
				if r, ok := decree[u.Code]; ok && s.to == 0 {
					u.Region, u.RegionSure = r, true
				}
			}
			all = append(all, u)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return all, nil
}

// Successors returns the old-to-new links of the 2025 reorganisation, for
// communes and provinces. Old districts have none: they were abolished.
func Successors() ([]Successor, error) {
	var out []Successor
	err := readCSV("admin-mapping-2025-commune.csv", func(r map[string]string) error {
		n, err := strconv.Atoi(r["old_commune_target_count"])
		if err != nil || n < 1 {
			return fmt.Errorf("bad old_commune_target_count %q", r["old_commune_target_count"])
		}
		out = append(out, Successor{OldCode: r["old_commune_code"], NewCode: r["new_commune_code"],
			From: ReformDate, Targets: n, Partial: r["merge_type"] == "partial"})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readCSV("admin-mapping-2025-province.csv", func(r map[string]string) error {
		out = append(out, Successor{OldCode: r["old_province_code"], NewCode: r["new_province_code"], From: ReformDate, Targets: 1})
		return nil
	})
	return out, err
}

// Decree293From is the first day of the regions of Decree 293/2025/NĐ-CP
// (art. 5(1)).
var Decree293From = ansinh.MustParseDate("2026-01-01")

// Decree293Source cites the list of min-wage-regions-2026.csv.
const Decree293Source = "Nghị định 293/2025/NĐ-CP ngày 10/11/2025, Phụ lục (danh mục địa bàn áp dụng mức lương tối thiểu từ 01/01/2026)"

// PlaceholderSource cites the placeholder regions by unit type.
const PlaceholderSource = "AnSinh region-defaults.csv: vùng tạm theo loại đơn vị hành chính, chưa xác nhận (danh mục theo huyện của Nghị định 74/2024, 38/2022, 90/2019 chưa có)"

// RegionList is one dated list of the minimum-wage region (I..IV) of each
// commune code.
type RegionList struct {
	From, To  ansinh.Date // days it applies; To zero: open
	Source    string
	Sure      bool              // false: an unconfirmed placeholder
	ByCommune map[string]string // commune code → region
}

// RegionLists returns the dated region lists AnSinh ships, oldest first:
// the placeholder by unit type for the communes of the old structure (to
// 2025-06-30) and of the new one (2025-07-01 to 2025-12-31), then Decree
// 293/2025's list of every commune of the new structure from 2026-01-01.
func RegionLists() ([]RegionList, error) {
	units, err := Units()
	if err != nil {
		return nil, err
	}
	decree, err := decreeRegions()
	if err != nil {
		return nil, err
	}
	defaults, err := regionDefaults()
	if err != nil {
		return nil, err
	}
	old := RegionList{From: ansinh.MustParseDate("2018-01-01"), To: OldStructureTo, Source: PlaceholderSource, ByCommune: map[string]string{}}
	mid := RegionList{From: ReformDate, To: Decree293From.AddDays(-1), Source: PlaceholderSource, ByCommune: map[string]string{}}
	for _, u := range units {
		if u.Level != "commune" {
			continue
		}
		if u.ValidTo == 0 {
			mid.ByCommune[u.Code] = defaults.lookup(u.ProvinceCode, u.Type)
		} else {
			old.ByCommune[u.Code] = u.Region
		}
	}
	return []RegionList{old, mid, {From: Decree293From, Source: Decree293Source, Sure: true, ByCommune: decree}}, nil
}

// decreeRegions reads the region of every commune from Decree 293/2025.
func decreeRegions() (map[string]string, error) {
	out := map[string]string{}
	err := readCSV("min-wage-regions-2026.csv", func(r map[string]string) error {
		switch r["region"] {
		case "I", "II", "III", "IV":
		default:
			return fmt.Errorf("commune %s: bad region %q", r["commune_code"], r["region"])
		}
		out[r["commune_code"]] = r["region"]
		return nil
	})
	return out, err
}

type regionTable map[string]string // "province|type" → region

func (t regionTable) lookup(province, typ string) string {
	if r, ok := t[province+"|"+typ]; ok {
		return r
	}
	if r, ok := t["*|"+typ]; ok {
		return r
	}
	return t["*|Xã"]
}

func regionDefaults() (regionTable, error) {
	t := regionTable{}
	err := readCSV("region-defaults.csv", func(r map[string]string) error {
		t[r["province_code"]+"|"+r["unit_type"]] = r["region"]
		return nil
	})
	return t, err
}

// NameWeight is a name with its relative frequency.
type NameWeight struct {
	Name   string
	Weight int
}

// Names holds the name lists the synthetic province draws from.
type Names struct {
	Surnames []NameWeight
	// Given holds two-syllable "middle given" names by sex ("M", "F").
	Given map[string][]string
	// Single holds one-syllable given names by sex.
	Single map[string][]string
}

// LoadNames reads the embedded name lists.
func LoadNames() (*Names, error) {
	n := &Names{Given: map[string][]string{}, Single: map[string][]string{}}
	err := readCSV("names-vi-surname-freq.csv", func(r map[string]string) error {
		c, err := strconv.Atoi(r["count"])
		if err != nil {
			return err
		}
		n.Surnames = append(n.Surnames, NameWeight{r["surname"], c})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readCSV("names-vi-middle-given-by-sex.csv", func(r map[string]string) error {
		n.Given[r["sex"]] = append(n.Given[r["sex"]], r["middle"]+" "+r["given"])
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readCSV("names-vi-given-by-sex.csv", func(r map[string]string) error {
		n.Single[r["sex"]] = append(n.Single[r["sex"]], r["given"])
		return nil
	})
	return n, err
}

// readCSV calls fn with each data row of an embedded file, keyed by header.
func readCSV(name string, fn func(map[string]string) error) error {
	f, err := files.Open("data/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for i := range header {
		header[i] = strings.TrimPrefix(strings.TrimSpace(header[i]), "\ufeff")
	}
	row := map[string]string{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s line %d: %w", name, line, err)
		}
		for i, h := range header {
			row[h] = strings.TrimSpace(rec[i])
		}
		if err := fn(row); err != nil {
			return fmt.Errorf("%s line %d: %w", name, line, err)
		}
	}
}
