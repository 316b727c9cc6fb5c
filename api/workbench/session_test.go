package workbench

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"petitiond/configs"
	"petitiond/staff"
)

func TestSessionExpiresWhenIdleAndAtItsMaximum(t *testing.T) {
	e := newEnv(t)
	e.account("li", staff.RoleHandler, "urban")
	li := e.client().mustLogin("li")
	e.clk.Advance(29 * time.Minute)
	if status, _, _ := li.get("/workbench/cases"); status != 200 {
		t.Fatalf("29 idle minutes: %d", status)
	}
	e.clk.Advance(31 * time.Minute)
	if status, loc, _ := li.get("/workbench/cases"); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/workbench/login?next=%2Fworkbench%2Fcases") {
		t.Fatalf("after 31 idle minutes: %d %s", status, loc)
	}

	li = e.client().mustLogin("li")
	for i := 0; i < 25; i++ { // busy all day: a request every 29 minutes
		e.clk.Advance(29 * time.Minute)
		if status, _, _ := li.get("/workbench/cases"); status != 200 {
			if elapsed := time.Duration(i+1) * 29 * time.Minute; elapsed <= 12*time.Hour {
				t.Fatalf("signed out after %s of activity", elapsed)
			}
			return
		}
	}
	t.Fatal("a session outlived its 12-hour maximum")
}

func TestLoginLockoutPerUsernameAndPerAddress(t *testing.T) {
	e := newEnv(t)
	e.account("li", staff.RoleHandler, "urban")
	cl := e.client()
	for i := 0; i < 4; i++ {
		if status, _, body := cl.login("li", "wrong-password"); status != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码不正确") {
			t.Fatalf("failure %d: %d", i+1, status)
		}
	}
	if status, _, body := cl.login("li", "wrong-password"); status != http.StatusTooManyRequests || !strings.Contains(body, "临时锁定") {
		t.Fatalf("fifth failure: %d", status)
	}
	// Locked: even the right password is refused, without being checked.
	if status, _, body := cl.login("li", testPassword); status != http.StatusTooManyRequests || !strings.Contains(body, "分钟后再试") {
		t.Fatalf("while locked: %d", status)
	}
	if n := len(e.auditRows(staff.AuditLoginFailed)); n != 5 {
		t.Errorf("%d failed sign-ins audited, want 5", n)
	}
	if n := len(e.auditRows(staff.AuditLocked)); n != 1 {
		t.Errorf("%d lockouts audited, want 1", n)
	}
	e.clk.Advance(16 * time.Minute)
	if status, _, _ := cl.login("li", testPassword); status != http.StatusSeeOther {
		t.Fatalf("after the lockout: %d", status)
	}

	// One address guessing across many usernames is locked too.
	e2 := newEnv(t, func(w *configs.Workbench, _ *[]string) { w.LoginMaxFailuresIP = 3 })
	e2.account("wang", staff.RoleHandler, "urban")
	guesser := e2.client()
	for _, u := range []string{"a1", "a2", "a3"} {
		guesser.login(u, "x")
	}
	if status, _, _ := guesser.login("wang", testPassword); status != http.StatusTooManyRequests {
		t.Fatalf("address lock: %d", status)
	}
}

func TestFormsNeedTheSessionsCSRFToken(t *testing.T) {
	e := newEnv(t)
	e.account("li", staff.RoleHandler, "urban")
	c := e.submit("路灯不亮", "urban")
	li := e.client().mustLogin("li")
	for _, token := range []string{"", "forged"} {
		li.csrf = token
		status, _, body := li.post("/workbench/cases/" + c.ID + "/accept")
		if status != http.StatusForbidden || !strings.Contains(body, "页面已过期") {
			t.Fatalf("token %q: %d", token, status)
		}
	}
	if got, _ := e.svc.Get(context.Background(), c.ID); got.Status != c.Status {
		t.Fatal("a forged form changed the case")
	}
	// The sign-in form has its own token, bound to a cookie.
	cl := e.client()
	cl.get("/workbench/login")
	cl.csrf = "forged"
	if status, _, _ := cl.post("/workbench/login", "username", "li", "password", testPassword); status != http.StatusForbidden {
		t.Fatalf("forged sign-in form: %d", status)
	}
}

func TestSessionCookieAttributes(t *testing.T) {
	e := newEnv(t, func(_ *configs.Workbench, p *[]string) { *p = []string{"127.0.0.1"} })
	e.account("li", staff.RoleHandler, "urban")
	cookie := func(header ...string) string {
		cl := e.client()
		cl.get("/workbench/login")
		resp, _ := cl.send("POST", "/workbench/login", "application/x-www-form-urlencoded", "username=li&password="+testPassword+"&_csrf="+cl.csrf, header...)
		for _, v := range resp.Header.Values("Set-Cookie") {
			if strings.HasPrefix(v, sessionCookie+"=") {
				return v
			}
		}
		t.Fatalf("no session cookie (%d)", resp.StatusCode)
		return ""
	}
	plain := strings.ToLower(cookie())
	if !strings.Contains(plain, "httponly") || !strings.Contains(plain, "samesite=strict") || strings.Contains(plain, "secure") {
		t.Errorf("plain http cookie: %s", plain)
	}
	if tls := strings.ToLower(cookie("X-Forwarded-Proto", "https")); !strings.Contains(tls, "secure") {
		t.Errorf("behind the TLS proxy: %s", tls)
	}
	// The same header from a peer that is not a trusted proxy is ignored.
	e2 := newEnv(t)
	e2.account("li", staff.RoleHandler, "urban")
	e = e2
	if v := strings.ToLower(cookie("X-Forwarded-Proto", "https")); strings.Contains(v, "secure") {
		t.Errorf("untrusted X-Forwarded-Proto honoured: %s", v)
	}
}

func TestSignOutDisableAndForcedPasswordChange(t *testing.T) {
	e := newEnv(t)
	e.account("root", staff.RoleAdmin, "")
	e.account("li", staff.RoleHandler, "urban")
	// A session id planted in the browser before sign-in is not the one used after.
	li := e.client()
	li.http.Jar.SetCookies(mustURL(e.base), []*http.Cookie{{Name: sessionCookie, Value: "planted-by-someone"}})
	li.mustLogin("li")
	for _, ck := range li.http.Jar.Cookies(mustURL(e.base)) {
		if ck.Name == sessionCookie && ck.Value == "planted-by-someone" {
			t.Error("the planted session id survived sign-in")
		}
	}

	// An admin disables li: li's session ends at its next request.
	root := e.client().mustLogin("root")
	if status, _, _ := root.post("/workbench/accounts/li/disable"); status != http.StatusSeeOther {
		t.Fatalf("disable: %d", status)
	}
	if status, loc, _ := li.get("/workbench/cases"); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/workbench/login") {
		t.Fatalf("disabled account still signed in: %d", status)
	}
	if status, _, _ := e.client().login("li", testPassword); status != http.StatusUnauthorized {
		t.Fatalf("disabled account signed in: %d", status)
	}
	// Re-enabled with a password reset: li must choose a new password first.
	root.post("/workbench/accounts/li/enable")
	_, _, body := root.post("/workbench/accounts/li/password")
	m := passwordShown.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("reset password not shown:\n%s", body)
	}
	li = e.client()
	if status, loc, _ := li.login("li", m[1]); status != http.StatusSeeOther || loc != "/workbench/password" {
		t.Fatalf("sign-in with a reset password: %d %s", status, loc)
	}
	if status, loc, _ := li.get("/workbench/cases"); status != http.StatusSeeOther || loc != "/workbench/password" {
		t.Fatalf("pages before changing the password: %d %s", status, loc)
	}
	if status, _, _ := li.post("/workbench/password", "current", m[1], "password", "my-own-secret-1", "confirm", "my-own-secret-1"); status != http.StatusSeeOther {
		t.Fatalf("change password: %d", status)
	}
	if status, _, _ := li.get("/workbench/cases"); status != 200 {
		t.Fatalf("after changing the password: %d", status)
	}
	// Signing out ends the session on the server, not only in the browser.
	sid := li.http.Jar.Cookies(mustURL(e.base))
	li.post("/workbench/logout")
	replay := e.client()
	replay.http.Jar.SetCookies(mustURL(e.base), sid)
	if status, _, _ := replay.get("/workbench/cases"); status != http.StatusSeeOther {
		t.Fatalf("a signed-out session still works: %d", status)
	}
}
