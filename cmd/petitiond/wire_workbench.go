package main

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"petitiond/api/workbench"
	"petitiond/reports"
	"petitiond/staff"
	"petitiond/store"
)

// staffUnits is the list of handling units accounts and tokens belong to.
func staffUnits() staff.Units { return staff.DefaultUnits() }

// newAccounts builds the account service over st (also used by `petitiond user`).
func newAccounts(st *store.Store, now func() time.Time) (*staff.Accounts, *staff.Audit) {
	audit := staff.NewAudit(st, now)
	return staff.NewAccounts(st, audit, staffUnits(), now), audit
}

// mountWorkbench adds the staff workbench (/workbench) and the staff API
// (/api/v1/staff) (issue: department workbench).
func mountWorkbench(app *fiber.App, rt *runtime) error {
	accounts, audit := newAccounts(rt.store, rt.svc.Now)
	h, err := workbench.New(workbench.Config{
		Accounts: accounts,
		Audit:    audit,
		Desk:     staff.NewDesk(rt.svc, rt.store, rt.calls, audit, staffUnits()),
		Reports:  reports.New(rt.store, rt.cfg.Location()),
		Redis:    rt.redis,
		Settings: rt.cfg.Workbench,
		Logger:   rt.log,
	})
	if err != nil {
		return err
	}
	h.Mount(app)
	return nil
}
