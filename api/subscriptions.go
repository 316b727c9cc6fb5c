package api

import (
	"github.com/gofiber/fiber/v2"
)

type subscribeRequest struct {
	// TemplateIDs are the templates the person accepted.
	TemplateIDs []string `json:"template_ids"`
	// Results is wx.requestSubscribeMessage's answer as it comes
	// (template id → "accept", "reject", "ban", "filter"); only the
	// accepted ones count.
	Results map[string]string `json:"results"`
}

// subscribe records one-time subscribe-message consents: each accepted
// template allows exactly one message, which the jobs spend.
func (h *citizen) subscribe(c *fiber.Ctx) error {
	var req subscribeRequest
	if err := DecodeJSON(c, &req, false); err != nil {
		return err
	}
	ids := append([]string(nil), req.TemplateIDs...)
	for id, answer := range req.Results {
		if answer == "accept" {
			ids = append(ids, id)
		}
	}
	openid := session(c).OpenID
	if len(ids) > 0 || len(req.Results) == 0 {
		if err := h.Consents.Grant(c.UserContext(), openid, ids); err != nil {
			return err
		}
	}
	return h.subscriptions(c)
}

// subscriptions lists the consents not yet spent.
func (h *citizen) subscriptions(c *fiber.Ctx) error {
	left, err := h.Consents.Left(c.UserContext(), session(c).OpenID)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"remaining": left})
}
