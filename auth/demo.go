package auth

import (
	"cmp"
	"context"
	"strings"
)

// DemoAccount is an account made for a demonstration, with its password in
// clear to print.
type DemoAccount struct {
	Login    string
	Password string
	Role     Role
	Scope    string
	Name     string
}

// DemoOptions tune CreateDemoAccounts.
type DemoOptions struct {
	// Password is every account's password; empty: a new random one per
	// account on every run.
	Password string
	// Cost is the bcrypt cost (0: DefaultCost).
	Cost int
}

// CreateDemoAccounts makes one account per role, scoped to records of the
// loaded data (the commune of an employer with workers, that employer, a
// citizen with an employment history...), and returns them with their
// passwords to print. It is idempotent: an account that exists keeps its
// login and gets the password returned (its sessions end), so running it
// again duplicates nothing and the printed passwords always work. Roles
// whose records the data lacks (an empty database) are left out.
func CreateDemoAccounts(ctx context.Context, st Store, reg Registry, opt DemoOptions) ([]DemoAccount, error) {
	subj, err := reg.DemoSubjects(ctx)
	if err != nil {
		return nil, err
	}
	wanted := []DemoAccount{
		{Login: "canbo.tinh", Role: ProvinceOfficer, Name: "Trần Thị Hương"},
		{Login: "lanhdao", Role: Leadership, Name: "Nguyễn Văn Hùng"},
		{Login: "doitac.thue", Role: Partner, Scope: strings.Join(PartnerFeeds, ","), Name: "Cục Thuế tỉnh"},
	}
	if subj.Commune != "" {
		wanted = append(wanted, DemoAccount{Login: "canbo.xa", Role: UnitOfficer, Scope: subj.Commune, Name: "Lê Văn Minh"})
	}
	if subj.TaxCode != "" {
		wanted = append(wanted,
			DemoAccount{Login: "donvi", Role: Employer, Scope: subj.TaxCode, Name: "Phạm Thị Lan"},
			DemoAccount{Login: "thanhtra", Role: Inspector, Scope: subj.TaxCode, Name: "Hoàng Văn Nam"})
	}
	if subj.PersonID != "" {
		wanted = append(wanted,
			DemoAccount{Login: "nguoidan", Role: Citizen, Scope: subj.PersonID, Name: subj.PersonName},
			DemoAccount{Login: "daily.thu", Role: Agent, Scope: cmp.Or(subj.AgentCommune, subj.PersonCommune), Name: "Đỗ Thị Mai"})
	}
	const actor = "demo"
	var out []DemoAccount
	for _, a := range wanted {
		a.Password = opt.Password
		if a.Password == "" {
			a.Password = GeneratePassword()
		}
		u, err := st.FindUserByLogin(ctx, a.Login)
		switch {
		case isNotFound(err):
			_, err = CreateAccount(ctx, st, reg, Account{Login: a.Login, Password: a.Password, Role: a.Role,
				Scope: SplitScope(a.Scope), Name: a.Name, CreatedBy: actor}, opt.Cost)
		case err == nil:
			var hash string
			if hash, err = HashPassword(a.Password, opt.Cost); err == nil {
				err = st.SetUserPassword(ctx, u.ID, hash, actor)
			}
			a.Role, a.Scope, a.Name = Role(u.Role), u.Scope, u.DisplayName
		}
		if err != nil {
			return out, err
		}
		out = append(out, a)
	}
	return out, nil
}
