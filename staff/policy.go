package staff

import (
	"slices"

	"petitiond/cases"
)

// Principal is who is asking: a signed-in account or a unit's API token.
type Principal struct {
	Username string
	Name     string
	Role     Role
	Unit     string
	// Token is set for a department system calling the staff API.
	Token bool
}

// Actor is the principal as the case timeline records it.
func (p Principal) Actor() cases.Actor { return cases.Staff(p.Username, p.Unit) }

// Permission is one thing a role may do. Routes name the permission they
// need; the checks below are the only place that grants it.
type Permission string

// Permissions.
const (
	PermViewCases Permission = "cases.view"    // list and open cases within scope
	PermHandle    Permission = "cases.handle"  // 签收, 退回, 申请延期, 答复, 办结
	PermOversee   Permission = "cases.oversee" // reroute, decide extensions, 督办, reopen
	PermReveal    Permission = "cases.reveal"  // show personal data (audited)
	PermDashboard Permission = "dashboard"
	PermCalls     Permission = "calls"    // call tasks
	PermAccounts  Permission = "accounts" // staff accounts
	PermTokens    Permission = "tokens"   // per-unit API tokens
	PermAudit     Permission = "audit"    // read the audit log
	PermSelf      Permission = "self"     // own password, sign out
)

var grants = map[Role][]Permission{
	RoleHandler:   {PermViewCases, PermHandle, PermReveal, PermSelf},
	RoleDeptAdmin: {PermViewCases, PermHandle, PermReveal, PermDashboard, PermTokens, PermSelf},
	RoleOversight: {PermViewCases, PermOversee, PermReveal, PermDashboard, PermSelf},
	RoleCaller:    {PermCalls, PermSelf},
	RoleAdmin:     {PermViewCases, PermDashboard, PermAccounts, PermTokens, PermAudit, PermSelf},
}

// Can reports whether the principal's role grants perm.
func (p Principal) Can(perm Permission) bool { return slices.Contains(grants[p.Role], perm) }

// AllUnits reports whether the principal sees every unit's cases.
func (p Principal) AllUnits() bool { return p.Role == RoleOversight || p.Role == RoleAdmin }

// Scope is the part of every case query that the principal may see.
func (p Principal) Scope() cases.Scope {
	switch {
	case !p.Can(PermViewCases):
		return cases.Scope{Nothing: true}
	case p.AllUnits():
		return cases.Scope{}
	case p.Unit == "":
		return cases.Scope{Nothing: true}
	}
	return cases.Scope{Unit: p.Unit, NotRespondent: p.Unit}
}

// Visible reports whether the principal may see case c at all: the same
// rule as Scope, for one case.
func (p Principal) Visible(c *cases.Case) bool {
	s := p.Scope()
	switch {
	case s.Nothing:
		return false
	case s.Unit != "" && c.Unit != s.Unit:
		return false
	case s.NotRespondent != "" && c.Channel() == cases.ChannelReconsideration && c.Department == s.NotRespondent:
		return false
	}
	return true
}

// SeesIdentity reports whether the reporter's identity may be shown to the
// principal at all (masked, or revealed on request). A confidential case
// never shows it to the handling unit (信访工作条例 第三十条).
func (p Principal) SeesIdentity(c *cases.Case) bool {
	if !c.Confidential {
		return true
	}
	return p.Role == RoleOversight
}

// ActionPermission is the permission an action on a case needs.
func ActionPermission(a cases.Action) Permission {
	switch a {
	case cases.ActionAccept, cases.ActionReturn, cases.ActionRequestExtension, cases.ActionReply, cases.ActionClose:
		return PermHandle
	case cases.ActionDispatch, cases.ActionGrantExtension, cases.ActionRefuseExtension, cases.ActionReopen:
		return PermOversee
	}
	return "" // nothing else is a staff action here
}

// CanAct reports whether the principal may take action a on c now: the
// role's permission, the case's visibility, and the transition table.
func (p Principal) CanAct(c *cases.Case, a cases.Action) bool {
	perm := ActionPermission(a)
	if perm == "" || !p.Can(perm) || !p.Visible(c) {
		return false
	}
	_, err := cases.Next(c.Status, a)
	return err == nil
}
