package cases_test

import (
	"context"
	"encoding/json"
	"testing"

	"petitiond/cases"
	"petitiond/store"
	"petitiond/store/storetest"
)

// WeChat media are kept by WeChat for three days: the case (or supplement)
// that references them queues their copy in the same transaction.
func TestWeChatAttachmentsQueueAFetch(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st, at("2026-09-30 10:00"))
		ctx := context.Background()
		req := request("楼道里堆满杂物，有消防隐患")
		req.Source = cases.SourceBot
		req.Attachments = []cases.Attachment{
			{Kind: "image", Ref: "wx-media-1", Origin: cases.OriginWeChat},
			{Kind: "image", Ref: "upload-7"},
		}
		c, _, err := h.svc.Submit(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.svc.AddSupplement(ctx, c.ID, cases.Citizen, "补充录音", []cases.Attachment{{Kind: "voice", Ref: "wx-media-2", Origin: cases.OriginWeChat}}); err != nil {
			t.Fatal(err)
		}
		rows, err := h.svc.PendingOutbox(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		var fetched []cases.MediaFetch
		for _, r := range rows {
			if r.Topic != cases.TopicMediaFetch {
				continue
			}
			var p cases.MediaFetch
			if err := json.Unmarshal(r.Payload, &p); err != nil {
				t.Fatal(err)
			}
			if r.TaskID != "media:"+c.ID+":"+p.Ref || r.CaseID != c.ID {
				t.Errorf("row %+v", r)
			}
			fetched = append(fetched, p)
		}
		if len(fetched) != 2 || fetched[0].Ref != "wx-media-1" || fetched[1].Ref != "wx-media-2" || fetched[1].Kind != "voice" {
			t.Errorf("fetches %+v", fetched)
		}
		req.Attachments = []cases.Attachment{{Kind: "image", Ref: "x", Origin: "ftp"}}
		req.IdempotencyKey = ""
		if _, _, err := h.svc.Submit(ctx, req); err == nil {
			t.Error("unknown attachment origin accepted")
		} else if v, ok := cases.IsValidation(err); !ok || v.Field != "attachments" {
			t.Errorf("error %v", err)
		}
	})
}
