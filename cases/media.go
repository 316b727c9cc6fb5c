package cases

import (
	"encoding/json"
	"time"
)

// TopicMediaFetch copies a WeChat media attachment into our own storage:
// WeChat keeps temporary media for three days only. The row is written with
// the case (or the supplement) that references the media, so a fetch is
// never forgotten when the queue is down at that moment.
const TopicMediaFetch = "media:fetch"

// OriginWeChat marks an attachment whose Ref is a WeChat MediaId (an image
// or voice message sent to the Official Account), as opposed to a file the
// mini-program uploaded to us.
const OriginWeChat = "wechat"

// MediaFetch is the payload of a TopicMediaFetch task.
type MediaFetch struct {
	CaseID string `json:"case_id"`
	Kind   string `json:"kind"`
	Ref    string `json:"ref"`
}

// mediaFetches returns one outbox row per WeChat attachment.
func mediaFetches(caseID string, as []Attachment, now time.Time) []OutboxMessage {
	var out []OutboxMessage
	for _, a := range as {
		if a.Origin != OriginWeChat {
			continue
		}
		payload, _ := json.Marshal(MediaFetch{CaseID: caseID, Kind: a.Kind, Ref: a.Ref})
		out = append(out, OutboxMessage{Topic: TopicMediaFetch, CaseID: caseID, Payload: payload,
			Queue: QueueDefault, TaskID: "media:" + caseID + ":" + a.Ref, CreatedAt: now})
	}
	return out
}
