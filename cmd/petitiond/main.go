// Command petitiond is the whole service in one binary: the HTTP API and
// WeChat endpoint, the Asynq workers and scheduler, and the operator's
// commands. main only parses and wires; the logic lives in the packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // Asia/Shanghai must resolve on a machine without zoneinfo
)

const usage = `petitiond — complaints, petitions and business-environment reports, routed by law.

Usage:
  petitiond [serve]        HTTP, workers and scheduler in one process (default)
  petitiond api            HTTP only (split deployment; needs PETITIOND_REDIS_URL)
  petitiond worker         workers and scheduler only (needs PETITIOND_REDIS_URL)
  petitiond migrate        apply database migrations
  petitiond deadline --from YYYY-MM-DD --days N [--working]
                           print a due date under the holiday calendar
  petitiond classify [--kind K] [--answer key=value] "文本"
                           classify one text (stdin when no argument), JSON out
  petitiond classifier train --data FILE[,FILE] --out PATH
  petitiond classifier eval --data FILE.jsonl [--model PATH]
  petitiond user add --username U --role R [--department UNIT]
                           create a staff account (the first admin at set-up)

Configuration: configs/petitiond.yaml (optional, or --config FILE) and the
PETITIOND_* environment; see README.md.
`

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "petitiond:", err)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	switch cmd {
	case "serve", "api", "worker":
		return runServer(ctx, cmd, args, stderr)
	case "migrate":
		return runMigrate(ctx, args, stdout, stderr)
	case "deadline":
		return runDeadline(args, stdout, stderr)
	case "classifier":
		return runClassifier(args, stdout, stderr)
	case "classify":
		return runClassify(args, stdin, stdout)
	case "user":
		return runUser(ctx, args, stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
	return errUsage
}
