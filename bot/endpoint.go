package bot

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/silenceper/wechat/v2/officialaccount/message"

	"petitiond/wechat"
)

// MaxPushBytes bounds a push. WeChat's messages are a few KiB; the app's
// global body limit is sized for photo uploads, so /wechat checks its own.
const MaxPushBytes = 64 << 10

// Path is where WeChat pushes (the URL saved in the WeChat console).
const Path = "/wechat"

// Mount adds GET (URL verification) and POST (messages, events) /wechat.
func (b *Bot) Mount(r fiber.Router) {
	r.Get(Path, b.serve)
	r.Post(Path, b.serve)
}

func (b *Bot) serve(c *fiber.Ctx) error {
	if len(c.Body()) > MaxPushBytes || c.Request().Header.ContentLength() > MaxPushBytes {
		b.pushes.WithLabelValues("too_large").Inc()
		return c.SendStatus(fiber.StatusRequestEntityTooLarge)
	}
	q := c.Request().URI().QueryArgs()
	ts, nonce := string(q.Peek("timestamp")), string(q.Peek("nonce"))
	// Checked here, before silenceper: it compares in variable time and
	// logs every failure through logrus.
	if !wechat.SignatureValid(string(q.Peek("signature")), b.cfg.Token, ts, nonce) {
		b.pushes.WithLabelValues("forbidden").Inc()
		return c.SendStatus(fiber.StatusForbidden)
	}
	if !b.fresh(ts) {
		b.pushes.WithLabelValues("stale").Inc()
		return c.Status(fiber.StatusForbidden).SendString("stale timestamp")
	}
	encrypted := string(q.Peek("encrypt_type")) == "aes"
	if c.Method() == fiber.MethodPost && ((b.mode == ModeSafe && !encrypted) || (b.mode == ModePlain && encrypted)) {
		b.pushes.WithLabelValues("bad_request").Inc()
		return c.Status(fiber.StatusBadRequest).SendString("encryption mode mismatch")
	}

	// silenceper reads only the query, the Content-Type and the body: a
	// bare request is enough and much cheaper than a full conversion.
	req := &http.Request{
		Method: c.Method(),
		URL:    &url.URL{Path: Path, RawQuery: string(c.Request().URI().QueryString())},
		Header: http.Header{"Content-Type": {string(c.Request().Header.ContentType())}},
		Body:   io.NopCloser(bytes.NewReader(c.Body())),
	}
	w := &responseBuffer{header: http.Header{}}
	srv := b.oa.GetServer(req, w)
	srv.SetMessageHandler(func(m *message.MixMessage) *message.Reply {
		text, outcome := b.respond(inboundFrom(m))
		b.pushes.WithLabelValues(outcome).Inc()
		if text == "" {
			return nil
		}
		return &message.Reply{MsgType: message.MsgTypeText, MsgData: message.NewText(text)}
	})
	if err := srv.Serve(); err != nil {
		if encrypted && !b.msgSignatureValid(c.Body(), string(q.Peek("msg_signature")), ts, nonce) {
			b.pushes.WithLabelValues("forbidden").Inc()
			return c.SendStatus(fiber.StatusForbidden)
		}
		b.log.Warn("wechat push refused", "err", err)
		b.pushes.WithLabelValues("bad_request").Inc()
		return c.Status(fiber.StatusBadRequest).SendString("bad message")
	}
	if srv.ResponseMsg != nil {
		if err := srv.Send(); err != nil {
			b.log.Error("wechat reply", "err", err)
			return c.SendString("success")
		}
	}
	if !w.written {
		// Nothing to say. In safe mode silenceper would encrypt an empty
		// reply; WeChat wants the bare word.
		return c.SendString("success")
	}
	if ct := w.header.Get("Content-Type"); ct != "" {
		c.Set(fiber.HeaderContentType, ct)
	}
	return c.Status(w.status).Send(w.body.Bytes())
}

// fresh reports whether a push's timestamp is within the replay window of
// our clock, either way.
func (b *Bot) fresh(ts string) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	d := b.svc.Now().Sub(timeUnix(sec))
	return d <= b.cfg.ReplayWindow && d >= -b.cfg.ReplayWindow
}

// msgSignatureValid tells a forged encrypted push (403) from a malformed
// one (400) after silenceper refused it.
func (b *Bot) msgSignatureValid(body []byte, sig, ts, nonce string) bool {
	var env struct {
		Encrypt string `xml:"Encrypt"`
	}
	if xml.Unmarshal(body, &env) != nil || env.Encrypt == "" {
		return true // not a signature problem
	}
	return wechat.SignatureValid(sig, b.cfg.Token, ts, nonce, env.Encrypt)
}

// responseBuffer is the http.ResponseWriter silenceper writes its answer to;
// the handler then copies it into Fiber's response.
type responseBuffer struct {
	header  http.Header
	body    bytes.Buffer
	status  int
	written bool
}

func (w *responseBuffer) Header() http.Header { return w.header }

func (w *responseBuffer) WriteHeader(status int) {
	if !w.written {
		w.status, w.written = status, true
	}
}

func (w *responseBuffer) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(p)
}
