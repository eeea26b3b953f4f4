package auth

import (
	"context"
	"slices"
	"strings"

	"ansinh"
)

// PartnerFeeds are the feed kinds a data partner's scope may list
// (formats.md, "Partners' feeds").
var PartnerFeeds = []string{"labor_force", "tax_wages", "business_registry", "iz_enterprises"}

// Account is an account to create.
type Account struct {
	Login     string
	Password  string
	Role      Role
	Scope     []string
	Name      string
	CreatedBy string // the actor, e.g. "cli:root" or "user:admin"
}

// CheckLogin validates a login: 3 to 64 characters among lower-case ASCII
// letters, digits and . _ - @.
func CheckLogin(login string) error {
	if len(login) < 3 || len(login) > 64 {
		return ansinh.Invalid("login", "Tên đăng nhập phải có từ 3 đến 64 ký tự.", "The login must have 3 to 64 characters.")
	}
	for _, c := range login {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.ContainsRune("._-@", c)) {
			return ansinh.Invalid("login", "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số và . _ - @.",
				"The login may only have lower-case letters, digits and . _ - @.")
		}
	}
	return nil
}

// CheckScope validates a role's scope against the registry on the day: a
// unit officer names one unit; an agent communes; an employer one
// registered tax code; a citizen one registered person; a partner feed
// kinds; an inspector tax codes; a province officer and leadership nothing
// (the whole province). It returns the scope normalised.
func CheckScope(ctx context.Context, reg Registry, today ansinh.Date, role Role, scope []string) ([]string, error) {
	switch role {
	case ProvinceOfficer, Leadership:
		if len(scope) > 0 {
			return nil, badScope("Vai trò này xem toàn tỉnh; không nhận phạm vi.", "This role sees the whole province; it takes no scope.")
		}
		return nil, nil
	case UnitOfficer, Agent:
		return scope, checkUnits(ctx, reg, today, role, scope)
	case Employer, Inspector:
		return checkEmployers(ctx, reg, role, scope)
	case Citizen:
		return checkCitizen(ctx, reg, scope)
	case Partner:
		return scope, checkFeeds(scope)
	}
	return nil, ansinh.Invalid("role", "Vai trò không hợp lệ.", "Unknown role.")
}

func badScope(vi, en string) error { return ansinh.Invalid("scope", vi, en) }

// checkUnits checks a unit officer's one unit or an agent's communes.
func checkUnits(ctx context.Context, reg Registry, today ansinh.Date, role Role, scope []string) error {
	if role == UnitOfficer {
		if len(scope) != 1 {
			return badScope("Cán bộ đơn vị cần đúng một mã đơn vị hành chính.", "A unit officer needs exactly one unit code.")
		}
		_, err := reg.UnitLevel(ctx, scope[0], today)
		if err != nil {
			return notFoundAs(err, badScope("Không có đơn vị hành chính mã "+scope[0]+".", "No administrative unit has code "+scope[0]+"."))
		}
		return nil
	}
	if len(scope) == 0 {
		return badScope("Đại lý thu cần ít nhất một mã xã.", "An agent needs at least one commune code.")
	}
	for _, c := range scope {
		level, err := reg.UnitLevel(ctx, c, today)
		if err != nil || level != "commune" {
			return notFoundAs(err, badScope("Mã "+c+" không phải là một xã.", c+" is not a commune."))
		}
	}
	return nil
}

// checkEmployers checks an employer's one tax code or an inspector's tax
// codes, and returns them normalised.
func checkEmployers(ctx context.Context, reg Registry, role Role, scope []string) ([]string, error) {
	if role == Employer && len(scope) != 1 {
		return nil, badScope("Tài khoản đơn vị cần đúng một mã số thuế.", "An employer account needs exactly one tax code.")
	}
	for i, t := range scope {
		code, reason := ansinh.CheckTaxCode(t)
		if reason != ansinh.IDValid {
			return nil, badScope("Mã số thuế "+t+" "+reason.MessageVI()+".", "Tax code "+t+" "+reason.MessageEN()+".")
		}
		ok, err := reg.EmployerExists(ctx, code)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, badScope("Mã số thuế "+code+" chưa có trong danh sách đơn vị.", "Tax code "+code+" is not a registered employer.")
		}
		scope[i] = code
	}
	return scope, nil
}

// checkCitizen checks a citizen's one personal ID and returns it
// normalised.
func checkCitizen(ctx context.Context, reg Registry, scope []string) ([]string, error) {
	if len(scope) != 1 {
		return nil, badScope("Tài khoản người tham gia cần đúng một số định danh cá nhân.", "A citizen account needs exactly one personal ID.")
	}
	id, reason := ansinh.CheckPersonID(scope[0], 0, "")
	if reason != ansinh.IDValid {
		return nil, badScope("Số định danh "+reason.MessageVI()+".", "The personal ID "+reason.MessageEN()+".")
	}
	ok, err := reg.PersonExists(ctx, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, badScope("Số định danh "+id+" chưa có trong danh sách cá nhân.", "Personal ID "+id+" is not in the registry.")
	}
	return []string{id}, nil
}

// checkFeeds checks a partner's feed kinds.
func checkFeeds(scope []string) error {
	if len(scope) == 0 {
		return badScope("Đối tác cần ít nhất một loại dữ liệu: "+strings.Join(PartnerFeeds, ", ")+".",
			"A partner needs at least one feed kind: "+strings.Join(PartnerFeeds, ", ")+".")
	}
	for _, k := range scope {
		if !slices.Contains(PartnerFeeds, k) {
			return badScope("Loại dữ liệu "+k+" không phải dữ liệu của đối tác.", k+" is not a partner feed.")
		}
	}
	return nil
}

// notFoundAs returns alt when err is a not-found error (or nil), err
// otherwise.
func notFoundAs(err, alt error) error {
	if err == nil || isNotFound(err) {
		return alt
	}
	return err
}

// CreateAccount validates an account (its scope against the registry) and
// stores it active, its password hashed at the cost (0: DefaultCost); it
// returns its id.
func CreateAccount(ctx context.Context, st Store, reg Registry, a Account, cost int) (int64, error) {
	if err := CheckLogin(a.Login); err != nil {
		return 0, err
	}
	if _, ok := ParseRole(string(a.Role)); !ok {
		return 0, ansinh.Invalid("role", "Vai trò không hợp lệ.", "Unknown role.")
	}
	scope, err := CheckScope(ctx, reg, ansinh.Today(st.Now()), a.Role, a.Scope)
	if err != nil {
		return 0, err
	}
	hash, err := HashPassword(a.Password, cost)
	if err != nil {
		return 0, err
	}
	return st.CreateUser(ctx, User{Login: a.Login, PasswordHash: hash, Role: string(a.Role),
		Scope: strings.Join(scope, ","), DisplayName: a.Name, Status: UserActive, CreatedBy: a.CreatedBy})
}
