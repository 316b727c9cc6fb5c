package workbench

import (
	"github.com/gofiber/fiber/v2"

	"petitiond/cases"
	"petitiond/staff"
)

// oversightSection is one list of the 督查室's console.
type oversightSection struct {
	Title, Empty, More string
	Rows               []caseRow
	Total              int
	// Form: which inline form each row offers: dispatch, extension, oversee.
	Form string
}

type oversightBody struct {
	Sections []oversightSection
	Units    []option
	Back     string
}

const sectionSize = 20

// oversightPage is the 督办 console: cases waiting for a unit, extension
// requests, overdue cases and cases already under supervision.
func (h *Handler) oversightPage(c *fiber.Ctx, r *req) error {
	ctx := c.UserContext()
	now := h.now()
	specs := []struct {
		title, empty, more, form string
		f                        cases.CaseFilter
	}{
		{"待分派（新提交或被退回）", "没有待分派的事项", "/cases?status=returned", "dispatch",
			cases.CaseFilter{Statuses: []cases.Status{cases.StatusReturned, cases.StatusSubmitted}}},
		{"延期申请", "没有待审批的延期申请", "/cases?status=extension_requested", "extension",
			cases.CaseFilter{Statuses: []cases.Status{cases.StatusExtensionRequested}}},
		{"逾期未办", "没有逾期事项", "/cases?state=overdue", "oversee",
			cases.CaseFilter{Open: true, DueBefore: &now}},
		{"已督办未结", "没有督办中的事项", "/cases?escalated=1", "",
			cases.CaseFilter{Open: true, Escalated: true}},
	}
	b := oversightBody{Units: h.unitOptions("", "选择承办单位"), Back: UIPrefix + "/oversight"}
	for _, s := range specs {
		s.f.Limit = sectionSize
		list, total, err := h.cfg.Desk.Search(ctx, r.p, s.f)
		if err != nil {
			return err
		}
		b.Sections = append(b.Sections, oversightSection{Title: s.title, Empty: s.empty, More: UIPrefix + s.more,
			Rows: h.rows(list, now), Total: total, Form: s.form})
	}
	return h.render(c, r, fiber.StatusOK, "oversight.html", "督办", b)
}

// respondentExcluded filters the dispatch choices of one case in the template:
// a reconsideration case is never offered to its respondent.
func respondentExcluded(v staff.CaseView, unit string) bool {
	return v.Channel() == cases.ChannelReconsideration && v.Department == unit
}
