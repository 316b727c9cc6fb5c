package workbench

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"petitiond/api"
	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/classifier"
	"petitiond/clock"
	"petitiond/configs"
	"petitiond/reports"
	"petitiond/staff"
	"petitiond/store"
	"petitiond/store/storetest"
	"petitiond/testenv"
	"petitiond/uploads"
)

// testPassword is every seeded account's password.
const testPassword = "correct-horse-42"

// env is a running workbench: the real Fiber app on a loopback port, a real
// store (PostgreSQL under CI, else SQLite) and Redis (real or in-process).
type env struct {
	t        testing.TB
	st       *store.Store
	svc      *cases.Service
	clk      *clock.Manual
	accounts *staff.Accounts
	audit    *staff.Audit
	desk     *staff.Desk
	calls    *cases.CallTasks
	uploads  *uploads.Service
	mediaDir string // the bot's copies of WeChat media: <dir>/<case>/<ref>.<ext>
	h        *Handler
	app      *fiber.App
	base     string
}

// envOption changes the settings; proxies are the trusted proxies.
type envOption func(w *configs.Workbench, proxies *[]string)

func newEnv(t testing.TB, opts ...envOption) *env {
	t.Helper()
	e := &env{t: t, st: storetest.Open(t)}
	e.svc, e.clk = casestest.NewService(t, e.st, casestest.At("2026-11-02 10:00"), casestest.Options{})
	e.audit = staff.NewAudit(e.st, e.svc.Now)
	units := staff.UnitsFrom(casestest.Units(t))
	e.accounts = staff.NewAccounts(e.st, e.audit, units, e.svc.Now)
	e.calls = cases.NewCallTasks(e.st, e.svc)
	e.desk = staff.NewDesk(e.svc, e.st, e.calls, e.audit, units)
	settings := configs.WorkbenchDefaults()
	var proxies []string
	for _, o := range opts {
		o(&settings, &proxies)
	}
	rdb := testenv.Redis(t, testenv.DBWorkbench)
	blobs, err := uploads.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e.uploads = uploads.NewService(blobs, e.st, e.svc.Now)
	e.mediaDir = t.TempDir()
	limiter, err := api.NewLimiter(rdb, proxies, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	e.h, err = New(Config{Accounts: e.accounts, Audit: e.audit, Desk: e.desk, Reports: reports.New(e.st, e.svc),
		Redis: rdb, Proxies: limiter, Settings: settings, Logger: slog.New(slog.DiscardHandler),
		Guidance: GuidanceFrom(guidanceSet(t)), Uploads: e.uploads,
		Media: func(caseID, ref string) (string, bool) {
			m, _ := filepath.Glob(filepath.Join(e.mediaDir, caseID, ref+".*"))
			return strings.Join(m, ""), len(m) == 1
		}})
	if err != nil {
		t.Fatal(err)
	}
	e.app = api.NewApp(api.AppConfig{Logger: slog.New(slog.DiscardHandler), Registry: prometheus.NewRegistry()})
	e.h.Mount(e.app)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go e.app.Listener(ln)
	t.Cleanup(func() { _ = e.app.ShutdownWithTimeout(5 * time.Second) })
	e.base = "http://" + ln.Addr().String()
	return e
}

// guidanceSet is the shipped configs/guidance.yaml.
func guidanceSet(t testing.TB) classifier.GuidanceSet {
	t.Helper()
	b, err := fs.ReadFile(configs.Defaults(), "guidance.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := classifier.ParseGuidance(b)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// account creates a member of staff with testPassword.
func (e *env) account(username string, role staff.Role, unit string) staff.Principal {
	e.t.Helper()
	a, err := e.accounts.Add(context.Background(), staff.System, staff.NewAccount{Username: username, Name: username, Role: role, Unit: unit, Password: testPassword}, "")
	if err != nil {
		e.t.Fatal(err)
	}
	return a.Principal()
}

// submit files a case as a citizen and dispatches it to unit ("" leaves it submitted).
func (e *env) submit(text, unit string, mutate ...func(*cases.SubmitRequest)) *cases.Case {
	e.t.Helper()
	ctx := context.Background()
	req := cases.SubmitRequest{Kind: cases.KindComplaint, Text: text, Source: cases.SourceBot,
		Submitter: cases.Submitter{OpenID: "o-" + text, Name: "张三丰", Phone: "13812341234", IDNumber: "11010519491231002X", Address: "北京市朝阳区某某路1号"}}
	for _, m := range mutate {
		m(&req)
	}
	c, _, err := e.svc.Submit(ctx, req)
	if err != nil {
		e.t.Fatal(err)
	}
	if unit != "" {
		if c, err = e.svc.Dispatch(ctx, c.ID, unit, cases.System, ""); err != nil {
			e.t.Fatal(err)
		}
	}
	return c
}

// withPhoto attaches a photo uploaded by the case's submitter.
func (e *env) withPhoto(r *cases.SubmitRequest) {
	e.t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		e.t.Fatal(err)
	}
	up, err := e.uploads.Save(context.Background(), r.Submitter.OpenID, buf.Bytes())
	if err != nil {
		e.t.Fatal(err)
	}
	r.Attachments = append(r.Attachments, cases.Attachment{Kind: "image", Ref: up.ID})
}

// client is a browser-like HTTP client that does not follow redirects.
type client struct {
	e    *env
	http *http.Client
	csrf string
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// send sends a request with a raw body and optional header pairs, and
// returns the response (body already read) and its body.
func (c *client) send(method, path, contentType, body string, header ...string) (*http.Response, string) {
	c.e.t.Helper()
	req, err := http.NewRequest(method, c.e.base+path, strings.NewReader(body))
	if err != nil {
		c.e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	// The sign-in form carries its own token, not the session's.
	if m := csrfField.FindSubmatch(b); m != nil && (!strings.Contains(string(b), `id="login"`) || method == "GET") {
		c.csrf = string(m[1])
	}
	return resp, string(b)
}

// do sends a form (nil: no body) and returns the status, Location and body.
func (c *client) do(method, path string, form url.Values, header ...string) (int, string, string) {
	c.e.t.Helper()
	var resp *http.Response
	var body string
	if form == nil {
		resp, body = c.send(method, path, "", "", header...)
	} else {
		resp, body = c.send(method, path, "application/x-www-form-urlencoded", form.Encode(), header...)
	}
	return resp.StatusCode, resp.Header.Get("Location"), body
}

// json calls the staff API with a bearer token ("" for none).
func (c *client) json(token, method, path, body string) (*http.Response, string) {
	c.e.t.Helper()
	var hdr []string
	if token != "" {
		hdr = []string{"Authorization", "Bearer " + token}
	}
	ct := ""
	if body != "" {
		ct = "application/json"
	}
	return c.send(method, path, ct, body, hdr...)
}

func (c *client) get(path string) (int, string, string) { return c.do("GET", path, nil) }

// post sends a form with the session's CSRF token.
func (c *client) post(path string, kv ...string) (int, string, string) {
	c.e.t.Helper()
	form := url.Values{"_csrf": {c.csrf}}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Set(kv[i], kv[i+1])
	}
	return c.do("POST", path, form)
}

// login signs in and returns the status of the sign-in POST.
func (c *client) login(username, password string, header ...string) (int, string, string) {
	c.e.t.Helper()
	c.get("/workbench/login")
	form := url.Values{"_csrf": {c.csrf}, "username": {username}, "password": {password}}
	status, loc, body := c.do("POST", "/workbench/login", form, header...)
	if status == http.StatusSeeOther {
		c.get("/workbench/password") // any signed-in page carries the session's CSRF token
	}
	return status, loc, body
}

func (c *client) mustLogin(username string) *client {
	c.e.t.Helper()
	if status, _, body := c.login(username, testPassword); status != http.StatusSeeOther {
		c.e.t.Fatalf("login %s: %d %s", username, status, body)
	}
	return c
}

// auditRows returns the audit log's rows of one action.
func (e *env) auditRows(action string) []staff.AuditEntry {
	e.t.Helper()
	rows, _, err := e.st.AuditLog(context.Background(), staff.AuditQuery{Action: action, Limit: 1000})
	if err != nil {
		e.t.Fatal(err)
	}
	return rows
}

// finish takes a case through 签收, 答复 and 办结 as a unit's handler.
func (e *env) finish(id, unit string) {
	e.t.Helper()
	ctx, actor := context.Background(), cases.Staff("handler", unit)
	if _, err := e.svc.Accept(ctx, id, actor); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.svc.Reply(ctx, id, actor, "已修复"); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.svc.Close(ctx, id, actor, "已修复，办结"); err != nil {
		e.t.Fatal(err)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// passwordShown finds the one-time password on the accounts page.
var passwordShown = regexp.MustCompile(`初始密码：<code>([^<]+)</code>`)
