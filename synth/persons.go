package synth

import (
	"ansinh"
)

// personInfo is what the generator keeps of a person it has written.
type personInfo struct {
	pid     uint32
	id      string
	birth   ansinh.Date
	female  bool
	retire  period // the month the person reaches retirement age
	commune int
	ethnic  bool
	poorU   float64 // household poverty draw (see status)
	poorF   float64
}

// personOpts describes a person to create.
type personOpts struct {
	at      period      // the month the person first appears
	age     int         // age in years at that month
	birth   ansinh.Date // the exact birth date, instead of age when set
	female  bool
	commune int
	migrant float64 // probability of a birth outside the merged provinces
	legacy  float64 // probability of a legacy social insurance number
	poorF   float64 // poverty propensity (1 = province average)
	poorU   float64 // a fixed poverty draw in [0, 1), or -1 to draw one
}

// migrantOrigins are provinces of birth (old GSO codes) of people who moved
// into the province, weighted roughly by the flows towards the industrial
// zones of the Red River Delta: the northern uplands, the delta provinces
// and the North Central Coast.
var migrantOrigins = []struct {
	code   string
	weight float64
}{
	{"001", 8}, {"020", 8}, {"019", 6}, {"030", 6}, {"033", 4}, {"026", 4}, {"025", 5}, {"008", 4},
	{"002", 5}, {"004", 4}, {"006", 3}, {"015", 4}, {"014", 4}, {"010", 3}, {"011", 2}, {"012", 2},
	{"017", 3}, {"022", 4}, {"031", 3}, {"034", 5}, {"035", 3}, {"036", 5}, {"037", 3}, {"038", 9},
	{"040", 8}, {"042", 4}, {"044", 2}, {"079", 2}, {"048", 1}, {"024", 4}, {"027", 4},
}

// newPerson draws a person, writes the persons row and the household
// status rows, and returns what the generator keeps of them.
func (g *gen) newPerson(r *rng, o personOpts) personInfo {
	c := &g.geo.communes[o.commune]
	year := o.at.Year() - o.age
	days := 365
	if ansinh.NewDate(year, 12, 31).Time().YearDay() == 366 {
		days = 366
	}
	birth := ansinh.NewDate(year, 1, 1).AddDays(r.intn(days))
	if o.birth != 0 {
		birth, year = o.birth, o.birth.Year()
	}
	sex := "male"
	if o.female {
		sex = "female"
	}
	id, err := g.ids.personID(g.birthProvince(r, c, o.migrant), year, sex)
	if err != nil {
		g.fail(err)
		return personInfo{}
	}
	p := personInfo{pid: g.nPersons, id: id, birth: birth, female: o.female,
		retire: retirementMonth(birth, o.female), commune: o.commune,
		ethnic: r.chance(c.ethnic), poorF: o.poorF, poorU: o.poorU}
	g.nPersons++
	g.curEmp = append(g.curEmp, -1)
	g.multi = append(g.multi, false)
	g.served = append(g.served, 0)
	if p.poorU < 0 {
		p.poorU = r.float()
	}
	if p.ethnic {
		p.poorF *= 3
	}
	legacy := ""
	if r.chance(o.legacy) {
		legacy = g.ids.legacyCode(c.oldProv)
	}
	rec := g.rec[kPersons]
	rec[0] = id
	rec[1] = g.names.fullName(r, o.female)
	rec[2] = g.ds(birth)
	rec[3] = sex
	rec[4] = "false"
	if p.ethnic {
		rec[4] = "true"
	}
	rec[5] = c.code
	rec[6] = legacy
	g.emit(kPersons, rec)
	hs := g.rec[kHouseholdStatus]
	for y := g.firstYear; y <= g.through.Year(); y++ {
		if s := p.status(y); s != "" {
			hs[0], hs[1], hs[2] = id, yearString(y), s
			g.emit(kHouseholdStatus, hs)
		}
	}
	return p
}

// birthProvince draws a province-of-birth code: mostly the old province of
// the person's commune, sometimes another province merged into the same new
// one, and with probability migrant a province elsewhere in the north.
func (g *gen) birthProvince(r *rng, c *commune, migrant float64) string {
	if r.chance(migrant) {
		for range 8 {
			o := migrantOrigins[r.intn(len(migrantOrigins))]
			if !g.isOldProvince(o.code[1:]) && r.float()*9 < o.weight {
				return o.code
			}
		}
	}
	if len(g.geo.oldProvinces) > 1 && r.chance(0.1) {
		return "0" + g.geo.oldProvinces[r.intn(len(g.geo.oldProvinces))]
	}
	return "0" + c.oldProv
}

func (g *gen) isOldProvince(code string) bool {
	for _, p := range g.geo.oldProvinces {
		if p == code {
			return true
		}
	}
	return false
}

// povertyRates gives the province's share of persons in poor and near-poor
// households by year. The jump in 2022 is the multidimensional poverty
// standard of 2022–2025 (Decree 07/2021), which counted more households.
func povertyRates(y int) (poor, near float64) {
	switch {
	case y <= 2018:
		return 0.035, 0.045
	case y == 2019:
		return 0.028, 0.040
	case y == 2020:
		return 0.023, 0.036
	case y == 2021:
		return 0.019, 0.032
	case y == 2022:
		return 0.032, 0.042
	case y == 2023:
		return 0.026, 0.038
	case y == 2024:
		return 0.020, 0.033
	case y == 2025:
		return 0.015, 0.029
	}
	return 0.012, 0.026
}

// status returns the household status of year y: "poor", "near_poor" or ""
// (none). One draw per person, compared with the year's rates, makes a
// household leave poverty as the rates fall, rather than flicker.
func (p personInfo) status(y int) string {
	poor, near := povertyRates(y)
	switch {
	case p.poorU < p.poorF*poor:
		return "poor"
	case p.poorU < p.poorF*(poor+near):
		return "near_poor"
	}
	return ""
}

// requiredAge returns the retirement age in months required in calendar
// year y (Labour Code 2019 art. 169, Decree 135/2020; rules.md §6).
func requiredAge(y int, female bool) int {
	if female {
		if y <= 2020 {
			return 55 * 12
		}
		return min(55*12+4*(y-2020), 60*12)
	}
	if y <= 2020 {
		return 60 * 12
	}
	return min(60*12+3*(y-2020), 62*12)
}

// retirementMonth returns the month in which a person born on birth
// reaches retirement age: the first required age they reach within the year
// that requires it. The pension starts the month after.
func retirementMonth(birth ansinh.Date, female bool) period {
	bp := birth.Period()
	for y := birth.Year() + 50; y < birth.Year()+70; y++ {
		if m := bp.Add(requiredAge(y, female)); m.Year() <= y {
			return m
		}
	}
	return bp.Add(requiredAge(birth.Year()+70, female))
}

// yearString writes a year.
func yearString(y int) string {
	var b [4]byte
	putDigits(b[:], y)
	return string(b[:])
}
