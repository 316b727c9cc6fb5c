package bot

import (
	"context"
	_ "embed"
	"errors"
	"net"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"

	"petitiond/wechat/wechattest"
)

// ConsoleOpenIDPrefix starts every openid the console speaks as: it plays
// made-up people only, never a real follower (whose cases it would show).
const ConsoleOpenIDPrefix = "dev-console-"

//go:embed console.html
var consolePage []byte

// tinyPNG is the photo the console sends (a 1×1 pixel).
var tinyPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// console is the development chat console: a page where a newcomer types
// as a WeChat user. Every message goes through the real /wechat over
// loopback, signed and encrypted as WeChat would, and the reply is
// decrypted as WeChat would.
type console struct {
	bot    *Bot
	pusher wechattest.Pusher
	// fake is the in-process WeChat API of embedded mode (nil otherwise):
	// it holds the customer-service messages the person would receive
	// later, and the media the console "uploads".
	fake *wechattest.Server
	base atomic.Pointer[string] // http://127.0.0.1:port, known once listening
}

// consoleMessage is what the page posts.
type consoleMessage struct {
	OpenID string  `json:"openid"`
	Type   string  `json:"type"` // text, voice, image, location, subscribe, click
	Text   string  `json:"text"` // text content; voice: the recognition ("" = none)
	Key    string  `json:"key"`  // click: the menu key
	Lat    float64 `json:"lat"`
	Lng    float64 `json:"lng"`
	Label  string  `json:"label"`
}

// MountConsole serves the console on app (GET /dev/chat). fake may be nil
// outside embedded mode; the page then shows passive replies only.
func (b *Bot) MountConsole(app *fiber.App, fake *wechattest.Server) {
	mode := wechattest.Plain
	switch b.mode {
	case ModeSafe:
		mode = wechattest.Safe
	case ModeCompatible:
		mode = wechattest.Compatible
	}
	con := &console{bot: b, fake: fake, pusher: wechattest.Pusher{
		Token: b.cfg.Token, AppID: b.cfg.AppID, EncodingAESKey: b.cfg.EncodingAESKey, Mode: mode,
		Now: b.svc.Now,
	}}
	app.Hooks().OnListen(func(ld fiber.ListenData) error {
		host := ld.Host
		if ip := net.ParseIP(host); host == "" || ip == nil || ip.IsUnspecified() {
			host = "127.0.0.1"
		}
		base := "http://" + net.JoinHostPort(host, ld.Port)
		con.base.Store(&base)
		return nil
	})
	app.Get("/dev/chat", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
		return c.Send(consolePage)
	})
	app.Post("/dev/chat/send", con.send)
	app.Get("/dev/chat/messages", con.messages)
}

func consoleError(c *fiber.Ctx, status int, code, msg string) error {
	return c.Status(status).JSON(fiber.Map{"error": fiber.Map{"code": code, "message": msg}})
}

func (con *console) send(c *fiber.Ctx) error {
	var m consoleMessage
	if err := c.BodyParser(&m); err != nil {
		return consoleError(c, fiber.StatusBadRequest, "bad_request", "请求格式有误")
	}
	if !strings.HasPrefix(m.OpenID, ConsoleOpenIDPrefix) || len(m.OpenID) > 64 {
		return consoleError(c, fiber.StatusBadRequest, "bad_openid", "openid 必须以 "+ConsoleOpenIDPrefix+" 开头")
	}
	base := con.base.Load()
	if base == nil {
		return consoleError(c, fiber.StatusServiceUnavailable, "not_listening", "服务尚未开始监听")
	}
	msg, err := con.message(m)
	if err != nil {
		return consoleError(c, fiber.StatusBadRequest, "bad_request", err.Error())
	}
	p := con.pusher
	p.URL = *base + Path
	ctx, cancel := context.WithTimeout(c.UserContext(), 10*time.Second)
	defer cancel()
	start := time.Now()
	reply, err := p.Push(ctx, msg)
	if err != nil {
		var se *wechattest.HTTPStatusError
		if errors.As(err, &se) {
			return consoleError(c, fiber.StatusBadGateway, "push_refused", "/wechat 返回 HTTP "+strconv.Itoa(se.StatusCode))
		}
		return consoleError(c, fiber.StatusBadGateway, "push_failed", err.Error())
	}
	return c.JSON(fiber.Map{
		"reply": reply.Content, "msg_type": reply.MsgType, "encrypted": reply.Encrypted,
		"mode": p.Mode.String(), "elapsed_ms": time.Since(start).Milliseconds(),
	})
}

// message builds what WeChat would push for the console's input.
func (con *console) message(m consoleMessage) (wechattest.Message, error) {
	switch m.Type {
	case "text":
		if strings.TrimSpace(m.Text) == "" {
			return wechattest.Message{}, errors.New("请输入内容")
		}
		return wechattest.Text(m.OpenID, m.Text), nil
	case "voice":
		id := "dev-voice-" + randomHex(8)
		if con.fake != nil {
			con.fake.AddMedia(id, "audio/amr", []byte("#!AMR\n"))
		}
		return wechattest.Voice(m.OpenID, id, "amr", m.Text), nil
	case "image":
		id := "dev-image-" + randomHex(8)
		if con.fake != nil {
			con.fake.AddMedia(id, "image/png", tinyPNG)
		}
		return wechattest.Image(m.OpenID, "https://example.invalid/"+id+".png", id), nil
	case "location":
		return wechattest.Location(m.OpenID, m.Lat, m.Lng, 16, m.Label), nil
	case "subscribe":
		return wechattest.Subscribe(m.OpenID), nil
	case "click":
		return wechattest.Click(m.OpenID, m.Key), nil
	}
	return wechattest.Message{}, errors.New("未知的消息类型")
}

// messages lists the customer-service messages sent to the person so far
// (late replies, notifications from the jobs), from the fake WeChat API.
func (con *console) messages(c *fiber.Ctx) error {
	openid := c.Query("openid")
	if !strings.HasPrefix(openid, ConsoleOpenIDPrefix) {
		return consoleError(c, fiber.StatusBadRequest, "bad_openid", "openid 必须以 "+ConsoleOpenIDPrefix+" 开头")
	}
	out := []fiber.Map{}
	if con.fake != nil {
		for _, m := range con.fake.Sent() {
			if m.OpenID != openid {
				continue
			}
			text := m.Content
			if text == "" {
				text = "[" + m.Kind + " " + m.TemplateID + "]"
			}
			out = append(out, fiber.Map{"kind": m.Kind, "text": text, "data": m.Data, "time": m.Time})
		}
	}
	return c.JSON(fiber.Map{"messages": out, "available": con.fake != nil})
}
