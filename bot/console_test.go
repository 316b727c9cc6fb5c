package bot_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func consoleSend(t *testing.T, e *env, body string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(e.url+"/dev/chat/send", "application/json", bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, out
}

// The console pushes through the real /wechat, signed and encrypted.
func TestConsoleTalksThroughTheRealEndpoint(t *testing.T) {
	e := newEnv(t)
	resp, err := http.Get(e.url + "/dev/chat")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "/dev/chat/send") {
		t.Fatalf("page %d", resp.StatusCode)
	}
	status, out := consoleSend(t, e, `{"openid":"dev-console-t1","type":"text","text":"小区门口的路灯坏了一个月了"}`)
	if status != 200 || out["encrypted"] != true || out["mode"] != "safe" || !strings.Contains(out["reply"].(string), "照片") {
		t.Fatalf("%d %v", status, out)
	}
	status, out = consoleSend(t, e, `{"openid":"dev-console-t1","type":"image"}`)
	if status != 200 || !strings.Contains(out["reply"].(string), "第1张") {
		t.Fatalf("%d %v", status, out)
	}
	// Only made-up people: a real follower's openid is refused.
	if status, _ := consoleSend(t, e, `{"openid":"o-real-person","type":"text","text":"我的"}`); status != http.StatusBadRequest {
		t.Errorf("real openid: %d", status)
	}
	if status, _ := consoleSend(t, e, `{"openid":"dev-console-t1","type":"fax"}`); status != http.StatusBadRequest {
		t.Errorf("unknown type: %d", status)
	}
	resp, err = http.Get(e.url + "/dev/chat/messages?openid=dev-console-t1")
	if err != nil {
		t.Fatal(err)
	}
	var msgs struct {
		Messages  []map[string]any `json:"messages"`
		Available bool             `json:"available"`
	}
	json.NewDecoder(resp.Body).Decode(&msgs)
	resp.Body.Close()
	if !msgs.Available || msgs.Messages == nil {
		t.Errorf("messages %+v", msgs)
	}
}
