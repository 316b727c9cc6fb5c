package api

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Check is one readiness check. A critical check failing makes /readyz 503;
// a non-critical one (the holiday calendar) only adds a warning, because a
// forgotten file must never stop intake.
type Check struct {
	Name     string
	Critical bool
	Run      func(ctx context.Context) (details map[string]any, err error)
}

func healthz(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok"})
}

func readyz(checks []Check) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
		defer cancel()
		status, code := "ok", fiber.StatusOK
		out := fiber.Map{}
		var warnings []string
		for _, ch := range checks {
			d, err := ch.Run(ctx)
			if d == nil {
				d = map[string]any{}
			}
			d["ok"] = err == nil
			if err != nil {
				d["error"] = err.Error()
				if ch.Critical {
					status, code = "unavailable", fiber.StatusServiceUnavailable
				} else {
					warnings = append(warnings, ch.Name+": "+err.Error())
				}
			}
			out[ch.Name] = d
		}
		body := fiber.Map{"status": status, "checks": out}
		if len(warnings) > 0 {
			body["warnings"] = warnings
		}
		return c.Status(code).JSON(body)
	}
}
