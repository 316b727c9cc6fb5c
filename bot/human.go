package bot

import (
	"context"
	"errors"
	"strings"

	"petitiond/cases"
)

// human answers 人工: a callback task for the call centre, with the phone
// number we know or one the person gives next. The draft stays, so the
// person may finish it while waiting.
func (b *Bot) human(ctx context.Context, in Inbound, s *Session) (string, error) {
	phone := ""
	id, err := b.cfg.Identities.Get(ctx, in.From)
	switch {
	case err == nil:
		phone = id.Phone
	case !errors.Is(err, cases.ErrNotFound):
		return "", err
	}
	reason := b.texts.HumanReason
	if s.drafting() {
		reason = b.texts.HumanReasonDraft
	}
	task, err := b.cfg.Calls.RequestCallback(ctx, in.From, phone, reason, s.UrgentCase)
	if err != nil {
		return "", err
	}
	if phone != "" {
		return b.texts.HumanCreated, nil
	}
	s.Pending = &Pending{Kind: pendingPhone, TaskID: task.ID}
	return joinLines(b.texts.HumanCreated, b.texts.HumanAskPhone), nil
}

// savePhone puts the number the person gave on their callback task.
func (b *Bot) savePhone(ctx context.Context, s *Session, taskID, phone string) (string, error) {
	phone = strings.NewReplacer("-", "", " ", "").Replace(phone)
	_, err := b.cfg.Calls.Update(ctx, taskID, func(t *cases.CallTask) error {
		t.Phone = phone
		return nil
	})
	if errors.Is(err, cases.ErrTaskClosed) {
		// Already called back: nothing to add.
		return b.withReminder(s, b.texts.Help), nil
	}
	if err != nil {
		return "", err
	}
	return b.withReminder(s, b.texts.HumanPhoneSaved), nil
}
