package store

import (
	"context"
	"fmt"
	"strings"

	"petitiond/cases"
)

var _ cases.CaseSearcher = (*Store)(nil)

// scopeConds returns the WHERE conditions of a scope; prefix qualifies the
// cases table's columns ("" or "c.").
func scopeConds(sc cases.Scope, prefix string, args *[]any) []string {
	if sc.Nothing {
		return []string{"1 = 0"}
	}
	var out []string
	if sc.Unit != "" {
		*args = append(*args, sc.Unit)
		out = append(out, fmt.Sprintf("%sunit = $%d", prefix, len(*args)))
	}
	if sc.NotRespondent != "" {
		*args = append(*args, string(cases.ChannelReconsideration), sc.NotRespondent)
		out = append(out, fmt.Sprintf("NOT (%schannel = $%d AND %sdepartment = $%d)", prefix, len(*args)-1, prefix, len(*args)))
	}
	return out
}

// likeEscaper makes user text match literally inside LIKE.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func filterConds(f cases.CaseFilter, args *[]any) []string {
	where := append([]string{"1 = 1"}, scopeConds(f.Scope, "", args)...)
	add := func(cond string, v any) {
		*args = append(*args, v)
		where = append(where, fmt.Sprintf(cond, len(*args)))
	}
	if len(f.Statuses) > 0 {
		where = append(where, "status IN ("+placeholders(len(*args)+1, len(f.Statuses))+")")
		for _, st := range f.Statuses {
			*args = append(*args, string(st))
		}
	}
	if f.Open {
		where = append(where, "status NOT IN ("+placeholders(len(*args)+1, len(terminalStatuses))+")")
		*args = append(*args, terminalStatuses...)
	}
	if f.Channel != "" {
		add("channel = $%d", string(f.Channel))
	}
	if f.Kind != "" {
		add("kind = $%d", string(f.Kind))
	}
	if f.Unit != "" {
		add("unit = $%d", f.Unit)
	}
	if f.Urgent {
		add("urgent = $%d", true)
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		*args = append(*args, strings.ToUpper(t), "%"+likeEscaper.Replace(t)+"%")
		n := len(*args)
		where = append(where, fmt.Sprintf(`(tracking_no = $%d OR text LIKE $%d ESCAPE '\' OR company_name LIKE $%d ESCAPE '\')`, n-1, n, n))
	}
	if f.DueFrom != nil || f.DueBefore != nil {
		var due []string
		if f.DueFrom != nil {
			*args = append(*args, f.DueFrom.UTC())
			due = append(due, fmt.Sprintf("next_due_at >= $%d", len(*args)))
		}
		if f.DueBefore != nil {
			*args = append(*args, f.DueBefore.UTC())
			due = append(due, fmt.Sprintf("next_due_at < $%d", len(*args)))
		}
		cond := "(next_due_at IS NOT NULL AND " + strings.Join(due, " AND ") + ")"
		if f.NoDueOK {
			cond = "(next_due_at IS NULL OR " + cond + ")"
		}
		where = append(where, cond)
	}
	if f.Escalated {
		add("EXISTS (SELECT 1 FROM timeline t WHERE t.case_id = cases.id AND t.action = $%d)", cases.EventOversight)
	}
	if !f.CreatedFrom.IsZero() {
		add("created_at >= $%d", f.CreatedFrom.UTC())
	}
	if !f.CreatedBefore.IsZero() {
		add("created_at < $%d", f.CreatedBefore.UTC())
	}
	return where
}

// SearchCases returns one page of the filtered cases and the total count.
func (s *Store) SearchCases(ctx context.Context, f cases.CaseFilter) ([]*cases.Case, int, error) {
	var args []any
	cond := strings.Join(filterConds(f, &args), " AND ")
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM cases WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("search cases: count: %w", err)
	}
	order := ` ORDER BY (next_due_at IS NULL), next_due_at, created_at, id`
	if f.NewestFirst {
		order = ` ORDER BY created_at DESC, id DESC`
	}
	args = append(args, f.Limit, f.Offset)
	list, err := s.queryCases(ctx, `SELECT `+caseColumns+` FROM cases WHERE `+cond+order+
		fmt.Sprintf(` LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("search cases: %w", err)
	}
	return list, total, nil
}
