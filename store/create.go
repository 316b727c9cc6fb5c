package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"petitiond/cases"
)

// CreateCase stores a new case with its first event, outbox rows and timers
// (cases.Store). On PostgreSQL it is ONE statement of data-modifying CTEs,
// atomic by itself: no BEGIN, no COMMIT, one round trip. Submission is the
// hot path, and on two cores the database's cost is dominated by statements
// and round trips, not by bytes (a seven-insert transaction ran at a sixth
// of the rate of a single insert). SQLite, in-process, takes the plain path.
func (s *Store) CreateCase(ctx context.Context, n cases.NewCase) (*cases.IdempotencyKey, error) {
	if s.dialect == postgres {
		return s.createCasePostgres(ctx, n)
	}
	var existing *cases.IdempotencyKey
	err := s.WithTx(ctx, func(tx cases.Tx) error {
		if n.Key != nil {
			prev, err := tx.ClaimIdempotencyKey(ctx, *n.Key)
			if err != nil || prev != nil {
				existing = prev
				return err
			}
		}
		if err := tx.InsertCase(ctx, n.Case); err != nil {
			return fmt.Errorf("insert case: %w", err)
		}
		ev := n.Event
		if err := tx.AppendEvent(ctx, &ev); err != nil {
			return fmt.Errorf("append event: %w", err)
		}
		if err := tx.AddOutbox(ctx, n.Outbox...); err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		ts := make([]*cases.Timer, len(n.Timers))
		for i := range n.Timers {
			ts[i] = &n.Timers[i]
		}
		return tx.InsertTimer(ctx, ts...)
	})
	return existing, err
}

// caseColumnTypes are the PostgreSQL types of caseColumns (+ phone_hash), in
// order: parameters inside INSERT … SELECT need explicit types.
var caseColumnTypes = []string{
	"text", "text", "text", "text", "text", "text", "text", "text", "boolean", "text", "text",
	"text", "text", "text", "text", "text", "text", "text",
	"text", "text", "text", "text", "text", "boolean", "boolean",
	"timestamptz", "timestamptz", "timestamptz", "text", "timestamptz", "text", "text", "integer",
	"text",
}

// createShape is what the statement's text depends on: its parameters'
// count and layout. The text is built once per shape and cached, so the
// driver's prepared-statement cache hits too.
type createShape struct {
	key            bool
	outbox, timers int
}

// pgParams renders typed parameters $n::type in order.
type pgParams struct{ n int }

func (p *pgParams) next(typ string) string {
	p.n++
	return "$" + strconv.Itoa(p.n) + "::" + typ
}

func createCaseSQL(sh createShape) string {
	var p pgParams
	var q strings.Builder
	guard := "" // the condition every insert waits on: the key was claimed
	q.WriteString("WITH ")
	if sh.key {
		fmt.Fprintf(&q, `k AS (INSERT INTO idempotency_keys (scope, key, fingerprint, case_id, created_at) VALUES (%s, %s, %s, %s, %s)
			ON CONFLICT (scope, key) DO NOTHING RETURNING 1), `,
			p.next("text"), p.next("text"), p.next("text"), p.next("text"), p.next("timestamptz"))
		guard = " WHERE EXISTS (SELECT 1 FROM k)"
	}
	cols := make([]string, len(caseColumnTypes))
	for i, typ := range caseColumnTypes {
		cols[i] = p.next(typ)
	}
	fmt.Fprintf(&q, "c AS (INSERT INTO cases (%s, phone_hash) SELECT %s%s RETURNING id)", caseColumns, strings.Join(cols, ", "), guard)
	ev := make([]string, 9)
	for i, typ := range []string{"timestamptz", "text", "text", "text", "text", "text", "text", "text", "text"} {
		ev[i] = p.next(typ)
	}
	fmt.Fprintf(&q, `, e AS (INSERT INTO timeline (case_id, at, actor_type, actor_id, actor_unit, action, from_status, to_status, note, data)
		SELECT c.id, %s FROM c)`, strings.Join(ev, ", "))
	if sh.outbox > 0 {
		rows := make([]string, sh.outbox)
		for i := range rows {
			rows[i] = "(" + strings.Join([]string{p.next("text"), p.next("text"), p.next("text"), p.next("text"),
				p.next("timestamptz"), p.next("text"), p.next("timestamptz")}, ", ") + ")"
		}
		fmt.Fprintf(&q, `, o AS (INSERT INTO outbox (topic, case_id, payload, queue, process_at, task_id, created_at)
			SELECT v.* FROM (VALUES %s) AS v(topic, case_id, payload, queue, process_at, task_id, created_at) WHERE EXISTS (SELECT 1 FROM c))`,
			strings.Join(rows, ", "))
	}
	if sh.timers > 0 {
		rows := make([]string, sh.timers)
		for i := range rows {
			rows[i] = "(" + p.next("text") + ", " + p.next("timestamptz") + ")"
		}
		fmt.Fprintf(&q, `, t AS (INSERT INTO timers (case_id, kind, due_at) SELECT c.id, v.kind, v.due_at FROM c, (VALUES %s) AS v(kind, due_at))`,
			strings.Join(rows, ", "))
	}
	q.WriteString(" SELECT COUNT(*) FROM c")
	return q.String()
}

func (s *Store) createCasePostgres(ctx context.Context, n cases.NewCase) (*cases.IdempotencyKey, error) {
	vals, err := s.caseValues(n.Case)
	if err != nil {
		return nil, err
	}
	vals = append(vals, s.sealer.Hash("phone", n.Case.Submitter.Phone))
	if len(vals) != len(caseColumnTypes) {
		return nil, fmt.Errorf("create case: %d values for %d column types", len(vals), len(caseColumnTypes))
	}
	sh := createShape{key: n.Key != nil, outbox: len(n.Outbox), timers: len(n.Timers)}
	args := make([]any, 0, 5+len(vals)+9+7*sh.outbox+2*sh.timers)
	if k := n.Key; k != nil {
		args = append(args, k.Scope, k.Key, k.Fingerprint, k.CaseID, k.CreatedAt.UTC())
	}
	args = append(args, vals...)
	e := n.Event
	var data any
	if len(e.Data) > 0 {
		data = string(e.Data)
	}
	args = append(args, e.At.UTC(), string(e.Actor.Type), e.Actor.ID, e.Actor.Unit, e.Action, string(e.From), string(e.To), e.Note, data)
	for _, m := range n.Outbox {
		var processAt any
		if !m.ProcessAt.IsZero() {
			processAt = m.ProcessAt.UTC()
		}
		args = append(args, m.Topic, m.CaseID, string(m.Payload), m.Queue, processAt, m.TaskID, m.CreatedAt.UTC())
	}
	for _, t := range n.Timers {
		args = append(args, t.Kind, t.DueAt.UTC())
	}
	q, ok := s.createSQL.Load(sh)
	if !ok {
		q, _ = s.createSQL.LoadOrStore(sh, createCaseSQL(sh))
	}
	var inserted int
	if err := s.db.QueryRowContext(ctx, q.(string), args...).Scan(&inserted); err != nil {
		return nil, fmt.Errorf("create case: %w", err)
	}
	if inserted == 1 {
		return nil, nil
	}
	// The key was taken: by a committed submission, since ON CONFLICT waited
	// for any concurrent one to finish.
	return readClaim(ctx, s.db, *n.Key)
}
