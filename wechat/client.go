package wechat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/redis/go-redis/v9"
	"github.com/silenceper/wechat/v2/credential"
	"github.com/silenceper/wechat/v2/miniprogram"
	mpconfig "github.com/silenceper/wechat/v2/miniprogram/config"
	"github.com/silenceper/wechat/v2/officialaccount"
	oaconfig "github.com/silenceper/wechat/v2/officialaccount/config"
	"github.com/silenceper/wechat/v2/util"
)

// ErrNotConfigured is returned by the methods of an app (official account or
// mini-program) whose AppID is empty in Config.
var ErrNotConfigured = errors.New("wechat: app not configured")

// Config holds the credentials of the official account and the mini-program.
// Either app may be left out (empty AppID); its methods then fail with
// ErrNotConfigured.
type Config struct {
	// Official account.
	AppID          string
	AppSecret      string
	Token          string // the message server's signing token
	EncodingAESKey string // 43 characters; empty for plain mode only

	// Mini-program.
	MiniProgramAppID  string
	MiniProgramSecret string

	// APIBase replaces https://api.weixin.qq.com (PETITIOND_WECHAT_API_BASE);
	// empty means WeChat itself.
	APIBase string

	// StableToken fetches tokens from /cgi-bin/stable_token, which hands
	// every caller the same token instead of invalidating the previous one.
	StableToken bool

	// CachePrefix prefixes the Redis keys of cached tokens; empty means
	// DefaultCachePrefix.
	CachePrefix string
}

// Client calls WeChat for the official account and the mini-program. It is
// safe for concurrent use.
type Client struct {
	oa     *officialaccount.OfficialAccount
	mp     *miniprogram.MiniProgram
	cache  *RedisCache
	base   *url.URL
	stable bool
	oaID   string
	mpID   string
}

// New builds a Client whose tokens live in rdb, shared with every other
// instance using the same Redis and prefix.
func New(cfg Config, rdb redis.UniversalClient) (*Client, error) {
	if rdb == nil {
		return nil, errors.New("wechat: new client: nil redis client")
	}
	if cfg.AppID == "" && cfg.MiniProgramAppID == "" {
		return nil, errors.New("wechat: new client: neither AppID nor MiniProgramAppID set")
	}
	if cfg.AppID != "" && cfg.AppSecret == "" {
		return nil, errors.New("wechat: new client: AppSecret missing")
	}
	if cfg.MiniProgramAppID != "" && cfg.MiniProgramSecret == "" {
		return nil, errors.New("wechat: new client: MiniProgramSecret missing")
	}
	if cfg.EncodingAESKey != "" && len(cfg.EncodingAESKey) != 43 {
		return nil, errors.New("wechat: new client: EncodingAESKey must be 43 characters")
	}
	base, err := parseAPIBase(cfg.APIBase)
	if err != nil {
		return nil, fmt.Errorf("wechat: new client: %w", err)
	}
	if err := InstallAPIBase(cfg.APIBase); err != nil {
		return nil, fmt.Errorf("wechat: new client: %w", err)
	}
	prefix := cfg.CachePrefix
	if prefix == "" {
		prefix = DefaultCachePrefix
	}
	c := &Client{
		cache:  NewRedisCache(rdb, prefix),
		base:   base,
		stable: cfg.StableToken,
		oaID:   cfg.AppID,
		mpID:   cfg.MiniProgramAppID,
	}
	if cfg.AppID != "" {
		c.oa = officialaccount.NewOfficialAccount(&oaconfig.Config{
			AppID:          cfg.AppID,
			AppSecret:      cfg.AppSecret,
			Token:          cfg.Token,
			EncodingAESKey: cfg.EncodingAESKey,
			Cache:          c.cache,
			UseStableAK:    cfg.StableToken,
		})
	}
	if cfg.MiniProgramAppID != "" {
		c.mp = miniprogram.NewMiniProgram(&mpconfig.Config{
			AppID:       cfg.MiniProgramAppID,
			AppSecret:   cfg.MiniProgramSecret,
			Cache:       c.cache,
			UseStableAK: cfg.StableToken,
		})
	}
	return c, nil
}

// OfficialAccount is silenceper's official account, for the bot's message
// server: oa.GetServer(req, w) builds a fresh server per request and is safe
// to call concurrently. Its other Get* accessors fill a field lazily without
// a lock: call them once at start-up, never per request. Calls made through
// it without a context use the process-wide base (InstallAPIBase). Nil when
// the official account is not configured.
func (c *Client) OfficialAccount() *officialaccount.OfficialAccount { return c.oa }

// MiniProgram is silenceper's mini-program; nil when not configured.
func (c *Client) MiniProgram() *miniprogram.MiniProgram { return c.mp }

type app int

const (
	officialAccountApp app = iota
	miniProgramApp
)

// route makes every request of this Client go to its own API base.
func (c *Client) route(ctx context.Context) context.Context {
	return withAPIBase(ctx, c.base)
}

func (c *Client) configured(a app) error {
	if (a == officialAccountApp && c.oa == nil) || (a == miniProgramApp && c.mp == nil) {
		return ErrNotConfigured
	}
	return nil
}

func (c *Client) token(ctx context.Context, a app) (string, error) {
	var (
		tok string
		err error
	)
	if a == officialAccountApp {
		tok, err = c.oa.GetAccessTokenContext(ctx)
	} else {
		tok, err = c.mp.GetContext().GetAccessTokenContext(ctx)
	}
	if err != nil {
		return "", wrapErr("get access token", err)
	}
	return tok, nil
}

// tokenCacheKey mirrors the key silenceper's credential package builds
// (v2.1.10: "%s_access_token_%s" and "%s_stable_access_token_%s").
func (c *Client) tokenCacheKey(a app) string {
	prefix, id := credential.CacheKeyOfficialAccountPrefix, c.oaID
	if a == miniProgramApp {
		prefix, id = credential.CacheKeyMiniProgramPrefix, c.mpID
	}
	if c.stable {
		return fmt.Sprintf("%s_stable_access_token_%s", prefix, id)
	}
	return fmt.Sprintf("%s_access_token_%s", prefix, id)
}

// retryStaleToken runs call again, once, after WeChat rejects the cached
// token: silenceper never drops a token WeChat refused, so without this a
// revoked token would fail every call until it expired from Redis.
func (c *Client) retryStaleToken(ctx context.Context, a app, call func() error) error {
	err := call()
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.tokenInvalid() {
		_ = c.cache.DeleteContext(ctx, c.tokenCacheKey(a))
		err = call()
	}
	return err
}

// postJSON posts body to a WeChat path with the app's token and decodes the
// answer into out (may be nil). The body types are silenceper's, so the wire
// format is the one its users rely on; the call itself is ours because
// silenceper's Send methods take no context and flatten errcodes into text.
func (c *Client) postJSON(ctx context.Context, a app, path string, body, out any) error {
	return c.retryStaleToken(ctx, a, func() error {
		tok, err := c.token(ctx, a)
		if err != nil {
			return err
		}
		uri := DefaultAPIBase + path + "?" + url.Values{"access_token": {tok}}.Encode()
		raw, err := util.PostJSONContext(ctx, uri, body)
		if err != nil {
			return wrapErr("post "+path, err)
		}
		return decodeAnswer(raw, out)
	})
}

// decodeAnswer turns a non-zero errcode into *APIError and fills out.
func decodeAnswer(raw []byte, out any) error {
	var status struct {
		ErrCode int    `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
	}
	if err := json.Unmarshal(raw, &status); err != nil {
		return fmt.Errorf("decode wechat answer: %w", err)
	}
	if status.ErrCode != 0 {
		return &APIError{Code: status.ErrCode, Msg: status.ErrMsg}
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("decode wechat answer: %w", err)
		}
	}
	return nil
}
