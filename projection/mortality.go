package projection

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"sync"

	"ansinh/rules"
)

//go:embed data/vietnam-life-table-2023-derived.csv
var lifeTableCSV []byte

// MortalitySource cites the embedded death probabilities.
const MortalitySource = "UN DESA, World Population Prospects 2024 (Viet Nam, 2023, derived single-age life table)"

// Mortality holds the probability of dying within a year by sex and age.
type Mortality [2][MaxAge + 1]float64

// sexIndex is the index of a sex in the model's arrays.
func sexIndex(s rules.Sex) int {
	if s == rules.Female {
		return 1
	}
	return 0
}

var (
	wppOnce sync.Once
	wppQx   Mortality
	wppErr  error
)

// WPP2023 returns the embedded death probabilities of Vietnam in 2023.
func WPP2023() (Mortality, error) {
	wppOnce.Do(func() { wppQx, wppErr = parseLifeTable(lifeTableCSV) })
	return wppQx, wppErr
}

// parseLifeTable reads year,sex,age,mx,qx,lx,ex and keeps qx.
func parseLifeTable(b []byte) (Mortality, error) {
	var m Mortality
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return m, fmt.Errorf("life table: %w", err)
	}
	seen := 0
	for i, r := range rows[1:] {
		if len(r) != 7 {
			return m, fmt.Errorf("life table line %d: %d fields, want 7", i+2, len(r))
		}
		age, err1 := strconv.Atoi(r[2])
		q, err2 := strconv.ParseFloat(r[4], 64)
		if err1 != nil || err2 != nil || age < 0 || age > MaxAge || q < 0 || q > 1 {
			return m, fmt.Errorf("life table line %d: bad age or qx", i+2)
		}
		switch r[1] {
		case "Male":
			m[0][age] = q
		case "Female":
			m[1][age] = q
		default:
			return m, fmt.Errorf("life table line %d: sex %q", i+2, r[1])
		}
		seen++
	}
	if seen != 2*(MaxAge+1) {
		return m, fmt.Errorf("life table: %d rows, want %d", seen, 2*(MaxAge+1))
	}
	return m, nil
}

// Scaled returns the probabilities multiplied by k, at most 1.
func (m Mortality) Scaled(k float64) Mortality {
	var out Mortality
	for s := range m {
		for a, q := range m[s] {
			out[s][a] = min(1, q*k)
		}
	}
	return out
}
