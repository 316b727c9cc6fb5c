package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/redis/go-redis/v9"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/classifier"
	"petitiond/clock"
	"petitiond/configs"
	"petitiond/store"
	"petitiond/store/storetest"
	"petitiond/testenv"
	"petitiond/uploads"
	"petitiond/wechat"
	"petitiond/wechat/wechattest"
)

// harness is the real app over a real store, Redis and the fake WeChat API.
type harness struct {
	app   *fiber.App
	doc   *OpenAPI
	fake  *wechattest.Server
	svc   *cases.Service
	ids   *cases.Identities
	clk   *clock.Manual
	st    *store.Store
	rdb   redis.UniversalClient
	codes atomic.Int64
}

type harnessOptions struct {
	cfg      configs.API
	noWeChat bool
}

func newHarness(t testing.TB, o harnessOptions) *harness {
	t.Helper()
	h := &harness{st: storetest.Open(t), rdb: testenv.Redis(t, testenv.DBAPI), fake: wechattest.NewServer()}
	t.Cleanup(h.fake.Close)
	h.svc, h.clk = casestest.NewService(t, h.st, casestest.At("2026-11-02 10:00"), casestest.Options{})
	h.ids = cases.NewIdentities(h.st, h.svc)
	var wc *wechat.Client
	if !o.noWeChat {
		var err error
		wc, err = wechat.New(wechat.Config{MiniProgramAppID: "wxmini", MiniProgramSecret: "secret", APIBase: h.fake.URL}, h.rdb)
		if err != nil {
			t.Fatal(err)
		}
	}
	guidance, err := classifier.ParseGuidance(readConfig(t, "guidance.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	model, err := classifier.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	cls, err := classifier.New(model, classifier.Options{Guidance: guidance})
	if err != nil {
		t.Fatal(err)
	}
	barriers, err := cases.ParseBarrierCategories(readConfig(t, "barrier_categories.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := uploads.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	h.app = NewApp(AppConfig{Logger: slog.New(slog.DiscardHandler)})
	h.doc = NewOpenAPI("petitiond API", "test")
	err = MountCitizen(h.app, CitizenDeps{
		Cases: h.svc, Identities: h.ids, Consents: cases.NewConsents(h.st, h.svc),
		Classifier: cls, Guidance: guidance, Barriers: barriers, WeChat: wc, Redis: h.rdb,
		Uploads: uploads.NewService(blobs, h.st, h.clk.Now), Doc: h.doc, Config: o.cfg,
	})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func readConfig(t testing.TB, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(configs.Defaults(), name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// login signs a person in through the fake WeChat and returns the token.
func (h *harness) login(t testing.TB, openid, unionid string) string {
	t.Helper()
	code := fmt.Sprintf("code-%d", h.codes.Add(1))
	h.fake.AddCode(code, openid, unionid)
	r := h.do(t, "POST", "/api/v1/auth/login", "", map[string]string{"code": code})
	if r.status != 200 {
		t.Fatalf("login: %d %s", r.status, r.body)
	}
	return r.str("token")
}

type result struct {
	status int
	header http.Header
	body   []byte
	json   map[string]any
}

func (r result) str(key string) string {
	s, _ := r.json[key].(string)
	return s
}

// errCode returns error.code and error.field.
func (r result) errCode() (string, string) {
	e, _ := r.json["error"].(map[string]any)
	code, _ := e["code"].(string)
	field, _ := e["field"].(string)
	return code, field
}

func (r result) errMessage() string {
	e, _ := r.json["error"].(map[string]any)
	m, _ := e["message"].(string)
	return m
}

// do sends a request; body is JSON-encoded unless it is a string or []byte.
func (h *harness) do(t testing.TB, method, path, token string, body any, headers ...string) result {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		rd = bytes.NewReader(j)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return h.send(t, req)
}

func (h *harness) send(t testing.TB, req *http.Request) result {
	t.Helper()
	resp, err := h.app.Test(req, -1)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := result{status: resp.StatusCode, header: resp.Header, body: b}
	_ = json.Unmarshal(b, &r.json)
	return r
}

// upload posts one file as wx.uploadFile does.
func (h *harness) upload(t testing.TB, token, filename, contentType string, data []byte) result {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	hdr := make(map[string][]string)
	hdr["Content-Disposition"] = []string{fmt.Sprintf(`form-data; name="file"; filename=%q`, filename)}
	hdr["Content-Type"] = []string{contentType}
	pw, err := mw.CreatePart(hdr)
	if err != nil {
		t.Fatal(err)
	}
	pw.Write(data)
	mw.Close()
	req := httptest.NewRequest("POST", "/api/v1/uploads", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	return h.send(t, req)
}

func complaint(text string) map[string]any {
	return map[string]any{"kind": "complaint", "text": text}
}
