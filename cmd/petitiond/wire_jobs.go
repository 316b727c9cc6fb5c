package main

import "context"

// startJobs starts the Asynq workers and scheduler for the serve and worker
// roles (issue: jobs) and returns a function that stops them gracefully.
func startJobs(ctx context.Context, rt *runtime, role string) (stop func(), err error) {
	return func() {}, nil
}
