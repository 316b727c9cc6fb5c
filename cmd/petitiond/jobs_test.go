package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// The serve role runs the workers (the start-up reconciliation goes through
// them) and mounts the queue monitor behind the admin login, read-only.
func TestServeRunsJobsAndGuardsMonitor(t *testing.T) {
	addr := freePort(t)
	cmd := exec.Command(binary)
	cmd.Dir = t.TempDir()
	cmd.Env = cleanEnv("PETITIOND_HTTP_ADDR="+addr, "PETITIOND_ADMIN_PASSWORD=monitor-pw")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	get := func(method, path, pass string) (*http.Response, error) {
		req, _ := http.NewRequest(method, "http://"+addr+path, nil)
		if pass != "" {
			req.SetBasicAuth("admin", pass)
		}
		return http.DefaultClient.Do(req)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := get("GET", "/admin/queues/api/queues", "monitor-pw")
		if err == nil {
			var body struct {
				Queues []struct {
					Queue     string `json:"queue"`
					Processed int    `json:"processed"`
				} `json:"queues"`
			}
			json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if resp.StatusCode == 200 && len(body.Queues) > 0 && body.Queues[0].Queue == "critical" && body.Queues[0].Processed >= 1 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("workers did not run the start-up reconciliation within 30 s; logs:\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, tc := range []struct {
		method, pass string
		want         int
	}{{"GET", "", 401}, {"GET", "wrong", 401}, {"DELETE", "monitor-pw", 405}, {"GET", "monitor-pw", 200}} {
		resp, err := get(tc.method, "/admin/queues", tc.pass)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s /admin/queues (%q): %d, want %d", tc.method, tc.pass, resp.StatusCode, tc.want)
		}
	}
}
