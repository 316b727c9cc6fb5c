package main

import (
	"fmt"
	"io/fs"

	"github.com/gofiber/fiber/v2"

	"petitiond/api"
	"petitiond/cases"
)

// mountAPI adds the mini-program API (and its OpenAPI document) under /api/v1.
func mountAPI(app *fiber.App, rt *runtime) error {
	b, err := fs.ReadFile(rt.files, "barrier_categories.yaml")
	if err != nil {
		return fmt.Errorf("read barrier_categories.yaml: %w", err)
	}
	barriers, err := cases.ParseBarrierCategories(b)
	if err != nil {
		return err
	}
	return api.MountCitizen(app, api.CitizenDeps{
		Cases: rt.svc, Identities: rt.ids, Consents: rt.consents,
		// The classifier hands out guidance only with a result: stored cases
		// show the guidance of their channel from the same file.
		Classifier: rt.classifier, Guidance: rt.guidance, Barriers: barriers,
		WeChat: rt.wechat, Redis: rt.redis,
		Uploads: rt.uploads,
		Doc:     rt.apiDoc(), Config: rt.cfg.API, Logger: rt.log,
	})
}

// apiDoc is the OpenAPI document of /api/v1 that every wiring file adds
// its routes to (api.OpenAPI.AddPath), whichever mounts first.
func (rt *runtime) apiDoc() *api.OpenAPI {
	if rt.openapi == nil {
		rt.openapi = api.NewOpenAPI("petitiond API", "1")
	}
	return rt.openapi
}
