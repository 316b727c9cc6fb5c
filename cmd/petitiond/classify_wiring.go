package main

import (
	"errors"
	"fmt"
	"io/fs"

	"petitiond/cases"
	"petitiond/classifier"
)

// newClassifier builds the classifier from the embedded model and the
// city-editable guidance and extra cue rules (operator's copies win).
func newClassifier(files fs.FS, model *classifier.Model) (*classifier.Classifier, error) {
	guidance, err := readGuidance(files)
	if err != nil {
		return nil, err
	}
	var rules classifier.Rules
	if b, err := fs.ReadFile(files, "classifier_rules.yaml"); err == nil {
		if rules, err = classifier.ParseRules(b); err != nil {
			return nil, fmt.Errorf("classifier_rules.yaml: %w", err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read classifier_rules.yaml: %w", err)
	}
	return classifier.New(model, classifier.Options{Guidance: guidance, Rules: rules})
}

// newClassify builds rt.classifier and hands the domain its ClassifyFunc.
func newClassify(rt *runtime) (cases.ClassifyFunc, error) {
	model, err := classifier.DefaultModel()
	if err != nil {
		return nil, fmt.Errorf("classifier model: %w", err)
	}
	if rt.classifier, err = newClassifier(rt.files, model); err != nil {
		return nil, err
	}
	if rt.guidance, err = readGuidance(rt.files); err != nil {
		return nil, err
	}
	rt.log.Info("classifier loaded", "model", model.Version())
	return cases.UseClassifier(rt.classifier), nil
}

// readGuidance reads guidance.yaml: what citizens are told about each
// channel, with the time limits that protect them.
func readGuidance(files fs.FS) (classifier.GuidanceSet, error) {
	b, err := fs.ReadFile(files, "guidance.yaml")
	if err != nil {
		return nil, fmt.Errorf("read guidance.yaml: %w", err)
	}
	guidance, err := classifier.ParseGuidance(b)
	if err != nil {
		return nil, fmt.Errorf("guidance.yaml: %w", err)
	}
	return guidance, nil
}
