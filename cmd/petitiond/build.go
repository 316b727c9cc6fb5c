package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/redis/go-redis/v9"

	"petitiond/api"
	"petitiond/calendar"
	"petitiond/cases"
	"petitiond/classifier"
	"petitiond/configs"
	"petitiond/jobs"
	"petitiond/pii"
	"petitiond/store"
	"petitiond/uploads"
	"petitiond/wechat"
	"petitiond/wechat/wechattest"
)

// runtime is everything one process builds, closed in reverse order.
type runtime struct {
	cfg        configs.Config
	log        *slog.Logger
	files      fs.FS
	cal        *calendar.Calendar
	store      *store.Store
	redis      redis.UniversalClient
	queue      *asynq.Client
	svc        *cases.Service
	classifier *classifier.Classifier
	guidance   classifier.GuidanceSet
	// uploads holds the mini-program's photos (read by the workbench too).
	uploads  *uploads.Service
	relay    *jobs.Relay
	ids      *cases.Identities
	consents *cases.Consents
	calls    *cases.CallTasks
	// wechat is nil when no WeChat app is configured.
	wechat *wechat.Client
	// devWeChat is the in-process fake WeChat API of embedded mode (nil otherwise).
	devWeChat *wechattest.Server
	registry  *prometheus.Registry
	openapi   *api.OpenAPI // the /api/v1 document, see apiDoc
	closers   []func()
}

func (rt *runtime) close() {
	for i := len(rt.closers) - 1; i >= 0; i-- {
		rt.closers[i]()
	}
}

func sealer(cfg configs.Config, log *slog.Logger) (*pii.Sealer, error) {
	var keys [][]byte
	var err error
	switch {
	case cfg.DataKey != "":
		keys, err = pii.ParseKeys(cfg.DataKey)
		if err != nil {
			return nil, fmt.Errorf("PETITIOND_DATA_KEY: %w", err)
		}
	case cfg.EmbeddedDatabase():
		var created bool
		path := filepath.Join(cfg.DataDir, "data.key")
		keys, created, err = pii.LoadOrCreateKeyFile(path)
		if err != nil {
			return nil, err
		}
		if created {
			log.Warn("generated a personal-data key; back it up with the database, losing it loses the data", "path", path)
		}
	default:
		// Several instances share one PostgreSQL: each must hold the same key.
		return nil, errors.New("PETITIOND_DATA_KEY is required with PostgreSQL (32 random bytes, base64: head -c 32 /dev/urandom | base64)")
	}
	return pii.NewSealer(cfg.DataCipher, keys...)
}

func openStore(ctx context.Context, cfg configs.Config, log *slog.Logger) (*store.Store, error) {
	s, err := sealer(cfg, log)
	if err != nil {
		return nil, err
	}
	return store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, DataDir: cfg.DataDir, Sealer: s})
}

// openRedis connects to the configured Redis, or starts an in-process one
// (embedded mode; only the all-in-one serve may do that: split processes
// must share a real Redis).
func openRedis(cfg configs.Config, allowEmbedded bool, log *slog.Logger) (redis.UniversalClient, func(), error) {
	if cfg.RedisURL == "" {
		if !allowEmbedded {
			return nil, nil, errors.New("PETITIOND_REDIS_URL is required for split deployments (api, worker): they must share one Redis")
		}
		m := miniredis.NewMiniRedis()
		m.ClockTTL(true) // TTLs expire by themselves, as in a real Redis
		if err := m.StartAddr("127.0.0.1:0"); err != nil {
			return nil, nil, fmt.Errorf("start in-process redis: %w", err)
		}
		log.Info("redis: in-process (embedded mode); queued work and conversation drafts live in memory", "addr", m.Addr())
		c := redis.NewClient(&redis.Options{Addr: m.Addr()})
		return c, func() { c.Close(); m.Close() }, nil
	}
	opt, err := asynq.ParseRedisURI(cfg.RedisURL)
	if err != nil {
		return nil, nil, fmt.Errorf("PETITIOND_REDIS_URL: %w", err)
	}
	c, ok := opt.MakeRedisClient().(redis.UniversalClient)
	if !ok {
		return nil, nil, errors.New("PETITIOND_REDIS_URL: unsupported connection type")
	}
	log.Info("redis: external", "url", redactURL(cfg.RedisURL))
	return c, func() { c.Close() }, nil
}

func loadDeadlineRules(files fs.FS) (*cases.Rules, error) {
	b, err := fs.ReadFile(files, "deadlines.yaml")
	if err != nil {
		return nil, fmt.Errorf("read deadlines.yaml: %w", err)
	}
	return cases.ParseRules(b)
}

// build makes the parts every server role needs.
func build(ctx context.Context, cfg configs.Config, role string, log *slog.Logger) (*runtime, error) {
	rt := &runtime{cfg: cfg, log: log, files: configs.Files(cfg.ConfigDir), registry: prometheus.NewRegistry()}
	rt.registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	ok := false
	defer func() {
		if !ok {
			rt.close()
		}
	}()
	var err error
	if rt.cal, err = calendar.Load(configs.HolidayDirs(cfg.ConfigDir)...); err != nil {
		return nil, err
	}
	rules, err := loadDeadlineRules(rt.files)
	if err != nil {
		return nil, err
	}
	if rt.store, err = openStore(ctx, cfg, log); err != nil {
		return nil, err
	}
	rt.closers = append(rt.closers, func() { rt.store.Close() })
	if cfg.EmbeddedDatabase() {
		applied, err := rt.store.Migrate(ctx)
		if err != nil {
			return nil, err
		}
		if len(applied) > 0 {
			log.Info("database migrated", "applied", applied)
		}
	}
	var closeRedis func()
	if rt.redis, closeRedis, err = openRedis(cfg, role == "serve", log); err != nil {
		return nil, err
	}
	rt.closers = append(rt.closers, closeRedis)
	rt.queue = asynq.NewClientFromRedisClient(rt.redis)
	classify, err := newClassify(rt)
	if err != nil {
		return nil, err
	}
	rt.svc, err = cases.NewService(cases.Config{
		Store: rt.store, Calendar: rt.cal, Rules: rules, Location: cfg.Location(),
		TrackingPrefix: cfg.TrackingPrefix, Classify: classify, Logger: log,
		// The relay exists before any request or task can call Wake.
		Wake: func() { rt.relay.Wake() },
	})
	if err != nil {
		return nil, err
	}
	rt.relay = jobs.NewRelay(rt.svc, rt.queue, cfg.RelayInterval, log)
	blobs, err := uploads.NewLocal(filepath.Join(cfg.DataDir, "uploads"))
	if err != nil {
		return nil, err
	}
	rt.uploads = uploads.NewService(blobs, rt.store, rt.svc.Now)
	rt.ids = cases.NewIdentities(rt.store, rt.svc)
	rt.consents = cases.NewConsents(rt.store, rt.svc)
	rt.calls = cases.NewCallTasks(rt.store, rt.svc)
	w := cfg.WeChat
	if w.AppID == "" && w.MiniProgramAppID == "" && cfg.EmbeddedDatabase() && cfg.EmbeddedRedis() {
		// Embedded mode without any WeChat app: made-up Official Account
		// credentials and an in-process fake of WeChat's API, so /wechat
		// runs in safe mode and the chat console (/dev/chat) works at once.
		// rt.cfg.WeChat then holds them too (see devWeChat in wire_bot.go).
		if w, err = devWeChat(rt); err != nil {
			return nil, err
		}
	}
	if w.AppID != "" || w.MiniProgramAppID != "" {
		rt.wechat, err = wechat.New(wechat.Config{
			AppID: w.AppID, AppSecret: w.AppSecret, Token: w.Token, EncodingAESKey: w.AESKey,
			MiniProgramAppID: w.MiniProgramAppID, MiniProgramSecret: w.MiniProgramSecret, APIBase: w.APIBase,
		}, rt.redis)
		if err != nil {
			return nil, err
		}
	}
	ok = true
	return rt, nil
}
