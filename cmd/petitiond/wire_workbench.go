package main

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/gofiber/fiber/v2"

	"petitiond/api"
	"petitiond/api/workbench"
	"petitiond/bot"
	"petitiond/reports"
	"petitiond/staff"
	"petitiond/store"
)

// staffUnits is the list of handling units (configs/units.yaml) accounts
// and tokens belong to.
func staffUnits(files fs.FS) (staff.Units, error) {
	u, err := loadUnits(files)
	if err != nil {
		return nil, err
	}
	return staff.UnitsFrom(u), nil
}

// newAccounts builds the account service over st (also used by `petitiond user`).
func newAccounts(st *store.Store, units staff.Units, now func() time.Time) (*staff.Accounts, *staff.Audit) {
	audit := staff.NewAudit(st, now)
	return staff.NewAccounts(st, audit, units, now), audit
}

// mountWorkbench adds the staff workbench (/workbench) and the staff API
// (/api/v1/staff) (issue: department workbench).
func mountWorkbench(app *fiber.App, rt *runtime) error {
	units, err := staffUnits(rt.files)
	if err != nil {
		return err
	}
	proxies, err := api.NewLimiter(rt.redis, rt.cfg.API.WithDefaults().TrustedProxies, rt.log)
	if err != nil {
		return fmt.Errorf("api trusted proxies: %w", err)
	}
	accounts, audit := newAccounts(rt.store, units, rt.svc.Now)
	h, err := workbench.New(workbench.Config{
		Accounts: accounts,
		Audit:    audit,
		Desk:     staff.NewDesk(rt.svc, rt.store, rt.calls, audit, units),
		Reports:  reports.New(rt.store, rt.svc),
		Redis:    rt.redis,
		Proxies:  proxies,
		Settings: rt.cfg.Workbench,
		Logger:   rt.log,
		Guidance: workbench.GuidanceFrom(rt.guidance),
		// The same store of photos as the mini-program API, read-only here.
		Uploads: rt.uploads,
		Media: func(caseID, ref string) (string, bool) {
			return bot.FindMedia(filepath.Join(rt.cfg.DataDir, "media"), caseID, ref)
		},
	})
	if err != nil {
		return err
	}
	h.Mount(app)
	h.Document(rt.apiDoc())
	return nil
}
