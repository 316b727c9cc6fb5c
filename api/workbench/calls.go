package workbench

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"petitiond/cases"
	"petitiond/staff"
)

type callsBody struct {
	Rows            []staff.CallView
	Status, Kind    string
	Mine            bool
	Statuses, Kinds []option
	CSV             string
}

func callQuery(c *fiber.Ctx, p staff.Principal) (cases.CallTaskQuery, url.Values) {
	q := cases.CallTaskQuery{Status: c.Query("status", cases.CallOpen), Kind: c.Query("kind")}
	switch q.Status {
	case cases.CallOpen, cases.CallDone, cases.CallCancelled:
	case "all":
		q.Status = ""
	default:
		q.Status = cases.CallOpen
	}
	if q.Kind != cases.CallFollowUp && q.Kind != cases.CallCallback {
		q.Kind = ""
	}
	v := url.Values{}
	v.Set("status", c.Query("status", cases.CallOpen))
	if q.Kind != "" {
		v.Set("kind", q.Kind)
	}
	if c.Query("mine") == "1" {
		q.AssignedTo = p.Username
		v.Set("mine", "1")
	}
	return q, v
}

func callKindLabel(k string) string {
	switch k {
	case cases.CallFollowUp:
		return "办结回访"
	case cases.CallCallback:
		return "人工回电"
	}
	return k
}

func callStatusLabel(s string) string {
	switch s {
	case cases.CallOpen:
		return "待拨打"
	case cases.CallDone:
		return "已完成"
	case cases.CallCancelled:
		return "已取消"
	}
	return s
}

func (h *Handler) callsPage(c *fiber.Ctx, r *req) error {
	q, v := callQuery(c, r.p)
	q.Limit = 200
	list, err := h.cfg.Desk.Calls(c.UserContext(), r.p, q)
	if err != nil {
		return err
	}
	b := callsBody{Rows: list, Status: v.Get("status"), Kind: q.Kind, Mine: q.AssignedTo != "", CSV: UIPrefix + "/calls.csv?" + v.Encode()}
	for _, s := range []string{cases.CallOpen, cases.CallDone, cases.CallCancelled, "all"} {
		label := callStatusLabel(s)
		if s == "all" {
			label = "全部"
		}
		b.Statuses = append(b.Statuses, option{s, label, b.Status == s})
	}
	b.Kinds = []option{{"", "全部类型", q.Kind == ""}, {cases.CallFollowUp, callKindLabel(cases.CallFollowUp), q.Kind == cases.CallFollowUp},
		{cases.CallCallback, callKindLabel(cases.CallCallback), q.Kind == cases.CallCallback}}
	return h.render(c, r, fiber.StatusOK, "calls.html", "回访任务", b)
}

func (h *Handler) callsCSV(c *fiber.Ctx, r *req) error {
	q, v := callQuery(c, r.p)
	q.Limit = 500
	list, err := h.cfg.Desk.Calls(c.UserContext(), r.p, q)
	if err != nil {
		return err
	}
	if err := h.cfg.Audit.Record(c.UserContext(), r.p, staff.AuditExport, "", "", "call tasks; "+v.Encode(), h.clientIP(c)); err != nil {
		return err
	}
	loc := h.svc.Location()
	var rows [][]string
	for _, t := range list {
		rows = append(rows, []string{t.ID, callKindLabel(t.Kind), callStatusLabel(t.Status), t.DueAt.In(loc).Format("2006-01-02 15:04"),
			t.PhoneMasked, t.AssignedTo, strconv.Itoa(t.Attempts), t.Outcome, t.Reason})
	}
	return sendCSV(c, "calls", []string{"任务编号", "类型", "状态", "应拨打时间", "电话", "回访员", "拨打次数", "结果", "事由"}, rows, h.now().In(loc))
}

type callBody struct {
	T        staff.CallView
	Phone    string // revealed number, only in the reveal's response
	Outcomes []option
	Error    string
	Form     map[string]string
}

func (h *Handler) callBody(c *fiber.Ctx, r *req, id string) (*callBody, error) {
	t, err := h.cfg.Desk.Call(c.UserContext(), r.p, id)
	if err != nil {
		return nil, err
	}
	b := &callBody{T: t, Form: map[string]string{}}
	for _, o := range staff.CallOutcomes(t.Kind) {
		b.Outcomes = append(b.Outcomes, option{o, o, false})
	}
	return b, nil
}

func (h *Handler) callPage(c *fiber.Ctx, r *req) error {
	b, err := h.callBody(c, r, c.Params("id"))
	if err != nil {
		return err
	}
	return h.render(c, r, fiber.StatusOK, "call.html", "回访任务", b)
}

func (h *Handler) callReveal(c *fiber.Ctx, r *req) error {
	id := c.Params("id")
	phone, err := h.cfg.Desk.RevealCallPhone(c.UserContext(), r.p, id, h.clientIP(c))
	if err != nil {
		return err
	}
	b, err := h.callBody(c, r, id)
	if err != nil {
		return err
	}
	b.Phone = phone
	r.flash = &flash{Text: "已显示电话号码（本次查看已记入审计日志）"}
	return h.render(c, r, fiber.StatusOK, "call.html", "回访任务", b)
}

func (h *Handler) callOutcome(c *fiber.Ctx, r *req) error {
	id := c.Params("id")
	outcome := c.FormValue("outcome")
	t, err := h.cfg.Desk.RecordCall(c.UserContext(), r.p, id, outcome, c.FormValue("comment"))
	if err != nil {
		e := describe(err)
		if e.Status == fiber.StatusNotFound || e.Status >= 500 {
			return err
		}
		b, lerr := h.callBody(c, r, id)
		if lerr != nil {
			return lerr
		}
		b.Error = e.Message
		for _, k := range []string{"outcome", "comment"} {
			b.Form[k] = c.FormValue(k)
		}
		return h.render(c, r, e.Status, "call.html", "回访任务", b)
	}
	msg := "已记录：" + outcome
	if t.Status == cases.CallOpen {
		msg += "，下次拨打：" + t.DueAt.In(h.svc.Location()).Format("01-02 15:04")
	}
	return h.redirectWith(c, r, UIPrefix+"/calls", &flash{Text: msg})
}
