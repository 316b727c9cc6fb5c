package workbench

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"petitiond/cases"
	"petitiond/staff"
)

type accountsBody struct {
	Accounts []*staff.Account
	Roles    []option
	Units    []option
	// Created is shown once after an account is added or a password reset.
	Created, Password string
	Error             string
	Form              map[string]string
}

func (h *Handler) accountsBody(c *fiber.Ctx, r *req) (*accountsBody, error) {
	list, err := h.cfg.Accounts.List(c.UserContext(), r.p)
	if err != nil {
		return nil, err
	}
	b := &accountsBody{Accounts: list, Units: h.unitOptions("", "（无）"), Form: map[string]string{}}
	for _, role := range staff.Roles {
		b.Roles = append(b.Roles, option{string(role), role.Label(), role == staff.RoleHandler})
	}
	return b, nil
}

func (h *Handler) accountsPage(c *fiber.Ctx, r *req) error {
	b, err := h.accountsBody(c, r)
	if err != nil {
		return err
	}
	return h.render(c, r, fiber.StatusOK, "accounts.html", "账号管理", b)
}

// addAccount creates an account with the typed or a generated password,
// which its owner must change at first sign-in; the password is shown once.
func (h *Handler) addAccount(c *fiber.Ctx, r *req) error {
	password := c.FormValue("password")
	if password == "" {
		password = staff.RandomPassword()
	}
	n := staff.NewAccount{Username: c.FormValue("username"), Name: c.FormValue("name"), Role: staff.Role(c.FormValue("role")),
		Unit: c.FormValue("unit"), Password: password, MustChange: true}
	a, err := h.cfg.Accounts.Add(c.UserContext(), r.p, n, h.clientIP(c))
	b, lerr := h.accountsBody(c, r)
	if lerr != nil {
		return lerr
	}
	if err != nil {
		e := describe(err)
		if e.Status >= 500 || e.Status == fiber.StatusForbidden {
			return err
		}
		b.Error = e.Message
		for _, k := range []string{"username", "name", "role", "unit"} {
			b.Form[k] = c.FormValue(k)
		}
		return h.render(c, r, e.Status, "accounts.html", "账号管理", b)
	}
	b.Created, b.Password = a.Username, password
	return h.render(c, r, fiber.StatusOK, "accounts.html", "账号管理", b)
}

func (h *Handler) setDisabled(disabled bool) uiFunc {
	return func(c *fiber.Ctx, r *req) error {
		username := c.Params("username")
		if err := h.cfg.Accounts.SetDisabled(c.UserContext(), r.p, username, disabled, h.clientIP(c)); err != nil {
			e := describe(err)
			if e.Status >= 500 || e.Status == fiber.StatusForbidden {
				return err
			}
			return h.redirectWith(c, r, UIPrefix+"/accounts", &flash{Error: true, Text: e.Message})
		}
		msg := "已启用 " + username
		if disabled {
			msg = "已停用 " + username + "（其会话即时失效）"
		}
		return h.redirectWith(c, r, UIPrefix+"/accounts", &flash{Text: msg})
	}
}

func (h *Handler) resetPassword(c *fiber.Ctx, r *req) error {
	username := staff.NormalizeUsername(c.Params("username"))
	password := staff.RandomPassword()
	if err := h.cfg.Accounts.ResetPassword(c.UserContext(), r.p, username, password, h.clientIP(c)); err != nil {
		return err
	}
	b, err := h.accountsBody(c, r)
	if err != nil {
		return err
	}
	b.Created, b.Password = username, password
	return h.render(c, r, fiber.StatusOK, "accounts.html", "账号管理", b)
}

type tokensBody struct {
	Tokens []*staff.Token
	Units  []option
	// Secret is shown once, right after it is issued.
	Secret, SecretName string
	Error              string
}

func (h *Handler) tokensBody(c *fiber.Ctx, r *req) (*tokensBody, error) {
	list, err := h.cfg.Accounts.Tokens(c.UserContext(), r.p)
	if err != nil {
		return nil, err
	}
	b := &tokensBody{Tokens: list}
	if r.p.Role == staff.RoleAdmin {
		b.Units = h.unitOptions("", "选择单位")[1:]
	} else {
		b.Units = []option{{r.p.Unit, h.units.Name(r.p.Unit), true}}
	}
	return b, nil
}

func (h *Handler) tokensPage(c *fiber.Ctx, r *req) error {
	b, err := h.tokensBody(c, r)
	if err != nil {
		return err
	}
	return h.render(c, r, fiber.StatusOK, "tokens.html", "接口令牌", b)
}

func (h *Handler) issueToken(c *fiber.Ctx, r *req) error {
	unit := c.FormValue("unit")
	if r.p.Role != staff.RoleAdmin {
		unit = r.p.Unit
	}
	t, secret, err := h.cfg.Accounts.IssueToken(c.UserContext(), r.p, unit, c.FormValue("name"), h.clientIP(c))
	b, lerr := h.tokensBody(c, r)
	if lerr != nil {
		return lerr
	}
	if err != nil {
		e := describe(err)
		if e.Status >= 500 || e.Status == fiber.StatusForbidden {
			return err
		}
		b.Error = e.Message
		return h.render(c, r, e.Status, "tokens.html", "接口令牌", b)
	}
	b.Secret, b.SecretName = secret, t.Name
	return h.render(c, r, fiber.StatusOK, "tokens.html", "接口令牌", b)
}

func (h *Handler) revokeToken(c *fiber.Ctx, r *req) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	if err := h.cfg.Accounts.RevokeToken(c.UserContext(), r.p, id, h.clientIP(c)); err != nil {
		return err
	}
	return h.redirectWith(c, r, UIPrefix+"/tokens", &flash{Text: "令牌已吊销"})
}

type auditBody struct {
	Rows                 []staff.AuditEntry
	Cases                map[string]string // case id → tracking number, for links
	Actor, Action, CaseQ string
	Actions              []option
	Total, Page, Pages   int
	Prev, Next, CSV      string
}

func (h *Handler) auditQuery(c *fiber.Ctx) (staff.AuditQuery, url.Values, error) {
	q := staff.AuditQuery{Actor: strings.TrimSpace(c.Query("actor")), Action: c.Query("action")}
	v := url.Values{}
	if q.Actor != "" {
		v.Set("actor", q.Actor)
	}
	if q.Action != "" {
		v.Set("action", q.Action)
	}
	if cq := strings.TrimSpace(c.Query("case")); cq != "" {
		v.Set("case", cq)
		q.CaseID = cq
		if cases.LooksLikeTrackingNo(cq) {
			cs, err := h.svc.GetByTrackingNo(c.UserContext(), cq)
			if err == nil {
				q.CaseID = cs.ID
			}
		}
	}
	return q, v, nil
}

func (h *Handler) auditPage(c *fiber.Ctx, r *req) error {
	q, v, err := h.auditQuery(c)
	if err != nil {
		return err
	}
	page := pageParam(c)
	q.Limit, q.Offset = pageSize, (page-1)*pageSize
	rows, total, err := h.cfg.Audit.Log(c.UserContext(), r.p, q)
	if err != nil {
		return err
	}
	b := auditBody{Rows: rows, Cases: map[string]string{}, Actor: q.Actor, Action: q.Action, CaseQ: v.Get("case"),
		Total: total, Page: page, Pages: max(1, (total+pageSize-1)/pageSize), CSV: UIPrefix + "/audit.csv?" + v.Encode()}
	for _, e := range rows {
		if e.CaseID != "" && b.Cases[e.CaseID] == "" {
			if cs, err := h.svc.Get(c.UserContext(), e.CaseID); err == nil {
				b.Cases[e.CaseID] = cs.TrackingNo
			}
		}
	}
	b.Actions = []option{{"", "全部操作", q.Action == ""}}
	for _, a := range staff.AuditActions {
		b.Actions = append(b.Actions, option{a, staff.AuditActionLabel(a), q.Action == a})
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page-1))
		b.Prev = UIPrefix + "/audit?" + v.Encode()
	}
	if page < b.Pages {
		v.Set("page", strconv.Itoa(page+1))
		b.Next = UIPrefix + "/audit?" + v.Encode()
	}
	return h.render(c, r, fiber.StatusOK, "audit.html", "审计日志", b)
}

func (h *Handler) auditCSV(c *fiber.Ctx, r *req) error {
	q, v, err := h.auditQuery(c)
	if err != nil {
		return err
	}
	q.Limit = maxExport
	rows, _, err := h.cfg.Audit.Log(c.UserContext(), r.p, q)
	if err != nil {
		return err
	}
	if err := h.cfg.Audit.Record(c.UserContext(), r.p, staff.AuditExport, "", "", "audit log; "+v.Encode(), h.clientIP(c)); err != nil {
		return err
	}
	loc := h.svc.Location()
	var out [][]string
	for _, e := range rows {
		out = append(out, []string{strconv.FormatInt(e.ID, 10), e.At.In(loc).Format("2006-01-02 15:04:05"), e.Actor, e.ActorRole.Label(),
			e.ActorUnit, staff.AuditActionLabel(e.Action), e.CaseID, staff.FieldLabel(e.Field), e.Detail, e.IP})
	}
	return sendCSV(c, "audit", []string{"序号", "时间", "操作人", "角色", "单位", "操作", "事项", "字段", "详情", "IP"}, out, h.now().In(loc))
}
