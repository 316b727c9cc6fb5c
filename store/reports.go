package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"petitiond/cases"
	"petitiond/reports"
)

var _ reports.Store = (*Store)(nil)

func scopeAnd(sc cases.Scope, prefix string, args *[]any) string {
	conds := scopeConds(sc, prefix, args)
	if len(conds) == 0 {
		return ""
	}
	return " AND " + strings.Join(conds, " AND ")
}

// CaseCounts counts cases created in [from, to) by status, channel and unit.
func (s *Store) CaseCounts(ctx context.Context, sc cases.Scope, from, to time.Time) ([]reports.Count, error) {
	args := []any{from.UTC(), to.UTC()}
	rows, err := s.db.QueryContext(ctx, `SELECT status, channel, unit, COUNT(*) FROM cases
		WHERE created_at >= $1 AND created_at < $2`+scopeAnd(sc, "", &args)+` GROUP BY status, channel, unit`, args...)
	if err != nil {
		return nil, fmt.Errorf("case counts: %w", err)
	}
	defer rows.Close()
	var out []reports.Count
	for rows.Next() {
		var c reports.Count
		var status, channel string
		if err := rows.Scan(&status, &channel, &c.Unit, &c.N); err != nil {
			return nil, fmt.Errorf("case counts: %w", err)
		}
		c.Status, c.Channel = cases.Status(status), cases.Channel(channel)
		out = append(out, c)
	}
	return out, rows.Err()
}

// DeadlineRows returns the deadlines of open cases and of cases changed
// since since: every deadline met or missed since then is among them (a
// deadline is met by an action, which changes the case).
func (s *Store) DeadlineRows(ctx context.Context, sc cases.Scope, since time.Time) ([]reports.DeadlineRow, error) {
	args := []any{since.UTC()}
	open := "status NOT IN (" + placeholders(2, len(terminalStatuses)) + ")"
	args = append(args, terminalStatuses...)
	rows, err := s.db.QueryContext(ctx, `SELECT status, deadlines FROM cases WHERE (updated_at >= $1 OR `+open+`)`+scopeAnd(sc, "", &args), args...)
	if err != nil {
		return nil, fmt.Errorf("deadline rows: %w", err)
	}
	defer rows.Close()
	var out []reports.DeadlineRow
	for rows.Next() {
		var r reports.DeadlineRow
		var status, deadlines string
		if err := rows.Scan(&status, &deadlines); err != nil {
			return nil, fmt.Errorf("deadline rows: %w", err)
		}
		r.Status = cases.Status(status)
		if err := json.Unmarshal([]byte(deadlines), &r.Deadlines); err != nil {
			return nil, fmt.Errorf("deadline rows: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// EventRows returns timeline events of the given actions in [from, to).
func (s *Store) EventRows(ctx context.Context, sc cases.Scope, actions []string, from, to time.Time) ([]reports.EventRow, error) {
	if len(actions) == 0 {
		return nil, nil
	}
	args := []any{from.UTC(), to.UTC()}
	in := placeholders(3, len(actions))
	for _, a := range actions {
		args = append(args, a)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT t.at, t.action, t.data FROM timeline t JOIN cases c ON c.id = t.case_id
		WHERE t.at >= $1 AND t.at < $2 AND t.action IN (`+in+`)`+scopeAnd(sc, "c.", &args)+` ORDER BY t.at`, args...)
	if err != nil {
		return nil, fmt.Errorf("event rows: %w", err)
	}
	defer rows.Close()
	var out []reports.EventRow
	for rows.Next() {
		var e reports.EventRow
		var data sql.NullString
		if err := rows.Scan(&e.At, &e.Action, &data); err != nil {
			return nil, fmt.Errorf("event rows: %w", err)
		}
		e.At = utc(e.At)
		if data.Valid {
			e.Data = json.RawMessage(data.String)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// CreatedTimes returns the creation times of cases created in [from, to).
func (s *Store) CreatedTimes(ctx context.Context, sc cases.Scope, from, to time.Time) ([]time.Time, error) {
	args := []any{from.UTC(), to.UTC()}
	rows, err := s.db.QueryContext(ctx, `SELECT created_at FROM cases WHERE created_at >= $1 AND created_at < $2`+scopeAnd(sc, "", &args), args...)
	if err != nil {
		return nil, fmt.Errorf("created times: %w", err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var t time.Time
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("created times: %w", err)
		}
		out = append(out, utc(t))
	}
	return out, rows.Err()
}
