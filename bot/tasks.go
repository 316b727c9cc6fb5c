package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"petitiond/cases"
	"petitiond/wechat"
)

// TaskReply sends a reply that missed the reply budget as a
// customer-service message (payload: ReplyPayload).
const TaskReply = "bot:reply"

// ReplyPayload is the body of a TaskReply task.
type ReplyPayload struct {
	OpenID string `json:"openid"`
	Text   string `json:"text"`
}

// sendLater queues a reply the person did not get in time.
func (b *Bot) sendLater(ctx context.Context, openid, text string) {
	if text == "" || openid == "" {
		return
	}
	payload, _ := json.Marshal(ReplyPayload{OpenID: openid, Text: text})
	_, err := b.cfg.Queue.EnqueueContext(ctx, asynq.NewTask(TaskReply, payload),
		asynq.Queue(cases.QueueCritical), asynq.MaxRetry(5), asynq.Timeout(30*time.Second))
	if err != nil {
		b.log.Error("bot: queue late reply (the person will not get it)", "err", err)
	}
}

// Tasks is the bot's background work, run by the jobs' Asynq server:
// late replies and copying WeChat media before WeChat drops them (3 days).
type Tasks struct {
	WeChat  *wechat.Client
	Service *cases.Service
	// MediaDir is where media are kept: <data dir>/media.
	MediaDir string
	Logger   *slog.Logger
}

// Register adds the bot's task handlers to the jobs' mux.
func (t *Tasks) Register(mux *asynq.ServeMux) {
	mux.HandleFunc(TaskReply, t.Reply)
	mux.HandleFunc(cases.TopicMediaFetch, t.FetchMedia)
}

func (t *Tasks) log() *slog.Logger {
	if t.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return t.Logger
}

// Reply sends one late reply. WeChat refusing it for good (the 48-hour
// window closed, the person unfollowed) ends the task.
func (t *Tasks) Reply(ctx context.Context, task *asynq.Task) error {
	var p ReplyPayload
	if err := json.Unmarshal(task.Payload(), &p); err != nil || p.OpenID == "" || p.Text == "" {
		return fmt.Errorf("bot reply: bad payload: %w", asynq.SkipRetry)
	}
	err := t.WeChat.SendCustomText(ctx, p.OpenID, p.Text)
	if wechat.IsPermanent(err) {
		t.log().Warn("bot reply refused by WeChat", "errcode", wechat.ErrorCode(err))
		return fmt.Errorf("bot reply: %w: %w", err, asynq.SkipRetry)
	}
	return err
}

// FetchMedia copies one WeChat media attachment of a case into MediaDir.
// Running it twice is harmless: a file already there is kept.
func (t *Tasks) FetchMedia(ctx context.Context, task *asynq.Task) error {
	var p cases.MediaFetch
	if err := json.Unmarshal(task.Payload(), &p); err != nil || p.CaseID == "" || p.Ref == "" {
		return fmt.Errorf("media fetch: bad payload: %w", asynq.SkipRetry)
	}
	if _, ok := FindMedia(t.MediaDir, p.CaseID, p.Ref); ok {
		return nil
	}
	dir := filepath.Join(t.MediaDir, safeName(p.CaseID))
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("media fetch: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".fetch-*")
	if err != nil {
		return fmt.Errorf("media fetch: %w", err)
	}
	defer os.Remove(tmp.Name())
	contentType, err := t.WeChat.DownloadMedia(ctx, p.Ref, tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if wechat.IsPermanent(err) {
		// Expired or unknown: say so on the case, so staff ask for it again.
		note := fmt.Sprintf("微信附件（%s）已无法下载，请联系本人重新提供", p.Kind)
		if _, rerr := t.Service.RecordEvent(ctx, p.CaseID, cases.System, cases.EventNote, note,
			map[string]any{"media_ref": p.Ref, "errcode": wechat.ErrorCode(err)}); rerr != nil {
			return fmt.Errorf("media fetch: record failure: %w", rerr)
		}
		t.log().Warn("media fetch refused by WeChat", "case", p.CaseID, "errcode", wechat.ErrorCode(err))
		return fmt.Errorf("media fetch: %w: %w", err, asynq.SkipRetry)
	}
	if err != nil {
		return fmt.Errorf("media fetch case %s: %w", p.CaseID, err)
	}
	final := filepath.Join(dir, safeName(p.Ref)+extension(contentType, p.Kind))
	if err := os.Rename(tmp.Name(), final); err != nil {
		return fmt.Errorf("media fetch: %w", err)
	}
	t.log().Info("media saved", "case", p.CaseID, "kind", p.Kind)
	return nil
}

// FindMedia returns the file of a case's WeChat media attachment, if it
// has been copied.
func FindMedia(mediaDir, caseID, ref string) (string, bool) {
	matches, _ := filepath.Glob(filepath.Join(mediaDir, safeName(caseID), safeName(ref)+".*"))
	if len(matches) == 0 {
		return "", false
	}
	return matches[0], true
}

// safeName keeps a file name to letters, digits, '-' and '_': MediaIds and
// case ids are made of those, anything else must not reach the path.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

// extension picks a file extension from WeChat's content type.
func extension(contentType, kind string) string {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/gif":
		return ".gif"
	case "audio/amr":
		return ".amr"
	case "audio/speex", "audio/x-speex":
		return ".speex"
	case "audio/mpeg", "audio/mp3":
		return ".mp3"
	}
	if exts, err := mime.ExtensionsByType(mt); err == nil && len(exts) > 0 {
		return exts[0]
	}
	if kind == "voice" {
		return ".amr"
	}
	return ".bin"
}
