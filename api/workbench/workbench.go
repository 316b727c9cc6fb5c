// Package workbench is the staff's web interface — the department inbox and
// case pages, the oversight console, the call centre's tasks, the dashboard,
// account administration — and the staff JSON API under /api/v1/staff for
// the departments' own systems. Pages are server-rendered Go templates with
// embedded assets; every read and action goes through staff.Desk, so the
// pages and the API share one authorisation policy.
package workbench

import (
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/redis/go-redis/v9"

	"petitiond/api"
	"petitiond/cases"
	"petitiond/configs"
	"petitiond/reports"
	"petitiond/staff"
	"petitiond/uploads"
)

// Guidance is what the citizen was told about the case's channel.
type Guidance struct {
	Title       string
	Explanation string
	Items       []string // legal bases and time limits, one line each
}

// Config builds the workbench.
type Config struct {
	Accounts *staff.Accounts
	Desk     *staff.Desk
	Audit    *staff.Audit
	Reports  *reports.Reports
	Redis    redis.UniversalClient
	// Proxies knows the trusted reverse proxies (api.trusted_proxies): the
	// client address of the login limit and TLS behind a proxy.
	Proxies  *api.Limiter
	Settings configs.Workbench
	Logger   *slog.Logger
	// Guidance returns the guidance of a channel; nil when not configured.
	Guidance func(cases.Channel) *Guidance
	// Uploads holds the photos citizens attached in the mini-program, and
	// Media finds the copy of a WeChat attachment (an image or voice sent to
	// the Official Account) that the bot fetched; nil shows references only.
	Uploads *uploads.Service
	Media   func(caseID, ref string) (path string, ok bool)
}

// Handler serves the workbench pages and the staff API.
type Handler struct {
	cfg      Config
	svc      *cases.Service
	units    staff.Units
	sessions *sessions
	limiter  *loginLimiter
	pages    map[string]*template.Template
	log      *slog.Logger
}

// Paths of the two faces.
const (
	UIPrefix  = "/workbench"
	APIPrefix = "/api/v1/staff"
)

// New checks the configuration and parses the templates.
func New(cfg Config) (*Handler, error) {
	if cfg.Accounts == nil || cfg.Desk == nil || cfg.Audit == nil || cfg.Reports == nil || cfg.Redis == nil || cfg.Proxies == nil {
		return nil, errors.New("workbench: Accounts, Desk, Audit, Reports, Redis and Proxies are required")
	}
	if err := cfg.Settings.Validate(); err != nil {
		return nil, fmt.Errorf("workbench: %w", err)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	svc := cfg.Desk.Service()
	h := &Handler{cfg: cfg, svc: svc, units: cfg.Desk.Units(), log: cfg.Logger}
	h.sessions = &sessions{rdb: cfg.Redis, idle: cfg.Settings.SessionIdle, max: cfg.Settings.SessionMax, now: svc.Now}
	h.limiter = &loginLimiter{rdb: cfg.Redis, maxUser: cfg.Settings.LoginMaxFailures, maxIP: cfg.Settings.LoginMaxFailuresIP,
		window: cfg.Settings.LoginWindow, lockout: cfg.Settings.LoginLockout, now: svc.Now}
	var err error
	if h.pages, err = parsePages(h.funcs()); err != nil {
		return nil, err
	}
	return h, nil
}

// Route is one workbench or staff-API route and the permission it needs
// ("" for the public ones: sign-in, assets).
type Route struct {
	Method, Path string
	Perm         staff.Permission
}

// routes is the whole surface, in one table.
func (h *Handler) routes() []struct {
	Route
	h fiber.Handler
} {
	type r = struct {
		Route
		h fiber.Handler
	}
	ui := func(method, path string, perm staff.Permission, fn uiFunc) r {
		return r{Route{method, UIPrefix + path, perm}, h.ui(perm, fn)}
	}
	json := func(method, path string, perm staff.Permission, fn apiFunc) r {
		return r{Route{method, APIPrefix + path, perm}, h.api(perm, fn)}
	}
	pub := func(method, path string, fn fiber.Handler) r { return r{Route{method, UIPrefix + path, ""}, fn} }
	out := []r{
		pub("GET", "/static/:file", h.static),
		pub("GET", "/login", h.loginPage),
		pub("POST", "/login", h.login),
		ui("GET", "", staff.PermSelf, h.home),
		ui("POST", "/logout", staff.PermSelf, h.logout),
		ui("GET", "/password", staff.PermSelf, h.passwordPage),
		ui("POST", "/password", staff.PermSelf, h.changePassword),

		ui("GET", "/cases", staff.PermViewCases, h.casesPage),
		ui("GET", "/cases.csv", staff.PermViewCases, h.casesCSV),
		ui("GET", "/cases/:id", staff.PermViewCases, h.casePage),
		ui("GET", "/cases/:id/attachments/:n", staff.PermViewCases, h.attachment),
		ui("POST", "/cases/:id/reveal", staff.PermReveal, h.reveal),
		ui("POST", "/cases/:id/oversee", staff.PermOversee, h.oversee),
	}
	for _, a := range caseActions {
		out = append(out, ui("POST", "/cases/:id/"+a.path, staff.ActionPermission(a.action), h.act(a.action)))
	}
	out = append(out,
		ui("GET", "/oversight", staff.PermOversee, h.oversightPage),
		ui("GET", "/dashboard", staff.PermDashboard, h.dashboardPage),

		ui("GET", "/calls", staff.PermCalls, h.callsPage),
		ui("GET", "/calls.csv", staff.PermCalls, h.callsCSV),
		ui("GET", "/calls/:id", staff.PermCalls, h.callPage),
		ui("POST", "/calls/:id/reveal", staff.PermCalls, h.callReveal),
		ui("POST", "/calls/:id/outcome", staff.PermCalls, h.callOutcome),

		ui("GET", "/accounts", staff.PermAccounts, h.accountsPage),
		ui("POST", "/accounts", staff.PermAccounts, h.addAccount),
		ui("POST", "/accounts/:username/disable", staff.PermAccounts, h.setDisabled(true)),
		ui("POST", "/accounts/:username/enable", staff.PermAccounts, h.setDisabled(false)),
		ui("POST", "/accounts/:username/password", staff.PermAccounts, h.resetPassword),
		ui("GET", "/tokens", staff.PermTokens, h.tokensPage),
		ui("POST", "/tokens", staff.PermTokens, h.issueToken),
		ui("POST", "/tokens/:id/revoke", staff.PermTokens, h.revokeToken),
		ui("GET", "/audit", staff.PermAudit, h.auditPage),
		ui("GET", "/audit.csv", staff.PermAudit, h.auditCSV),

		json("GET", "/cases", staff.PermViewCases, h.apiCases),
		json("GET", "/cases/:id", staff.PermViewCases, h.apiCase),
		json("POST", "/cases/:id/reveal", staff.PermReveal, h.apiReveal),
	)
	for _, a := range caseActions {
		if staff.ActionPermission(a.action) == staff.PermHandle { // tokens act as a unit's handler
			out = append(out, json("POST", "/cases/:id/"+a.path, staff.PermHandle, h.apiAct(a.action)))
		}
	}
	return out
}

// Routes lists every route with its permission (for tests and the docs).
func (h *Handler) Routes() []Route {
	var out []Route
	for _, r := range h.routes() {
		out = append(out, r.Route)
	}
	return out
}

// Mount adds the workbench and the staff API to app.
func (h *Handler) Mount(app *fiber.App) {
	for _, r := range h.routes() {
		app.Add(r.Method, r.Path, r.h)
	}
	// Anything else under /workbench is a page that does not exist.
	app.All(UIPrefix+"/*", func(c *fiber.Ctx) error {
		return h.errorPage(c, nil, fiber.ErrNotFound)
	})
}

// clientIP is the address the login limit counts and the audit records.
func (h *Handler) clientIP(c *fiber.Ctx) string { return h.cfg.Proxies.ClientIP(c) }

// secure reports whether the request reached us over TLS, directly or via
// a trusted proxy: then the session cookie is Secure.
func (h *Handler) secure(c *fiber.Ctx) bool {
	return c.Context().IsTLS() || (h.cfg.Proxies.ViaTrustedProxy(c) && strings.EqualFold(c.Get(fiber.HeaderXForwardedProto), "https"))
}

// now is the service clock, so tests move sessions and deadlines together.
func (h *Handler) now() time.Time { return h.svc.Now() }

// describe turns an error into the status and message people see: the same
// mapping as the JSON API.
func describe(err error) *api.Error { return api.Describe(err) }
