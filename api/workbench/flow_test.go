package workbench

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"petitiond/cases"
	"petitiond/staff"
)

func TestHandlerWorksACaseThroughThePages(t *testing.T) {
	e := newEnv(t)
	e.account("li", staff.RoleHandler, "urban")
	c := e.submit("小区路灯坏了三个月没人修", "urban", e.withPhoto)
	li := e.client().mustLogin("li")

	status, _, body := li.get("/workbench/cases")
	if status != 200 || !strings.Contains(body, c.TrackingNo) || !strings.Contains(body, "正常") {
		t.Fatalf("inbox %d:\n%s", status, body)
	}
	status, _, body = li.get("/workbench/cases/" + c.ID)
	for _, want := range []string{"小区路灯坏了", "张**", "138****1234", "form-accept", "有关部门依职责办理", "受理告知"} {
		if !strings.Contains(body, want) {
			t.Errorf("case page lacks %q", want)
		}
	}
	for _, leak := range []string{"13812341234", "张三丰", "11010519491231002X", "某某路1号"} {
		if strings.Contains(body, leak) {
			t.Errorf("case page shows %q unmasked", leak)
		}
	}
	if status != 200 {
		t.Fatalf("case page %d", status)
	}
	// The photo opens from the page (and only for those who see the case).
	resp, _ := li.send("GET", "/workbench/cases/"+c.ID+"/attachments/0", "", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !strings.Contains(body, "/attachments/0") {
		t.Errorf("attachment: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if resp, _ := li.send("GET", "/workbench/cases/"+c.ID+"/attachments/1", "", ""); resp.StatusCode != 404 {
		t.Errorf("a missing attachment: %d", resp.StatusCode)
	}
	// A voice message sent to the Official Account opens once the bot has fetched it.
	voice := e.submit("噪音扰民，见语音", "urban", func(r *cases.SubmitRequest) {
		r.Attachments = []cases.Attachment{{Kind: "voice", Ref: "MEDIA_1", Origin: cases.OriginWeChat}}
	})
	if _, _, body := li.get("/workbench/cases/" + voice.ID); !strings.Contains(body, "尚未取回") {
		t.Error("a WeChat attachment not yet fetched is not marked so")
	}
	os.MkdirAll(filepath.Join(e.mediaDir, voice.ID), 0o755)
	os.WriteFile(filepath.Join(e.mediaDir, voice.ID, "MEDIA_1.mp3"), []byte("ID3 voice"), 0o644)
	if resp, b := li.send("GET", "/workbench/cases/"+voice.ID+"/attachments/0", "", ""); resp.StatusCode != 200 || b != "ID3 voice" {
		t.Errorf("WeChat voice: %d", resp.StatusCode)
	}
	steps := []struct {
		path string
		kv   []string
		want cases.Status
	}{
		{"/accept", nil, cases.StatusAccepted},
		{"/reply", []string{"note", "路灯已于今日修复。"}, cases.StatusReplied},
		{"/close", []string{"note", "已修复，办结。"}, cases.StatusClosed},
	}
	for _, s := range steps {
		status, loc, _ := li.post("/workbench/cases/"+c.ID+s.path, s.kv...)
		if status != http.StatusSeeOther || loc != "/workbench/cases/"+c.ID {
			t.Fatalf("%s: %d → %q", s.path, status, loc)
		}
		got, _ := e.svc.Get(context.Background(), c.ID)
		if got.Status != s.want {
			t.Fatalf("%s: status %s, want %s", s.path, got.Status, s.want)
		}
		_, _, body = li.get(loc)
		if !strings.Contains(body, `id="flash"`) {
			t.Errorf("%s: no confirmation shown", s.path)
		}
	}
	events, _ := e.svc.Timeline(context.Background(), c.ID)
	last := events[len(events)-1]
	if last.Actor != cases.Staff("li", "urban") || last.Note != "已修复，办结。" {
		t.Errorf("timeline records %+v", last)
	}
	// An empty reply is refused with the form kept, not lost.
	c2 := e.submit("井盖丢失", "urban")
	li.post("/workbench/cases/" + c2.ID + "/accept")
	status, _, body = li.post("/workbench/cases/"+c2.ID+"/reply", "note", "  ")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写内容") {
		t.Errorf("empty reply: %d", status)
	}
}
