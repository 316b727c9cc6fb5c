package bot

import (
	"context"
	"errors"
	"strings"
	"unicode"

	"petitiond/cases"
)

// parseRating reads a follow-up answer (满意 / 基本满意 / 不满意 and their
// synonyms in bot.yaml), optionally followed by a reason ("不满意，路灯还是
// 不亮"). "满意度" or "满意吗" are not answers.
func (c commands) parseRating(raw string) (rating, comment string, ok bool) {
	s := strings.TrimSpace(raw)
	for _, r := range c.ratings {
		rest, found := strings.CutPrefix(s, r.word)
		if !found {
			continue
		}
		if rest != "" {
			first := []rune(rest)[0]
			if !unicode.IsPunct(first) && !unicode.IsSpace(first) {
				return "", "", false
			}
		}
		return r.rating, strings.TrimSpace(strings.TrimLeftFunc(rest, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })), true
	}
	return "", "", false
}

// followUp records a satisfaction answer on the person's most recent case
// that was answered and not yet evaluated (the follow-up survey asked
// about it). handled is false when there is no such case: the words are
// then ordinary text.
func (b *Bot) followUp(ctx context.Context, in Inbound, s *Session, rating, comment string) (string, bool, error) {
	q, err := b.cfg.Identities.SubmitterQuery(ctx, in.From)
	if err != nil {
		return "", false, err
	}
	q.Limit = 20
	list, err := b.svc.ListBySubmitter(ctx, q)
	if err != nil {
		return "", false, err
	}
	var c *cases.Case
	for _, x := range list {
		if (x.Status == cases.StatusReplied || x.Status == cases.StatusClosed) && x.Evaluation == nil {
			c = x
			break
		}
	}
	if c == nil {
		return "", false, nil
	}
	if rating == cases.RatingUnsatisfied && comment == "" {
		s.Pending = &Pending{Kind: pendingReason, CaseID: c.ID, TrackingNo: c.TrackingNo}
		return render(b.texts.FollowUpAskReason, "no", c.TrackingNo), true, nil
	}
	reply, err := b.recordFollowUp(ctx, s, c.ID, c.TrackingNo, rating, comment)
	return reply, true, err
}

func (b *Bot) recordFollowUp(ctx context.Context, s *Session, caseID, no, rating, comment string) (string, error) {
	comment = truncateRunes(comment, cases.MaxNoteRunes)
	_, err := b.svc.FollowUp(ctx, caseID, cases.Citizen, rating, comment, cases.ViaBot)
	switch {
	case errors.Is(err, cases.ErrAlreadyEvaluated), errors.Is(err, cases.ErrInvalidTransition):
		return b.withReminder(s, render(b.texts.FollowUpAlready, "no", no)), nil
	case err != nil:
		return "", err
	case rating == cases.RatingUnsatisfied:
		return b.withReminder(s, render(b.texts.FollowUpReopened, "no", no)), nil
	}
	return b.withReminder(s, render(b.texts.FollowUpRecorded, "no", no)), nil
}
