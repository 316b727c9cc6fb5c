package store

import (
	"context"
	"fmt"
	"strings"

	"petitiond/staff"
)

// AppendAudit adds one row to the audit log.
func (s *Store) AppendAudit(ctx context.Context, e *staff.AuditEntry) error {
	return s.db.QueryRowContext(ctx, `INSERT INTO audit_log (at, actor, actor_role, actor_unit, action, case_id, field, detail, ip)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		e.At.UTC(), e.Actor, string(e.ActorRole), e.ActorUnit, e.Action, e.CaseID, e.Field, e.Detail, e.IP).Scan(&e.ID)
}

// AuditLog returns one page of the audit log, newest first, and the total.
func (s *Store) AuditLog(ctx context.Context, q staff.AuditQuery) ([]staff.AuditEntry, int, error) {
	where := []string{"1 = 1"}
	var args []any
	for _, f := range []struct{ col, v string }{{"actor", q.Actor}, {"action", q.Action}, {"case_id", q.CaseID}} {
		if f.v != "" {
			args = append(args, f.v)
			where = append(where, fmt.Sprintf("%s = $%d", f.col, len(args)))
		}
	}
	if !q.From.IsZero() {
		args = append(args, q.From.UTC())
		where = append(where, fmt.Sprintf("at >= $%d", len(args)))
	}
	if !q.Before.IsZero() {
		args = append(args, q.Before.UTC())
		where = append(where, fmt.Sprintf("at < $%d", len(args)))
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("audit log count: %w", err)
	}
	args = append(args, q.Limit, q.Offset)
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, actor, actor_role, actor_unit, action, case_id, field, detail, ip FROM audit_log WHERE `+cond+
		fmt.Sprintf(` ORDER BY id DESC LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("audit log: %w", err)
	}
	defer rows.Close()
	var out []staff.AuditEntry
	for rows.Next() {
		var e staff.AuditEntry
		var role string
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &role, &e.ActorUnit, &e.Action, &e.CaseID, &e.Field, &e.Detail, &e.IP); err != nil {
			return nil, 0, fmt.Errorf("audit log: %w", err)
		}
		e.At, e.ActorRole = utc(e.At), staff.Role(role)
		out = append(out, e)
	}
	return out, total, rows.Err()
}
