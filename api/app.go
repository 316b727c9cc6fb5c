// Package api is petitiond's HTTP face on Fiber: the mini-program JSON API
// under /api/v1, the staff API, the health and metrics endpoints, and the
// one place where errors become HTTP status codes and JSON.
package api

import (
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MaxBodyBytes is the app-wide body limit, sized for photo uploads; smaller
// routes (the WeChat push) check their own tighter limit.
const MaxBodyBytes = 12 << 20

// AppConfig builds the Fiber app.
type AppConfig struct {
	Logger   *slog.Logger
	Registry *prometheus.Registry
	Checks   []Check
}

// NewApp returns the Fiber app with the error handler, panic recovery,
// request metrics and the operational endpoints. Transports add their routes.
func NewApp(cfg AppConfig) *fiber.App {
	app := fiber.New(fiber.Config{
		AppName:               "petitiond",
		DisableStartupMessage: true,
		BodyLimit:             MaxBodyBytes,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           2 * time.Minute,
		ErrorHandler:          ErrorHandler(cfg.Logger),
	})
	app.Use(recover.New())
	if cfg.Registry != nil {
		app.Use(requestMetrics(cfg.Registry))
		app.Get("/metrics", adaptor.HTTPHandler(promhttp.HandlerFor(cfg.Registry, promhttp.HandlerOpts{})))
	}
	app.Get("/healthz", healthz)
	app.Get("/readyz", readyz(cfg.Checks))
	return app
}

func requestMetrics(reg *prometheus.Registry) fiber.Handler {
	requests := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "petitiond_http_requests_total", Help: "HTTP requests by route and status.",
	}, []string{"method", "route", "status"})
	latency := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "petitiond_http_request_seconds", Help: "HTTP request latency by route.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"method", "route"})
	reg.MustRegister(requests, latency)
	return func(c *fiber.Ctx) error {
		start := time.Now()
		err := c.Next()
		status := c.Response().StatusCode()
		if err != nil {
			status = mapError(err).Status
		}
		route := c.Route().Path // the pattern, never the raw path: ids stay out of labels
		requests.WithLabelValues(c.Method(), route, itoa(status)).Inc()
		latency.WithLabelValues(c.Method(), route).Observe(time.Since(start).Seconds())
		return err
	}
}

func itoa(n int) string {
	const digits = "0123456789"
	if n >= 100 && n < 1000 {
		return string([]byte{digits[n/100], digits[n/10%10], digits[n%10]})
	}
	return "other"
}
