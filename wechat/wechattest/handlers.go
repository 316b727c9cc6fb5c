package wechattest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// errMsgs are WeChat's own texts for the codes the fake produces.
var errMsgs = map[int]string{
	-1:    "system error",
	40001: "invalid credential, access_token is invalid or not latest",
	40003: "invalid openid",
	40007: "invalid media_id",
	40013: "invalid appid",
	40014: "invalid access_token",
	40029: "invalid code",
	40037: "invalid template_id",
	40125: "invalid appsecret",
	40163: "code been used",
	41001: "access_token missing",
	41002: "appid missing",
	41004: "appsecret missing",
	41008: "missing code",
	42001: "access_token expired",
	43004: "require subscribe",
	43101: "user refuse to accept the msg",
	44002: "empty post data",
	44003: "empty news data",
	44004: "empty content",
	45009: "reach max api daily quota limit",
	45015: "response out of time limit or subscription is canceled",
	45047: "out of response count limit",
	47001: "data format error",
}

// call is one request being answered.
type call struct {
	query url.Values
	body  map[string]any
	appID string
}

// answer is what the fake writes back: JSON fields, or a file.
type answer struct {
	errcode     int
	fields      map[string]any
	file        []byte
	contentType string
	sent        *Sent
	// bare answers carry no errcode on success, like WeChat's token and
	// jscode2session.
	bare bool
}

type route struct {
	method     string
	needsToken bool
	// user names the JSON field holding the openid FailFor matches.
	user   string
	handle func(s *Server, c *call) answer
}

var routes = map[string]route{
	"/cgi-bin/token":                     {http.MethodGet, false, "", (*Server).token},
	"/cgi-bin/stable_token":              {http.MethodPost, false, "", (*Server).stableToken},
	"/sns/jscode2session":                {http.MethodGet, false, "", (*Server).code2Session},
	"/wxa/business/getuserphonenumber":   {http.MethodPost, true, "", (*Server).phoneNumber},
	"/cgi-bin/message/custom/send":       {http.MethodPost, true, "touser", (*Server).customSend},
	"/cgi-bin/message/subscribe/bizsend": {http.MethodPost, true, "touser", subscribeSend(KindSubscribe)},
	"/cgi-bin/message/subscribe/send":    {http.MethodPost, true, "touser", subscribeSend(KindMiniProgramSubscribe)},
	"/cgi-bin/message/template/send":     {http.MethodPost, true, "touser", (*Server).templateSend},
	"/cgi-bin/media/get":                 {http.MethodGet, true, "", (*Server).mediaGet},
}

// ServeHTTP answers as WeChat's API would; the Server can also be mounted
// in another mux.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if id, isVideo := strings.CutPrefix(r.URL.Path, videoPath); isVideo {
		s.serveVideo(w, r, id)
		return
	}
	rt, ok := routes[r.URL.Path]
	if !ok {
		http.Error(w, "wechattest: no fake for "+r.URL.Path, http.StatusNotFound)
		return
	}
	if r.Method != rt.method {
		http.Error(w, "wechattest: want "+rt.method, http.StatusMethodNotAllowed)
		return
	}
	c := &call{query: r.URL.Query()}
	var ans answer
	if r.Method == http.MethodPost {
		raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil || len(raw) == 0 {
			ans = fail(44002)
		} else if err := json.Unmarshal(raw, &c.body); err != nil {
			ans = fail(47001)
		}
	}

	s.mu.Lock()
	if ans.errcode == 0 && rt.needsToken {
		ans = s.checkToken(c)
	}
	if ans.errcode == 0 {
		if code := s.takeFailure(r.URL.Path, str(c.body, rt.user)); code != 0 {
			ans = fail(code)
		}
	}
	if ans.errcode == 0 {
		ans = rt.handle(s, c)
	}
	if c.appID == "" {
		c.appID = c.query.Get("appid")
	}
	if ans.sent != nil {
		ans.sent.AppID, ans.sent.Time = c.appID, s.now()
	}
	s.record(Call{
		Method: r.Method, Path: r.URL.Path, Query: c.query, Body: c.body,
		AppID: c.appID, ErrCode: ans.errcode, Time: s.now(),
	}, ans.sent)
	s.mu.Unlock()
	s.write(w, ans)
}

func (s *Server) write(w http.ResponseWriter, ans answer) {
	if ans.file != nil {
		w.Header().Set("Content-Type", ans.contentType)
		w.Header().Set("Content-Length", fmt.Sprint(len(ans.file)))
		_, _ = w.Write(ans.file)
		return
	}
	fields := ans.fields
	if fields == nil {
		fields = map[string]any{}
	}
	switch {
	case ans.errcode != 0:
		fields = map[string]any{"errcode": ans.errcode, "errmsg": errMsgs[ans.errcode] + ", rid: " + randomHex(6)}
	case !ans.bare:
		fields["errcode"], fields["errmsg"] = 0, "ok"
	}
	w.Header().Set("Content-Type", "application/json; encoding=utf-8")
	_ = json.NewEncoder(w).Encode(fields)
}

func fail(code int) answer { return answer{errcode: code} }

func success(fields map[string]any) answer { return answer{fields: fields} }

func tokenAnswer(tok string) answer {
	return answer{fields: map[string]any{"access_token": tok, "expires_in": 7200}, bare: true}
}

// checkToken answers 41001/40001/42001 as WeChat does for a missing, unknown
// or expired token.
func (s *Server) checkToken(c *call) answer {
	tok := c.query.Get("access_token")
	if tok == "" {
		return fail(41001)
	}
	t, ok := s.tokens[tok]
	if !ok {
		return fail(40001)
	}
	c.appID = t.appID
	if t.expired {
		return fail(42001)
	}
	return answer{}
}

// credentials checks appid and secret (query or JSON body).
func (s *Server) credentials(appID, secret string) int {
	switch {
	case appID == "":
		return 41002
	case secret == "":
		return 41004
	}
	if want, ok := s.secrets[appID]; ok && want != secret {
		return 40125
	}
	return 0
}

func (s *Server) token(c *call) answer {
	if c.query.Get("grant_type") != "client_credential" {
		return fail(47001)
	}
	appID := c.query.Get("appid")
	if code := s.credentials(appID, c.query.Get("secret")); code != 0 {
		return fail(code)
	}
	return tokenAnswer(s.issueToken(appID))
}

// stableToken hands back the current token unless force_refresh is set: that
// is what makes it safe for many instances.
func (s *Server) stableToken(c *call) answer {
	appID := str(c.body, "appid")
	if str(c.body, "grant_type") != "client_credential" {
		return fail(47001)
	}
	if code := s.credentials(appID, str(c.body, "secret")); code != 0 {
		return fail(code)
	}
	c.appID = appID
	if force, _ := c.body["force_refresh"].(bool); !force {
		if tok, found := s.latest[appID]; found {
			return tokenAnswer(tok)
		}
	}
	return tokenAnswer(s.issueToken(appID))
}

func (s *Server) code2Session(c *call) answer {
	if c.query.Get("grant_type") != "authorization_code" {
		return fail(47001)
	}
	if code := s.credentials(c.query.Get("appid"), c.query.Get("secret")); code != 0 {
		return fail(code)
	}
	jsCode := c.query.Get("js_code")
	if jsCode == "" {
		return fail(41008)
	}
	lc, found := s.codes[jsCode]
	switch {
	case !found:
		return fail(40029)
	case lc.used:
		return fail(40163)
	}
	lc.used = true
	fields := map[string]any{"openid": lc.openID, "session_key": lc.sessionKey}
	if lc.unionID != "" {
		fields["unionid"] = lc.unionID
	}
	return answer{fields: fields, bare: true}
}

func (s *Server) phoneNumber(c *call) answer {
	code := str(c.body, "code")
	pc, found := s.phoneCodes[code]
	switch {
	case code == "":
		return fail(41008)
	case !found:
		return fail(40029)
	case pc.used:
		return fail(40163)
	}
	pc.used = true
	return success(map[string]any{"phone_info": map[string]any{
		"phoneNumber":     pc.phone,
		"purePhoneNumber": pc.phone,
		"countryCode":     "86",
		"watermark":       map[string]any{"timestamp": s.now().Unix(), "appid": c.appID},
	}})
}

func (s *Server) customSend(c *call) answer {
	m := &Sent{Kind: KindCustom, OpenID: str(c.body, "touser"), MsgType: str(c.body, "msgtype")}
	if m.OpenID == "" {
		return fail(40003)
	}
	switch m.MsgType {
	case "text":
		m.Content = str(obj(c.body, "text"), "content")
		if m.Content == "" {
			return fail(44004)
		}
	case "image", "voice":
		m.MediaID = str(obj(c.body, m.MsgType), "media_id")
		if m.MediaID == "" {
			return fail(40007)
		}
	case "":
		return fail(47001)
	}
	return answer{sent: m}
}

func subscribeSend(kind string) func(*Server, *call) answer {
	return func(s *Server, c *call) answer {
		m := &Sent{Kind: kind, OpenID: str(c.body, "touser"), TemplateID: str(c.body, "template_id"),
			Page: str(c.body, "page"), Data: data(c.body)}
		if m.OpenID == "" {
			return fail(40003)
		}
		if m.TemplateID == "" {
			return fail(40037)
		}
		if kind == KindMiniProgramSubscribe {
			m.MsgID = s.msgID()
			return answer{fields: map[string]any{"msgid": m.MsgID}, sent: m}
		}
		return answer{sent: m}
	}
}

func (s *Server) templateSend(c *call) answer {
	m := &Sent{Kind: KindTemplate, OpenID: str(c.body, "touser"), TemplateID: str(c.body, "template_id"),
		Page: str(c.body, "url"), Data: data(c.body)}
	if m.OpenID == "" {
		return fail(40003)
	}
	if m.TemplateID == "" {
		return fail(40037)
	}
	m.MsgID = s.msgID()
	return answer{fields: map[string]any{"msgid": m.MsgID}, sent: m}
}

// videoPath serves video media: WeChat answers media/get for a video with
// {"video_url"} on a CDN instead of the file.
const videoPath = "/wechattest/video/"

func (s *Server) mediaGet(c *call) answer {
	id := c.query.Get("media_id")
	f, found := s.media[id]
	if !found {
		return fail(40007)
	}
	if strings.HasPrefix(f.contentType, "video/") {
		return answer{fields: map[string]any{"video_url": s.URL + videoPath + url.PathEscape(id)}, bare: true}
	}
	return answer{file: append([]byte(nil), f.data...), contentType: f.contentType}
}

func (s *Server) serveVideo(w http.ResponseWriter, r *http.Request, id string) {
	s.mu.Lock()
	f, found := s.media[id]
	s.mu.Unlock()
	if !found || !strings.HasPrefix(f.contentType, "video/") {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.contentType)
	_, _ = w.Write(f.data)
}

func (s *Server) msgID() int64 {
	s.nextMsgID++
	return s.nextMsgID
}

func obj(m map[string]any, key string) map[string]any {
	v, _ := m[key].(map[string]any)
	return v
}

func str(m map[string]any, key string) string {
	if key == "" {
		return ""
	}
	v, _ := m[key].(string)
	return v
}

// data flattens {"thing1": {"value": "..."}} to {"thing1": "..."}.
func data(body map[string]any) map[string]string {
	out := map[string]string{}
	for k, v := range obj(body, "data") {
		if item, isObj := v.(map[string]any); isObj {
			out[k] = fmt.Sprint(item["value"])
		}
	}
	return out
}
