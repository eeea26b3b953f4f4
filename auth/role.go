package auth

import (
	"slices"
	"strings"
)

// Role is what an account is for; it decides the routes the account
// reaches and how its scope is read.
type Role string

// The roles (product.md, "Who uses it").
const (
	ProvinceOfficer Role = "province_officer" // BHXH tỉnh: whole province
	UnitOfficer     Role = "unit_officer"     // commune/ward (or former district): scope = unit code
	Agent           Role = "agent"            // đại lý thu: scope = commune codes
	Employer        Role = "employer"         // đơn vị sử dụng lao động: scope = tax code
	Citizen         Role = "citizen"          // người tham gia: scope = personal ID
	Partner         Role = "partner"          // data partner: scope = feed kinds
	Inspector       Role = "inspector"        // thanh tra: scope = assigned tax codes
	Leadership      Role = "leadership"       // Tỉnh ủy, UBND: read-only, whole province
)

// Roles lists every role, in the order the console shows them.
var Roles = []Role{ProvinceOfficer, UnitOfficer, Agent, Employer, Citizen, Partner, Inspector, Leadership}

// ParseRole returns the role named s, and false when there is none.
func ParseRole(s string) (Role, bool) {
	r := Role(s)
	return r, slices.Contains(Roles, r)
}

// SplitScope splits a stored scope into its values ("a, b" → [a b]).
func SplitScope(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
