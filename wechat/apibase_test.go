package wechat

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/silenceper/wechat/v2/util"
)

// echoServer answers with the path and Host it saw.
func echoServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, r.Host+" "+r.URL.RequestURI())
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestInstallAPIBaseRewritesWeChatHosts(t *testing.T) {
	fake := echoServer(t)
	if err := InstallAPIBase(fake.URL + "/prefix/"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = InstallAPIBase("") })
	host := fake.Listener.Addr().String()

	// HTTPGetContext applies silenceper's URI modifier; the rewrite must not
	// depend on it.
	body, err := util.HTTPGetContext(context.Background(), "https://api.weixin.qq.com/cgi-bin/token?appid=x")
	if err != nil || string(body) != host+" /prefix/cgi-bin/token?appid=x" {
		t.Errorf("HTTPGetContext reached %q, %v", body, err)
	}
	// PostJSONWithRespContentType skips the URI modifier altogether.
	body, ct, err := util.PostJSONWithRespContentType("https://api.weixin.qq.com/wxa/getwxacodeunlimit?access_token=t", map[string]string{"scene": "x"})
	if err != nil || string(body) != host+" /prefix/wxa/getwxacodeunlimit?access_token=t" || ct != "text/plain" {
		t.Errorf("PostJSONWithRespContentType reached %q (%s), %v", body, ct, err)
	}
	// A regional mirror is WeChat too.
	body, err = util.HTTPGet("https://sh.api.weixin.qq.com/cgi-bin/media/get")
	if err != nil || string(body) != host+" /prefix/cgi-bin/media/get" {
		t.Errorf("mirror reached %q, %v", body, err)
	}
}

func TestRewriteLeavesOtherHostsAlone(t *testing.T) {
	other := echoServer(t)
	if err := InstallAPIBase("http://127.0.0.1:1"); err != nil { // nothing listens there
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = InstallAPIBase("") })
	body, err := util.HTTPGet(other.URL + "/pic.jpg")
	if err != nil || string(body) != other.Listener.Addr().String()+" /pic.jpg" {
		t.Errorf("non-WeChat host: %q, %v", body, err)
	}
}

func TestContextBaseOverridesProcessBase(t *testing.T) {
	processWide, perClient := echoServer(t), echoServer(t)
	if err := InstallAPIBase(processWide.URL); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = InstallAPIBase("") })
	base, err := parseAPIBase(perClient.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, err := util.HTTPGetContext(withAPIBase(context.Background(), base), "https://api.weixin.qq.com/x")
	if err != nil || string(body) != perClient.Listener.Addr().String()+" /x" {
		t.Errorf("context base: %q, %v", body, err)
	}
}

func TestInstallAPIBaseRejectsNonsense(t *testing.T) {
	for _, base := range []string{"api.weixin.qq.com", "ftp://x", "http://", "://"} {
		if err := InstallAPIBase(base); err == nil {
			t.Errorf("InstallAPIBase(%q) accepted", base)
		}
	}
	for _, base := range []string{"", DefaultAPIBase, DefaultAPIBase + "/"} {
		if u, err := parseAPIBase(base); err != nil || u != nil {
			t.Errorf("parseAPIBase(%q) = %v, %v; want no rewrite", base, u, err)
		}
	}
}

func TestHTTPClientHasTimeouts(t *testing.T) {
	installHTTPClient()
	c := util.DefaultHTTPClient
	if c == http.DefaultClient || c.Timeout == 0 {
		t.Fatal("silenceper still uses a client without timeout")
	}
	tr := c.Transport.(*rewriteTransport).next.(*http.Transport)
	if tr.ResponseHeaderTimeout == 0 || tr.TLSHandshakeTimeout == 0 {
		t.Error("transport lacks timeouts")
	}
}
