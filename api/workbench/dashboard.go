package workbench

import (
	"html/template"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"petitiond/cases"
	"petitiond/reports"
)

type dashboardBody struct {
	D                         *reports.Dashboard
	Days                      int
	DayOptions, UnitOpt       []option
	Unit                      string
	StatusChart, ChannelChart template.HTML
	UnitChart, DailyChart     template.HTML
	Overdue                   []caseRow
	OverdueTotal              int
	OverdueList, OverdueCSV   string
}

// dashboardPage: counts, rates and the last days for oversight (every unit,
// or one) and for a unit's dept_admin (their unit).
func (h *Handler) dashboardPage(c *fiber.Ctx, r *req) error {
	ctx := c.UserContext()
	days, _ := strconv.Atoi(c.Query("days", "30"))
	switch days {
	case 7, 30, 90, 365:
	default:
		days = 30
	}
	scope := r.p.Scope()
	unit := ""
	if r.p.AllUnits() && h.units.Has(c.Query("unit")) {
		unit = c.Query("unit")
		scope.Unit = unit
	}
	now := h.now()
	d, err := h.cfg.Reports.Dashboard(ctx, scope, now, days)
	if err != nil {
		return err
	}
	b := dashboardBody{D: d, Days: days, Unit: unit}
	for _, n := range []int{7, 30, 90, 365} {
		b.DayOptions = append(b.DayOptions, option{strconv.Itoa(n), "近" + strconv.Itoa(n) + "日", n == days})
	}
	if r.p.AllUnits() {
		b.UnitOpt = h.unitOptions(unit, "全部单位")
	}
	var bars []bar
	for _, kv := range d.ByStatus {
		bars = append(bars, bar{cases.Status(kv.Key).Label(), kv.N})
	}
	b.StatusChart = barChart("按状态", bars)
	bars = nil
	for _, kv := range d.ByChannel {
		bars = append(bars, bar{cases.Channel(kv.Key).Label(), kv.N})
	}
	b.ChannelChart = barChart("按渠道", bars)
	bars = nil
	for _, kv := range d.ByUnit {
		label := h.units.Name(kv.Key)
		if kv.Key == "" {
			label = "未分派"
		}
		bars = append(bars, bar{label, kv.N})
	}
	b.UnitChart = barChart("按承办单位", bars)
	b.DailyChart = lineChart(d.Days)

	f := cases.CaseFilter{Open: true, DueBefore: &now, Unit: unit, Limit: 20}
	list, total, err := h.cfg.Desk.Search(ctx, r.p, f)
	if err != nil {
		return err
	}
	b.Overdue, b.OverdueTotal = h.rows(list, now), total
	q := "state=overdue"
	if unit != "" {
		q += "&unit=" + unit
	}
	b.OverdueList, b.OverdueCSV = UIPrefix+"/cases?"+q, UIPrefix+"/cases.csv?"+q
	title := "统计"
	if !r.p.AllUnits() {
		title = "统计 · " + h.units.Name(r.p.Unit)
	}
	return h.render(c, r, fiber.StatusOK, "dashboard.html", title, b)
}
