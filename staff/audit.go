package staff

import (
	"context"
	"fmt"
	"strings"
	"time"

	"petitiond/cases"
)

// AuditEntry is one row of the append-only audit log: who did what, when,
// to which case and field. The database refuses to change or delete rows.
type AuditEntry struct {
	ID        int64
	At        time.Time
	Actor     string
	ActorRole Role
	ActorUnit string
	Action    string
	CaseID    string
	Field     string
	Detail    string
	IP        string
}

// Audited actions.
const (
	AuditReveal       = "reveal"        // personal data shown
	AuditExport       = "export"        // a list exported as CSV
	AuditLogin        = "login"         // signed in
	AuditLoginFailed  = "login_failed"  // wrong username or password
	AuditLocked       = "login_locked"  // too many failures: temporarily locked
	AuditLogout       = "logout"        // signed out
	AuditAccountAdd   = "account_add"   // account created
	AuditAccountEdit  = "account_edit"  // enabled, disabled, password reset
	AuditPasswordSelf = "password_self" // own password changed
	AuditTokenAdd     = "token_add"     // API token issued
	AuditTokenRevoke  = "token_revoke"  // API token revoked
)

// AuditActionLabel names an audited action in Chinese.
func AuditActionLabel(a string) string {
	switch a {
	case AuditReveal:
		return "查看个人信息"
	case AuditExport:
		return "导出"
	case AuditLogin:
		return "登录"
	case AuditLoginFailed:
		return "登录失败"
	case AuditLocked:
		return "登录锁定"
	case AuditLogout:
		return "退出"
	case AuditAccountAdd:
		return "新建账号"
	case AuditAccountEdit:
		return "修改账号"
	case AuditPasswordSelf:
		return "修改本人密码"
	case AuditTokenAdd:
		return "签发接口令牌"
	case AuditTokenRevoke:
		return "吊销接口令牌"
	}
	return a
}

// AuditActions lists the actions, for filters.
var AuditActions = []string{AuditReveal, AuditExport, AuditLogin, AuditLoginFailed, AuditLocked, AuditLogout,
	AuditAccountAdd, AuditAccountEdit, AuditPasswordSelf, AuditTokenAdd, AuditTokenRevoke}

// AuditQuery selects audit rows, newest first.
type AuditQuery struct {
	Actor  string
	Action string
	CaseID string
	From   time.Time
	Before time.Time
	Limit  int
	Offset int
}

// Audit writes and reads the audit log.
type Audit struct {
	store Store
	now   func() time.Time
}

// NewAudit returns the audit log over st.
func NewAudit(st Store, now func() time.Time) *Audit { return &Audit{store: st, now: now} }

// Record appends an entry on behalf of p. A failure to record is an error
// the caller must not ignore: an unaudited reveal must not happen.
func (a *Audit) Record(ctx context.Context, p Principal, action, caseID, field, detail, ip string) error {
	e := &AuditEntry{At: a.now().UTC(), Actor: auditText(p.Username), ActorRole: p.Role, ActorUnit: p.Unit,
		Action: action, CaseID: auditText(caseID), Field: auditText(field), Detail: auditText(detail), IP: ip}
	if err := a.store.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("audit %s by %s: %w", action, p.Username, err)
	}
	return nil
}

// auditText keeps what was attempted (a username typed at sign-in, a token
// name), odd bytes included: NUL and invalid UTF-8, which PostgreSQL
// refuses, become U+FFFD instead of failing the row and the action with it.
func auditText(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

// Log reads the audit log for a principal allowed to.
func (a *Audit) Log(ctx context.Context, p Principal, q AuditQuery) ([]AuditEntry, int, error) {
	if !p.Can(PermAudit) {
		return nil, 0, ErrForbidden
	}
	if q.Limit <= 0 || q.Limit > 10000 {
		q.Limit = 100
	}
	// The filters come from a query string: bytes PostgreSQL refuses even as
	// a parameter are the caller's mistake, not a failed query.
	for _, f := range [][2]string{{"actor", q.Actor}, {"action", q.Action}, {"case", q.CaseID}} {
		if !cases.Storable(f[1]) {
			return nil, 0, invalid(f[0], "筛选条件包含无法识别的字符")
		}
	}
	if q.Offset < 0 {
		return nil, 0, invalid("page", "页码无效")
	}
	return a.store.AuditLog(ctx, q)
}
