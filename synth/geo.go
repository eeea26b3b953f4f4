package synth

import (
	"fmt"
	"math"

	"ansinh"
	"ansinh/refdata"
)

// commune is a commune of the chosen province in the new structure, where
// every generated person lives and every employer is located.
type commune struct {
	code     string
	name     string // short name, e.g. "Mỹ Thái"
	fullName string // e.g. "Xã Mỹ Thái"
	region   int    // minimum-wage region 0..3 (I..IV)
	ward     bool   // Phường (urban) rather than Xã
	weight   float64
	ethnic   float64 // share of ethnic-minority residents
	oldProv  string  // old province (2 digits) of its first predecessor
	preds    []int   // predecessors: indices into geo.oldCommunes
	predW    []float64
	agents   []string // collection agents' codes
}

// zone is an industrial zone (khu công nghiệp).
type zone struct {
	name    string
	commune int
}

// geo holds the administrative frame of the chosen province.
type geo struct {
	province     refdata.Unit
	oldProvinces []string       // old province codes merged into it, in refdata order
	oldUnits     []refdata.Unit // old provinces, districts and communes
	newUnits     []refdata.Unit // the new province and its communes
	oldCommunes  []refdata.Unit // old communes only (subset of oldUnits)
	successors   []refdata.Successor
	skippedSucc  int // successor rows whose old unit is not in the old structure
	communes     []commune
	byCode       map[string]int // new commune code → index
	zones        []zone
	all          cumulative // communes by population weight
	urban        cumulative // wards favoured (firms, SOEs)
	rural        cumulative // communes favoured (farmers, cooperatives)
}

// regionIndex maps a minimum-wage region to 0..3.
func regionIndex(r string) (int, bool) {
	switch r {
	case "I":
		return 0, true
	case "II":
		return 1, true
	case "III":
		return 2, true
	case "IV":
		return 3, true
	}
	return 0, false
}

// regionNames are the minimum-wage regions by index.
var regionNames = [4]string{"I", "II", "III", "IV"}

// bacNinhZones are real industrial zones of Bắc Ninh (new province 24),
// each placed at the new commune that absorbed an old commune it lies in.
var bacNinhZones = []struct{ name, oldCommune string }{
	{"KCN Yên Phong", "09232"},            // Xã Long Châu → Xã Yên Phong
	{"KCN Quế Võ", "09265"},               // Phường Phương Liễu
	{"KCN Tiên Sơn", "09340"},             // Xã Hoàn Sơn → Xã Đại Đồng
	{"VSIP Bắc Ninh", "09397"},            // Phường Phù Chẩn → Phường Từ Sơn
	{"KCN Quang Châu", "07807"},           // Phường Quang Châu → Phường Nếnh
	{"KCN Vân Trung", "07801"},            // Phường Vân Trung → Phường Nếnh
	{"KCN Đình Trám", "07783"},            // Phường Hồng Thái → Phường Việt Yên
	{"KCN Song Khê – Nội Hoàng", "07705"}, // Phường Song Khê → Phường Tiền Phong
}

// bacGiangEthnic gives the share of ethnic-minority residents by old
// district of Bắc Giang (the mountainous districts of Sơn Động, Lục Ngạn,
// Lục Nam and Yên Thế are home to Tày, Nùng, Dao, Sán Chay and Hoa people).
// Approximate shares; other districts of the province take 2%, and the
// districts of old Bắc Ninh 0.5%.
var bacGiangEthnic = map[string]float64{
	"220": 0.55, "219": 0.45, "224": 0.40, "218": 0.22, "215": 0.15,
	"216": 0.04, "217": 0.04, "223": 0.02, "222": 0.02, "213": 0.02,
}

// loadGeo builds the frame of province code prov.
func loadGeo(seed int64, prov string) (*geo, error) {
	units, err := refdata.Units()
	if err != nil {
		return nil, err
	}
	succ, err := refdata.Successors()
	if err != nil {
		return nil, err
	}
	g := &geo{byCode: map[string]int{}}
	if g.province, err = findProvince(units, prov); err != nil {
		return nil, err
	}
	isOldProv := g.findOldProvinces(succ, prov)
	oldIndex, err := g.splitUnits(units, prov, isOldProv)
	if err != nil {
		return nil, err
	}
	if len(g.communes) == 0 {
		return nil, fmt.Errorf("synth: province %s has no communes", prov)
	}
	g.linkSuccessors(succ, prov, oldIndex)
	r := newRNG(seed, streamGeo, 0)
	g.weighCommunes(prov, &r)
	g.buildWeights()
	g.buildZones(prov)
	g.buildAgents(prov, &r)
	return g, nil
}

// findProvince returns the province coded prov in the structure in force
// from 01/07/2025.
func findProvince(units []refdata.Unit, prov string) (refdata.Unit, error) {
	var province refdata.Unit
	found := false
	for _, u := range units {
		if u.ValidTo == 0 && u.Level == "province" && u.Code == prov {
			province, found = u, true
		}
	}
	if !found {
		return province, ansinh.Invalid("Province", "mã tỉnh "+prov+" không có trong danh mục đơn vị hành chính từ 01/07/2025",
			"province code "+prov+" is not a province of the structure in force from 2025-07-01")
	}
	return province, nil
}

// findOldProvinces records the old provinces merged into prov, in refdata
// order, and returns them as a set.
func (g *geo) findOldProvinces(succ []refdata.Successor, prov string) map[string]bool {
	isOldProv := map[string]bool{}
	for _, s := range succ {
		if len(s.OldCode) == 2 && s.NewCode == prov {
			g.oldProvinces = append(g.oldProvinces, s.OldCode)
			isOldProv[s.OldCode] = true
		}
	}
	return isOldProv
}

// splitUnits sorts the units into those of the old structure (of the old
// provinces) and those of the new province, making a commune of each new
// one. It returns the index of each old commune's code in g.oldCommunes.
func (g *geo) splitUnits(units []refdata.Unit, prov string, isOldProv map[string]bool) (map[string]int, error) {
	oldIndex := map[string]int{}
	for _, u := range units {
		switch {
		case u.ValidTo != 0 && isOldProv[u.ProvinceCode]:
			g.oldUnits = append(g.oldUnits, u)
			if u.Level == "commune" {
				oldIndex[u.Code] = len(g.oldCommunes)
				g.oldCommunes = append(g.oldCommunes, u)
			}
		case u.ValidTo == 0 && u.ProvinceCode == prov:
			g.newUnits = append(g.newUnits, u)
			if u.Level == "commune" {
				if err := g.addCommune(u); err != nil {
					return nil, err
				}
			}
		}
	}
	return oldIndex, nil
}

// addCommune adds new commune u to g.communes.
func (g *geo) addCommune(u refdata.Unit) error {
	ri, ok := regionIndex(u.Region)
	if !ok {
		return fmt.Errorf("synth: commune %s has no minimum-wage region", u.Code)
	}
	g.byCode[u.Code] = len(g.communes)
	g.communes = append(g.communes, commune{code: u.Code, name: u.Name, fullName: u.FullName,
		region: ri, ward: u.Type == "Phường"})
	return nil
}

// linkSuccessors keeps the successor links into prov and its communes, and
// gives each new commune its predecessors, weighted by the share of each
// old commune it took.
func (g *geo) linkSuccessors(succ []refdata.Successor, prov string, oldIndex map[string]int) {
	for _, s := range succ {
		switch {
		case len(s.NewCode) == 2 && s.NewCode == prov:
			g.successors = append(g.successors, s)
		case len(s.NewCode) > 2:
			ci, ok := g.byCode[s.NewCode]
			if !ok {
				continue
			}
			oi, ok := oldIndex[s.OldCode]
			if !ok {
				g.skippedSucc++
				continue
			}
			g.successors = append(g.successors, s)
			c := &g.communes[ci]
			c.preds = append(c.preds, oi)
			c.predW = append(c.predW, 1/float64(s.Targets))
		}
	}
}

// weighCommunes gives each commune its population weight, its share of
// ethnic-minority residents and its old province.
func (g *geo) weighCommunes(prov string, r *rng) {
	oldDistrict := map[string]string{} // old commune → old district
	for _, u := range g.oldCommunes {
		oldDistrict[u.Code] = u.ParentCode
	}
	for i := range g.communes {
		c := &g.communes[i]
		size := 0.0
		for _, w := range c.predW {
			size += w
		}
		if size == 0 {
			size = 1
		}
		if c.ward {
			size *= 1.6
		}
		c.weight = size * math.Exp(0.25*r.norm())
		c.ethnic = 0.06
		if c.ward {
			c.ethnic = 0.02
		}
		c.oldProv = prov
		if len(c.preds) > 0 {
			first := g.oldCommunes[c.preds[0]]
			c.oldProv = first.ProvinceCode
			if prov == "24" {
				c.ethnic = bacNinhEthnic(first, oldDistrict)
			}
		}
	}
}

// bacNinhEthnic is the share of ethnic-minority residents of a commune of
// Bắc Ninh (24) whose first predecessor is old commune first.
func bacNinhEthnic(first refdata.Unit, oldDistrict map[string]string) float64 {
	if s, ok := bacGiangEthnic[oldDistrict[first.Code]]; ok {
		return s
	}
	if first.ProvinceCode == "27" {
		return 0.005
	}
	return 0.02
}

func (g *geo) buildWeights() {
	all := make([]float64, len(g.communes))
	urban := make([]float64, len(g.communes))
	rural := make([]float64, len(g.communes))
	for i, c := range g.communes {
		all[i] = c.weight
		urban[i] = c.weight
		rural[i] = c.weight
		if c.ward {
			urban[i] *= 2.5
		} else {
			rural[i] *= 1.8
		}
	}
	g.all, g.urban, g.rural = newCumulative(all), newCumulative(urban), newCumulative(rural)
}

// buildZones places the industrial zones: the real ones of Bắc Ninh, or for
// another province "KCN <name>" in its three most populous wards.
func (g *geo) buildZones(prov string) {
	if prov == "24" {
		newOf := map[string]string{}
		for _, s := range g.successors {
			if _, seen := newOf[s.OldCode]; !seen {
				newOf[s.OldCode] = s.NewCode
			}
		}
		for _, z := range bacNinhZones {
			if ci, ok := g.byCode[newOf[z.oldCommune]]; ok {
				g.zones = append(g.zones, zone{name: z.name, commune: ci})
			}
		}
		if len(g.zones) > 0 {
			return
		}
	}
	taken := map[int]bool{}
	for n := 0; n < 3 && n < len(g.communes); n++ {
		best := -1
		for i, c := range g.communes {
			if taken[i] {
				continue
			}
			if best < 0 || (c.ward && !g.communes[best].ward) ||
				(c.ward == g.communes[best].ward && c.weight > g.communes[best].weight) {
				best = i
			}
		}
		taken[best] = true
		g.zones = append(g.zones, zone{name: "KCN " + g.communes[best].name, commune: best})
	}
}

// buildAgents gives each commune one to three collection agents, coded
// "DL" + province + a serial (DL24001, DL24002, …).
func (g *geo) buildAgents(prov string, r *rng) {
	n := 0
	for i := range g.communes {
		k := 1 + r.intn(3)
		for j := 0; j < k; j++ {
			n++
			g.communes[i].agents = append(g.communes[i].agents, fmt.Sprintf("DL%s%03d", prov, n))
		}
	}
}

// writeUnits writes the units of both structures and the successor links.
func (g *gen) writeUnits() {
	rec := g.rec[kUnits]
	for _, list := range [][]refdata.Unit{g.geo.oldUnits, g.geo.newUnits} {
		for _, u := range list {
			rec[0] = u.Code
			rec[1] = u.FullName
			rec[2] = u.Level
			rec[3] = u.ParentCode
			rec[4] = u.ValidFrom.String()
			rec[5] = u.ValidTo.String()
			rec[6] = u.Region
			if u.Level != "commune" {
				rec[6] = ""
			}
			g.emit(kUnits, rec)
		}
	}
	rec = g.rec[kUnitSuccessors]
	for _, s := range g.geo.successors {
		rec[0], rec[1], rec[2] = s.OldCode, s.NewCode, s.From.String()
		g.emit(kUnitSuccessors, rec)
	}
}
