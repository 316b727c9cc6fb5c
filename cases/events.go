package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// ValidRating reports whether r is one of the three follow-up answers.
func ValidRating(r string) bool {
	return r == RatingSatisfied || r == RatingBasicSatisfied || r == RatingUnsatisfied
}

// AddSupplement adds text or attachments to an open case (补充材料).
func (s *Service) AddSupplement(ctx context.Context, id string, actor Actor, text string, attachments []Attachment) (*Case, error) {
	text = strings.TrimSpace(text)
	if text == "" && len(attachments) == 0 {
		return nil, invalid("text", "请填写补充内容或上传附件")
	}
	if len([]rune(text)) > MaxNoteRunes {
		return nil, invalid("text", "内容过长")
	}
	if err := checkStorable("text", text); err != nil {
		return nil, err
	}
	return s.record(ctx, id, actor, EventSupplement, text, map[string]any{"attachments": attachments}, func(c *Case) ([]OutboxMessage, error) {
		if c.Status.Terminal() {
			return nil, fmt.Errorf("%w: supplement to a %s case", ErrInvalidTransition, c.Status)
		}
		if err := validateAttachments(attachments, c.Attachments); err != nil {
			return nil, err
		}
		c.Attachments = append(c.Attachments, attachments...)
		return mediaFetches(c.ID, attachments, s.now()), nil
	})
}

// RecordEvent appends a non-transition event (督办, a note, a notification)
// to the case's timeline.
func (s *Service) RecordEvent(ctx context.Context, id string, actor Actor, kind, note string, data any) (*Case, error) {
	return s.record(ctx, id, actor, kind, note, data, nil)
}

// record appends an event that does not change the status, optionally
// changing the case and adding outbox rows, in one transaction.
func (s *Service) record(ctx context.Context, id string, actor Actor, kind, note string, data any, mutate func(c *Case) ([]OutboxMessage, error)) (*Case, error) {
	if err := checkStorable("note", note); err != nil {
		return nil, err
	}
	var out *Case
	var queued bool
	err := s.store.WithTx(ctx, func(tx Tx) error {
		c, err := tx.CaseForUpdate(ctx, id)
		if err != nil {
			return err
		}
		now := s.now()
		if mutate != nil {
			outbox, err := mutate(c)
			if err != nil {
				return err
			}
			for _, m := range outbox {
				if m.CreatedAt.IsZero() {
					m.CreatedAt = now
				}
				if err := tx.AddOutbox(ctx, m); err != nil {
					return fmt.Errorf("outbox: %w", err)
				}
				queued = true
			}
			c.UpdatedAt = now
			c.Version++
			if err := tx.UpdateCase(ctx, c); err != nil {
				return err
			}
		}
		var raw json.RawMessage
		if data != nil {
			raw, _ = json.Marshal(data)
		}
		if err := tx.AppendEvent(ctx, &Event{CaseID: id, At: now, Actor: actor, Action: kind, From: c.Status, To: c.Status, Note: note, Data: raw}); err != nil {
			return fmt.Errorf("append event: %w", err)
		}
		out = c
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s on case %s: %w", kind, id, err)
	}
	if queued {
		s.wake()
	}
	return out, nil
}
