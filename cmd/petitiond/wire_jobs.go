package main

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/hibiken/asynq"

	"petitiond/cases"
	"petitiond/jobs"
)

// startJobs starts the Asynq workers and the scheduler for the serve and
// worker roles and returns a function that stops them gracefully: running
// tasks get the shutdown budget to finish, the rest stay queued.
func startJobs(ctx context.Context, rt *runtime, role string) (stop func(), err error) {
	units, err := loadUnits(rt.files)
	if err != nil {
		return nil, err
	}
	b, err := fs.ReadFile(rt.files, "notify.yaml")
	if err != nil {
		return nil, fmt.Errorf("read notify.yaml: %w", err)
	}
	tpl, err := jobs.ParseTemplates(b)
	if err != nil {
		return nil, err
	}
	for code, u := range units.Units {
		if w := u.Notify.Webhook; w != nil && os.Getenv(w.SecretEnv) == "" {
			rt.log.Error("webhook secret missing: the unit's system will not be told", "unit", code, "env", w.SecretEnv)
		}
	}
	jc := rt.cfg.Jobs.WithDefaults()
	cfg := jobs.Config{
		Service: rt.svc, Identities: rt.ids, Consents: rt.consents, Calls: rt.calls, Units: units, Templates: tpl,
		Webhooks:  &jobs.Webhooks{Client: &http.Client{Timeout: 10 * time.Second}, Secret: os.Getenv, Now: time.Now},
		Inspector: asynq.NewInspectorFromRedisClient(rt.redis), Redis: rt.redis,
		ReconcileHorizon: jc.ReconcileHorizon, Logger: rt.log,
	}
	if rt.wechat != nil {
		cfg.WeChat = rt.wechat
	} else {
		rt.log.Warn("no WeChat app configured: citizens and staff get no WeChat messages (webhooks still work)")
	}
	if p := jc.CallProvider; p.Enabled() {
		cfg.CallProvider = &jobs.CallProvider{URL: p.URL, Secret: p.Secret, CallbackURL: p.CallbackURL}
	}
	handlers, err := jobs.NewHandlers(cfg)
	if err != nil {
		return nil, err
	}
	srv := jobs.NewServer(rt.redis, jobs.ServerConfig{Concurrency: jc.Concurrency, ShutdownTimeout: max(rt.cfg.ShutdownTimeout-time.Second, time.Second), Logger: rt.log})
	mux := handlers.Mux()
	registerBotTasks(mux, rt) // media:fetch, bot:reply
	if err := srv.Start(mux); err != nil {
		return nil, fmt.Errorf("start workers: %w", err)
	}
	sched, err := jobs.NewScheduler(rt.redis, jobs.ReconcileSpec, rt.log)
	if err == nil {
		err = sched.Start()
	}
	if err != nil {
		srv.Shutdown()
		return nil, fmt.Errorf("start scheduler: %w", err)
	}
	// Catch up at once rather than at the next minute (after a Redis loss).
	if _, err := rt.queue.EnqueueContext(ctx, asynq.NewTask(jobs.TypeTick, nil), asynq.Queue(cases.QueueCritical)); err != nil {
		rt.log.Warn("start-up reconciliation not queued", "err", err)
	}
	rt.log.Info("jobs started", "role", role, "concurrency", jc.Concurrency, "units", len(units.Units), "call_provider", cfg.CallProvider != nil)
	return func() {
		sched.Shutdown()
		srv.Shutdown()
	}, nil
}

func loadUnits(files fs.FS) (*cases.Units, error) {
	b, err := fs.ReadFile(files, "units.yaml")
	if err != nil {
		return nil, fmt.Errorf("read units.yaml: %w", err)
	}
	return cases.ParseUnits(b)
}

// mountJobsHTTP adds the jobs' HTTP routes: the outbound-call provider's
// callback (when a provider is configured) and the read-only queue monitor
// (when an admin credential is configured).
func mountJobsHTTP(app *fiber.App, rt *runtime) error {
	jc := rt.cfg.Jobs.WithDefaults()
	if p := jc.CallProvider; p.Enabled() {
		app.Post(jobs.CallbackPath, jobs.FollowUpCallback(jobs.CallbackConfig{
			Secret: p.Secret, Calls: rt.calls, Redis: rt.redis, MaxSkew: jc.CallbackMaxSkew,
		}))
	}
	cred := jobs.AdminCredential{User: jc.Admin.User, PasswordHash: jc.Admin.PasswordHash, Password: jc.Admin.Password}
	if !cred.Configured() {
		rt.log.Info("queue monitor disabled: set PETITIOND_ADMIN_PASSWORD or PETITIOND_ADMIN_PASSWORD_HASH to mount " + jobs.MonitorPath)
		return nil
	}
	return jobs.MountMonitor(app, rt.redis, cred)
}
