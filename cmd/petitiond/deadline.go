package main

import (
	"fmt"
	"io"

	"petitiond/calendar"
	"petitiond/configs"
)

// runDeadline is the operator's check of the calendar: it prints the due
// date alone on its line (and any provisional warning on stderr).
func runDeadline(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("deadline", stderr)
	from := fs.String("from", "", "start date YYYY-MM-DD (day 0)")
	days := fs.Int("days", 0, "length of the period in days")
	working := fs.Bool("working", false, "count working days (工作日) instead of calendar days")
	cfg, err := loadConfig(fs, args)
	if err != nil {
		return err
	}
	start, err := calendar.ParseDate(*from)
	if err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	if *days < 0 {
		return fmt.Errorf("--days must be ≥ 0")
	}
	cal, err := calendar.Load(configs.HolidayDirs(cfg.ConfigDir)...)
	if err != nil {
		return err
	}
	res := cal.AddCalendarDays(start, *days)
	if *working {
		res = cal.AddWorkingDays(start, *days)
	}
	fmt.Fprintln(stdout, res.Date)
	if res.Provisional {
		fmt.Fprintf(stderr, "warning: provisional — no holiday arrangement for some year between %s and %s (calendar has %v); counted as ordinary weeks\n", start, res.Date, cal.Years())
	}
	return nil
}
