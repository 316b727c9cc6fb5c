package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"petitiond/testenv"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "petitiond-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "petitiond")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cleanEnv drops the caller's PETITIOND_* settings so each test states its own.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PETITIOND_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

func TestDeadlineCommand(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"deadline", "--from", "2026-09-30", "--days", "5", "--working"}, "2026-10-13\n"},
		{[]string{"deadline", "--from", "2026-02-13", "--days", "3", "--working"}, "2026-02-25\n"},
		{[]string{"deadline", "--from", "2026-09-16", "--days", "15"}, "2026-10-08\n"},
		{[]string{"deadline", "--from", "2026-12-30", "--days", "2", "--working"}, "2027-01-04\n"},
	}
	for _, tt := range tests {
		// From another working directory: the calendar is embedded.
		cmd := exec.Command(binary, tt.args...)
		cmd.Dir = t.TempDir()
		cmd.Env = cleanEnv()
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil || out.String() != tt.want {
			t.Errorf("%v: stdout %q (want %q), err %v, stderr %s", tt.args, out.String(), tt.want, err, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if err := run([]string{"deadline", "--from", "2026-13-01", "--days", "1"}, nil, &out, &errb); err == nil {
		t.Error("a bad date was accepted")
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// go run ./cmd/petitiond on a fresh machine: answers /healthz and /readyz,
// creates its SQLite file, and stops cleanly within 10 s of SIGTERM.
func TestEmbeddedServeLifecycle(t *testing.T) {
	dir := t.TempDir()
	addr := freePort(t)
	cmd := exec.Command(binary)
	cmd.Dir = dir
	cmd.Env = cleanEnv("PETITIOND_HTTP_ADDR=" + addr)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	}()

	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no /healthz within 30 s; logs:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	var ready struct {
		Status string                    `json:"status"`
		Checks map[string]map[string]any `json:"checks"`
	}
	json.NewDecoder(resp.Body).Decode(&ready)
	resp.Body.Close()
	if resp.StatusCode != 200 || ready.Status != "ok" || ready.Checks["database"]["backend"] != "sqlite" || ready.Checks["redis"]["ok"] != true {
		t.Errorf("readyz %d %+v", resp.StatusCode, ready)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "petitiond.db")); err != nil {
		t.Errorf("SQLite file not created: %v", err)
	}
	if st, err := os.Stat(filepath.Join(dir, "data", "data.key")); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("data key: %v", err)
	}

	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v; logs:\n%s", err, logs.String())
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("shutdown took %v", d)
		}
	case <-time.After(12 * time.Second):
		t.Fatalf("still running 12 s after SIGTERM; logs:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `"mode":"embedded"`) {
		t.Errorf("start-up log does not say the mode:\n%s", logs.String())
	}
}

func TestSplitRolesAndProductionFailFast(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  []string
		want string
	}{
		{"api needs redis", []string{"api"}, nil, "PETITIOND_REDIS_URL"},
		{"worker needs redis", []string{"worker"}, nil, "PETITIOND_REDIS_URL"},
		{"postgres needs a data key", []string{"migrate"}, []string{"PETITIOND_DATABASE_URL=postgres://127.0.0.1:1/x"}, "PETITIOND_DATA_KEY"},
		{"bad config value", []string{"serve"}, []string{"PETITIOND_DATA_CIPHER=rot13"}, "PETITIOND_DATA_CIPHER"},
		{"unknown command", []string{"frobnicate"}, nil, "unknown command"},
	}
	for _, tt := range tests {
		cmd := exec.Command(binary, tt.args...)
		cmd.Dir = t.TempDir()
		cmd.Env = cleanEnv(append(tt.env, "PETITIOND_HTTP_ADDR="+freePort(t))...)
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), tt.want) {
			t.Errorf("%s: err %v, output %s", tt.name, err, out)
		}
	}
}

func TestMigrateCommandOnPostgres(t *testing.T) {
	url := testenv.Postgres(t)
	key := "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="
	for i, want := range []string{"applied 0001_cases.sql", "database is up to date"} {
		cmd := exec.Command(binary, "migrate")
		cmd.Dir = t.TempDir()
		cmd.Env = cleanEnv("PETITIOND_DATABASE_URL="+url, "PETITIOND_DATA_KEY="+key)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), want) {
			t.Errorf("migrate run %d: %v\n%s", i+1, err, out)
		}
	}
}
