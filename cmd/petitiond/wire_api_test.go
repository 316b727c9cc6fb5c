package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"petitiond/api"
	"petitiond/configs"
	"petitiond/wechat/wechattest"
)

// Every route under /api/v1, whichever wiring file mounts it, is in the
// OpenAPI document, and everything the document lists is routed.
func TestAPIDocumentCoversEveryRoute(t *testing.T) {
	cfg := configs.Default()
	cfg.DataDir = t.TempDir()
	cfg.WeChat.MiniProgramAppID, cfg.WeChat.MiniProgramSecret = "wxmini", "secret"
	rt, err := build(context.Background(), cfg, "serve", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer rt.close()
	app := api.NewApp(api.AppConfig{Logger: rt.log, Registry: rt.registry})
	for name, mount := range map[string]func() error{
		"api": func() error { return mountAPI(app, rt) }, "bot": func() error { return mountBot(app, rt) },
		"jobs": func() error { return mountJobsHTTP(app, rt) }, "workbench": func() error { return mountWorkbench(app, rt) },
	} {
		if err := mount(); err != nil {
			t.Fatalf("mount %s: %v", name, err)
		}
	}
	if problems := api.CheckRoutes(app, rt.apiDoc(), api.Prefix); len(problems) > 0 {
		t.Errorf("the OpenAPI document and the routes disagree:\n%v", problems)
	}
}

// The binary in embedded mode serves the mini-program against the fake
// WeChat API: login, upload, submit, detail; the photo lands in the data dir.
func TestMiniProgramThroughTheBinary(t *testing.T) {
	fake := wechattest.NewServer()
	defer fake.Close()
	fake.AddCode("c1", "mp-bin", "")
	dir := t.TempDir()
	addr := freePort(t)
	cmd := exec.Command(binary)
	cmd.Dir = dir
	cmd.Env = cleanEnv("PETITIOND_HTTP_ADDR="+addr, "PETITIOND_MINIPROGRAM_APPID=wxmini", "PETITIOND_MINIPROGRAM_SECRET=s",
		"PETITIOND_WECHAT_API_BASE="+fake.URL)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	base := "http://" + addr
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no /healthz; logs:\n%s", logs.String())
		}
	}
	call := func(method, path, token, ctype string, body []byte) map[string]any {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var out map[string]any
		json.Unmarshal(b, &out)
		if resp.StatusCode >= 300 {
			t.Fatalf("%s %s: %d %s\nlogs:\n%s", method, path, resp.StatusCode, b, logs.String())
		}
		return out
	}
	tok, _ := call("POST", "/api/v1/auth/login", "", "application/json", []byte(`{"code":"c1"}`))["token"].(string)

	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, _ := mw.CreateFormFile("file", "p.png")
	png.Encode(fw, image.NewGray(image.Rect(0, 0, 3, 2)))
	mw.Close()
	id, _ := call("POST", "/api/v1/uploads", tok, mw.FormDataContentType(), form.Bytes())["id"].(string)

	body, _ := json.Marshal(map[string]any{"kind": "complaint", "text": "路灯坏了", "attachments": []string{id}})
	no, _ := call("POST", "/api/v1/cases", tok, "application/json", body)["tracking_no"].(string)
	detail := call("GET", "/api/v1/cases/"+no, tok, "", nil)
	if detail["status"] != "submitted" || len(detail["timeline"].([]any)) != 1 {
		t.Errorf("detail %v", detail)
	}
	var blobs int
	filepath.Walk(filepath.Join(dir, "data", "uploads"), func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			blobs++
		}
		return nil
	})
	if blobs != 1 {
		t.Errorf("%d blobs in data/uploads, want 1", blobs)
	}
	if doc := call("GET", "/api/v1/openapi.json", "", "", nil); doc["openapi"] != "3.0.3" {
		t.Errorf("openapi.json: %v", doc["openapi"])
	}
}
