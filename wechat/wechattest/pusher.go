package wechattest

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"petitiond/wechat"
)

// Mode is the message encryption mode chosen in the WeChat console.
type Mode int

const (
	// Plain: plaintext XML, signed only.
	Plain Mode = iota
	// Compatible: plaintext fields and <Encrypt> side by side; the server
	// may answer either way.
	Compatible
	// Safe: only <Encrypt>; replies must be encrypted.
	Safe
)

func (m Mode) String() string {
	switch m {
	case Plain:
		return "plain"
	case Compatible:
		return "compatible"
	case Safe:
		return "safe"
	}
	return "Mode(" + strconv.Itoa(int(m)) + ")"
}

// Pusher posts messages to the bot as WeChat would. Its fields must match
// the official account's configuration. It is safe for concurrent use once
// set up.
type Pusher struct {
	Token          string
	AppID          string
	EncodingAESKey string // needed in Compatible and Safe mode
	Mode           Mode
	AccountID      string // the account's original ID (ToUserName); "gh_petitiond" when empty

	// URL is the bot endpoint, e.g. server.URL + "/wechat".
	URL string

	// Client sends Push and Verify; a client with a 10 s timeout when nil.
	Client *http.Client
	// Now stamps messages; time.Now when nil.
	Now func() time.Time
}

// PushOption changes one push, mostly to test the bot's defences.
type PushOption func(*pushOptions)

type pushOptions struct {
	timestamp       time.Time
	nonce           string
	badSignature    bool
	badMsgSignature bool
}

// WithTimestamp signs with t instead of now (replay tests).
func WithTimestamp(t time.Time) PushOption { return func(o *pushOptions) { o.timestamp = t } }

// WithNonce uses nonce instead of a random one (replay tests).
func WithNonce(nonce string) PushOption { return func(o *pushOptions) { o.nonce = nonce } }

// WithBadSignature corrupts the signature query parameter.
func WithBadSignature() PushOption { return func(o *pushOptions) { o.badSignature = true } }

// WithBadMsgSignature corrupts msg_signature (Compatible and Safe mode).
func WithBadMsgSignature() PushOption { return func(o *pushOptions) { o.badMsgSignature = true } }

func (p *Pusher) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Pusher) accountID() string {
	if p.AccountID != "" {
		return p.AccountID
	}
	return "gh_petitiond"
}

func (p *Pusher) options(opts []PushOption) pushOptions {
	o := pushOptions{}
	for _, opt := range opts {
		opt(&o)
	}
	if o.timestamp.IsZero() {
		o.timestamp = p.now()
	}
	if o.nonce == "" {
		o.nonce = randomDigits(10)
	}
	return o
}

// signedQuery is what WeChat puts in every callback URL.
func (p *Pusher) signedQuery(o pushOptions) url.Values {
	ts := strconv.FormatInt(o.timestamp.Unix(), 10)
	sig := wechat.Signature(p.Token, ts, o.nonce)
	if o.badSignature {
		sig = corrupt(sig)
	}
	return url.Values{"signature": {sig}, "timestamp": {ts}, "nonce": {o.nonce}}
}

// Body returns the query and body WeChat would post for msg, with defaults
// (ToUserName, CreateTime, MsgId) filled in.
func (p *Pusher) Body(msg Message, opts ...PushOption) (url.Values, []byte, error) {
	o := p.options(opts)
	if msg.ToUserName == "" {
		msg.ToUserName = p.accountID()
	}
	if msg.CreateTime == 0 {
		msg.CreateTime = o.timestamp.Unix()
	}
	if msg.MsgID == 0 && msg.MsgType != TypeEvent {
		msg.MsgID = randomMsgID()
	}
	q := p.signedQuery(o)
	q.Set("openid", msg.FromUserName)
	if p.Mode == Plain {
		return q, msg.XML(), nil
	}
	enc, err := encrypt(p.EncodingAESKey, p.AppID, msg.XML())
	if err != nil {
		return nil, nil, fmt.Errorf("encrypt message: %w", err)
	}
	msgSig := wechat.Signature(p.Token, q.Get("timestamp"), q.Get("nonce"), enc)
	if o.badMsgSignature {
		msgSig = corrupt(msgSig)
	}
	q.Set("encrypt_type", "aes")
	q.Set("msg_signature", msgSig)
	var body string
	if p.Mode == Compatible {
		body = "<xml>" + msg.xmlFields() + "<Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>"
	} else {
		body = "<xml><ToUserName><![CDATA[" + msg.ToUserName + "]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>"
	}
	return q, []byte(body), nil
}

// Request is the POST WeChat makes to the bot for msg.
func (p *Pusher) Request(ctx context.Context, msg Message, opts ...PushOption) (*http.Request, error) {
	q, body, err := p.Body(msg, opts...)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.URL+"?"+q.Encode(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("build push request: %w", err)
	}
	req.Header.Set("Content-Type", "text/xml")
	req.Header.Set("User-Agent", "Mozilla/4.0")
	return req, nil
}

// VerifyRequest is the GET WeChat makes when the URL is saved in its
// console: the bot must echo echostr.
func (p *Pusher) VerifyRequest(ctx context.Context, echostr string, opts ...PushOption) (*http.Request, error) {
	q := p.signedQuery(p.options(opts))
	q.Set("echostr", echostr)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.URL+"?"+q.Encode(), nil)
	if err != nil {
		return nil, fmt.Errorf("build verify request: %w", err)
	}
	return req, nil
}

// HTTPStatusError is the bot answering with a status other than 200.
type HTTPStatusError struct {
	StatusCode int
	Body       string
}

func (e *HTTPStatusError) Error() string {
	return fmt.Sprintf("bot answered http %d", e.StatusCode)
}

// Push posts msg and returns the decrypted, verified passive reply (Empty
// when the bot answered "success" or nothing).
func (p *Pusher) Push(ctx context.Context, msg Message, opts ...PushOption) (*Reply, error) {
	req, err := p.Request(ctx, msg, opts...)
	if err != nil {
		return nil, err
	}
	body, err := p.do(req)
	if err != nil {
		return nil, fmt.Errorf("push %s: %w", msg.MsgType, err)
	}
	reply, err := p.ParseReply(body)
	if err != nil {
		return nil, fmt.Errorf("push %s: %w", msg.MsgType, err)
	}
	return reply, nil
}

// Verify runs the URL verification and checks the echo.
func (p *Pusher) Verify(ctx context.Context, opts ...PushOption) error {
	echostr := randomDigits(18)
	req, err := p.VerifyRequest(ctx, echostr, opts...)
	if err != nil {
		return err
	}
	body, err := p.do(req)
	if err != nil {
		return fmt.Errorf("verify url: %w", err)
	}
	if string(body) != echostr {
		return fmt.Errorf("verify url: echoed %q, want %q", body, echostr)
	}
	return nil
}

func (p *Pusher) do(req *http.Request) ([]byte, error) {
	client := p.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("read answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &HTTPStatusError{StatusCode: resp.StatusCode, Body: string(body)}
	}
	return body, nil
}

// corrupt changes the last hex digit so the signature stays well-formed.
func corrupt(sig string) string {
	if sig == "" {
		return "0"
	}
	last := "0"
	if strings.HasSuffix(sig, "0") {
		last = "1"
	}
	return sig[:len(sig)-1] + last
}

func randomDigits(n int) string {
	var b strings.Builder
	for range n {
		d, _ := rand.Int(rand.Reader, big.NewInt(10))
		b.WriteByte(byte('0' + d.Int64()))
	}
	return b.String()
}

// randomMsgID looks like WeChat's 64-bit message IDs.
func randomMsgID() int64 {
	n, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	return n.Int64() + 1
}
