package store

import (
	"context"
	"database/sql"
	"fmt"

	"petitiond/cases"
)

func (s *Store) appendEvent(ctx context.Context, q querier, e *cases.Event) error {
	var data any
	if len(e.Data) > 0 {
		data = string(e.Data)
	}
	return q.QueryRowContext(ctx, `INSERT INTO timeline (case_id, at, actor_type, actor_id, actor_unit, action, from_status, to_status, note, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		e.CaseID, e.At.UTC(), string(e.Actor.Type), e.Actor.ID, e.Actor.Unit, e.Action, string(e.From), string(e.To), e.Note, data).Scan(&e.ID)
}

// Timeline returns a case's events in the order they happened.
func (s *Store) Timeline(ctx context.Context, caseID string) ([]cases.Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, case_id, at, actor_type, actor_id, actor_unit, action, from_status, to_status, note, data
		FROM timeline WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("timeline of %s: %w", caseID, err)
	}
	defer rows.Close()
	var out []cases.Event
	for rows.Next() {
		var (
			e         cases.Event
			actorType string
			from, to  string
			data      sql.NullString
		)
		if err := rows.Scan(&e.ID, &e.CaseID, &e.At, &actorType, &e.Actor.ID, &e.Actor.Unit, &e.Action, &from, &to, &e.Note, &data); err != nil {
			return nil, fmt.Errorf("timeline of %s: %w", caseID, err)
		}
		e.At = utc(e.At)
		e.Actor.Type, e.From, e.To = cases.ActorType(actorType), cases.Status(from), cases.Status(to)
		if data.Valid {
			e.Data = []byte(data.String)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
