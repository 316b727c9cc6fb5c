package workbench

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"petitiond/calendar"
	"petitiond/cases"
	"petitiond/reports"
	"petitiond/staff"
)

//go:embed templates/*.html static/*
var assets embed.FS

// parsePages parses every page template on top of the layout.
func parsePages(funcs template.FuncMap) (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("workbench templates: %w", err)
	}
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		name := path.Base(n)
		if name == "layout.html" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(assets, n)
		if err != nil {
			return nil, fmt.Errorf("workbench template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// navItem is one entry of the top navigation.
type navItem struct {
	Path, Label string
	Active      bool
}

// pageData is what every page template receives.
type pageData struct {
	Title string
	Me    *staff.Principal
	CSRF  string
	Flash *flash
	Nav   []navItem
	Body  any
}

func (h *Handler) nav(p staff.Principal, current string) []navItem {
	cases := "待办"
	if p.AllUnits() {
		cases = "案件"
	}
	items := []struct {
		path, label string
		perm        staff.Permission
	}{
		{"/cases", cases, staff.PermViewCases},
		{"/oversight", "督办", staff.PermOversee},
		{"/dashboard", "统计", staff.PermDashboard},
		{"/calls", "回访", staff.PermCalls},
		{"/accounts", "账号", staff.PermAccounts},
		{"/tokens", "接口令牌", staff.PermTokens},
		{"/audit", "审计日志", staff.PermAudit},
	}
	var out []navItem
	for _, it := range items {
		if p.Can(it.perm) {
			full := UIPrefix + it.path
			out = append(out, navItem{full, it.label, strings.HasPrefix(current, full)})
		}
	}
	return out
}

// render writes a page. Pages carry personal data: never cached.
func (h *Handler) render(c *fiber.Ctx, r *req, status int, page, title string, body any) error {
	t, ok := h.pages[page]
	if !ok {
		return fmt.Errorf("workbench: no template %s", page)
	}
	d := pageData{Title: title, Body: body}
	if r != nil {
		d.Me, d.CSRF, d.Flash, d.Nav = &r.p, r.sess.CSRF, r.flash, h.nav(r.p, c.Path())
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", d); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Status(status).Send(buf.Bytes())
}

// errorPage shows an error in words, with the status the JSON API would use.
func (h *Handler) errorPage(c *fiber.Ctx, r *req, err error) error {
	e := describe(err)
	if e.Status >= 500 {
		h.log.Error("workbench request failed", "method", c.Method(), "path", c.Route().Path, "err", err)
	}
	securityHeaders(c)
	return h.render(c, r, e.Status, "error.html", "出错了", e)
}

// securityHeaders: no framing, no sniffing, no referrer leaking case ids,
// scripts from nowhere (the pages have none), no caching of personal data.
func securityHeaders(c *fiber.Ctx) {
	c.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Referrer-Policy", "no-referrer")
	c.Set(fiber.HeaderCacheControl, "no-store")
}

func (h *Handler) funcs() template.FuncMap {
	loc := h.svc.Location()
	return template.FuncMap{
		"status":   func(s cases.Status) string { return s.Label() },
		"channel":  func(c cases.Channel) string { return c.Label() },
		"kind":     func(k cases.Kind) string { return k.Label() },
		"unit":     h.units.Name,
		"role":     func(r staff.Role) string { return r.Label() },
		"field":    staff.FieldLabel,
		"due":      func(d cases.DueState) string { return d.Label() },
		"action":   actionLabel,
		"audit":    staff.AuditActionLabel,
		"deadline": func(v staff.CaseView, kind string) string { return h.deadlineName(&v.Case, kind) },
		"time": func(v any) string {
			t, ok := v.(time.Time)
			if p, isPtr := v.(*time.Time); isPtr && p != nil {
				t, ok = *p, true
			}
			if !ok || t.IsZero() {
				return ""
			}
			return t.In(loc).Format("2006-01-02 15:04")
		},
		"date":       func(d calendar.Date) string { return d.String() },
		"rate":       func(r reports.Rate) string { return r.String() },
		"summary":    summary,
		"mul100":     func(f float64) float64 { return f * 100 },
		"callkind":   callKindLabel,
		"callstatus": callStatusLabel,
		"excluded":   respondentExcluded,
		"actor": func(a cases.Actor) string {
			switch a.Type {
			case cases.ActorCitizen:
				return "反映人"
			case cases.ActorSystem:
				return "系统"
			}
			if a.Unit != "" {
				return a.ID + "（" + h.units.Name(a.Unit) + "）"
			}
			return a.ID
		},
		"pct": func(v float64) string { return fmt.Sprintf("%.0f", v) },
	}
}

func actionLabel(a string) string {
	switch a {
	case string(cases.ActionSubmit):
		return "提交"
	case string(cases.ActionDispatch):
		return "交办"
	case string(cases.ActionAccept):
		return "签收"
	case string(cases.ActionReturn):
		return "退回"
	case string(cases.ActionRequestExtension):
		return "申请延期"
	case string(cases.ActionGrantExtension):
		return "批准延期"
	case string(cases.ActionRefuseExtension):
		return "不予延期"
	case string(cases.ActionReply):
		return "答复"
	case string(cases.ActionClose):
		return "办结"
	case string(cases.ActionFollowUp):
		return "回访评价"
	case string(cases.ActionWithdraw):
		return "撤回"
	case string(cases.ActionReject):
		return "不予受理"
	case string(cases.ActionTransfer):
		return "转司法渠道"
	case string(cases.ActionReopen):
		return "重新办理"
	case cases.EventSupplement:
		return "补充材料"
	case cases.EventOversight:
		return "督办"
	case cases.EventNotified:
		return "已通知反映人"
	case cases.EventNote:
		return "备注"
	}
	return a
}
