package auth

import (
	"context"
	"slices"
	"strings"

	"ansinh"
	"ansinh/store"
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

// CheckScope validates a role's scope against the registry: a unit officer
// names one unit; an agent communes; an employer one registered tax code; a
// citizen one registered person; a partner feed kinds; an inspector tax
// codes; a province officer and leadership nothing (the whole province). It
// returns the scope normalised.
func CheckScope(ctx context.Context, db *store.DB, role Role, scope []string) ([]string, error) {
	bad := func(vi, en string) error { return ansinh.Invalid("scope", vi, en) }
	today := ansinh.Today(db.Now())
	switch role {
	case ProvinceOfficer, Leadership:
		if len(scope) > 0 {
			return nil, bad("Vai trò này xem toàn tỉnh; không nhận phạm vi.", "This role sees the whole province; it takes no scope.")
		}
		return nil, nil
	case UnitOfficer:
		if len(scope) != 1 {
			return nil, bad("Cán bộ đơn vị cần đúng một mã đơn vị hành chính.", "A unit officer needs exactly one unit code.")
		}
		if _, err := registryOf(db).FindUnit(ctx, scope[0], today); err != nil {
			return nil, notFoundAs(err, bad("Không có đơn vị hành chính mã "+scope[0]+".", "No administrative unit has code "+scope[0]+"."))
		}
	case Agent:
		if len(scope) == 0 {
			return nil, bad("Đại lý thu cần ít nhất một mã xã.", "An agent needs at least one commune code.")
		}
		for _, c := range scope {
			u, err := registryOf(db).FindUnit(ctx, c, today)
			if err != nil || u.Level != "commune" {
				return nil, notFoundAs(err, bad("Mã "+c+" không phải là một xã.", c+" is not a commune."))
			}
		}
	case Employer, Inspector:
		if role == Employer && len(scope) != 1 {
			return nil, bad("Tài khoản đơn vị cần đúng một mã số thuế.", "An employer account needs exactly one tax code.")
		}
		for i, t := range scope {
			code, reason := ansinh.CheckTaxCode(t)
			if reason != ansinh.IDValid {
				return nil, bad("Mã số thuế "+t+" "+reason.MessageVI()+".", "Tax code "+t+" "+reason.MessageEN()+".")
			}
			if _, err := registryOf(db).FindEmployer(ctx, code, ansinh.Scope{All: true}); err != nil {
				return nil, notFoundAs(err, bad("Mã số thuế "+code+" chưa có trong danh sách đơn vị.", "Tax code "+code+" is not a registered employer."))
			}
			scope[i] = code
		}
	case Citizen:
		if len(scope) != 1 {
			return nil, bad("Tài khoản người tham gia cần đúng một số định danh cá nhân.", "A citizen account needs exactly one personal ID.")
		}
		id, reason := ansinh.CheckPersonID(scope[0], 0, "")
		if reason != ansinh.IDValid {
			return nil, bad("Số định danh "+reason.MessageVI()+".", "The personal ID "+reason.MessageEN()+".")
		}
		if _, err := registryOf(db).FindPerson(ctx, id, ansinh.Scope{All: true}); err != nil {
			return nil, notFoundAs(err, bad("Số định danh "+id+" chưa có trong danh sách cá nhân.", "Personal ID "+id+" is not in the registry."))
		}
		scope[0] = id
	case Partner:
		if len(scope) == 0 {
			return nil, bad("Đối tác cần ít nhất một loại dữ liệu: "+strings.Join(PartnerFeeds, ", ")+".",
				"A partner needs at least one feed kind: "+strings.Join(PartnerFeeds, ", ")+".")
		}
		for _, k := range scope {
			if !slices.Contains(PartnerFeeds, k) {
				return nil, bad("Loại dữ liệu "+k+" không phải dữ liệu của đối tác.", k+" is not a partner feed.")
			}
		}
	default:
		return nil, ansinh.Invalid("role", "Vai trò không hợp lệ.", "Unknown role.")
	}
	return scope, nil
}

// notFoundAs returns alt when err is store.ErrNotFound (or nil), err
// otherwise.
func notFoundAs(err, alt error) error {
	if err == nil || ansinh.ErrorCode(err) == ansinh.ENOTFOUND {
		return alt
	}
	return err
}

// CreateAccount validates and stores an active account, its password hashed
// at the cost (0: DefaultCost), and returns its id.
func CreateAccount(ctx context.Context, db *store.DB, a Account, cost int) (int64, error) {
	if err := CheckLogin(a.Login); err != nil {
		return 0, err
	}
	if _, ok := ParseRole(string(a.Role)); !ok {
		return 0, ansinh.Invalid("role", "Vai trò không hợp lệ.", "Unknown role.")
	}
	scope, err := CheckScope(ctx, db, a.Role, a.Scope)
	if err != nil {
		return 0, err
	}
	hash, err := HashPassword(a.Password, cost)
	if err != nil {
		return 0, err
	}
	return db.CreateUser(ctx, store.User{Login: a.Login, PasswordHash: hash, Role: string(a.Role),
		Scope: strings.Join(scope, ","), DisplayName: a.Name, Status: store.UserActive, CreatedBy: a.CreatedBy})
}
