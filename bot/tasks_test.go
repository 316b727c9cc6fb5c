package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"petitiond/bot"
	"petitiond/cases"
	"petitiond/wechat"
	"petitiond/wechat/wechattest"
)

// runTasks runs the bot's task handlers on an Asynq server over the test
// Redis, as the jobs' server does in production.
func runTasks(t *testing.T, e *env) func() {
	t.Helper()
	srv := asynq.NewServerFromRedisClient(e.rdb, asynq.Config{
		Concurrency: 2, Queues: map[string]int{cases.QueueCritical: 3, cases.QueueDefault: 2, cases.QueueLow: 1},
		DelayedTaskCheckInterval: 100 * time.Millisecond, LogLevel: asynq.FatalLevel,
	})
	mux := asynq.NewServeMux()
	(&bot.Tasks{WeChat: e.wx, Service: e.svc, MediaDir: t.TempDir()}).Register(mux)
	if err := srv.Start(mux); err != nil {
		t.Fatal(err)
	}
	return srv.Shutdown
}

func TestFetchMediaCopiesOnceAndRecordsExpiredMedia(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	tasks := &bot.Tasks{WeChat: e.wx, Service: e.svc, MediaDir: dir}
	c, _, err := e.svc.Submit(context.Background(), cases.SubmitRequest{
		Kind: cases.KindComplaint, Text: "路灯坏了很久了", Source: cases.SourceBot, Submitter: cases.Submitter{OpenID: "o-media"},
		Attachments: []cases.Attachment{{Kind: "image", Ref: "m-ok", Origin: cases.OriginWeChat}, {Kind: "voice", Ref: "m-gone", Origin: cases.OriginWeChat}},
	})
	if err != nil {
		t.Fatal(err)
	}
	e.fake.AddMedia("m-ok", "image/jpeg", []byte("jpeg-bytes"))
	task := func(ref, kind string) *asynq.Task {
		b, _ := json.Marshal(cases.MediaFetch{CaseID: c.ID, Kind: kind, Ref: ref})
		return asynq.NewTask(cases.TopicMediaFetch, b)
	}
	ctx := context.Background()
	if err := tasks.FetchMedia(ctx, task("m-ok", "image")); err != nil {
		t.Fatal(err)
	}
	path, ok := bot.FindMedia(dir, c.ID, "m-ok")
	if b, err := os.ReadFile(path); !ok || err != nil || string(b) != "jpeg-bytes" || filepath.Ext(path) != ".jpg" {
		t.Fatalf("saved %q %v %q", path, err, b)
	}
	calls := len(e.fake.CallsTo("/cgi-bin/media/get"))
	if err := tasks.FetchMedia(ctx, task("m-ok", "image")); err != nil || len(e.fake.CallsTo("/cgi-bin/media/get")) != calls {
		t.Errorf("second run fetched again: %v", err)
	}
	err = tasks.FetchMedia(ctx, task("m-gone", "voice"))
	if !errors.Is(err, asynq.SkipRetry) {
		t.Fatalf("expired media: %v, want SkipRetry", err)
	}
	events, _ := e.svc.Timeline(ctx, c.ID)
	if last := events[len(events)-1]; last.Action != cases.EventNote || last.Note == "" {
		t.Errorf("no note for the expired media: %+v", last)
	}
	if err := tasks.FetchMedia(ctx, asynq.NewTask(cases.TopicMediaFetch, []byte("{"))); !errors.Is(err, asynq.SkipRetry) {
		t.Errorf("bad payload: %v", err)
	}
}

func TestLateReplyOutsideTheWindowIsDropped(t *testing.T) {
	e := newEnv(t)
	tasks := &bot.Tasks{WeChat: e.wx, Service: e.svc}
	e.fake.FailFor("/cgi-bin/message/custom/send", "o-away", wechat.CodeOutOfWindow)
	b, _ := json.Marshal(bot.ReplyPayload{OpenID: "o-away", Text: "结果"})
	if err := tasks.Reply(context.Background(), asynq.NewTask(bot.TaskReply, b)); !errors.Is(err, asynq.SkipRetry) {
		t.Errorf("out of window: %v, want SkipRetry", err)
	}
	b, _ = json.Marshal(bot.ReplyPayload{OpenID: "o-here", Text: "结果"})
	if err := tasks.Reply(context.Background(), asynq.NewTask(bot.TaskReply, b)); err != nil {
		t.Fatal(err)
	}
	if m := e.fake.CustomMessages("o-here"); len(m) != 1 || m[0].Content != "结果" {
		t.Errorf("sent %+v", m)
	}
	_ = wechattest.KindCustom
}
