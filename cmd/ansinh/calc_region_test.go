package main

import (
	"strings"
	"testing"
)

// TestCalcContributionCommunes: in 2026-03 a region-I commune of Hà Nội
// (Phường Ba Đình, 00004) and a region-IV commune of Lai Châu (Xã Bình Lư,
// 03390) give different UI caps (20 × 5.310.000 and 20 × 3.700.000, Decree
// 293/2025); the SI floor and cap are the reference level's under L2024 and
// the same in both.
func TestCalcContributionCommunes(t *testing.T) {
	tests := []struct {
		name, commune, region string
		uiCap, siFloor        float64
	}{
		{"Phường Ba Đình, Hà Nội", "00004", "I", 106_200_000, 2_340_000},
		{"Xã Bình Lư, Lai Châu", "03390", "IV", 74_000_000, 2_340_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, high, _ := runCalcJSON(t, `{"month":"2026-03","wage":200000000,"commune":"`+tt.commune+`"}`, "contribution")
			_, low, _ := runCalcJSON(t, `{"month":"2026-03","wage":1000000,"commune":"`+tt.commune+`"}`, "contribution")
			if high["ui_base"] != tt.uiCap || low["si_base"] != tt.siFloor {
				t.Fatalf("ui cap %v, si floor %v; want %v, %v (%v)", high["ui_base"], low["si_base"], tt.uiCap, tt.siFloor, high)
			}
			line := explainLine(high, "region")
			if line == nil || line["value"] != tt.region || !strings.Contains(paramSource(line), "293/2025") {
				t.Errorf("region explanation %v", line)
			}
			if w, _ := high["warnings"].([]any); len(w) != 0 {
				t.Errorf("warnings for a confirmed region: %v", w)
			}
		})
	}
	// Before 2026 the region is the placeholder by unit type, flagged.
	_, out, _ := runCalcJSON(t, `{"month":"2025-09","wage":10000000,"commune":"03390"}`, "contribution")
	if !strings.Contains(warningCodes(out), "unconfirmed_param") || explainLine(out, "region") == nil {
		t.Errorf("2025 placeholder region not flagged: %v", out)
	}
}

// TestCalcKeptMinimum: Decree 293/2025 art. 5(5) — a worker hired in 2025
// in a commune that was region II keeps 4.410.000 when the commune is now
// region IV (3.700.000); a worker hired in 2026 does not.
func TestCalcKeptMinimum(t *testing.T) {
	in := `{"month":"2026-03","wage":4000000,"commune":"03390","earlier_region":"II","hired":"%s"}`
	_, kept, _ := runCalcJSON(t, strings.Replace(in, "%s", "2025-06-01", 1), "contribution")
	if l := explainLine(kept, "minimum_wage_kept"); l == nil || l["value"] != "4410000" || !strings.Contains(warningCodes(kept), "below_minimum_wage") {
		t.Errorf("hired 2025: %v", kept)
	}
	_, fresh, _ := runCalcJSON(t, strings.Replace(in, "%s", "2026-01-05", 1), "contribution")
	if explainLine(fresh, "minimum_wage_kept") != nil || strings.Contains(warningCodes(fresh), "below_minimum_wage") {
		t.Errorf("hired 2026: %v", fresh)
	}
}

// TestCalcUIScope: a 2-month seasonal contract and a pensioner are billed no
// UI in 2025; the 2-month contract is billed in 2026; the explanation names
// the rule.
func TestCalcUIScope(t *testing.T) {
	tests := []struct {
		name, in string
		billed   bool
		rule     string
	}{
		{"seasonal 2 months 2025", `{"month":"2025-05","wage":8000000,"region":"II","contract":"seasonal","contract_start":"2025-04","contract_end":"2025-05"}`, false, "hợp đồng dưới 3 tháng"},
		{"pensioner 2025", `{"month":"2025-05","wage":8000000,"region":"II","pension":true}`, false, "đang hưởng lương hưu"},
		{"seasonal 2 months 2026", `{"month":"2026-05","wage":8000000,"region":"II","contract":"seasonal","contract_start":"2026-04","contract_end":"2026-05"}`, true, "Tiền lương đóng BHTN"},
		{"pensioner 2026", `{"month":"2026-05","wage":8000000,"region":"II","pension":true}`, false, "74/2025/QH15 Điều 31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := runCalcJSON(t, tt.in, "contribution")
			emp, _ := out["employer"].(map[string]any)
			if code != 0 || (emp["ui"] != 0.0) != tt.billed {
				t.Fatalf("exit %d, employer UI %v, want billed %v", code, emp["ui"], tt.billed)
			}
			if l := explainLine(out, "ui_base"); l == nil || !strings.Contains(l["rule"].(string), tt.rule) {
				t.Errorf("ui_base explanation %v, want %q", l, tt.rule)
			}
		})
	}
	code, out, _ := runCalcJSON(t, `{"month":"2025-07","wage":8000000,"region":"II","contract":"seasonal","contract_start":"2025-04","contract_end":"2025-05"}`, "contribution")
	if e, _ := out["error"].(map[string]any); code != 2 || e["field"] != "month" {
		t.Errorf("a month outside the contract: exit %d, %v", code, out)
	}
}

// explainLine returns the explanation of figure in a calc output.
func explainLine(out map[string]any, figure string) map[string]any {
	lines, _ := out["explain"].([]any)
	for _, l := range lines {
		if m, _ := l.(map[string]any); m["figure"] == figure {
			return m
		}
	}
	return nil
}

// paramSource returns the source of an explanation's first parameter.
func paramSource(line map[string]any) string {
	ps, _ := line["params"].([]any)
	if len(ps) == 0 {
		return ""
	}
	m, _ := ps[0].(map[string]any)
	s, _ := m["source"].(string)
	return s
}

// warningCodes joins the codes of a calc output's warnings.
func warningCodes(out map[string]any) string {
	ws, _ := out["warnings"].([]any)
	var codes []string
	for _, w := range ws {
		m, _ := w.(map[string]any)
		c, _ := m["code"].(string)
		codes = append(codes, c)
	}
	return strings.Join(codes, " ")
}
