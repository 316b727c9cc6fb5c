package workbench

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"petitiond/cases"
	"petitiond/staff"
)

const (
	pageSize = 50
	maxPage  = 1_000_000
)

// listFilter is the case list's query string.
type listFilter struct {
	Status    string // "" (open cases), "all", or a status
	Channel   string
	Kind      string
	State     string // normal, warning, overdue
	Q         string
	Urgent    bool
	Escalated bool
	Unit      string // oversight only
	Page      int
}

func parseListFilter(c *fiber.Ctx, p staff.Principal) listFilter {
	f := listFilter{
		Status: c.Query("status"), Channel: c.Query("channel"), Kind: c.Query("kind"), State: c.Query("state"),
		Q: strings.TrimSpace(c.Query("q")), Urgent: c.Query("urgent") == "1", Escalated: c.Query("escalated") == "1",
	}
	if len([]rune(f.Q)) > 100 {
		f.Q = string([]rune(f.Q)[:100])
	}
	if p.AllUnits() {
		f.Unit = c.Query("unit")
	}
	f.Page = pageParam(c)
	return f
}

// pageParam reads ?page=. Atoi answers an out-of-range number with the
// largest int, whose offset would overflow into a negative one: pages are
// bounded far beyond any real list.
func pageParam(c *fiber.Ctx) int {
	page, _ := strconv.Atoi(c.Query("page"))
	return min(max(page, 1), maxPage)
}

// values encodes the filter for links (pagination, export).
func (f listFilter) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"status": f.Status, "channel": f.Channel, "kind": f.Kind, "state": f.State, "q": f.Q, "unit": f.Unit} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.Urgent {
		v.Set("urgent", "1")
	}
	if f.Escalated {
		v.Set("escalated", "1")
	}
	return v
}

// caseFilter turns the query into a search; unknown values are ignored
// rather than refused, as a stale bookmark should still open the list.
func (h *Handler) caseFilter(f listFilter, now time.Time) cases.CaseFilter {
	cf := cases.CaseFilter{Text: f.Q, Urgent: f.Urgent, Escalated: f.Escalated, Limit: pageSize, Offset: (f.Page - 1) * pageSize}
	switch {
	case f.Status == "all":
	case slices.Contains(cases.Statuses, cases.Status(f.Status)):
		cf.Statuses = []cases.Status{cases.Status(f.Status)}
	default:
		cf.Open = true
	}
	if slices.Contains(cases.Channels, cases.Channel(f.Channel)) {
		cf.Channel = cases.Channel(f.Channel)
	}
	if slices.Contains(cases.Kinds, cases.Kind(f.Kind)) {
		cf.Kind = cases.Kind(f.Kind)
	}
	if h.units.Has(f.Unit) {
		cf.Unit = f.Unit
	}
	horizon := h.svc.WarningHorizon(now).Add(time.Second)
	switch cases.DueState(f.State) {
	case cases.DueOverdue:
		cf.Open, cf.DueBefore = true, &now
	case cases.DueWarning:
		cf.Open, cf.DueFrom, cf.DueBefore = true, &now, &horizon
	case cases.DueNormal:
		cf.Open, cf.DueFrom, cf.NoDueOK = true, &horizon, true
	}
	return cf
}

type option struct {
	Value, Label string
	Selected     bool
}

type caseRow struct {
	staff.CaseView
	State cases.DueState
}

type casesBody struct {
	F                      listFilter
	Rows                   []caseRow
	Total, Page, Pages     int
	Prev, Next, CSV        string
	ShowUnit               bool
	Statuses, Channels     []option
	Kinds, States, UnitOpt []option
}

func (h *Handler) rows(list []staff.CaseView, now time.Time) []caseRow {
	horizon := h.svc.WarningHorizon(now)
	out := make([]caseRow, len(list))
	for i, v := range list {
		out[i] = caseRow{CaseView: v, State: cases.DueStateAt(&v.Case, now, horizon)}
	}
	return out
}

func (h *Handler) casesPage(c *fiber.Ctx, r *req) error {
	f := parseListFilter(c, r.p)
	now := h.now()
	list, total, err := h.cfg.Desk.Search(c.UserContext(), r.p, h.caseFilter(f, now))
	if err != nil {
		return err
	}
	b := casesBody{F: f, Rows: h.rows(list, now), Total: total, Page: f.Page, Pages: max(1, (total+pageSize-1)/pageSize), ShowUnit: r.p.AllUnits()}
	v := f.values()
	if f.Page > 1 {
		v.Set("page", strconv.Itoa(f.Page-1))
		b.Prev = UIPrefix + "/cases?" + v.Encode()
	}
	if f.Page < b.Pages {
		v.Set("page", strconv.Itoa(f.Page+1))
		b.Next = UIPrefix + "/cases?" + v.Encode()
	}
	v.Del("page")
	b.CSV = UIPrefix + "/cases.csv?" + v.Encode()

	b.Statuses = []option{{"", "办理中（未结）", f.Status == ""}, {"all", "全部", f.Status == "all"}}
	for _, s := range cases.Statuses {
		b.Statuses = append(b.Statuses, option{string(s), s.Label(), f.Status == string(s)})
	}
	b.Channels = []option{{"", "全部渠道", f.Channel == ""}}
	for _, ch := range cases.Channels {
		b.Channels = append(b.Channels, option{string(ch), ch.Label(), f.Channel == string(ch)})
	}
	b.Kinds = []option{{"", "全部类型", f.Kind == ""}}
	for _, k := range cases.Kinds {
		b.Kinds = append(b.Kinds, option{string(k), k.Label(), f.Kind == string(k)})
	}
	b.States = []option{{"", "全部期限状态", f.State == ""}}
	for _, s := range cases.DueStates {
		b.States = append(b.States, option{string(s), s.Label(), f.State == string(s)})
	}
	if b.ShowUnit {
		b.UnitOpt = h.unitOptions(f.Unit, "全部单位")
	}
	title := "待办事项"
	if r.p.AllUnits() {
		title = "全部案件"
	}
	return h.render(c, r, fiber.StatusOK, "cases.html", title, b)
}

func (h *Handler) unitOptions(selected, all string) []option {
	out := []option{{"", all, selected == ""}}
	for _, u := range h.units {
		out = append(out, option{u.Code, u.Name, selected == u.Code})
	}
	return out
}

// maxExport bounds one CSV download.
const maxExport = 10000

func (h *Handler) casesCSV(c *fiber.Ctx, r *req) error {
	f := parseListFilter(c, r.p)
	now := h.now()
	cf := h.caseFilter(f, now)
	cf.Limit, cf.Offset = maxExport, 0
	list, err := h.cfg.Desk.Export(c.UserContext(), r.p, cf, f.values().Encode(), h.clientIP(c))
	if err != nil {
		return err
	}
	header := []string{"受理编号", "类型", "状态", "渠道", "主管部门", "承办单位", "紧急", "保密", "期限状态", "下一期限", "提交时间", "反映人", "联系电话", "企业", "内容摘要"}
	var rows [][]string
	for _, row := range h.rows(list, now) {
		next := ""
		if row.NextDueAt != nil {
			next = row.NextDueAt.In(h.svc.Location()).Format("2006-01-02 15:04")
		}
		rows = append(rows, []string{row.TrackingNo, row.Kind.Label(), row.Status.Label(), row.Channel().Label(),
			h.units.Name(row.Department), h.units.Name(row.Unit), yesNo(row.Urgent), yesNo(row.Confidential), row.State.Label(), next,
			row.CreatedAt.In(h.svc.Location()).Format("2006-01-02 15:04"), row.Identity.Name, row.Identity.Phone, row.Company.Name,
			summary(row.Text, 100)})
	}
	return sendCSV(c, "cases", header, rows, now.In(h.svc.Location()))
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func summary(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
