package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

func TestReadyz(t *testing.T) {
	ok := func(ctx context.Context) (map[string]any, error) { return map[string]any{"backend": "x"}, nil }
	down := func(ctx context.Context) (map[string]any, error) { return nil, errors.New("connection refused") }
	tests := []struct {
		name     string
		checks   []Check
		status   int
		warnings bool
	}{
		{"all up", []Check{{Name: "database", Critical: true, Run: ok}, {Name: "calendar", Run: ok}}, 200, false},
		{"database down", []Check{{Name: "database", Critical: true, Run: down}}, 503, false},
		{"calendar gap only warns", []Check{{Name: "database", Critical: true, Run: ok}, {Name: "calendar", Run: down}}, 200, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := NewApp(AppConfig{Logger: slog.New(slog.DiscardHandler), Registry: prometheus.NewRegistry(), Checks: tt.checks})
			resp, err := app.Test(httptest.NewRequest("GET", "/readyz", nil))
			if err != nil {
				t.Fatal(err)
			}
			var body struct {
				Status   string                    `json:"status"`
				Checks   map[string]map[string]any `json:"checks"`
				Warnings []string                  `json:"warnings"`
			}
			b, _ := io.ReadAll(resp.Body)
			if err := json.Unmarshal(b, &body); err != nil {
				t.Fatalf("body %s: %v", b, err)
			}
			if resp.StatusCode != tt.status || (len(body.Warnings) > 0) != tt.warnings {
				t.Errorf("status %d warnings %v; body %s", resp.StatusCode, body.Warnings, b)
			}
			if _, ok := body.Checks["database"]; !ok {
				t.Errorf("no database details: %s", b)
			}
		})
	}
}

func TestErrorShapeAndMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	app := NewApp(AppConfig{Logger: slog.New(slog.DiscardHandler), Registry: reg})
	resp, _ := app.Test(httptest.NewRequest("GET", "/nowhere", nil))
	b, _ := io.ReadAll(resp.Body)
	var body struct {
		Error Error `json:"error"`
	}
	if resp.StatusCode != 404 || json.Unmarshal(b, &body) != nil || body.Error.Code != "not_found" || body.Error.Message == "" {
		t.Errorf("404 body %s", b)
	}
	resp, _ = app.Test(httptest.NewRequest("GET", "/healthz", nil))
	if resp.StatusCode != 200 {
		t.Errorf("healthz %d", resp.StatusCode)
	}
	resp, _ = app.Test(httptest.NewRequest("GET", "/metrics", nil))
	b, _ = io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "petitiond_http_requests_total") {
		t.Errorf("metrics: %d", resp.StatusCode)
	}
}
