package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"petitiond/cases"
)

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const caseColumns = `id, tracking_no, kind, text, source, channel, department, unit, urgent, procedure, status,
	classification, openid, unionid, name_enc, phone_enc, id_number_enc, address_enc,
	company_name, credit_code, barrier_category, location, attachments, confidential, anonymous,
	created_at, updated_at, received_at, deadlines, next_due_at, extension, evaluation, version`

// Field names bound into the personal-data ciphertexts.
const (
	fieldName     = "case.name"
	fieldPhone    = "case.phone"
	fieldIDNumber = "case.id_number"
	fieldAddress  = "case.address"
)

type rowScanner interface{ Scan(dest ...any) error }

func (s *Store) scanCase(r rowScanner) (*cases.Case, error) {
	var (
		c                                        cases.Case
		channel, procedure, status, kind, source string
		classification, attachments, deadlines   string
		nameEnc, phoneEnc, idEnc, addrEnc        string
		location, extension, evaluation          sql.NullString
		nextDue                                  sql.NullTime
	)
	err := r.Scan(&c.ID, &c.TrackingNo, &kind, &c.Text, &source, &channel, &c.Department, &c.Unit, &c.Urgent, &procedure, &status,
		&classification, &c.Submitter.OpenID, &c.Submitter.UnionID, &nameEnc, &phoneEnc, &idEnc, &addrEnc,
		&c.Company.Name, &c.Company.CreditCode, &c.Company.BarrierCategory, &location, &attachments, &c.Confidential, &c.Anonymous,
		&c.CreatedAt, &c.UpdatedAt, &c.ReceivedAt, &deadlines, &nextDue, &extension, &evaluation, &c.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, cases.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	c.Kind, c.Source, c.Procedure, c.Status = cases.Kind(kind), cases.Source(source), cases.Procedure(procedure), cases.Status(status)
	c.CreatedAt, c.UpdatedAt, c.ReceivedAt = utc(c.CreatedAt), utc(c.UpdatedAt), utc(c.ReceivedAt)
	c.NextDueAt = timePtr(nextDue)
	if err := json.Unmarshal([]byte(classification), &c.Classification); err != nil {
		return nil, fmt.Errorf("case %s classification: %w", c.ID, err)
	}
	c.Classification.Channel = cases.Channel(channel)
	if err := json.Unmarshal([]byte(attachments), &c.Attachments); err != nil {
		return nil, fmt.Errorf("case %s attachments: %w", c.ID, err)
	}
	if err := json.Unmarshal([]byte(deadlines), &c.Deadlines); err != nil {
		return nil, fmt.Errorf("case %s deadlines: %w", c.ID, err)
	}
	for _, f := range []struct {
		src  sql.NullString
		dest any
	}{{location, &c.Location}, {extension, &c.Extension}, {evaluation, &c.Evaluation}} {
		if f.src.Valid && f.src.String != "" {
			if err := json.Unmarshal([]byte(f.src.String), f.dest); err != nil {
				return nil, fmt.Errorf("case %s: %w", c.ID, err)
			}
		}
	}
	for _, f := range []struct {
		field, enc string
		dest       *string
	}{{fieldName, nameEnc, &c.Submitter.Name}, {fieldPhone, phoneEnc, &c.Submitter.Phone}, {fieldIDNumber, idEnc, &c.Submitter.IDNumber}, {fieldAddress, addrEnc, &c.Submitter.Address}} {
		v, err := s.sealer.Open(f.field, f.enc)
		if err != nil {
			return nil, fmt.Errorf("case %s: open %s: %w", c.ID, f.field, err)
		}
		*f.dest = v
	}
	return &c, nil
}

// caseValues returns the column values of c in caseColumns order, with
// personal data sealed.
func (s *Store) caseValues(c *cases.Case) ([]any, error) {
	sealed := make([]string, 4)
	for i, f := range []struct{ field, v string }{
		{fieldName, c.Submitter.Name}, {fieldPhone, c.Submitter.Phone}, {fieldIDNumber, c.Submitter.IDNumber}, {fieldAddress, c.Submitter.Address},
	} {
		enc, err := s.sealer.Seal(f.field, f.v)
		if err != nil {
			return nil, err
		}
		sealed[i] = enc
	}
	classification, _ := json.Marshal(c.Classification)
	attachments, _ := json.Marshal(nonNil(c.Attachments))
	deadlines, _ := json.Marshal(nonNil(c.Deadlines))
	return []any{c.ID, c.TrackingNo, string(c.Kind), c.Text, string(c.Source), string(c.Channel()), c.Department, c.Unit, c.Urgent,
		string(c.Procedure), string(c.Status), string(classification), c.Submitter.OpenID, c.Submitter.UnionID,
		sealed[0], sealed[1], sealed[2], sealed[3],
		c.Company.Name, c.Company.CreditCode, c.Company.BarrierCategory, jsonOrNull(c.Location), string(attachments),
		c.Confidential, c.Anonymous, c.CreatedAt.UTC(), c.UpdatedAt.UTC(), c.ReceivedAt.UTC(), string(deadlines),
		nullTime(c.NextDueAt), jsonOrNull(c.Extension), jsonOrNull(c.Evaluation), c.Version}, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// jsonOrNull stores nil pointers as SQL NULL.
func jsonOrNull[T any](v *T) any {
	if v == nil {
		return nil
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (s *Store) insertCase(ctx context.Context, q querier, c *cases.Case) error {
	vals, err := s.caseValues(c)
	if err != nil {
		return err
	}
	vals = append(vals, s.sealer.Hash("phone", c.Submitter.Phone))
	_, err = q.ExecContext(ctx, `INSERT INTO cases (`+caseColumns+`, phone_hash) VALUES (`+placeholders(1, len(vals))+`)`, vals...)
	return err
}

func (s *Store) updateCase(ctx context.Context, q querier, c *cases.Case) error {
	vals, err := s.caseValues(c)
	if err != nil {
		return err
	}
	cols := strings.Split(caseColumns, ",")
	sets := make([]string, 0, len(cols))
	for i, col := range cols[1:] { // id is the key
		sets = append(sets, fmt.Sprintf("%s = $%d", strings.TrimSpace(col), i+2))
	}
	n := len(vals)
	vals = append(vals, s.sealer.Hash("phone", c.Submitter.Phone), c.Version-1)
	res, err := q.ExecContext(ctx, `UPDATE cases SET `+strings.Join(sets, ", ")+fmt.Sprintf(", phone_hash = $%d WHERE id = $1 AND version = $%d", n+1, n+2), vals...)
	if err != nil {
		return err
	}
	if k, _ := res.RowsAffected(); k != 1 {
		return cases.ErrConflict
	}
	return nil
}

// CaseByID returns a case.
func (s *Store) CaseByID(ctx context.Context, id string) (*cases.Case, error) {
	c, err := s.scanCase(s.db.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", id, err)
	}
	return c, nil
}

// CaseByTrackingNo returns a case by its tracking number.
func (s *Store) CaseByTrackingNo(ctx context.Context, no string) (*cases.Case, error) {
	c, err := s.scanCase(s.db.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE tracking_no = $1`, no))
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", no, err)
	}
	return c, nil
}

var terminalStatuses = func() []any {
	var out []any
	for _, st := range cases.Statuses {
		if st.Terminal() {
			out = append(out, string(st))
		}
	}
	return out
}()

// CasesBySubmitter lists a person's cases newest first, by any of their
// openids or their unionid, with a (created_at, id) cursor.
func (s *Store) CasesBySubmitter(ctx context.Context, q cases.SubmitterQuery) ([]*cases.Case, error) {
	var (
		where []string
		args  []any
	)
	var who []string
	if len(q.OpenIDs) > 0 {
		who = append(who, "openid IN ("+placeholders(len(args)+1, len(q.OpenIDs))+")")
		for _, o := range q.OpenIDs {
			args = append(args, o)
		}
	}
	if q.UnionID != "" {
		args = append(args, q.UnionID)
		who = append(who, fmt.Sprintf("(unionid <> '' AND unionid = $%d)", len(args)))
	}
	where = append(where, "("+strings.Join(who, " OR ")+")")
	if q.OpenOnly {
		where = append(where, "status NOT IN ("+placeholders(len(args)+1, len(terminalStatuses))+")")
		args = append(args, terminalStatuses...)
	}
	if !q.BeforeTime.IsZero() {
		args = append(args, q.BeforeTime.UTC(), q.BeforeID)
		where = append(where, fmt.Sprintf("(created_at < $%d OR (created_at = $%d AND id < $%d))", len(args)-1, len(args)-1, len(args)))
	}
	args = append(args, q.Limit)
	return s.queryCases(ctx, `SELECT `+caseColumns+` FROM cases WHERE `+strings.Join(where, " AND ")+
		fmt.Sprintf(` ORDER BY created_at DESC, id DESC LIMIT $%d`, len(args)), args...)
}

// CasesByUnit lists cases by next due date (cases without one last).
func (s *Store) CasesByUnit(ctx context.Context, q cases.UnitQuery) ([]*cases.Case, error) {
	var (
		where = []string{"1 = 1"}
		args  []any
	)
	if q.Unit != "" {
		args = append(args, q.Unit)
		where = append(where, fmt.Sprintf("unit = $%d", len(args)))
	}
	if len(q.Statuses) > 0 {
		where = append(where, "status IN ("+placeholders(len(args)+1, len(q.Statuses))+")")
		for _, st := range q.Statuses {
			args = append(args, string(st))
		}
	}
	args = append(args, q.Limit, q.Offset)
	return s.queryCases(ctx, `SELECT `+caseColumns+` FROM cases WHERE `+strings.Join(where, " AND ")+
		fmt.Sprintf(` ORDER BY (next_due_at IS NULL), next_due_at, created_at LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
}

func (s *Store) queryCases(ctx context.Context, query string, args ...any) ([]*cases.Case, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query cases: %w", err)
	}
	defer rows.Close()
	var out []*cases.Case
	for rows.Next() {
		c, err := s.scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
