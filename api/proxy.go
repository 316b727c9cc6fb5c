package api

import "github.com/gofiber/fiber/v2"

// ViaTrustedProxy reports whether the request came from one of the trusted
// proxies, whose X-Forwarded-* headers may then be believed (the staff
// workbench marks its cookie Secure when the proxy says it spoke TLS).
func (l *Limiter) ViaTrustedProxy(c *fiber.Ctx) bool { return l.trusted(c.Context().RemoteIP()) }
