package staff

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"petitiond/cases"
)

// Accounts manages staff accounts and API tokens.
type Accounts struct {
	store Store
	audit *Audit
	units Units
	now   func() time.Time
	// dummy is checked against when the username is unknown, so a wrong
	// username takes as long as a wrong password.
	dummy string
}

// NewAccounts returns the account service.
func NewAccounts(st Store, audit *Audit, units Units, now func() time.Time) *Accounts {
	dummy, _ := HashPassword(RandomPassword())
	return &Accounts{store: st, audit: audit, units: units, now: now, dummy: dummy}
}

// Units returns the handling units accounts may belong to.
func (s *Accounts) Units() Units { return s.units }

// NewAccount is the input of Add.
type NewAccount struct {
	Username string
	Name     string
	Role     Role
	Unit     string
	Password string
	// MustChange makes the owner choose a new password at first sign-in.
	MustChange bool
}

// System is the principal of the operator's command line.
var System = Principal{Username: "petitiond-cli", Role: RoleAdmin}

// Add creates an account. Only admins may; the command line acts as System.
func (s *Accounts) Add(ctx context.Context, p Principal, n NewAccount, ip string) (*Account, error) {
	if !p.Can(PermAccounts) {
		return nil, ErrForbidden
	}
	n.Username = NormalizeUsername(n.Username)
	n.Name = strings.TrimSpace(n.Name)
	switch {
	case !usernamePattern.MatchString(n.Username):
		return nil, invalid("username", "用户名为2–32位小写字母、数字或 . _ -，以字母或数字开头")
	case utf8.RuneCountInString(n.Name) > 50:
		return nil, invalid("name", "姓名过长")
	case !cases.Storable(n.Name):
		return nil, invalid("name", "姓名包含无法识别的字符")
	}
	if _, err := ParseRole(string(n.Role)); err != nil {
		return nil, err
	}
	if n.Role.NeedsUnit() {
		if !s.units.Has(n.Unit) {
			return nil, invalid("unit", "请选择所属单位（"+string(n.Role)+" 必须属于一个单位）")
		}
	} else if n.Unit != "" && !s.units.Has(n.Unit) {
		return nil, invalid("unit", "未知单位")
	}
	if err := validatePassword(n.Password); err != nil {
		return nil, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	a := &Account{Username: n.Username, Name: n.Name, Role: n.Role, Unit: n.Unit, PasswordHash: hash,
		MustChangePassword: n.MustChange, CreatedAt: now, UpdatedAt: now}
	if err := s.store.InsertAccount(ctx, a); err != nil {
		if errors.Is(err, ErrAccountExists) {
			return nil, invalid("username", "该用户名已存在")
		}
		return nil, fmt.Errorf("add account %s: %w", a.Username, err)
	}
	if err := s.audit.Record(ctx, p, AuditAccountAdd, "", "", a.Username+" "+string(a.Role)+" "+a.Unit, ip); err != nil {
		return nil, err
	}
	return a, nil
}

// Authenticate checks a username and password. Every failure is
// ErrBadCredentials, whatever the cause, so the answer does not tell which
// usernames exist or which accounts are disabled.
func (s *Accounts) Authenticate(ctx context.Context, username, password string) (*Account, error) {
	username = NormalizeUsername(username)
	a, err := s.account(ctx, username)
	if errors.Is(err, ErrNoAccount) || (err == nil && a.Disabled) {
		_, _ = CheckPassword(s.dummy, password)
		return nil, ErrBadCredentials
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate: %w", err)
	}
	if len(password) > MaxPasswordBytes {
		return nil, ErrBadCredentials
	}
	ok, err := CheckPassword(a.PasswordHash, password)
	if err != nil {
		return nil, fmt.Errorf("authenticate %s: %w", username, err)
	}
	if !ok {
		return nil, ErrBadCredentials
	}
	return a, nil
}

// Get returns an account.
func (s *Accounts) Get(ctx context.Context, username string) (*Account, error) {
	return s.account(ctx, username)
}

// account loads an account by username. A name no account could have
// (usernamePattern) is not looked up: it does not exist, and bytes such as
// a NUL typed into the sign-in form would fail the query.
func (s *Accounts) account(ctx context.Context, username string) (*Account, error) {
	username = NormalizeUsername(username)
	if !usernamePattern.MatchString(username) {
		return nil, ErrNoAccount
	}
	return s.store.Account(ctx, username)
}

// List returns every account, for admins.
func (s *Accounts) List(ctx context.Context, p Principal) ([]*Account, error) {
	if !p.Can(PermAccounts) {
		return nil, ErrForbidden
	}
	return s.store.Accounts(ctx)
}

// ChangeOwnPassword replaces the principal's password after checking the
// current one.
func (s *Accounts) ChangeOwnPassword(ctx context.Context, p Principal, current, next, ip string) error {
	if _, err := s.Authenticate(ctx, p.Username, current); err != nil {
		return invalid("current", "当前密码不正确")
	}
	if current == next {
		return invalid("password", "新密码不能与当前密码相同")
	}
	if err := s.setPassword(ctx, p.Username, next, false); err != nil {
		return err
	}
	return s.audit.Record(ctx, p, AuditPasswordSelf, "", "", "", ip)
}

// ResetPassword sets a password chosen by an admin; the owner must change it.
func (s *Accounts) ResetPassword(ctx context.Context, p Principal, username, password, ip string) error {
	if !p.Can(PermAccounts) {
		return ErrForbidden
	}
	if err := s.setPassword(ctx, username, password, true); err != nil {
		return err
	}
	return s.audit.Record(ctx, p, AuditAccountEdit, "", "", NormalizeUsername(username)+" password reset", ip)
}

func (s *Accounts) setPassword(ctx context.Context, username, password string, mustChange bool) error {
	if err := validatePassword(password); err != nil {
		return err
	}
	a, err := s.account(ctx, username)
	if err != nil {
		return err
	}
	if a.PasswordHash, err = HashPassword(password); err != nil {
		return err
	}
	a.MustChangePassword, a.UpdatedAt = mustChange, s.now().UTC()
	return s.store.UpdateAccount(ctx, a)
}

// SetDisabled disables or re-enables an account. An admin cannot disable
// themself, so that the last admin is never locked out by a slip.
func (s *Accounts) SetDisabled(ctx context.Context, p Principal, username string, disabled bool, ip string) error {
	if !p.Can(PermAccounts) {
		return ErrForbidden
	}
	username = NormalizeUsername(username)
	if username == p.Username && disabled {
		return invalid("username", "不能停用自己的账号")
	}
	a, err := s.account(ctx, username)
	if err != nil {
		return err
	}
	a.Disabled, a.UpdatedAt = disabled, s.now().UTC()
	if err := s.store.UpdateAccount(ctx, a); err != nil {
		return err
	}
	what := "enabled"
	if disabled {
		what = "disabled"
	}
	return s.audit.Record(ctx, p, AuditAccountEdit, "", "", username+" "+what, ip)
}
