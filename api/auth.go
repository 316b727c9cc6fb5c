package api

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"petitiond/cases"
	"petitiond/wechat"
)

// wechatCode reads {"code": "…"}, a code the mini-program got from WeChat,
// for an exchange with WeChat (which must be configured).
func (h *citizen) wechatCode(c *fiber.Ctx) (string, error) {
	var req struct {
		Code string `json:"code"`
	}
	if err := DecodeJSON(c, &req, false); err != nil {
		return "", err
	}
	code := strings.TrimSpace(req.Code)
	switch {
	case code == "":
		return "", FieldError("code", "缺少微信授权码")
	case len(code) > 256:
		return "", FieldError("code", "微信授权码格式有误")
	case h.WeChat == nil:
		return "", wechat.ErrNotConfigured
	}
	return code, nil
}

// login exchanges a wx.login code for our own session. WeChat's
// session_key never leaves the wechat package.
func (h *citizen) login(c *fiber.Ctx) error {
	code, err := h.wechatCode(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	ws, err := h.WeChat.Code2Session(ctx, code)
	if err != nil {
		return &wechatError{field: "code", err: err}
	}
	// The unionid links this openid to the person's Official Account openid,
	// so both channels list the same cases.
	if err := h.Identities.Link(ctx, ws.OpenID, ws.UnionID, cases.IdentityMP); err != nil {
		return err
	}
	token, expires, err := h.sessions.Create(ctx, Session{OpenID: ws.OpenID, UnionID: ws.UnionID, App: cases.IdentityMP})
	if err != nil {
		return err
	}
	id, err := h.Identities.Get(ctx, ws.OpenID)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{
		"token":       token,
		"token_type":  "Bearer",
		"expires_at":  expires.UTC().Format(time.RFC3339),
		"expires_in":  int(h.cfg.SessionTTL.Seconds()),
		"phone_bound": id.Phone != "",
	})
}

// phone stores the number the person allowed the mini-program to read, as
// their personal data (sealed at rest); it answers only a masked form.
func (h *citizen) phone(c *fiber.Ctx) error {
	code, err := h.wechatCode(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	p, err := h.WeChat.PhoneNumber(ctx, code)
	if err != nil {
		return &wechatError{field: "phone_code", err: err}
	}
	number := p.PureNumber
	if p.CountryCode != "" && p.CountryCode != "86" {
		return FieldError("code", "暂仅支持中国大陆手机号")
	}
	if !cases.ValidPhone(number) {
		return FieldError("code", "微信返回的手机号无法识别")
	}
	if err := h.Identities.SetPhone(ctx, session(c).OpenID, number); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"phone": MaskPhone(number)})
}

// logout revokes the caller's token.
func (h *citizen) logout(c *fiber.Ctx) error {
	_, token, _ := strings.Cut(c.Get(fiber.HeaderAuthorization), " ")
	if err := h.sessions.Revoke(c.UserContext(), strings.TrimSpace(token)); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// MaskPhone shows the first three and last four digits: 138****5678.
func MaskPhone(p string) string {
	if len(p) < 8 {
		return "****"
	}
	return p[:3] + strings.Repeat("*", len(p)-7) + p[len(p)-4:]
}
