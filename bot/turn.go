package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"petitiond/cases"
)

// Redis keys, all under "bot:". Everything here may be lost without losing
// a case: a lost session loses a draft, a lost dedup key lets one retry
// through (and the case's idempotency key still stops a second case).
const (
	keySession = "bot:session:" // + openid: the Session JSON
	keyLock    = "bot:lock:"    // + openid: one message of a person at a time
	keyDedup   = "bot:dedup:"   // + dedupKey: "" while in progress, "r"+reply when done
	keySeen    = "bot:seen:"    // + openid: throttles Consents.Touch
)

const (
	// dedupPending bounds a claim whose owner died; WeChat's retries end
	// about 15 s after the first delivery.
	dedupPending = 30 * time.Second
	// dedupDone keeps a reply for retries and late duplicates.
	dedupDone = 10 * time.Minute
	// lockTTL outlasts any turn (its context ends at workTimeout), so a
	// holder's DEL can only ever remove its own lock, without a Lua
	// compare-and-delete; a crashed holder's lock expires by itself.
	lockTTL = workTimeout + 5*time.Second
	// waitForFirst is how long a retry waits for the first delivery's
	// reply, within WeChat's 5 s.
	waitForFirst = 4 * time.Second
	// touchEvery throttles last_seen_at writes. The 48-hour window is then
	// judged up to this much too early: never too late.
	touchEvery = 10 * time.Minute
	// workTimeout bounds one message's work after its reply budget.
	workTimeout = 30 * time.Second
)

var errBusy = errors.New("bot: person's previous message still in progress")

func timeUnix(sec int64) time.Time { return time.Unix(sec, 0) }

// respond answers one push within the reply budget: the conversation runs
// on its own context, and if it is slower than the budget the person gets
// a holding reply now and the real one as a customer-service message.
func (b *Bot) respond(in Inbound) (text, outcome string) {
	ctx, cancel := context.WithTimeout(context.Background(), workTimeout)
	var (
		mu   sync.Mutex
		late bool
		done = make(chan [2]string, 1)
	)
	go func() {
		defer cancel()
		text, outcome := b.turn(ctx, in)
		mu.Lock()
		defer mu.Unlock()
		if late {
			b.sendLater(ctx, in.From, text)
			return
		}
		done <- [2]string{text, outcome}
	}()
	timer := time.NewTimer(b.cfg.ReplyBudget)
	defer timer.Stop()
	select {
	case r := <-done:
		return r[0], r[1]
	case <-timer.C:
	}
	mu.Lock()
	defer mu.Unlock()
	select {
	case r := <-done:
		return r[0], r[1]
	default:
	}
	late = true
	b.log.Warn("bot reply over budget; answer follows as a customer-service message", "budget", b.cfg.ReplyBudget)
	return b.texts.Holding, "holding"
}

// turn deduplicates, takes the person's lock, runs the conversation and
// stores its result: two Redis round trips on the common path.
func (b *Bot) turn(ctx context.Context, in Inbound) (string, string) {
	if in.From == "" {
		return "", "empty"
	}
	dedup := keyDedup + in.dedupKey()
	lock := keyLock + in.From
	pipe := b.rdb.Pipeline()
	claim := pipe.SetNX(ctx, dedup, "", dedupPending)
	locked := pipe.SetNX(ctx, lock, "1", lockTTL)
	raw := pipe.Get(ctx, keySession+in.From)
	seen := pipe.SetNX(ctx, keySeen+in.From, "1", touchEvery)
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		b.log.Error("bot: redis unreachable", "err", err)
		return b.degraded(ctx, in)
	}
	if !claim.Val() {
		if locked.Val() {
			b.unlock(ctx, lock)
		}
		return b.waitForReply(ctx, dedup), "duplicate"
	}
	if seen.Val() {
		if err := b.cfg.Consents.Touch(ctx, in.From); err != nil {
			b.log.Warn("bot: touch identity", "err", err)
			b.rdb.Del(ctx, keySeen+in.From)
		}
	}
	sessionJSON := raw.Val()
	if !locked.Val() {
		var err error
		if sessionJSON, err = b.waitForLock(ctx, lock, in.From); err != nil {
			b.rdb.Del(ctx, dedup)
			b.log.Warn("bot: person's lock", "err", err)
			return b.texts.Busy, "busy"
		}
	}
	s := &Session{}
	if sessionJSON != "" {
		if err := json.Unmarshal([]byte(sessionJSON), s); err != nil {
			b.log.Warn("bot: unreadable session dropped", "err", err)
			s = &Session{}
		}
	}
	text, err := b.handle(ctx, in, s)
	pipe = b.rdb.Pipeline()
	outcome := "reply"
	if err != nil {
		// Nothing was committed: let WeChat's retry (or the person) try again.
		b.log.Error("bot: message not handled", "type", in.Type, "err", err)
		text, outcome = b.texts.Busy, "busy"
		pipe.Del(ctx, dedup)
	} else {
		if text == "" {
			outcome = "empty"
		}
		if s.empty() {
			pipe.Del(ctx, keySession+in.From)
		} else if js, err := json.Marshal(s); err == nil {
			pipe.Set(ctx, keySession+in.From, js, b.cfg.SessionIdle)
		} else {
			b.log.Error("bot: session not saved", "err", err)
		}
		pipe.Set(ctx, dedup, "r"+text, dedupDone)
	}
	pipe.Del(ctx, lock)
	if _, err := pipe.Exec(ctx); err != nil {
		b.log.Error("bot: save session", "err", err)
	}
	return text, outcome
}

// degraded answers while Redis is unreachable: no draft can be kept, but
// an urgent message is still stored (the database is the truth, and the
// MsgId as idempotency key turns WeChat's retries into the same case) and
// the person still gets the emergency numbers.
func (b *Bot) degraded(ctx context.Context, in Inbound) (string, string) {
	text := in.Content
	if in.Type == typeVoice {
		text = in.Recognition
	}
	if (in.Type != typeText && in.Type != typeVoice) || normalize(text) == "" {
		return b.texts.Busy, "busy"
	}
	s := &Session{Step: stepDescribe, Kind: cases.KindComplaint}
	if in.Type == typeVoice && cases.ValidAttachmentRef(in.MediaID) {
		b.attach(s, cases.Attachment{Kind: "voice", Ref: in.MediaID, Note: truncateRunes(text, maxNoteRunes), Origin: cases.OriginWeChat})
	}
	b.addText(s, text)
	a, err := b.assess(s)
	if err != nil || !a.Classification.Urgent {
		return b.texts.Busy, "busy"
	}
	return b.storeUrgent(ctx, in, s, a), "reply"
}

// waitForReply returns the reply the first delivery of a retried push
// gave, or nothing when it is not ready in time (WeChat then retries
// again, or gives up and the person writes again).
func (b *Bot) waitForReply(ctx context.Context, key string) string {
	deadline := time.Now().Add(waitForFirst)
	for {
		v, err := b.rdb.Get(ctx, key).Result()
		if err == nil && len(v) > 0 {
			return v[1:]
		}
		if err != nil && !errors.Is(err, redis.Nil) || time.Now().After(deadline) {
			return ""
		}
		select {
		case <-ctx.Done():
			return ""
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// waitForLock waits for the person's previous message to finish, then
// reads the session it left.
func (b *Bot) waitForLock(ctx context.Context, lock, openid string) (string, error) {
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		ok, err := b.rdb.SetNX(ctx, lock, "1", lockTTL).Result()
		if err != nil {
			return "", fmt.Errorf("take lock: %w", err)
		}
		if ok {
			s, err := b.rdb.Get(ctx, keySession+openid).Result()
			if err != nil && !errors.Is(err, redis.Nil) {
				b.unlock(ctx, lock)
				return "", fmt.Errorf("read session: %w", err)
			}
			return s, nil
		}
	}
	return "", errBusy
}

func (b *Bot) unlock(ctx context.Context, lock string) {
	if err := b.rdb.Del(ctx, lock).Err(); err != nil {
		b.log.Warn("bot: release lock", "err", err)
	}
}
