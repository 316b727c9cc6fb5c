package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"petitiond/testenv"
)

// startServer runs the binary with env until the test ends and returns its
// base URL once /healthz answers.
func startServer(t *testing.T, dir string, env ...string) (string, *bytes.Buffer) {
	t.Helper()
	addr := freePort(t)
	cmd := exec.Command(binary)
	cmd.Dir = dir
	cmd.Env = cleanEnv(append(env, "PETITIOND_HTTP_ADDR="+addr)...)
	logs := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return base, logs
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no /healthz within 30 s; logs:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// go run ./cmd/petitiond, then the chat console: a newcomer files a
// complaint through the real /wechat (safe mode, development credentials)
// without configuring anything.
func TestChatConsoleWorksOutOfTheBox(t *testing.T) {
	dir := t.TempDir()
	base, logs := startServer(t, dir)
	resp, err := http.Get(base + "/dev/chat")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("console page: %v %v\n%s", resp, err, logs)
	}
	resp.Body.Close()
	say := func(body string) string {
		t.Helper()
		resp, err := http.Post(base+"/dev/chat/send", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Reply     string `json:"reply"`
			Encrypted bool   `json:"encrypted"`
		}
		json.NewDecoder(resp.Body).Decode(&out)
		if resp.StatusCode != 200 || !out.Encrypted {
			t.Fatalf("console send %s: %d %+v\n%s", body, resp.StatusCode, out, logs)
		}
		return out.Reply
	}
	if r := say(`{"openid":"dev-console-cli","type":"subscribe"}`); !strings.Contains(r, "欢迎") {
		t.Errorf("welcome: %q", r)
	}
	say(`{"openid":"dev-console-cli","type":"text","text":"小区门口的路灯坏了一个月了，晚上很黑"}`)
	say(`{"openid":"dev-console-cli","type":"text","text":"好了"}`)
	say(`{"openid":"dev-console-cli","type":"text","text":"2"}`)
	if r := say(`{"openid":"dev-console-cli","type":"text","text":"确认"}`); !strings.Contains(r, "已提交，编号：") {
		t.Errorf("confirm: %q", r)
	}
	st, err := os.Stat(filepath.Join(dir, "data", "wechat-dev.json"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("development credentials: %v", err)
	}
}

// In production the console is off unless configured.
func TestChatConsoleIsOffInProduction(t *testing.T) {
	if !testenv.HaveRedis() {
		t.Skip(testenv.EnvRedisURL + " not set")
	}
	db := testenv.Postgres(t)
	env := []string{
		"PETITIOND_DATABASE_URL=" + db, "PETITIOND_REDIS_URL=" + testenv.RedisURL(t, testenv.DBMain),
		"PETITIOND_DATA_KEY=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
		"PETITIOND_WECHAT_APPID=wx-prod", "PETITIOND_WECHAT_APPSECRET=s", "PETITIOND_WECHAT_TOKEN=t",
		"PETITIOND_WECHAT_API_BASE=http://127.0.0.1:1",
	}
	mig := exec.Command(binary, "migrate")
	mig.Env = cleanEnv(env...)
	if out, err := mig.CombinedOutput(); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	base, _ := startServer(t, t.TempDir(), env...)
	for path, want := range map[string]int{"/dev/chat": 404, "/wechat": 403} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, resp.StatusCode, want)
		}
	}
}
