package configs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsWithoutFile(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "missing.yaml"), true, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != ":8080" || c.DataDir != "./data" || !c.EmbeddedDatabase() || !c.EmbeddedRedis() || c.DataCipher != "aes-gcm" {
		t.Errorf("defaults: %+v", c)
	}
	if c.WeChat.APIBase != "https://api.weixin.qq.com" {
		t.Errorf("api base %q", c.WeChat.APIBase)
	}
}

func TestFileThenEnvironment(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "petitiond.yaml")
	os.WriteFile(p, []byte("http_addr: \":9000\"\ndata_dir: /srv/data\nshutdown_timeout: 5s\nwechat:\n  app_id: wx-file\n"), 0o600)
	c, err := Load(p, false, env(map[string]string{"PETITIOND_HTTP_ADDR": ":9100", "PETITIOND_WECHAT_APPID": "wx-env"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != ":9100" || c.DataDir != "/srv/data" || c.WeChat.AppID != "wx-env" || c.ShutdownTimeout != 5*time.Second {
		t.Errorf("got %+v", c)
	}
	if c.ConfigDir != dir {
		t.Errorf("config dir %q, want the file's directory", c.ConfigDir)
	}
}

func TestInvalidValuesNameTheKey(t *testing.T) {
	tests := map[string]string{
		"PETITIOND_DATABASE_URL":     "mysql://x",
		"PETITIOND_REDIS_URL":        "http://x",
		"PETITIOND_DATA_CIPHER":      "des",
		"PETITIOND_TRACKING_PREFIX":  "ny1",
		"PETITIOND_TIMEZONE":         "Mars/Base",
		"PETITIOND_SHUTDOWN_TIMEOUT": "soon",
		"PETITIOND_LOG_FORMAT":       "xml",
		"PETITIOND_WECHAT_API_BASE":  "ftp://x",
	}
	for name, value := range tests {
		_, err := Load("", true, env(map[string]string{name: value}))
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: error %v does not name the key", name, value, err)
		}
	}
}

func TestUnknownFileKeyFails(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(p, []byte("htp_addr: x\n"), 0o600)
	if _, err := Load(p, false, env(nil)); err == nil || !strings.Contains(err.Error(), "htp_addr") {
		t.Errorf("typo in the file: %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.yaml"), false, env(nil)); err == nil {
		t.Error("a named but missing file must fail")
	}
}

func TestFixedEnvironmentNames(t *testing.T) {
	have := strings.Join(EnvNames(), " ")
	for _, n := range []string{"PETITIOND_HTTP_ADDR", "PETITIOND_DATA_DIR", "PETITIOND_DATABASE_URL", "PETITIOND_REDIS_URL",
		"PETITIOND_DATA_KEY", "PETITIOND_WECHAT_TOKEN", "PETITIOND_WECHAT_APPID", "PETITIOND_WECHAT_APPSECRET",
		"PETITIOND_WECHAT_AES_KEY", "PETITIOND_MINIPROGRAM_APPID", "PETITIOND_MINIPROGRAM_SECRET", "PETITIOND_WECHAT_API_BASE"} {
		if !strings.Contains(have, n) {
			t.Errorf("%s is not read", n)
		}
	}
}

func TestFilesOverlay(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "deadlines.yaml"), []byte("custom"), 0o600)
	f := Files(dir)
	b, err := readAll(f, "deadlines.yaml")
	if err != nil || string(b) != "custom" {
		t.Errorf("override not used: %q %v", b, err)
	}
	if _, err := readAll(Files(""), "deadlines.yaml"); err != nil {
		t.Errorf("embedded default: %v", err)
	}
}

func TestWorkbenchSettings(t *testing.T) {
	c, err := Load(filepath.Join(t.TempDir(), "missing.yaml"), true, env(map[string]string{"PETITIOND_WORKBENCH_SESSION_IDLE": "20m"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Workbench.SessionIdle != 20*time.Minute || c.Workbench.SessionMax != 12*time.Hour || c.Workbench.LoginMaxFailures != 5 {
		t.Errorf("workbench %+v", c.Workbench)
	}
	// An idle expiry longer than the maximum makes no sense.
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml"), true, env(map[string]string{"PETITIOND_WORKBENCH_SESSION_IDLE": "13h"})); err == nil || !strings.Contains(err.Error(), "workbench") {
		t.Errorf("13h idle: %v", err)
	}
}
