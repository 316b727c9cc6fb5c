package wechat

import (
	"context"
	"fmt"

	"github.com/silenceper/wechat/v2/miniprogram/subscribe"
	"github.com/silenceper/wechat/v2/officialaccount/message"
)

// SubscribeMessage is a one-time subscription message. The official account
// (SendSubscribe, cgi-bin/message/subscribe/bizsend) and the mini-program
// (SendMiniProgramSubscribe, cgi-bin/message/subscribe/send) share it; fields
// that only one of them knows are marked.
type SubscribeMessage struct {
	OpenID     string
	TemplateID string
	Page       string            // official account: a web URL; mini-program: a page path
	Data       map[string]string // template key (e.g. "thing1") → value

	// Official account only: open a mini-program page instead of Page.
	MiniProgramAppID    string
	MiniProgramPagePath string

	// Mini-program only: "developer", "trial" or "formal" (default); and
	// the language of the "open in mini-program" button.
	MiniProgramState string
	Lang             string
}

// TemplateMessage is an official-account template message.
type TemplateMessage struct {
	OpenID     string
	TemplateID string
	URL        string
	Data       map[string]string

	MiniProgramAppID    string
	MiniProgramPagePath string

	// ClientMsgID lets WeChat drop a resend of the same message (a retried
	// job); use a stable ID such as the outbox row.
	ClientMsgID string
}

// SendCustomText sends a customer-service text message. WeChat accepts it
// only within 48 hours of the user's last message (else errcode 45015,
// CodeOutOfWindow) and only so many per window (45047): both are permanent
// for this attempt, see APIError.Permanent.
func (c *Client) SendCustomText(ctx context.Context, openID, text string) error {
	if err := c.configured(officialAccountApp); err != nil {
		return fmt.Errorf("send custom message: %w", err)
	}
	msg := message.NewCustomerTextMessage(openID, text)
	if err := c.postJSON(c.route(ctx), officialAccountApp, "/cgi-bin/message/custom/send", msg, nil); err != nil {
		return fmt.Errorf("send custom message: %w", err)
	}
	return nil
}

// SendSubscribe sends an official-account subscription message. A user who
// has not granted (or already used) the subscription yields 43101
// (CodeSubscribeRefused).
func (c *Client) SendSubscribe(ctx context.Context, m SubscribeMessage) error {
	if err := c.configured(officialAccountApp); err != nil {
		return fmt.Errorf("send subscribe message: %w", err)
	}
	msg := &message.SubscribeMessage{
		ToUser:     m.OpenID,
		TemplateID: m.TemplateID,
		Page:       m.Page,
		Data:       make(map[string]*message.SubscribeDataItem, len(m.Data)),
	}
	for k, v := range m.Data {
		msg.Data[k] = &message.SubscribeDataItem{Value: v}
	}
	msg.MiniProgram.AppID = m.MiniProgramAppID
	msg.MiniProgram.PagePath = m.MiniProgramPagePath
	if err := c.postJSON(c.route(ctx), officialAccountApp, "/cgi-bin/message/subscribe/bizsend", msg, nil); err != nil {
		return fmt.Errorf("send subscribe message: %w", err)
	}
	return nil
}

// SendMiniProgramSubscribe sends a mini-program subscription message.
func (c *Client) SendMiniProgramSubscribe(ctx context.Context, m SubscribeMessage) error {
	if err := c.configured(miniProgramApp); err != nil {
		return fmt.Errorf("send mini-program subscribe message: %w", err)
	}
	msg := &subscribe.Message{
		ToUser:           m.OpenID,
		TemplateID:       m.TemplateID,
		Page:             m.Page,
		Data:             make(map[string]*subscribe.DataItem, len(m.Data)),
		MiniprogramState: m.MiniProgramState,
		Lang:             m.Lang,
	}
	for k, v := range m.Data {
		msg.Data[k] = &subscribe.DataItem{Value: v}
	}
	if err := c.postJSON(c.route(ctx), miniProgramApp, "/cgi-bin/message/subscribe/send", msg, nil); err != nil {
		return fmt.Errorf("send mini-program subscribe message: %w", err)
	}
	return nil
}

// SendTemplate sends a template message and returns WeChat's msgid.
func (c *Client) SendTemplate(ctx context.Context, m TemplateMessage) (int64, error) {
	if err := c.configured(officialAccountApp); err != nil {
		return 0, fmt.Errorf("send template message: %w", err)
	}
	msg := &message.TemplateMessage{
		ToUser:      m.OpenID,
		TemplateID:  m.TemplateID,
		URL:         m.URL,
		Data:        make(map[string]*message.TemplateDataItem, len(m.Data)),
		ClientMsgID: m.ClientMsgID,
	}
	for k, v := range m.Data {
		msg.Data[k] = &message.TemplateDataItem{Value: v}
	}
	msg.MiniProgram.AppID = m.MiniProgramAppID
	msg.MiniProgram.PagePath = m.MiniProgramPagePath
	var out struct {
		MsgID int64 `json:"msgid"`
	}
	if err := c.postJSON(c.route(ctx), officialAccountApp, "/cgi-bin/message/template/send", msg, &out); err != nil {
		return 0, fmt.Errorf("send template message: %w", err)
	}
	return out.MsgID, nil
}
