package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"petitiond/api"
	"petitiond/calendar"
)

// runServer runs serve (everything), api (HTTP) or worker (jobs) until a
// signal, then shuts down within the configured timeout: in-flight requests
// and tasks finish, nothing new is taken.
func runServer(ctx context.Context, role string, args []string, stderr io.Writer) error {
	cfg, err := loadConfig(newFlagSet(role, stderr), args)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	rt, err := build(ctx, cfg, role, log)
	if err != nil {
		return err
	}
	defer rt.close()

	mode := "production"
	if cfg.EmbeddedDatabase() && cfg.EmbeddedRedis() {
		mode = "embedded"
	}
	log.Info("petitiond starting", "role", role, "mode", mode, "database", rt.store.Backend(), "sqlite_file", rt.store.Path(),
		"data_dir", cfg.DataDir, "http_addr", cfg.HTTPAddr, "calendar_years", rt.cal.Years())
	warnCalendar(rt)

	var wg sync.WaitGroup
	runCtx, cancel := context.WithCancel(context.Background())
	defer cancel()
	wg.Add(1)
	go func() { defer wg.Done(); rt.relay.Run(runCtx) }()

	stopJobs := func() {}
	if role == "serve" || role == "worker" {
		if stopJobs, err = startJobs(runCtx, rt, role); err != nil {
			cancel()
			wg.Wait()
			return fmt.Errorf("start jobs: %w", err)
		}
	}

	errc := make(chan error, 1)
	var shutdownHTTP func(time.Duration) error
	if role == "serve" || role == "api" {
		app := api.NewApp(api.AppConfig{Logger: log, Registry: rt.registry, Checks: readinessChecks(rt)})
		if err := mountAPI(app, rt); err != nil {
			return fmt.Errorf("mount api: %w", err)
		}
		if err := mountBot(app, rt); err != nil {
			return fmt.Errorf("mount bot: %w", err)
		}
		if err := mountJobsHTTP(app, rt); err != nil {
			return fmt.Errorf("mount jobs http: %w", err)
		}
		if err := mountWorkbench(app, rt); err != nil {
			return fmt.Errorf("mount workbench: %w", err)
		}
		shutdownHTTP = app.ShutdownWithTimeout
		go func() {
			if err := app.Listen(cfg.HTTPAddr); err != nil {
				errc <- fmt.Errorf("http: %w", err)
			}
		}()
	}

	select {
	case <-ctx.Done():
		log.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	case err := <-errc:
		stopJobs()
		cancel()
		wg.Wait()
		return err
	}
	// HTTP and the workers drain side by side: each gets the whole budget.
	deadline := time.Now().Add(cfg.ShutdownTimeout - 500*time.Millisecond)
	var drain sync.WaitGroup
	drain.Add(1)
	go func() { defer drain.Done(); stopJobs() }()
	if shutdownHTTP != nil {
		if err := shutdownHTTP(time.Until(deadline)); err != nil {
			log.Warn("http shutdown", "err", err)
		}
	}
	drain.Wait()
	cancel()
	wg.Wait()
	log.Info("stopped")
	return nil
}

func readinessChecks(rt *runtime) []api.Check {
	return []api.Check{
		{Name: "database", Critical: true, Run: func(ctx context.Context) (map[string]any, error) {
			return map[string]any{"backend": rt.store.Backend()}, rt.store.Ping(ctx)
		}},
		{Name: "redis", Critical: true, Run: func(ctx context.Context) (map[string]any, error) {
			return map[string]any{"embedded": rt.cfg.EmbeddedRedis()}, rt.redis.Ping(ctx).Err()
		}},
		{Name: "calendar", Run: func(ctx context.Context) (map[string]any, error) {
			missing := calendarGap(rt)
			d := map[string]any{"years": rt.cal.Years(), "missing_years": missing}
			if len(missing) > 0 {
				return d, fmt.Errorf("no holiday arrangement for %v: due dates there are provisional; add configs/holidays/<year>.yaml", missing)
			}
			return d, nil
		}},
	}
}

// calendarGap returns the years between today and 60 days ahead that have
// no arrangement file.
func calendarGap(rt *runtime) []int {
	today := calendar.DateOf(rt.svc.Now(), rt.cfg.Location())
	return rt.cal.MissingYears(today, today.AddDays(60))
}

// warnCalendar makes a missing holiday file loud at start-up and visible as
// a metric, without stopping intake.
func warnCalendar(rt *runtime) {
	gauge := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "petitiond_calendar_missing_years",
		Help: "Years within the next 60 days that have no holiday arrangement file (due dates there are provisional).",
	}, func() float64 { return float64(len(calendarGap(rt))) })
	rt.registry.MustRegister(gauge)
	if missing := calendarGap(rt); len(missing) > 0 {
		rt.log.Error("HOLIDAY CALENDAR INCOMPLETE: due dates in these years are provisional (counted as ordinary weeks); add configs/holidays/<year>.yaml",
			"missing_years", missing, "have", rt.cal.Years())
	}
}

func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable)"
	}
	if u.User != nil {
		u.User = url.User("***")
	}
	return u.String()
}
