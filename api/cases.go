package api

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"petitiond/cases"
	"petitiond/classifier"
	"petitiond/uploads"
)

const hour = time.Hour

type locationRequest struct {
	Lat     *float64 `json:"lat"`
	Lng     *float64 `json:"lng"`
	Address string   `json:"address"`
}

type caseRequest struct {
	Kind            string            `json:"kind"`
	Text            string            `json:"text"`
	Location        *locationRequest  `json:"location"`
	Attachments     []string          `json:"attachments"`
	Confidential    bool              `json:"confidential"`
	CompanyName     string            `json:"company_name"`
	CreditCode      string            `json:"credit_code"`
	BarrierCategory string            `json:"barrier_category"`
	Answers         map[string]string `json:"answers"`
}

// answerValues are the accepted answers to the classifier's questions.
var answerValues = map[string][]string{
	classifier.AnswerCourtInvolved: {classifier.AnswerYes, classifier.AnswerNo, classifier.AnswerUnknown},
	classifier.AnswerContestsAct:   {classifier.AnswerYes, classifier.AnswerNo},
	classifier.AnswerWants:         {classifier.WantsCompensation, classifier.WantsEnforcement},
}

func checkAnswers(a map[string]string) error {
	for k, v := range a {
		allowed, ok := answerValues[k]
		if !ok {
			return FieldError("answers", "无法识别的问题："+k)
		}
		if !contains(allowed, v) {
			return FieldError("answers", fmt.Sprintf("问题 %s 的回答须为 %s 之一", k, strings.Join(allowed, "、")))
		}
	}
	return nil
}

func checkKind(kind string) error {
	for _, k := range cases.Kinds {
		if string(k) == kind {
			return nil
		}
	}
	return FieldError("kind", "请选择事项类型：投诉、信访诉求或营商环境反映")
}

// toSubmit checks what only the API knows (kinds, categories, uploads,
// answers) and builds the domain request; the domain checks the rest.
func (h *citizen) toSubmit(ctx context.Context, s *Session, req *caseRequest) (cases.SubmitRequest, error) {
	var out cases.SubmitRequest
	if err := checkKind(req.Kind); err != nil {
		return out, err
	}
	if strings.TrimSpace(req.Text) == "" {
		return out, FieldError("text", "请填写反映的内容")
	}
	if l := req.Location; l != nil {
		if l.Lat == nil || l.Lng == nil {
			return out, FieldError("location", "位置须包含经纬度")
		}
		out.Location = &cases.Location{Lat: *l.Lat, Lng: *l.Lng, Address: strings.TrimSpace(l.Address)}
	}
	atts, err := h.attachments(ctx, s, req.Attachments)
	if err != nil {
		return out, err
	}
	if cases.Kind(req.Kind) == cases.KindBusiness || req.BarrierCategory != "" {
		if strings.TrimSpace(req.BarrierCategory) == "" {
			return out, FieldError("barrier_category", "请选择问题类别")
		}
		cat, ok := h.Barriers.Lookup(req.BarrierCategory)
		if !ok {
			return out, FieldError("barrier_category", "问题类别无效，请从列表中选择")
		}
		req.BarrierCategory = cat.Code
	}
	if err := checkAnswers(req.Answers); err != nil {
		return out, err
	}
	out = cases.SubmitRequest{
		Kind: cases.Kind(req.Kind), Text: req.Text, Source: cases.SourceMiniProgram,
		Submitter: cases.Submitter{OpenID: s.OpenID, UnionID: s.UnionID},
		Company:   cases.Company{Name: req.CompanyName, CreditCode: req.CreditCode, BarrierCategory: req.BarrierCategory},
		Location:  out.Location, Attachments: atts, Confidential: req.Confidential, Answers: req.Answers,
	}
	return out, nil
}

// attachments turns upload ids into attachments after checking that each
// exists and was uploaded by the caller.
func (h *citizen) attachments(ctx context.Context, s *Session, ids []string) ([]cases.Attachment, error) {
	if len(ids) > cases.MaxImages {
		return nil, FieldError("attachments", fmt.Sprintf("每件事项最多上传%d张图片", cases.MaxImages))
	}
	seen := map[string]bool{}
	var uniq []string
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" && !seen[id] {
			seen[id] = true
			uniq = append(uniq, id)
		}
	}
	if len(uniq) == 0 {
		return nil, nil
	}
	if _, _, err := h.Uploads.Owned(ctx, []string{s.OpenID}, uniq); errors.Is(err, uploads.ErrNotFound) {
		return nil, FieldError("attachments", "图片不存在或已失效，请重新上传")
	} else if err != nil {
		return nil, err
	}
	out := make([]cases.Attachment, len(uniq))
	for i, id := range uniq {
		out[i] = cases.Attachment{Kind: "image", Ref: id}
	}
	return out, nil
}

// submit files a new case. With an Idempotency-Key a retry answers 200 with
// the case the first call created.
func (h *citizen) submit(c *fiber.Ctx) error {
	var req caseRequest
	if err := DecodeJSON(c, &req, false); err != nil {
		return err
	}
	key := strings.TrimSpace(c.Get("Idempotency-Key"))
	if len(key) > cases.MaxIdempotencyKey {
		return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Field: "Idempotency-Key", Message: "Idempotency-Key 过长（最多128个字符）"}
	}
	if !cases.Storable(key) {
		return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Field: "Idempotency-Key", Message: "Idempotency-Key 含有无效字符"}
	}
	ctx, s := c.UserContext(), session(c)
	sub, err := h.toSubmit(ctx, s, &req)
	if err != nil {
		return err
	}
	sub.IdempotencyKey = key
	id, err := h.Identities.Get(ctx, s.OpenID)
	switch {
	case err == nil:
		sub.Submitter.Phone = id.Phone
		if sub.Submitter.UnionID == "" {
			sub.Submitter.UnionID = id.UnionID
		}
	case !errors.Is(err, cases.ErrNotFound):
		return err
	}
	cs, created, err := h.Cases.Submit(ctx, sub)
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if created {
		status = fiber.StatusCreated
	}
	c.Location(Prefix + "/cases/" + cs.TrackingNo)
	return c.Status(status).JSON(h.caseJSON(cs, nil))
}

// list returns the caller's cases (through any linked openid), newest
// first. The cursor is opaque to clients.
func (h *citizen) list(c *fiber.Ctx) error {
	ctx := c.UserContext()
	q, err := h.Identities.SubmitterQuery(ctx, session(c).OpenID)
	if err != nil {
		return err
	}
	limit := 20
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 50 {
			return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Field: "limit", Message: "limit 须为 1 到 50 之间的整数"}
		}
		limit = n
	}
	switch c.Query("status", "all") {
	case "all":
	case "open":
		q.OpenOnly = true
	default:
		return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Field: "status", Message: "status 须为 all 或 open"}
	}
	if cur := c.Query("cursor"); cur != "" {
		if q.BeforeTime, q.BeforeID, err = parseCursor(cur); err != nil {
			return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Field: "cursor", Message: "翻页参数无效，请从第一页重新加载"}
		}
	}
	q.Limit = limit + 1
	list, err := h.Cases.ListBySubmitter(ctx, q)
	if err != nil {
		return err
	}
	var next string
	if len(list) > limit {
		list = list[:limit]
		last := list[limit-1]
		next = makeCursor(last.CreatedAt, last.ID)
	}
	items := make([]caseView, len(list))
	for i, cs := range list {
		items[i] = h.caseJSON(cs, nil)
	}
	return c.JSON(fiber.Map{"cases": items, "next_cursor": next})
}

func makeCursor(t time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(t.UnixMicro(), 10) + "," + id))
}

func parseCursor(s string) (time.Time, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, "", err
	}
	ts, id, ok := strings.Cut(string(b), ",")
	us, err := strconv.ParseInt(ts, 10, 64)
	if !ok || err != nil {
		return time.Time{}, "", errors.New("bad cursor")
	}
	// The id goes into the query: only a case id we could have written
	// (a UUID) is accepted, never bytes the store would choke on.
	if u, err := uuid.Parse(id); err != nil || u.String() != id {
		return time.Time{}, "", errors.New("bad cursor")
	}
	return time.UnixMicro(us).UTC(), id, nil
}

// own loads the case of the path's tracking number if the caller filed it;
// anyone else's case is "not found", never "forbidden".
func (h *citizen) own(c *fiber.Ctx) (*cases.Case, error) {
	ctx := c.UserContext()
	cs, err := h.Cases.GetByTrackingNo(ctx, c.Params("tracking_no"))
	if err != nil {
		return nil, err
	}
	ok, err := h.Identities.Owns(ctx, session(c).OpenID, cs)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, cases.ErrNotFound
	}
	return cs, nil
}

// detailed answers the case with its citizen-facing timeline.
func (h *citizen) detailed(c *fiber.Ctx, cs *cases.Case) error {
	events, err := h.Cases.Timeline(c.UserContext(), cs.ID)
	if err != nil {
		return err
	}
	v := h.caseJSON(cs, events)
	return c.JSON(v)
}

func (h *citizen) detail(c *fiber.Ctx) error {
	cs, err := h.own(c)
	if err != nil {
		return err
	}
	return h.detailed(c, cs)
}

type reasonRequest struct {
	Reason string `json:"reason"`
}

func (h *citizen) withdraw(c *fiber.Ctx) error {
	var req reasonRequest
	if err := DecodeJSON(c, &req, true); err != nil {
		return err
	}
	req.Reason = strings.TrimSpace(req.Reason)
	if utf8.RuneCountInString(req.Reason) > 500 {
		return FieldError("reason", "撤回理由最多500字")
	}
	cs, err := h.own(c)
	if err != nil {
		return err
	}
	if cs, err = h.Cases.Withdraw(c.UserContext(), cs.ID, cases.Citizen, req.Reason); err != nil {
		return err
	}
	return h.detailed(c, cs)
}

type supplementRequest struct {
	Text        string   `json:"text"`
	Attachments []string `json:"attachments"`
}

func (h *citizen) supplement(c *fiber.Ctx) error {
	var req supplementRequest
	if err := DecodeJSON(c, &req, false); err != nil {
		return err
	}
	if strings.TrimSpace(req.Text) == "" && len(req.Attachments) == 0 {
		return FieldError("text", "请填写补充内容或上传图片")
	}
	cs, err := h.own(c)
	if err != nil {
		return err
	}
	atts, err := h.attachments(c.UserContext(), session(c), req.Attachments)
	if err != nil {
		return err
	}
	if cs, err = h.Cases.AddSupplement(c.UserContext(), cs.ID, cases.Citizen, req.Text, atts); err != nil {
		return err
	}
	return h.detailed(c, cs)
}

type evaluationRequest struct {
	Rating  string `json:"rating"`
	Comment string `json:"comment"`
}

// evaluate answers the follow-up (回访) from the mini-program: once per
// round, after a reply or closure; 不满意 reopens the case.
func (h *citizen) evaluate(c *fiber.Ctx) error {
	var req evaluationRequest
	if err := DecodeJSON(c, &req, false); err != nil {
		return err
	}
	req.Rating, req.Comment = strings.TrimSpace(req.Rating), strings.TrimSpace(req.Comment)
	if !cases.ValidRating(req.Rating) {
		return FieldError("rating", "请选择：满意、基本满意或不满意")
	}
	if utf8.RuneCountInString(req.Comment) > 500 {
		return FieldError("comment", "评价内容最多500字")
	}
	cs, err := h.own(c)
	if err != nil {
		return err
	}
	switch {
	case cs.Evaluation != nil || cs.Status == cases.StatusFollowedUp:
		return cases.ErrAlreadyEvaluated
	case cs.Status != cases.StatusReplied && cs.Status != cases.StatusClosed:
		return NewError(fiber.StatusConflict, "not_evaluable", "事项答复或办结后才能评价")
	}
	if cs, err = h.Cases.FollowUp(c.UserContext(), cs.ID, cases.Citizen, req.Rating, req.Comment, string(cases.SourceMiniProgram)); err != nil {
		return err
	}
	return h.detailed(c, cs)
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
