package workbench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"petitiond/api"
	"petitiond/calendar"
	"petitiond/cases"
	"petitiond/staff"
	"petitiond/uploads"
)

// caseActions are the staff actions on a case, by the last path segment of
// their form (and API) route.
var caseActions = []struct {
	path   string
	action cases.Action
	done   string
}{
	{"accept", cases.ActionAccept, "已签收"},
	{"return", cases.ActionReturn, "已退回，等待督查室重新分派"},
	{"extension", cases.ActionRequestExtension, "延期申请已提交，等待督查室审批"},
	{"reply", cases.ActionReply, "答复已提交，将发送给反映人"},
	{"close", cases.ActionClose, "已办结"},
	{"dispatch", cases.ActionDispatch, "已分派"},
	{"extension/grant", cases.ActionGrantExtension, "已批准延期"},
	{"extension/refuse", cases.ActionRefuseExtension, "已驳回延期申请"},
	{"reopen", cases.ActionReopen, "已重新交办"},
}

type deadlineRow struct {
	cases.Deadline
	Name    string
	Overdue bool
}

type eventRow struct {
	cases.Event
	Detail string
}

type revealRow struct {
	Field, Label, Shown string
	Revealed, CanReveal bool
}

type caseBody struct {
	V staff.CaseView
	// Viewable marks the attachments that open in the page (uploaded photos).
	Viewable  map[int]bool
	State     cases.DueState
	Deadlines []deadlineRow
	Events    []eventRow
	Identity  []revealRow
	Guidance  *Guidance
	// Can maps an action's path to whether its form is shown.
	Can        map[string]bool
	CanOversee bool
	Extendable []option
	Units      []option
	// After a refused form: what was typed, and why it was refused.
	FormAction, FormError string
	Form                  map[string]string
}

func (h *Handler) caseBody(c *fiber.Ctx, r *req, id string, revealed map[string]string) (*caseBody, error) {
	v, events, err := h.cfg.Desk.Case(c.UserContext(), r.p, id)
	if err != nil {
		return nil, err
	}
	now := h.now()
	b := &caseBody{V: v, State: h.svc.DueStateOf(&v.Case, now), Can: map[string]bool{}, Form: map[string]string{}, Viewable: map[int]bool{}}
	for i, a := range v.Attachments {
		_, _, err := h.attachmentFile(&v.Case, a, false)
		b.Viewable[i] = err == nil
	}
	for _, d := range v.Deadlines {
		b.Deadlines = append(b.Deadlines, deadlineRow{d, h.deadlineName(&v.Case, d.Kind), d.Open() && d.DueAt.Before(now) && !v.Status.Terminal()})
		if d.Open() && d.MaxExtend-d.Extended > 0 {
			b.Extendable = append(b.Extendable, option{d.Kind, fmt.Sprintf("%s（还可延长%d日）", h.deadlineName(&v.Case, d.Kind), d.MaxExtend-d.Extended), false})
		}
	}
	for _, e := range events {
		b.Events = append(b.Events, eventRow{e, h.eventDetail(&v.Case, e)})
	}
	for _, f := range staff.Fields {
		row := revealRow{Field: f, Label: staff.FieldLabel(f), Shown: v.Identity.Get(f)}
		if val, ok := revealed[f]; ok {
			row.Shown, row.Revealed = val, true
		}
		row.CanReveal = v.CanReveal && row.Shown != "" && !row.Revealed
		b.Identity = append(b.Identity, row)
	}
	if h.cfg.Guidance != nil {
		b.Guidance = h.cfg.Guidance(v.Channel())
	}
	for _, a := range caseActions {
		b.Can[a.path] = r.p.CanAct(&v.Case, a.action)
	}
	b.Can["extension"] = b.Can["extension"] && len(b.Extendable) > 0
	b.CanOversee = r.p.Can(staff.PermOversee) && !v.Status.Terminal()
	if b.Can["dispatch"] {
		for _, u := range h.units {
			if v.Channel() == cases.ChannelReconsideration && u.Code == v.Department {
				continue // the respondent never handles the challenge to its own act
			}
			b.Units = append(b.Units, option{u.Code, u.Name, u.Code == v.Unit})
		}
	}
	return b, nil
}

// deadlineName names one of c's periods as its rule set does (受理告知, 办理答复…).
func (h *Handler) deadlineName(c *cases.Case, kind string) string {
	for _, p := range h.svc.Rules().Sets[cases.RuleSet(c.Kind, c.Channel(), c.Procedure)] {
		if p.Kind == kind && p.Name != "" {
			return p.Name
		}
	}
	return kind
}

// eventDetail says in words what an event's data records.
func (h *Handler) eventDetail(c *cases.Case, e cases.Event) string {
	var d struct {
		Unit     string        `json:"unit"`
		FromUnit string        `json:"from_unit"`
		Deadline string        `json:"deadline"`
		Days     int           `json:"days"`
		NewDue   calendar.Date `json:"new_due"`
		Rating   string        `json:"rating"`
		Via      string        `json:"via"`
	}
	if len(e.Data) == 0 || json.Unmarshal(e.Data, &d) != nil {
		return ""
	}
	switch e.Action {
	case string(cases.ActionDispatch):
		return "承办单位：" + h.units.Name(d.Unit)
	case string(cases.ActionReturn):
		return "退回单位：" + h.units.Name(d.FromUnit)
	case string(cases.ActionRequestExtension):
		return fmt.Sprintf("%s 申请延长 %d 日", h.deadlineName(c, d.Deadline), d.Days)
	case string(cases.ActionGrantExtension):
		return fmt.Sprintf("%s 延长 %d 日，新期限 %s", h.deadlineName(c, d.Deadline), d.Days, d.NewDue)
	case string(cases.ActionFollowUp), string(cases.ActionReopen):
		if d.Rating != "" {
			return "评价：" + d.Rating
		}
	}
	return ""
}

func (h *Handler) casePage(c *fiber.Ctx, r *req) error {
	b, err := h.caseBody(c, r, c.Params("id"), nil)
	if err != nil {
		return err
	}
	return h.render(c, r, fiber.StatusOK, "case.html", "事项 "+b.V.TrackingNo, b)
}

func caseURL(id string) string { return UIPrefix + "/cases/" + url.PathEscape(id) }

// act handles one action form. A refused form is shown again with what was
// typed; success goes back (to the case, or to the list the form was on).
func (h *Handler) act(a cases.Action) uiFunc {
	var path, done string
	for _, x := range caseActions {
		if x.action == a {
			path, done = x.path, x.done
		}
	}
	return func(c *fiber.Ctx, r *req) error {
		id := c.Params("id")
		back := localPath(c.FormValue("back"), caseURL(id))
		// "abc" is not zero days: it gets its own message. A number too
		// large keeps Atoi's clamped value, which the legal limit refuses.
		days, err := strconv.Atoi(strings.TrimSpace(c.FormValue("days")))
		if errors.Is(err, strconv.ErrSyntax) && c.FormValue("days") != "" {
			return h.refused(c, r, id, back, path, api.FieldError("days", "延期天数须为整数"))
		}
		ar := staff.ActionRequest{Action: a, Note: c.FormValue("note"), Deadline: c.FormValue("deadline"), Days: days, Unit: c.FormValue("unit")}
		_, err = h.cfg.Desk.Act(c.UserContext(), r.p, id, ar)
		if err != nil {
			return h.refused(c, r, id, back, path, err)
		}
		return h.redirectWith(c, r, back, &flash{Text: done})
	}
}

// refused shows a form's error: on the case page with the input kept, or as
// a message on the page the form came from.
func (h *Handler) refused(c *fiber.Ctx, r *req, id, back, path string, err error) error {
	e := describe(err)
	if e.Status == fiber.StatusNotFound || e.Status == fiber.StatusForbidden || e.Status >= 500 {
		return err
	}
	if back != caseURL(id) {
		return h.redirectWith(c, r, back, &flash{Error: true, Text: e.Message})
	}
	b, lerr := h.caseBody(c, r, id, nil)
	if lerr != nil {
		return lerr
	}
	b.FormAction, b.FormError = path, e.Message
	for _, k := range []string{"note", "days", "deadline", "unit"} {
		b.Form[k] = c.FormValue(k)
	}
	// Refused because the case moved on (someone else acted first), the
	// form is no longer on the page to carry the message: it heads the page.
	if shown := b.Can[path] || path == "oversee" && b.CanOversee; !shown {
		r.flash = &flash{Error: true, Text: e.Message}
	}
	return h.render(c, r, e.Status, "case.html", "事项 "+b.V.TrackingNo, b)
}

// reveal shows one personal-data field, after the audit record is written.
func (h *Handler) reveal(c *fiber.Ctx, r *req) error {
	id, field := c.Params("id"), c.FormValue("field")
	val, err := h.cfg.Desk.Reveal(c.UserContext(), r.p, id, field, h.clientIP(c))
	if err != nil {
		return err
	}
	b, err := h.caseBody(c, r, id, map[string]string{field: val})
	if err != nil {
		return err
	}
	r.flash = &flash{Text: "已显示" + staff.FieldLabel(field) + "（本次查看已记入审计日志）"}
	return h.render(c, r, fiber.StatusOK, "case.html", "事项 "+b.V.TrackingNo, b)
}

// oversee records a 督办 note.
func (h *Handler) oversee(c *fiber.Ctx, r *req) error {
	id := c.Params("id")
	_, err := h.cfg.Desk.Oversee(c.UserContext(), r.p, id, c.FormValue("note"))
	back := localPath(c.FormValue("back"), caseURL(id))
	if err != nil {
		return h.refused(c, r, id, back, "oversee", err)
	}
	return h.redirectWith(c, r, back, &flash{Text: "督办意见已记录"})
}

// Val is what was typed into a refused form's field, for the template.
func (b *caseBody) Val(action, key string) string {
	if b.FormAction != action {
		return ""
	}
	return b.Form[key]
}

// Err is a refused form's message, for the template.
func (b *caseBody) Err(action string) string {
	if b.FormAction != action {
		return ""
	}
	return b.FormError
}

// attachment serves an attachment of a case the principal may see: a
// photo uploaded in the mini-program, or the bot's copy of a WeChat image
// or voice message.
func (h *Handler) attachment(c *fiber.Ctx, r *req) error {
	n, err := strconv.Atoi(c.Params("n"))
	if err != nil {
		return fiber.ErrNotFound
	}
	cs, a, err := h.cfg.Desk.Attachment(c.UserContext(), r.p, c.Params("id"), n)
	if err != nil {
		return err
	}
	mimeType, data, err := h.attachmentFile(cs, a, true)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, mimeType)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set(fiber.HeaderContentDisposition, "inline")
	return c.Send(data)
}

// attachmentFile finds (and with read, reads) an attachment's bytes;
// fiber.ErrNotFound when there are none to show.
func (h *Handler) attachmentFile(cs *cases.Case, a cases.Attachment, read bool) (string, []byte, error) {
	if a.Origin == cases.OriginWeChat {
		if h.cfg.Media == nil {
			return "", nil, fiber.ErrNotFound
		}
		path, ok := h.cfg.Media(cs.ID, a.Ref)
		if !ok {
			return "", nil, fiber.ErrNotFound
		}
		kind := mime.TypeByExtension(filepath.Ext(path))
		if kind == "" {
			kind = "application/octet-stream"
		}
		if !read {
			return kind, nil, nil
		}
		data, err := os.ReadFile(path)
		return kind, data, err
	}
	if a.Kind != "image" || h.cfg.Uploads == nil {
		return "", nil, fiber.ErrNotFound
	}
	if !read {
		return "image/*", nil, nil
	}
	up, data, err := h.cfg.Uploads.Open(context.Background(), []string{cs.Submitter.OpenID}, a.Ref)
	if errors.Is(err, uploads.ErrNotFound) {
		return "", nil, fiber.ErrNotFound
	}
	if err != nil {
		return "", nil, err
	}
	return up.MIME, data, nil
}
