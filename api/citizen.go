package api

import (
	"errors"
	"log/slog"
	"maps"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/redis/go-redis/v9"

	"petitiond/cases"
	"petitiond/classifier"
	"petitiond/configs"
	"petitiond/uploads"
	"petitiond/wechat"
)

// CitizenDeps is what the mini-program API needs.
type CitizenDeps struct {
	Cases      *cases.Service
	Identities *cases.Identities
	Consents   *cases.Consents
	Classifier *classifier.Classifier
	// Guidance is configs/guidance.yaml, shown with every case.
	Guidance classifier.GuidanceSet
	// Barriers is configs/barrier_categories.yaml.
	Barriers cases.BarrierCategories
	// WeChat is nil when no mini-program is configured: login then answers
	// 503 wechat_not_configured.
	WeChat  *wechat.Client
	Redis   redis.UniversalClient
	Uploads *uploads.Service
	// Doc is the shared OpenAPI document; other route owners add to it.
	Doc    *OpenAPI
	Config configs.API
	Logger *slog.Logger
}

// citizen holds the handlers of the mini-program API.
type citizen struct {
	CitizenDeps
	sessions *Sessions
	limiter  *Limiter
	cfg      configs.API
}

// Prefix is where the JSON API lives.
const Prefix = "/api/v1"

// MountCitizen adds the mini-program API under /api/v1 and documents each
// route in d.Doc, including the document itself at /api/v1/openapi.json.
func MountCitizen(app *fiber.App, d CitizenDeps) error {
	switch {
	case d.Cases == nil || d.Identities == nil || d.Consents == nil:
		return errors.New("api: cases, identities and consents are required")
	case d.Classifier == nil || d.Guidance == nil:
		return errors.New("api: the classifier and its guidance are required")
	case d.Redis == nil || d.Uploads == nil || d.Doc == nil:
		return errors.New("api: redis, uploads and the OpenAPI document are required")
	case len(d.Barriers) == 0:
		return errors.New("api: barrier categories are required")
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	h := &citizen{CitizenDeps: d, cfg: d.Config.WithDefaults()}
	h.sessions = NewSessions(d.Redis, h.cfg.SessionTTL)
	var err error
	if h.limiter, err = NewLimiter(d.Redis, h.cfg.TrustedProxies, d.Logger); err != nil {
		return err
	}
	documentSchemas(d.Doc)
	r := &router{app: app, doc: d.Doc, ip: h.limiter.Middleware("ip", h.cfg.RatePerIP, h.cfg.RateWindow, h.limiter.ClientIP), auth: h.requireSession}
	r.submit = h.requireSession(Limit{Key: "submit", Max: h.cfg.SubmitsPerHour, Window: hour})
	h.routes(r)
	return nil
}

// router registers a route and its documentation together.
type router struct {
	app    *fiber.App
	doc    *OpenAPI
	ip     fiber.Handler
	auth   func(extra ...Limit) fiber.Handler
	submit fiber.Handler // auth with the hourly submission limit
}

// public routes are limited per client address only.
func (r *router) public(method, path string, op Operation, hs ...fiber.Handler) {
	r.doc.AddPath(method, Prefix+path, op)
	r.app.Add(method, Prefix+path, append([]fiber.Handler{r.ip}, hs...)...)
}

// signedIn routes need the citizen's bearer token; they are limited per
// client address and per person.
func (r *router) signedIn(method, path string, op Operation, hs ...fiber.Handler) {
	r.signedInWith(r.auth(), method, path, op, hs...)
}

func (r *router) signedInWith(auth fiber.Handler, method, path string, op Operation, hs ...fiber.Handler) {
	op.Security = Secured(SecurityCitizen)
	op.Responses = maps.Clone(op.Responses)
	if op.Responses == nil {
		op.Responses = map[string]Response{}
	}
	op.Responses["401"] = ErrorResponse("未登录或登录已失效")
	op.Responses["429"] = Response{Description: "请求过于频繁", Headers: map[string]Header{
		"Retry-After": {Description: "seconds", Schema: &Schema{Type: "integer"}}}}
	r.doc.AddPath(method, Prefix+path, op)
	r.app.Add(method, Prefix+path, append([]fiber.Handler{auth}, hs...)...)
}

const localSession = "petitiond.session"

// requireSession resolves the bearer token, then counts the request per
// client address, per person and against any extra limit of the route, all
// in one round trip.
func (h *citizen) requireSession(extra ...Limit) fiber.Handler {
	return func(c *fiber.Ctx) error {
		auth := c.Get(fiber.HeaderAuthorization)
		scheme, token, ok := strings.Cut(auth, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
			return ErrUnauthorized
		}
		sess, err := h.sessions.Lookup(c.UserContext(), strings.TrimSpace(token))
		if err != nil {
			return err
		}
		limits := make([]Limit, 0, 2+len(extra))
		limits = append(limits,
			Limit{Key: "ip:" + h.limiter.ClientIP(c), Max: h.cfg.RatePerIP, Window: h.cfg.RateWindow},
			Limit{Key: "openid:" + sess.OpenID, Max: h.cfg.RatePerOpenID, Window: h.cfg.RateWindow})
		for _, l := range extra {
			l.Key += ":" + sess.OpenID
			limits = append(limits, l)
		}
		if ok, wait := h.limiter.AllowAll(c.UserContext(), limits...); !ok {
			return rateLimited(wait)
		}
		c.Locals(localSession, sess)
		return c.Next()
	}
}

func session(c *fiber.Ctx) *Session {
	s, _ := c.Locals(localSession).(*Session)
	return s
}

func (h *citizen) routes(r *router) {
	r.public(fiber.MethodGet, "/openapi.json", Operation{OperationID: "openapi", Summary: "本文档（OpenAPI 3）", Tags: []string{"meta"},
		Responses: map[string]Response{"200": JSONResponse("OpenAPI document", &Schema{Type: "object"})}}, h.Doc.Handler())
	r.public(fiber.MethodGet, "/meta", opMeta, h.meta)
	r.public(fiber.MethodPost, "/auth/login", opLogin, h.login)
	r.signedIn(fiber.MethodPost, "/auth/phone", opPhone, h.phone)
	r.signedIn(fiber.MethodPost, "/auth/logout", opLogout, h.logout)
	r.signedIn(fiber.MethodPost, "/classify", opClassify, h.classify)
	r.signedInWith(r.submit, fiber.MethodPost, "/cases", opSubmit, h.submit)
	r.signedIn(fiber.MethodGet, "/cases", opList, h.list)
	r.signedIn(fiber.MethodGet, "/cases/:tracking_no", opDetail, h.detail)
	r.signedIn(fiber.MethodPost, "/cases/:tracking_no/withdraw", opWithdraw, h.withdraw)
	r.signedIn(fiber.MethodPost, "/cases/:tracking_no/supplements", opSupplement, h.supplement)
	r.signedIn(fiber.MethodPost, "/cases/:tracking_no/evaluation", opEvaluate, h.evaluate)
	r.signedIn(fiber.MethodPost, "/uploads", opUpload, h.upload)
	r.signedIn(fiber.MethodGet, "/uploads/:id", opUploadGet, h.uploadGet)
	r.signedIn(fiber.MethodPost, "/subscriptions", opSubscribe, h.subscribe)
	r.signedIn(fiber.MethodGet, "/subscriptions", opSubscriptions, h.subscriptions)
}
