// Package bot is the city's WeChat Official Account: the /wechat endpoint
// (URL verification, signed and optionally encrypted pushes, WeChat's
// retries), the conversation that turns messages into cases, status
// queries and follow-up answers, and the development chat console.
//
// The endpoint parses and encrypts through silenceper's official-account
// server; it adds what silenceper leaves to its users: refusing forged,
// replayed and oversized pushes, deduplicating retries, answering
// "success" when there is nothing to say, and answering within a budget
// (slower answers follow as customer-service messages through Asynq).
package bot

import (
	"errors"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"
	"github.com/silenceper/wechat/v2/officialaccount"

	"petitiond/cases"
	"petitiond/wechat"
)

// Encryption modes (the WeChat console's 明文 / 兼容 / 安全模式).
const (
	ModePlain      = "plain"
	ModeCompatible = "compatible"
	ModeSafe       = "safe"
)

// Config is everything the bot needs.
type Config struct {
	Service    *cases.Service
	Identities *cases.Identities
	Consents   *cases.Consents
	Calls      *cases.CallTasks
	Assess     Assess
	// DepartmentName names a department or handling-unit code for people
	// (cases.Units.Name); the code itself is shown when nil or "".
	DepartmentName func(code string) string
	Texts          *Texts

	Redis redis.UniversalClient
	// Queue carries replies that missed the reply budget.
	Queue *asynq.Client
	// WeChat is the Official Account client (message server, media).
	WeChat *wechat.Client
	// AppID, Token and EncodingAESKey are the Official Account's message
	// settings (the same ones WeChat holds): the checks made before
	// silenceper and the console use them.
	AppID          string
	Token          string
	EncodingAESKey string
	// Mode is ModePlain, ModeCompatible or ModeSafe; empty means safe with
	// an EncodingAESKey, else plain.
	Mode string

	ReplayWindow time.Duration // default 5 min
	SessionIdle  time.Duration // default 30 min
	ReplyBudget  time.Duration // default 1 s

	Registry prometheus.Registerer // optional
	Logger   *slog.Logger
}

// Bot serves the Official Account. It is safe for concurrent use.
type Bot struct {
	cfg    Config
	svc    *cases.Service
	texts  *Texts
	cmd    commands
	oa     *officialaccount.OfficialAccount
	rdb    redis.UniversalClient
	log    *slog.Logger
	mode   string
	pushes *prometheus.CounterVec
}

// New checks cfg and returns the bot.
func New(cfg Config) (*Bot, error) {
	switch {
	case cfg.Service == nil || cfg.Identities == nil || cfg.Consents == nil || cfg.Calls == nil:
		return nil, errors.New("bot: Service, Identities, Consents and Calls are required")
	case cfg.Assess == nil:
		return nil, errors.New("bot: Assess is required")
	case cfg.Texts == nil:
		return nil, errors.New("bot: Texts are required")
	case cfg.Redis == nil || cfg.Queue == nil:
		return nil, errors.New("bot: Redis and Queue are required")
	case cfg.WeChat == nil || cfg.WeChat.OfficialAccount() == nil:
		return nil, errors.New("bot: an Official Account client is required")
	case cfg.Token == "" || cfg.AppID == "":
		return nil, errors.New("bot: the AppID and the message token are required")
	}
	mode := cfg.Mode
	if mode == "" {
		mode = ModePlain
		if cfg.EncodingAESKey != "" {
			mode = ModeSafe
		}
	}
	switch mode {
	case ModePlain:
	case ModeCompatible, ModeSafe:
		if len(cfg.EncodingAESKey) != 43 {
			return nil, errors.New("bot: " + mode + " mode needs a 43-character EncodingAESKey")
		}
	default:
		return nil, errors.New("bot: unknown mode " + mode)
	}
	if cfg.ReplayWindow <= 0 {
		cfg.ReplayWindow = 5 * time.Minute
	}
	if cfg.SessionIdle <= 0 {
		cfg.SessionIdle = 30 * time.Minute
	}
	if cfg.ReplyBudget <= 0 {
		cfg.ReplyBudget = time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.DepartmentName == nil {
		cfg.DepartmentName = func(string) string { return "" }
	}
	b := &Bot{
		cfg: cfg, svc: cfg.Service, texts: cfg.Texts, cmd: newCommands(cfg.Texts.Commands),
		oa: cfg.WeChat.OfficialAccount(), rdb: cfg.Redis, log: cfg.Logger, mode: mode,
		pushes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "petitiond_bot_pushes_total",
			Help: "WeChat pushes to /wechat by outcome (reply, empty, duplicate, holding, forbidden, stale, too_large, bad_request, busy).",
		}, []string{"outcome"}),
	}
	if cfg.Registry != nil {
		if err := cfg.Registry.Register(b.pushes); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// Mode returns the effective encryption mode.
func (b *Bot) Mode() string { return b.mode }

func (b *Bot) departmentName(code string) string {
	if n := b.cfg.DepartmentName(code); n != "" {
		return n
	}
	return code
}
