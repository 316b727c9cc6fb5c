package workbench

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"petitiond/api"
	"petitiond/cases"
	"petitiond/staff"
)

// The staff JSON API: a department's own system lists its unit's cases and
// acts on them with the unit's API token (Authorization: Bearer pdt_…).
// No cookies: a browser session does not open it, so it needs no CSRF token.

type apiFunc func(c *fiber.Ctx, p staff.Principal) error

func (h *Handler) api(perm staff.Permission, fn apiFunc) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderCacheControl, "no-store")
		secret, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
		if !ok {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="petitiond-staff"`)
			return api.NewError(fiber.StatusUnauthorized, "unauthorized", "缺少接口令牌")
		}
		p, err := h.cfg.Accounts.VerifyToken(c.UserContext(), strings.TrimSpace(secret))
		if err != nil {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="petitiond-staff", error="invalid_token"`)
			return err
		}
		if !p.Can(perm) {
			return api.ErrForbidden
		}
		return fn(c, p)
	}
}

// apiCase is a case as the staff API returns it: personal data masked, or
// "保密" on a confidential case.
type apiCase struct {
	ID             string               `json:"id"`
	TrackingNo     string               `json:"tracking_no"`
	Kind           cases.Kind           `json:"kind"`
	Status         cases.Status         `json:"status"`
	StatusLabel    string               `json:"status_label"`
	Channel        cases.Channel        `json:"channel"`
	Department     string               `json:"department"`
	Unit           string               `json:"unit"`
	Urgent         bool                 `json:"urgent"`
	Confidential   bool                 `json:"confidential"`
	Anonymous      bool                 `json:"anonymous"`
	Text           string               `json:"text"`
	Attachments    []cases.Attachment   `json:"attachments"`
	Company        *apiCompany          `json:"company,omitempty"`
	Location       *cases.Location      `json:"location,omitempty"`
	Submitter      apiIdentity          `json:"submitter"`
	Classification cases.Classification `json:"classification"`
	Deadlines      []cases.Deadline     `json:"deadlines"`
	NextDueAt      *time.Time           `json:"next_due_at,omitempty"`
	DueState       cases.DueState       `json:"due_state,omitempty"`
	Extension      *cases.Extension     `json:"extension,omitempty"`
	AllowedActions []string             `json:"allowed_actions"`
	CreatedAt      time.Time            `json:"created_at"`
	UpdatedAt      time.Time            `json:"updated_at"`
	ReceivedAt     time.Time            `json:"received_at"`
	Version        int                  `json:"version"`
}

type apiCompany struct {
	Name            string `json:"name"`
	CreditCode      string `json:"credit_code"`
	BarrierCategory string `json:"barrier_category,omitempty"`
}

type apiIdentity struct {
	Hidden   bool   `json:"hidden"`
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	IDNumber string `json:"id_number"`
	Address  string `json:"address"`
}

type apiEvent struct {
	At     time.Time    `json:"at"`
	Actor  cases.Actor  `json:"actor"`
	Action string       `json:"action"`
	From   cases.Status `json:"from,omitempty"`
	To     cases.Status `json:"to,omitempty"`
	Note   string       `json:"note,omitempty"`
}

func (h *Handler) apiCaseOf(p staff.Principal, v staff.CaseView, now, horizon time.Time) apiCase {
	out := apiCase{ID: v.ID, TrackingNo: v.TrackingNo, Kind: v.Kind, Status: v.Status, StatusLabel: v.Status.Label(),
		Channel: v.Channel(), Department: v.Department, Unit: v.Unit, Urgent: v.Urgent, Confidential: v.Confidential,
		Anonymous: v.Anonymous, Text: v.Text, Attachments: v.Attachments, Location: v.Location,
		Submitter:      apiIdentity{Hidden: v.Identity.Hidden, Name: v.Identity.Name, Phone: v.Identity.Phone, IDNumber: v.Identity.IDNumber, Address: v.Identity.Address},
		Classification: v.Classification, Deadlines: v.Deadlines, NextDueAt: v.NextDueAt, DueState: cases.DueStateAt(&v.Case, now, horizon),
		Extension: v.Extension, AllowedActions: []string{}, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt, ReceivedAt: v.ReceivedAt, Version: v.Version}
	if out.Attachments == nil {
		out.Attachments = []cases.Attachment{}
	}
	if out.Deadlines == nil {
		out.Deadlines = []cases.Deadline{}
	}
	if v.Company.Name != "" || v.Company.CreditCode != "" {
		out.Company = &apiCompany{v.Company.Name, v.Company.CreditCode, v.Company.BarrierCategory}
	}
	for _, a := range caseActions {
		if staff.ActionPermission(a.action) == staff.PermHandle && p.CanAct(&v.Case, a.action) {
			out.AllowedActions = append(out.AllowedActions, a.path)
		}
	}
	return out
}

// apiCases lists the unit's cases: the same filters as the inbox
// (status, channel, kind, state, q, urgent) with limit/offset paging.
func (h *Handler) apiCases(c *fiber.Ctx, p staff.Principal) error {
	f := parseListFilter(c, p)
	now := h.now()
	cf := h.caseFilter(f, now)
	limit, _ := strconv.Atoi(c.Query("limit", "50"))
	offset, _ := strconv.Atoi(c.Query("offset", "0"))
	if limit <= 0 || limit > 200 {
		return api.FieldError("limit", "limit 须在 1–200 之间")
	}
	if offset < 0 {
		return api.FieldError("offset", "offset 不能为负数")
	}
	cf.Limit, cf.Offset = limit, offset
	list, total, err := h.cfg.Desk.Search(c.UserContext(), p, cf)
	if err != nil {
		return err
	}
	horizon := h.svc.WarningHorizon(now)
	out := make([]apiCase, len(list))
	for i, v := range list {
		out[i] = h.apiCaseOf(p, v, now, horizon)
	}
	return c.JSON(fiber.Map{"cases": out, "total": total, "limit": limit, "offset": offset})
}

func (h *Handler) apiCase(c *fiber.Ctx, p staff.Principal) error {
	v, events, err := h.cfg.Desk.Case(c.UserContext(), p, c.Params("id"))
	if err != nil {
		return err
	}
	now := h.now()
	timeline := make([]apiEvent, len(events))
	for i, e := range events {
		timeline[i] = apiEvent{At: e.At, Actor: e.Actor, Action: e.Action, From: e.From, To: e.To, Note: e.Note}
	}
	return c.JSON(fiber.Map{"case": h.apiCaseOf(p, v, now, h.svc.WarningHorizon(now)), "timeline": timeline})
}

// actionBody is every action's JSON body; each action reads its fields.
type actionBody struct {
	Reason   string `json:"reason"`
	Text     string `json:"text"`
	Result   string `json:"result"`
	Days     int    `json:"days"`
	Deadline string `json:"deadline"`
}

func (h *Handler) apiAct(a cases.Action) apiFunc {
	return func(c *fiber.Ctx, p staff.Principal) error {
		var body actionBody
		if err := api.DecodeJSON(c, &body, true); err != nil {
			return err
		}
		r := staff.ActionRequest{Action: a, Deadline: body.Deadline, Days: body.Days}
		switch a {
		case cases.ActionReturn, cases.ActionRequestExtension:
			r.Note = body.Reason
		case cases.ActionReply:
			r.Note = body.Text
		case cases.ActionClose:
			r.Note = body.Result
		}
		cs, err := h.cfg.Desk.Act(c.UserContext(), p, c.Params("id"), r)
		if err != nil {
			return err
		}
		now := h.now()
		return c.JSON(fiber.Map{"case": h.apiCaseOf(p, staff.View(p, cs), now, h.svc.WarningHorizon(now))})
	}
}

func (h *Handler) apiReveal(c *fiber.Ctx, p staff.Principal) error {
	var body struct {
		Field string `json:"field"`
	}
	if err := api.DecodeJSON(c, &body, false); err != nil {
		return err
	}
	val, err := h.cfg.Desk.Reveal(c.UserContext(), p, c.Params("id"), body.Field, h.clientIP(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"field": body.Field, "value": val})
}
