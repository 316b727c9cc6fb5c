package cases

import (
	"context"
	"time"
)

// Scope limits which cases a query may return. The staff policy sets it
// from who is asking; storage applies it to every row, so a list, a count
// and an export all see exactly the same cases.
type Scope struct {
	// Unit, when set, keeps only cases handled by this unit.
	Unit string
	// NotRespondent hides reconsideration cases whose respondent (subject
	// department) is this department: the respondent never sees the
	// challenge to its own act, even when it was misrouted there.
	NotRespondent string
	// Nothing matches no case at all (a role without access to cases).
	Nothing bool
}

// CaseFilter is a search over cases within a scope, for staff lists and
// exports.
type CaseFilter struct {
	Scope
	Statuses []Status
	// Open keeps only cases that still need work (non-terminal).
	Open    bool
	Channel Channel
	Kind    Kind
	// Unit narrows within the scope (oversight picking one unit).
	Unit   string
	Urgent bool
	// Text matches the tracking number exactly or the text as a substring.
	Text string
	// DueFrom and DueBefore bound next_due_at: [DueFrom, DueBefore).
	// NoDueOK also admits cases without a next due date.
	DueFrom, DueBefore *time.Time
	NoDueOK            bool
	// Escalated keeps cases with at least one 督办 (EventOversight) event.
	Escalated bool
	// CreatedFrom and CreatedBefore bound created_at when set.
	CreatedFrom, CreatedBefore time.Time
	// NewestFirst orders by creation instead of by next due date.
	NewestFirst bool
	Limit       int
	Offset      int
}

// Check refuses a filter no store can run: search text with NUL or invalid
// UTF-8 (PostgreSQL rejects them even as a query parameter) and a negative
// offset.
func (f CaseFilter) Check() error {
	if !Storable(f.Text) {
		return invalid("q", "搜索内容包含无法识别的字符")
	}
	if f.Offset < 0 {
		return invalid("offset", "offset 不能为负数")
	}
	return nil
}

// CaseSearcher is the storage of filtered case lists.
type CaseSearcher interface {
	// SearchCases returns one page of matching cases and the total count.
	SearchCases(ctx context.Context, f CaseFilter) ([]*Case, int, error)
}
