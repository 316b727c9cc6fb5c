// Package staff is the workbench's domain: staff accounts and their roles,
// passwords, per-unit API tokens, the append-only audit log, and the one
// authorisation policy (who may see and do what to which case, and what
// personal data they see) that the web pages and the staff JSON API share.
package staff

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"petitiond/cases"
)

// Role is what a staff account may do.
type Role string

// Roles.
const (
	RoleHandler   Role = "handler"    // works the cases of one unit
	RoleDeptAdmin Role = "dept_admin" // a unit's handler who also manages its API tokens and sees its dashboard
	RoleOversight Role = "oversight"  // 督查室: watches every unit, reroutes, decides extensions, reopens
	RoleCaller    Role = "caller"     // call centre: follow-up and callback calls
	RoleAdmin     Role = "admin"      // accounts, tokens, the audit log
)

// Roles lists every role in display order.
var Roles = []Role{RoleHandler, RoleDeptAdmin, RoleOversight, RoleCaller, RoleAdmin}

// Label is the role in Chinese.
func (r Role) Label() string {
	switch r {
	case RoleHandler:
		return "承办人员"
	case RoleDeptAdmin:
		return "单位管理员"
	case RoleOversight:
		return "督查室"
	case RoleCaller:
		return "回访员"
	case RoleAdmin:
		return "系统管理员"
	}
	return string(r)
}

// NeedsUnit reports whether accounts of this role belong to one unit.
func (r Role) NeedsUnit() bool { return r == RoleHandler || r == RoleDeptAdmin }

// ParseRole checks a role name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", invalid("role", fmt.Sprintf("未知角色 %q（可选：handler、dept_admin、oversight、caller、admin）", s))
}

// Account is one member of staff.
type Account struct {
	Username string
	Name     string // display name
	Role     Role
	// Unit is the handling unit of a handler or dept_admin; empty otherwise.
	Unit         string
	PasswordHash string
	// MustChangePassword is set for a password somebody else chose.
	MustChangePassword bool
	Disabled           bool
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Principal returns who the account acts as.
func (a *Account) Principal() Principal {
	return Principal{Username: a.Username, Name: a.Name, Role: a.Role, Unit: a.Unit}
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,31}$`)

// NormalizeUsername lower-cases and trims a username.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Password rules: long enough to resist guessing; no composition rules.
const (
	MinPasswordRunes = 10
	MaxPasswordBytes = 128
)

func validatePassword(p string) error {
	switch {
	case len([]rune(p)) < MinPasswordRunes:
		return invalid("password", fmt.Sprintf("密码至少 %d 位", MinPasswordRunes))
	case len(p) > MaxPasswordBytes:
		return invalid("password", "密码过长")
	}
	return nil
}

// Errors.
var (
	ErrBadCredentials = errors.New("wrong username or password")
	ErrAccountExists  = errors.New("account already exists")
	ErrNoAccount      = errors.New("no such account")
	// ErrForbidden: the role may not do this. A case outside the principal's
	// scope is cases.ErrNotFound instead, so its existence is not revealed.
	ErrForbidden = errors.New("not permitted for this role")
	ErrNoToken   = errors.New("unknown or revoked API token")
	// ErrTokenNotFound: no token has the id an admin named (ErrNoToken is
	// a presented secret that does not authenticate).
	ErrTokenNotFound = errors.New("no API token with this id")
)

// invalid reuses the domain's validation error, so every transport already
// knows how to show it.
func invalid(field, msg string) error { return &cases.ValidationError{Field: field, Message: msg} }
