package main

import (
	"context"

	"github.com/gofiber/fiber/v2"
)

// startJobs starts the Asynq workers and scheduler for the serve and worker
// roles (issue: jobs) and returns a function that stops them gracefully.
func startJobs(ctx context.Context, rt *runtime, role string) (stop func(), err error) {
	return func() {}, nil
}

// mountJobsHTTP adds the jobs' HTTP routes (outbound-call callbacks, the
// read-only queue monitor).
func mountJobsHTTP(app *fiber.App, rt *runtime) error { return nil }
