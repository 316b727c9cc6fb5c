package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The first admin is created with `petitiond user add`, then signs in to
// the served workbench.
func TestUserCommandAndWorkbenchSignIn(t *testing.T) {
	dir := t.TempDir()
	run := func(stdin string, args ...string) (string, error) {
		cmd := exec.Command(binary, args...)
		cmd.Dir = dir
		cmd.Env = cleanEnv()
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("correct-horse-42\n", "user", "add", "--username", "Root", "--role", "admin", "--name", "管理员", "--password-stdin"); err != nil || !strings.Contains(out, "created root (admin)") {
		t.Fatalf("add admin: %v\n%s", err, out)
	}
	out, err := run("", "user", "add", "--username", "li", "--role", "handler", "--department", "urban")
	if err != nil || !regexp.MustCompile(`initial password \(shown once.*\): \S{10,}`).MatchString(out) {
		t.Fatalf("add handler with a generated password: %v\n%s", err, out)
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"user", "add", "--username", "root", "--role", "admin"}, "--username: 该用户名已存在"},
		{[]string{"user", "add", "--username", "wang", "--role", "boss"}, "--role"},
		{[]string{"user", "add", "--username", "wang", "--role", "handler"}, "--department"},
		{[]string{"user", "add", "--username", "wang", "--role", "handler", "--department", "mars"}, "--department"},
		{[]string{"user"}, "usage"},
	} {
		if out, err := run("", bad.args...); err == nil || !strings.Contains(out, bad.want) {
			t.Errorf("%v: err %v, output %s", bad.args, err, out)
		}
	}
	if out, err := run("", "user", "token", "--department", "urban", "--name", "城管系统"); err != nil || !strings.Contains(out, "pdt_") {
		t.Fatalf("token: %v\n%s", err, out)
	}

	addr := freePort(t)
	cmd := exec.Command(binary)
	cmd.Dir = dir
	cmd.Env = cleanEnv("PETITIOND_HTTP_ADDR=" + addr)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := "http://" + addr
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var page string
	for deadline := time.Now().Add(30 * time.Second); ; {
		resp, err := client.Get(base + "/workbench/login")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				page = string(b)
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no sign-in page within 30 s; logs:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token on the sign-in page:\n%s", page)
	}
	resp, err := client.PostForm(base+"/workbench/login", url.Values{"_csrf": {m[1]}, "username": {"root"}, "password": {"correct-horse-42"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d; logs:\n%s", resp.StatusCode, logs.String())
	}
	resp, err = client.Get(base + "/workbench/accounts")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "管理员") || !strings.Contains(string(b), "城市管理局") {
		t.Errorf("accounts page %d:\n%s", resp.StatusCode, b)
	}
}
