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
	guidance, rules, err := classifierFiles(rt.files)
	if err != nil {
		return err
	}
	model, err := classifier.DefaultModel()
	if err != nil {
		return fmt.Errorf("classifier model: %w", err)
	}
	cls, err := classifier.New(model, classifier.Options{Guidance: guidance, Rules: rules})
	if err != nil {
		return fmt.Errorf("classifier: %w", err)
	}
	b, err := fs.ReadFile(rt.files, "barrier_categories.yaml")
	if err != nil {
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
		Classifier: cls, Guidance: guidance, Barriers: barriers,
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

// classifierFiles reads configs/guidance.yaml and the optional
// configs/classifier_rules.yaml.
func classifierFiles(files fs.FS) (classifier.GuidanceSet, classifier.Rules, error) {
	b, err := fs.ReadFile(files, "guidance.yaml")
	if err != nil {
		return nil, classifier.Rules{}, fmt.Errorf("read guidance.yaml: %w", err)
	}
	guidance, err := classifier.ParseGuidance(b)
	if err != nil {
		return nil, classifier.Rules{}, err
	}
	var rules classifier.Rules
	if b, err := fs.ReadFile(files, "classifier_rules.yaml"); err == nil {
		if rules, err = classifier.ParseRules(b); err != nil {
			return nil, classifier.Rules{}, err
		}
	}
	return guidance, rules, nil
}
