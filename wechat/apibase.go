package wechat

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/silenceper/wechat/v2/util"
)

// DefaultAPIBase is WeChat itself: with it, requests go out unchanged.
const DefaultAPIBase = "https://api.weixin.qq.com"

// EnvAPIBase names the variable cmd/petitiond reads into Config.APIBase.
const EnvAPIBase = "PETITIOND_WECHAT_API_BASE"

// weChatAPIHosts are the hosts silenceper (v2.1.10) sends API calls to. It
// hard-codes api.weixin.qq.com in about two hundred URLs; the regional mirrors
// are listed so a URL built by hand against them is redirected too. Other
// WeChat hosts it names (open.weixin.qq.com, mp.weixin.qq.com) only appear
// in URLs handed to browsers, never fetched.
var weChatAPIHosts = map[string]bool{
	"api.weixin.qq.com":    true,
	"api2.weixin.qq.com":   true,
	"sh.api.weixin.qq.com": true,
	"sz.api.weixin.qq.com": true,
	"hk.api.weixin.qq.com": true,
}

// The HTTP hook is the project's only mutable process-global, and it is
// forced on us: silenceper sends every call through the package variable
// util.DefaultHTTPClient (http.DefaultClient, without any timeout, unless
// replaced). Its other hook, util.SetURIModifier, is not enough: calls such
// as PostJSONWithRespContentType and every DefaultHTTPClient.Post in
// util/http.go skip it. So the client is replaced once, here, with one whose
// RoundTripper redirects WeChat's hosts to the configured base.
//
// The base itself is held two ways: a process default (for silenceper calls
// made without a context, e.g. through Client.OfficialAccount()) and a
// per-request value that every Client method puts in its context, so two
// Clients pointed at two fakes in one test binary do not cross.
var apiHook struct {
	once sync.Once
	base atomic.Pointer[url.URL] // nil: no rewrite
}

type apiBaseKey struct{}

// InstallAPIBase points silenceper's HTTP client at base for every call that
// does not carry a Client's own base. An empty base or DefaultAPIBase means
// WeChat itself. It may be called again; the last call wins.
func InstallAPIBase(base string) error {
	u, err := parseAPIBase(base)
	if err != nil {
		return err
	}
	installHTTPClient()
	apiHook.base.Store(u)
	return nil
}

// installHTTPClient replaces util.DefaultHTTPClient exactly once. Assigning
// it again later would race with requests in flight.
func installHTTPClient() {
	apiHook.once.Do(func() {
		util.DefaultHTTPClient = newHTTPClient()
	})
}

func newHTTPClient() *http.Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	transport.TLSHandshakeTimeout = 5 * time.Second
	transport.ResponseHeaderTimeout = 15 * time.Second
	transport.IdleConnTimeout = 90 * time.Second
	transport.MaxIdleConnsPerHost = 16
	return &http.Client{
		Transport: &rewriteTransport{next: transport},
		// Media downloads are the largest bodies (up to 10 MB video).
		Timeout: 60 * time.Second,
	}
}

// parseAPIBase returns nil for WeChat itself.
func parseAPIBase(base string) (*url.URL, error) {
	base = strings.TrimRight(strings.TrimSpace(base), "/")
	if base == "" || base == DefaultAPIBase {
		return nil, nil
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", EnvAPIBase, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("parse %s: want http(s)://host[:port][/path], got %q", EnvAPIBase, base)
	}
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

func withAPIBase(ctx context.Context, base *url.URL) context.Context {
	return context.WithValue(ctx, apiBaseKey{}, base)
}

type rewriteTransport struct {
	next http.RoundTripper
}

func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !weChatAPIHosts[req.URL.Hostname()] {
		return t.next.RoundTrip(req)
	}
	base := apiHook.base.Load()
	if v, ok := req.Context().Value(apiBaseKey{}).(*url.URL); ok {
		base = v
	}
	if base == nil {
		return t.next.RoundTrip(req)
	}
	// A RoundTripper must not modify the caller's request.
	out := req.Clone(req.Context())
	out.URL.Scheme = base.Scheme
	out.URL.Host = base.Host
	out.URL.Path = base.Path + req.URL.Path
	if req.URL.RawPath != "" {
		out.URL.RawPath = base.EscapedPath() + req.URL.RawPath
	}
	out.Host = base.Host
	return t.next.RoundTrip(out)
}
