package main

import (
	"fmt"
	"path/filepath"

	"github.com/gofiber/fiber/v2"
	"github.com/hibiken/asynq"

	"petitiond/bot"
	"petitiond/configs"
	"petitiond/wechat/wechattest"
)

// mountBot adds /wechat and the chat console (issue: Official Account bot).
// The console is on in embedded mode and, elsewhere, only when
// bot.console (PETITIOND_BOT_CONSOLE) is set.
func mountBot(app *fiber.App, rt *runtime) error {
	if rt.wechat == nil || rt.wechat.OfficialAccount() == nil {
		rt.log.Info("bot: no Official Account configured (PETITIOND_WECHAT_APPID); /wechat is not served")
		return nil
	}
	texts, err := bot.LoadTexts(rt.files)
	if err != nil {
		return err
	}
	units, err := loadUnits(rt.files)
	if err != nil {
		return err
	}
	w, bc := rt.cfg.WeChat, rt.cfg.Bot
	b, err := bot.New(bot.Config{
		Service: rt.svc, Identities: rt.ids, Consents: rt.consents, Calls: rt.calls,
		Assess: bot.FromClassifier(rt.classifier), DepartmentName: units.Name, Texts: texts,
		Redis: rt.redis, Queue: rt.queue, WeChat: rt.wechat,
		AppID: w.AppID, Token: w.Token, EncodingAESKey: w.AESKey, Mode: bc.Mode,
		ReplayWindow: bc.ReplayWindow, SessionIdle: bc.SessionIdle, ReplyBudget: bc.ReplyBudget,
		Registry: rt.registry, Logger: rt.log,
	})
	if err != nil {
		return err
	}
	b.Mount(app)
	embedded := rt.cfg.EmbeddedDatabase() && rt.cfg.EmbeddedRedis()
	if embedded || bc.Console {
		b.MountConsole(app, rt.devWeChat)
		rt.log.Info("bot: chat console at /dev/chat", "mode", b.Mode())
	}
	return nil
}

// registerBotTasks adds the bot's task handlers (late replies, WeChat media
// copies) to the jobs' Asynq mux; startJobs calls it.
func registerBotTasks(mux *asynq.ServeMux, rt *runtime) {
	if rt.wechat == nil || rt.wechat.OfficialAccount() == nil {
		return
	}
	t := &bot.Tasks{WeChat: rt.wechat, Service: rt.svc, MediaDir: filepath.Join(rt.cfg.DataDir, "media"), Logger: rt.log}
	t.Register(mux)
}

// devWeChat makes up an Official Account for embedded mode and starts an
// in-process fake of WeChat's API for it: customer-service messages and
// media downloads then work, and the console shows what the person would
// receive. The credentials persist in the data dir (0600).
func devWeChat(rt *runtime) (configs.WeChat, error) {
	w := rt.cfg.WeChat
	creds, created, err := bot.LoadOrCreateDevCredentials(rt.cfg.DataDir)
	if err != nil {
		return w, fmt.Errorf("development wechat credentials: %w", err)
	}
	fake := wechattest.NewServer()
	fake.SetSecret(creds.AppID, creds.AppSecret)
	rt.closers = append(rt.closers, fake.Close)
	rt.devWeChat = fake
	w.AppID, w.AppSecret, w.Token, w.AESKey, w.APIBase = creds.AppID, creds.AppSecret, creds.Token, creds.EncodingAESKey, fake.URL
	rt.cfg.WeChat = w
	rt.log.Info("wechat: embedded mode without an Official Account: development credentials, WeChat's API faked in process; try /dev/chat",
		"appid", creds.AppID, "created", created, "file", filepath.Join(rt.cfg.DataDir, bot.DevCredentialsFile))
	return w, nil
}
