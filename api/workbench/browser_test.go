package workbench

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"petitiond/cases"
	"petitiond/staff"
	"petitiond/testenv"
)

// The browser tests drive the real pages in headless Chromium: one browser
// for the package, started by the first test that needs it, and a fresh
// browser context (own cookies) per test.

var headless struct {
	once sync.Once
	ctx  context.Context
	stop func()
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if headless.stop != nil {
		headless.stop()
	}
	os.Exit(code)
}

func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser returns a new isolated tab, or skips (fails in CI) without Chromium.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if testenv.HavePostgres() { // under .ci/run: the browser is required
			t.Fatal("chromium not found: the browser tests need Debian's chromium package (.ci/run installs it)")
		}
		t.Skip("chromium not installed: browser tests skipped (.ci/run installs it)")
	}
	headless.once.Do(func() {
		dir, err := os.MkdirTemp("", "petitiond-chromium-")
		if err != nil {
			headless.err = err
			return
		}
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-background-networking", true),
			chromedp.NoFirstRun,
			chromedp.UserDataDir(dir),
			chromedp.WindowSize(1280, 900),
		)
		ctx, cancel := chromedp.NewContext(alloc)
		headless.ctx = ctx
		headless.stop = func() { cancel(); cancelAlloc(); os.RemoveAll(dir) }
		headless.err = chromedp.Do(ctx) // starts the browser
	})
	if headless.err != nil {
		t.Fatalf("start chromium: %v", headless.err)
	}
	tab, cancelTab := chromedp.NewContext(headless.ctx, chromedp.WithNewBrowserContext())
	ctx, cancel := context.WithTimeout(tab, 45*time.Second)
	t.Cleanup(func() { cancel(); cancelTab() })
	return ctx
}

// artifact writes a test artefact under testdata/artifacts at the
// repository root (git-ignored) and logs its path.
func artifact(t *testing.T, name string, b []byte) {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
	out := filepath.Join(dir, "testdata", "artifacts")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(out, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("artefact: %s", p)
}

func must(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	must(t, err, "text of "+sel)
	return s
}

// click clicks and waits for the page the click leads to.
func click(t *testing.T, ctx context.Context, sel string) int64 {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	must(t, err, "click "+sel)
	return resp.Status
}

func signIn(t *testing.T, ctx context.Context, e *env, username string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.NavigateResponse(e.base+"/workbench"))
	must(t, err, "open the workbench")
	must(t, chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.ID("login")),
		chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
	), "fill the sign-in form")
	if status := click(t, ctx, "#login-submit"); status != 200 {
		t.Fatalf("sign-in answered %d", status)
	}
}

func TestBrowserHandlerAcceptsRepliesAndCloses(t *testing.T) {
	e := newEnv(t)
	e.account("li", staff.RoleHandler, "urban")
	c := e.submit("小区路灯坏了三个月没人修，晚上很危险", "urban")
	e.submit("井盖丢失", "urban")
	ctx := browser(t)

	signIn(t, ctx, e, "li")
	must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("cases"))), "inbox")
	if inbox := text(t, ctx, "#cases"); !strings.Contains(inbox, c.TrackingNo) || !strings.Contains(inbox, "正常") {
		t.Fatalf("inbox: %s", inbox)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(t, err, "screenshot")
	artifact(t, "inbox.png", shot)
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2))), "phone viewport")
	shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(t, err, "screenshot")
	artifact(t, "inbox-phone.png", shot)

	click(t, ctx, `a[href="/workbench/cases/`+c.ID+`"]`)
	must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("form-accept"))), "case page")
	if got := text(t, ctx, "#pd-phone"); !strings.Contains(got, "138****1234") {
		t.Errorf("phone shown as %q", got)
	}
	click(t, ctx, "#form-accept button")
	if got := text(t, ctx, "#status"); got != cases.StatusAccepted.Label() {
		t.Fatalf("after 签收: %q (%s)", got, text(t, ctx, "main"))
	}
	shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(t, err, "screenshot")
	artifact(t, "case.png", shot)
	must(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#form-reply textarea"), "您好，路灯已于今日修复，感谢您的反映。")), "type the reply")
	click(t, ctx, "#form-reply button")
	if got := text(t, ctx, "#flash"); !strings.Contains(got, "答复已提交") {
		t.Errorf("flash %q", got)
	}
	must(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#form-close textarea"), "路灯已修复，办结。")), "type the result")
	click(t, ctx, "#form-close button")
	if got := text(t, ctx, "#status"); got != cases.StatusClosed.Label() {
		t.Fatalf("after 办结: %q", got)
	}
	if tl := text(t, ctx, "#timeline"); !strings.Contains(tl, "路灯已于今日修复") || !strings.Contains(tl, "li（城市管理局）") {
		t.Errorf("timeline: %s", tl)
	}
	got, _ := e.svc.Get(context.Background(), c.ID)
	if got.Status != cases.StatusClosed {
		t.Errorf("stored status %s", got.Status)
	}
}

func TestBrowserHandlerCannotOpenAnotherUnitsCase(t *testing.T) {
	e := newEnv(t)
	e.account("li", staff.RoleHandler, "urban")
	other := e.submit("超市卖过期食品", "market")
	ctx := browser(t)
	signIn(t, ctx, e, "li")
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(e.base+"/workbench/cases/"+other.ID))
	must(t, err, "open another unit's case")
	if resp.Status != 404 {
		t.Errorf("status %d, want 404", resp.Status)
	}
	if page := text(t, ctx, "#error"); !strings.Contains(page, "未找到") || strings.Contains(page, "过期食品") {
		t.Errorf("page: %s", page)
	}
}

func TestBrowserOversightApprovesAnExtension(t *testing.T) {
	e := newEnv(t)
	ctx0 := context.Background()
	e.account("ov", staff.RoleOversight, "")
	c := e.submit("违建拆除涉及多个部门", "urban")
	e.submit("超市卖过期食品", "market")
	actor := cases.Staff("li", "urban")
	if _, err := e.svc.Accept(ctx0, c.ID, actor); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.RequestExtension(ctx0, c.ID, actor, "handling", 20, "需协调规划、住建部门联合执法"); err != nil {
		t.Fatal(err)
	}
	before, _ := e.svc.Get(ctx0, c.ID)
	ctx := browser(t)
	signIn(t, ctx, e, "ov")
	must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("section-1"))), "oversight console")
	if s := text(t, ctx, "#section-1"); !strings.Contains(s, c.TrackingNo) || !strings.Contains(s, "需协调规划") {
		t.Fatalf("extension list: %s", s)
	}
	must(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#section-1 input[name=note]"), "同意延期20日")), "type the note")
	click(t, ctx, "#section-1 button.approve")
	if got := text(t, ctx, "#flash"); !strings.Contains(got, "已批准延期") {
		t.Errorf("flash %q", got)
	}
	after, _ := e.svc.Get(ctx0, c.ID)
	if after.Status != cases.StatusAccepted || after.Extension == nil || after.Extension.Decision != "granted" || !after.NextDueAt.After(*before.NextDueAt) {
		t.Errorf("after approval: %s %+v", after.Status, after.Extension)
	}

	_, err := chromedp.Run(ctx, chromedp.NavigateResponse(e.base+"/workbench/dashboard"))
	must(t, err, "dashboard")
	must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("tiles"))), "dashboard tiles")
	if tiles := text(t, ctx, "#tiles"); !strings.Contains(tiles, "2") {
		t.Errorf("tiles: %s", tiles)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(t, err, "screenshot")
	artifact(t, "dashboard.png", shot)
}
