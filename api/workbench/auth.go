package workbench

import (
	"errors"
	"io/fs"
	"mime"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"petitiond/api"
	"petitiond/staff"
)

// Cookie names. The login cookie carries the sign-in form's CSRF token
// before there is a session.
const (
	sessionCookie = "wb_session"
	loginCookie   = "wb_login"
)

// req is a signed-in request.
type req struct {
	sid   string
	sess  *session
	acct  *staff.Account
	p     staff.Principal
	flash *flash
}

type uiFunc func(c *fiber.Ctx, r *req) error

// signedIn returns the request's live session and account, or nil.
func (h *Handler) signedIn(c *fiber.Ctx) (*req, error) {
	sid := c.Cookies(sessionCookie)
	if sid == "" {
		return nil, nil
	}
	ctx := c.UserContext()
	sess, err := h.sessions.load(ctx, sid)
	if err != nil || sess == nil {
		return nil, err
	}
	acct, err := h.cfg.Accounts.Get(ctx, sess.Username)
	if errors.Is(err, staff.ErrNoAccount) || (err == nil && acct.Disabled) {
		h.sessions.destroy(ctx, sid) // a disabled account is signed out at once
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r := &req{sid: sid, sess: sess, acct: acct, p: acct.Principal(), flash: sess.Flash}
	sess.Flash, sess.Seen = nil, h.now()
	return r, h.sessions.save(ctx, sid, sess)
}

// ui wraps a page or form handler: sign-in, the role's permission, the CSRF
// token of every POST, and errors shown as pages.
func (h *Handler) ui(perm staff.Permission, fn uiFunc) fiber.Handler {
	return func(c *fiber.Ctx) error {
		securityHeaders(c)
		r, err := h.signedIn(c)
		if err != nil {
			return h.errorPage(c, nil, err)
		}
		if r == nil {
			next := ""
			if c.Method() == fiber.MethodGet {
				next = "?next=" + url.QueryEscape(string(c.Request().URI().RequestURI()))
			}
			return c.Redirect(UIPrefix+"/login"+next, fiber.StatusSeeOther)
		}
		if r.acct.MustChangePassword && perm != staff.PermSelf {
			return c.Redirect(UIPrefix+"/password", fiber.StatusSeeOther)
		}
		if !r.p.Can(perm) {
			return h.errorPage(c, r, api.ErrForbidden)
		}
		if c.Method() == fiber.MethodPost && !sameToken(c.FormValue("_csrf"), r.sess.CSRF) {
			return h.errorPage(c, r, errStaleForm)
		}
		if err := fn(c, r); err != nil {
			return h.errorPage(c, r, err)
		}
		return nil
	}
}

var errStaleForm = api.NewError(fiber.StatusForbidden, "csrf", "页面已过期，请返回刷新后重试")

// setFlash stores a message for the next page and redirects there.
func (h *Handler) redirectWith(c *fiber.Ctx, r *req, to string, f *flash) error {
	r.sess.Flash = f
	if err := h.sessions.save(c.UserContext(), r.sid, r.sess); err != nil {
		return err
	}
	return c.Redirect(to, fiber.StatusSeeOther)
}

// localPath accepts only a path inside the workbench, so a crafted link
// cannot send a signed-in user elsewhere.
func localPath(s, fallback string) string {
	if s == UIPrefix || (strings.HasPrefix(s, UIPrefix+"/") && !strings.ContainsAny(s, "\\\r\n") && !strings.Contains(s, "//")) {
		return s
	}
	return fallback
}

func (h *Handler) setCookie(c *fiber.Ctx, name, value string, maxAge time.Duration) {
	ck := &fiber.Cookie{Name: name, Value: value, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: h.secure(c)}
	if maxAge > 0 {
		ck.MaxAge = int(maxAge.Seconds())
	}
	if value == "" {
		ck.Expires, ck.MaxAge = time.Unix(0, 0), -1
	}
	c.Cookie(ck)
}

type loginBody struct {
	Username, Next, CSRF, Error string
}

func (h *Handler) loginPage(c *fiber.Ctx) error {
	securityHeaders(c)
	if r, err := h.signedIn(c); err == nil && r != nil {
		return c.Redirect(UIPrefix, fiber.StatusSeeOther)
	}
	return h.showLogin(c, fiber.StatusOK, "", "")
}

func (h *Handler) showLogin(c *fiber.Ctx, status int, username, msg string) error {
	token := randomToken()
	h.setCookie(c, loginCookie, token, time.Hour)
	body := loginBody{Username: username, Next: localPath(c.Query("next", c.FormValue("next")), ""), CSRF: token, Error: msg}
	return h.render(c, nil, status, "login.html", "登录", body)
}

func (h *Handler) login(c *fiber.Ctx) error {
	securityHeaders(c)
	ctx := c.UserContext()
	username := staff.NormalizeUsername(c.FormValue("username"))
	if len(username) > 64 {
		username = username[:64]
	}
	if !sameToken(c.FormValue("_csrf"), c.Cookies(loginCookie)) {
		return h.showLogin(c, fiber.StatusForbidden, username, "页面已过期，请重新登录")
	}
	ip := h.clientIP(c)
	attempt := staff.Principal{Username: username}
	until, err := h.limiter.lockedUntil(ctx, username, ip)
	if err != nil {
		return h.errorPage(c, nil, err)
	}
	if !until.IsZero() {
		mins := int(until.Sub(h.now()).Minutes()) + 1
		return h.showLogin(c, fiber.StatusTooManyRequests, username, "登录失败次数过多，请"+strconv.Itoa(max(mins, 1))+"分钟后再试")
	}
	acct, err := h.cfg.Accounts.Authenticate(ctx, username, c.FormValue("password"))
	if errors.Is(err, staff.ErrBadCredentials) {
		locked, lerr := h.limiter.fail(ctx, username, ip)
		if lerr != nil {
			return h.errorPage(c, nil, lerr)
		}
		if err := h.cfg.Audit.Record(ctx, attempt, staff.AuditLoginFailed, "", "", "", ip); err != nil {
			return h.errorPage(c, nil, err)
		}
		if locked {
			if err := h.cfg.Audit.Record(ctx, attempt, staff.AuditLocked, "", "", "", ip); err != nil {
				return h.errorPage(c, nil, err)
			}
			return h.showLogin(c, fiber.StatusTooManyRequests, username, "登录失败次数过多，账号已临时锁定，请稍后再试")
		}
		return h.showLogin(c, fiber.StatusUnauthorized, username, "用户名或密码不正确")
	}
	if err != nil {
		return h.errorPage(c, nil, err)
	}
	h.limiter.succeed(ctx, username)
	// A fresh id at every sign-in: a session id planted before cannot be used after.
	if old := c.Cookies(sessionCookie); old != "" {
		h.sessions.destroy(ctx, old)
	}
	sid, _, err := h.sessions.create(ctx, acct.Username)
	if err != nil {
		return h.errorPage(c, nil, err)
	}
	if err := h.cfg.Audit.Record(ctx, acct.Principal(), staff.AuditLogin, "", "", "", ip); err != nil {
		return h.errorPage(c, nil, err)
	}
	h.setCookie(c, sessionCookie, sid, 0)
	h.setCookie(c, loginCookie, "", 0)
	to := localPath(c.FormValue("next"), UIPrefix)
	if acct.MustChangePassword {
		to = UIPrefix + "/password"
	}
	return c.Redirect(to, fiber.StatusSeeOther)
}

func (h *Handler) logout(c *fiber.Ctx, r *req) error {
	h.sessions.destroy(c.UserContext(), r.sid)
	h.setCookie(c, sessionCookie, "", 0)
	if err := h.cfg.Audit.Record(c.UserContext(), r.p, staff.AuditLogout, "", "", "", h.clientIP(c)); err != nil {
		return err
	}
	return c.Redirect(UIPrefix+"/login", fiber.StatusSeeOther)
}

// home sends each role to its main page.
func (h *Handler) home(c *fiber.Ctx, r *req) error {
	to := "/password"
	switch {
	case r.p.Role == staff.RoleOversight:
		to = "/oversight"
	case r.p.Can(staff.PermViewCases) && r.p.Role != staff.RoleAdmin:
		to = "/cases"
	case r.p.Can(staff.PermCalls):
		to = "/calls"
	case r.p.Can(staff.PermAccounts):
		to = "/accounts"
	}
	return c.Redirect(UIPrefix+to, fiber.StatusSeeOther)
}

type passwordBody struct {
	Must  bool
	Error string
	Field string
}

func (h *Handler) passwordPage(c *fiber.Ctx, r *req) error {
	return h.render(c, r, fiber.StatusOK, "password.html", "修改密码", passwordBody{Must: r.acct.MustChangePassword})
}

func (h *Handler) changePassword(c *fiber.Ctx, r *req) error {
	next := c.FormValue("password")
	if next != c.FormValue("confirm") {
		return h.render(c, r, fiber.StatusUnprocessableEntity, "password.html", "修改密码",
			passwordBody{Must: r.acct.MustChangePassword, Error: "两次输入的新密码不一致", Field: "confirm"})
	}
	err := h.cfg.Accounts.ChangeOwnPassword(c.UserContext(), r.p, c.FormValue("current"), next, h.clientIP(c))
	if err != nil {
		e := describe(err)
		if e.Status >= 500 {
			return err
		}
		return h.render(c, r, e.Status, "password.html", "修改密码", passwordBody{Must: r.acct.MustChangePassword, Error: e.Message, Field: e.Field})
	}
	return h.redirectWith(c, r, UIPrefix, &flash{Text: "密码已修改"})
}

// static serves the embedded stylesheet and icons.
func (h *Handler) static(c *fiber.Ctx) error {
	name := path.Base(c.Params("file"))
	b, err := fs.ReadFile(assets, "static/"+name)
	if err != nil {
		return h.errorPage(c, nil, fiber.ErrNotFound)
	}
	c.Set(fiber.HeaderContentType, mime.TypeByExtension(path.Ext(name)))
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	c.Set("X-Content-Type-Options", "nosniff")
	return c.Send(b)
}
