package api

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"petitiond/cases"
	"petitiond/classifier"
	"petitiond/uploads"
)

func (h *citizen) channelName(ch cases.Channel) string {
	for _, c := range classifier.Channels() {
		if string(c.Code) == string(ch) {
			return c.Name
		}
	}
	return string(ch)
}

func (h *citizen) departmentName(code string) string {
	for _, d := range classifier.Departments() {
		if string(d.Code) == code {
			return d.Name
		}
	}
	return code
}

type labelled struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// meta lists what the forms offer, so the mini-program never hard-codes it.
func (h *citizen) meta(c *fiber.Ctx) error {
	kinds := make([]labelled, len(cases.Kinds))
	for i, k := range cases.Kinds {
		kinds[i] = labelled{string(k), kindLabels[k]}
	}
	statuses := make([]labelled, len(cases.Statuses))
	for i, s := range cases.Statuses {
		statuses[i] = labelled{string(s), s.Label()}
	}
	return c.JSON(fiber.Map{
		"kinds":              kinds,
		"channels":           classifier.Channels(),
		"departments":        classifier.Departments(),
		"barrier_categories": h.Barriers,
		"statuses":           statuses,
		"ratings":            []string{cases.RatingSatisfied, cases.RatingBasicSatisfied, cases.RatingUnsatisfied},
		"limits": fiber.Map{
			"text_max_chars":  cases.MaxTextRunes,
			"images_per_case": cases.MaxImages,
			"image_max_bytes": uploads.MaxBytes,
			"image_types":     []string{uploads.JPEG, uploads.PNG, uploads.WebP},
		},
	})
}

type classifyRequest struct {
	Kind    string            `json:"kind"`
	Text    string            `json:"text"`
	Answers map[string]string `json:"answers"`
}

// classify previews where a text would go; nothing is stored.
func (h *citizen) classify(c *fiber.Ctx) error {
	var req classifyRequest
	if err := DecodeJSON(c, &req, false); err != nil {
		return err
	}
	if req.Kind == "" {
		req.Kind = string(cases.KindComplaint)
	}
	if err := checkKind(req.Kind); err != nil {
		return err
	}
	if strings.TrimSpace(req.Text) == "" {
		return FieldError("text", "请填写反映的内容")
	}
	if len([]rune(req.Text)) > cases.MaxTextRunes {
		return FieldError("text", "内容过长")
	}
	if err := checkAnswers(req.Answers); err != nil {
		return err
	}
	res, err := h.Classifier.Classify(classifier.Input{Text: req.Text, Kind: req.Kind, Answers: req.Answers})
	if errors.Is(err, classifier.ErrEmptyText) {
		return FieldError("text", "请填写反映的内容")
	}
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{
		"channel":         res.Channel,
		"channel_name":    h.channelName(cases.Channel(res.Channel)),
		"department":      res.Department,
		"department_name": h.departmentName(string(res.Department)),
		"urgent":          res.Urgent,
		"confidence":      res.Confidence,
		"reasons":         res.Reasons,
		"guidance":        res.Guidance,
		"question":        res.Question,
	})
}
