package wechattest

import (
	"strconv"
	"strings"
)

// Message types and events WeChat pushes.
const (
	TypeText     = "text"
	TypeImage    = "image"
	TypeVoice    = "voice"
	TypeLocation = "location"
	TypeEvent    = "event"

	EventSubscribe   = "subscribe"
	EventUnsubscribe = "unsubscribe"
	EventClick       = "CLICK"
)

// Message is one push from WeChat to the official account.
type Message struct {
	MsgType      string
	FromUserName string // the citizen's openid
	ToUserName   string // the account's original ID; Pusher.AccountID when empty
	CreateTime   int64  // Unix seconds; the push time when zero
	MsgID        int64  // random when zero; events carry none

	Content string // text

	PicURL  string // image
	MediaID string // image, voice

	Format      string // voice: "amr", "speex"
	Recognition string // voice: WeChat's speech recognition, when enabled

	LocationX float64 // latitude
	LocationY float64 // longitude
	Scale     int
	Label     string

	Event    string
	EventKey string
}

// Text is a text message from openID.
func Text(openID, content string) Message {
	return Message{MsgType: TypeText, FromUserName: openID, Content: content}
}

// Image is a picture message; mediaID is what DownloadMedia fetches.
func Image(openID, picURL, mediaID string) Message {
	return Message{MsgType: TypeImage, FromUserName: openID, PicURL: picURL, MediaID: mediaID}
}

// Voice is a voice message; recognition is WeChat's transcript ("" if off).
func Voice(openID, mediaID, format, recognition string) Message {
	return Message{MsgType: TypeVoice, FromUserName: openID, MediaID: mediaID, Format: format, Recognition: recognition}
}

// Location is a shared location.
func Location(openID string, lat, lng float64, scale int, label string) Message {
	return Message{MsgType: TypeLocation, FromUserName: openID, LocationX: lat, LocationY: lng, Scale: scale, Label: label}
}

// Event is an event push, e.g. Event(openID, EventClick, "MENU_STATUS").
func Event(openID, event, key string) Message {
	return Message{MsgType: TypeEvent, FromUserName: openID, Event: event, EventKey: key}
}

// Subscribe is a user following the account.
func Subscribe(openID string) Message { return Event(openID, EventSubscribe, "") }

// Unsubscribe is a user unfollowing the account.
func Unsubscribe(openID string) Message { return Event(openID, EventUnsubscribe, "") }

// Click is a menu click with the button's key.
func Click(openID, key string) Message { return Event(openID, EventClick, key) }

// xmlFields renders the message's elements as WeChat does: strings in
// CDATA, numbers bare, in WeChat's order.
func (m Message) xmlFields() string {
	var b strings.Builder
	cdata(&b, "ToUserName", m.ToUserName)
	cdata(&b, "FromUserName", m.FromUserName)
	bare(&b, "CreateTime", strconv.FormatInt(m.CreateTime, 10))
	cdata(&b, "MsgType", m.MsgType)
	switch m.MsgType {
	case TypeText:
		cdata(&b, "Content", m.Content)
	case TypeImage:
		cdata(&b, "PicUrl", m.PicURL)
		cdata(&b, "MediaId", m.MediaID)
	case TypeVoice:
		cdata(&b, "MediaId", m.MediaID)
		cdata(&b, "Format", m.Format)
		if m.Recognition != "" {
			cdata(&b, "Recognition", m.Recognition)
		}
	case TypeLocation:
		bare(&b, "Location_X", strconv.FormatFloat(m.LocationX, 'f', -1, 64))
		bare(&b, "Location_Y", strconv.FormatFloat(m.LocationY, 'f', -1, 64))
		bare(&b, "Scale", strconv.Itoa(m.Scale))
		cdata(&b, "Label", m.Label)
	case TypeEvent:
		cdata(&b, "Event", m.Event)
		if m.EventKey != "" || m.Event == EventClick {
			cdata(&b, "EventKey", m.EventKey)
		}
	}
	if m.MsgType != TypeEvent {
		bare(&b, "MsgId", strconv.FormatInt(m.MsgID, 10))
	}
	return b.String()
}

// XML is the plaintext body WeChat posts in plain mode.
func (m Message) XML() []byte {
	return []byte("<xml>" + m.xmlFields() + "</xml>")
}

func cdata(b *strings.Builder, name, value string) {
	// "]]>" cannot appear inside CDATA: close and reopen around it.
	value = strings.ReplaceAll(value, "]]>", "]]]]><![CDATA[>")
	b.WriteString("<" + name + "><![CDATA[" + value + "]]></" + name + ">")
}

func bare(b *strings.Builder, name, value string) {
	b.WriteString("<" + name + ">" + value + "</" + name + ">")
}
