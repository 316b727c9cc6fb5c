package main

import (
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/gofiber/fiber/v2"

	"petitiond/api"
	"petitiond/cases"
	"petitiond/classifier"
	"petitiond/uploads"
)

// mountAPI adds the mini-program API (and its OpenAPI document) under /api/v1.
func mountAPI(app *fiber.App, rt *runtime) error {
	// The classifier holds the guidance too, but hands it out only with a
	// result: cases show the guidance of their stored channel.
	b, err := fs.ReadFile(rt.files, "guidance.yaml")
	if err != nil {
		return fmt.Errorf("read guidance.yaml: %w", err)
	}
	guidance, err := classifier.ParseGuidance(b)
	if err != nil {
		return fmt.Errorf("guidance.yaml: %w", err)
	}
	if b, err = fs.ReadFile(rt.files, "barrier_categories.yaml"); err != nil {
		return fmt.Errorf("read barrier_categories.yaml: %w", err)
	}
	barriers, err := cases.ParseBarrierCategories(b)
	if err != nil {
		return err
	}
	blobs, err := uploads.NewLocal(filepath.Join(rt.cfg.DataDir, "uploads"))
	if err != nil {
		return err
	}
	return api.MountCitizen(app, api.CitizenDeps{
		Cases: rt.svc, Identities: rt.ids, Consents: rt.consents,
		Classifier: rt.classifier, Guidance: guidance, Barriers: barriers,
		WeChat: rt.wechat, Redis: rt.redis,
		Uploads: uploads.NewService(blobs, rt.store, rt.svc.Now),
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
