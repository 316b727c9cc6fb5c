package wechattest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Server fakes WeChat's HTTP API. Every method is safe for concurrent use.
type Server struct {
	// URL is the base to hand the client (Config.APIBase or
	// PETITIOND_WECHAT_API_BASE).
	URL string

	http *http.Server
	now  func() time.Time

	mu         sync.Mutex
	secrets    map[string]string       // appid → secret; any secret when absent
	tokens     map[string]*issuedToken // token → owner
	latest     map[string]string       // appid → newest token (stable_token)
	codes      map[string]*loginCode
	phoneCodes map[string]*phoneCode
	media      map[string]mediaFile
	failures   []*failure
	calls      []Call
	sent       []Sent
	nextMsgID  int64
	changed    chan struct{} // closed and replaced on every recorded call
}

type issuedToken struct {
	appID   string
	expired bool
}

type loginCode struct {
	openID, unionID, sessionKey string
	used                        bool
}

type phoneCode struct {
	phone string
	used  bool
}

type mediaFile struct {
	contentType string
	data        []byte
}

// failure makes calls to path answer errcode: the next remaining calls, or,
// when openID is set, every call for that user until ClearFailures.
type failure struct {
	path      string
	openID    string
	errcode   int
	remaining int
}

// NewServer starts the fake on a loopback port. Close it when done. It
// panics if no port can be had, as httptest.NewServer does; it avoids
// httptest itself because that registers a command-line flag in any binary
// that links it, and the chat console links this package.
func NewServer() *Server {
	s := &Server{
		now:        time.Now,
		secrets:    map[string]string{},
		tokens:     map[string]*issuedToken{},
		latest:     map[string]string{},
		codes:      map[string]*loginCode{},
		phoneCodes: map[string]*phoneCode{},
		media:      map[string]mediaFile{},
		nextMsgID:  1000,
		changed:    make(chan struct{}),
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("wechattest: listen: %v", err))
	}
	s.URL = "http://" + ln.Addr().String()
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.http.Serve(ln) }()
	return s
}

// Close stops the server and drops its connections.
func (s *Server) Close() { _ = s.http.Close() }

// SetSecret makes the token and login endpoints check appID's secret, as
// WeChat does (40125 on mismatch). Without it any non-empty secret passes.
func (s *Server) SetSecret(appID, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.secrets[appID] = secret
}

// AddCode registers a wx.login code; it works once, then answers 40163.
// unionID may be empty.
func (s *Server) AddCode(code, openID, unionID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codes[code] = &loginCode{openID: openID, unionID: unionID, sessionKey: randomBase64(16)}
}

// AddPhoneCode registers a getPhoneNumber code for an 11-digit mainland
// number; it works once.
func (s *Server) AddPhoneCode(code, phone string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.phoneCodes[code] = &phoneCode{phone: phone}
}

// AddMedia registers a temporary media file for /cgi-bin/media/get.
func (s *Server) AddMedia(mediaID, contentType string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.media[mediaID] = mediaFile{contentType: contentType, data: append([]byte(nil), data...)}
}

// FailNext makes the next n calls to path (e.g. "/cgi-bin/message/custom/send")
// answer errcode, after the access token is checked.
func (s *Server) FailNext(path string, errcode, n int) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, &failure{path: path, errcode: errcode, remaining: n})
}

// FailFor makes every call to path addressed to openID (touser) answer
// errcode, e.g. 43101 for a user who never granted a subscription.
func (s *Server) FailFor(path, openID string, errcode int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, &failure{path: path, openID: openID, errcode: errcode, remaining: -1})
}

// ClearFailures drops every FailNext and FailFor rule.
func (s *Server) ClearFailures() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = nil
}

// ExpireTokens makes every token issued so far answer 42001, as when WeChat
// expires them or another process refreshes the token.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.tokens {
		t.expired = true
	}
	clear(s.latest)
}

// takeFailure returns the errcode a matching rule imposes, or 0. Callers
// hold s.mu.
func (s *Server) takeFailure(path, openID string) int {
	for i, f := range s.failures {
		if f.path != path || (f.openID != "" && f.openID != openID) {
			continue
		}
		if f.remaining > 0 {
			f.remaining--
			if f.remaining == 0 {
				s.failures = append(s.failures[:i], s.failures[i+1:]...)
			}
		}
		return f.errcode
	}
	return 0
}

func (s *Server) issueToken(appID string) string {
	tok := "fake-token-" + strings.ToLower(appID) + "-" + randomHex(8)
	s.tokens[tok] = &issuedToken{appID: appID}
	s.latest[appID] = tok
	return tok
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func randomBase64(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}
