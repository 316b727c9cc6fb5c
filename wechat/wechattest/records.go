package wechattest

import (
	"context"
	"maps"
	"net/url"
	"time"
)

// Call is one request the fake answered.
type Call struct {
	Method  string
	Path    string
	Query   url.Values
	Body    map[string]any // the JSON body, nil for GET
	AppID   string         // the app the token or query named
	ErrCode int            // what the fake answered; 0 for success
	Time    time.Time
}

// Sent kinds.
const (
	KindCustom               = "custom"                // /cgi-bin/message/custom/send
	KindSubscribe            = "subscribe"             // /cgi-bin/message/subscribe/bizsend (official account)
	KindMiniProgramSubscribe = "miniprogram_subscribe" // /cgi-bin/message/subscribe/send
	KindTemplate             = "template"              // /cgi-bin/message/template/send
)

// Sent is a message WeChat accepted for delivery to a user.
type Sent struct {
	Kind       string
	AppID      string
	OpenID     string
	MsgType    string // custom: text, image, ...
	Content    string // custom text
	MediaID    string // custom image, voice
	TemplateID string
	Page       string // subscribe page, template url
	Data       map[string]string
	MsgID      int64
	Time       time.Time
}

// Calls returns every call so far, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// CallsTo returns the calls to path, failed ones included.
func (s *Server) CallsTo(path string) []Call {
	var out []Call
	for _, c := range s.Calls() {
		if c.Path == path {
			out = append(out, c)
		}
	}
	return out
}

// TokenCalls counts access-token requests (classic and stable, failed ones
// included) over all apps.
func (s *Server) TokenCalls() int {
	return len(s.CallsTo("/cgi-bin/token")) + len(s.CallsTo("/cgi-bin/stable_token"))
}

// Sent returns every accepted message, oldest first.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Sent, len(s.sent))
	for i, m := range s.sent {
		m.Data = maps.Clone(m.Data)
		out[i] = m
	}
	return out
}

func (s *Server) sentTo(kinds []string, openID string) []Sent {
	var out []Sent
	for _, m := range s.Sent() {
		for _, k := range kinds {
			if m.Kind == k && m.OpenID == openID {
				out = append(out, m)
			}
		}
	}
	return out
}

// CustomMessages returns the customer-service messages accepted for openID.
func (s *Server) CustomMessages(openID string) []Sent {
	return s.sentTo([]string{KindCustom}, openID)
}

// SubscribeMessages returns the subscription messages, of the official
// account and the mini-program, accepted for openID.
func (s *Server) SubscribeMessages(openID string) []Sent {
	return s.sentTo([]string{KindSubscribe, KindMiniProgramSubscribe}, openID)
}

// TemplateMessages returns the template messages accepted for openID.
func (s *Server) TemplateMessages(openID string) []Sent {
	return s.sentTo([]string{KindTemplate}, openID)
}

// WaitSent waits until a message matching match has been accepted (also one
// accepted before the call) and returns it; for code that sends from a
// background job.
func (s *Server) WaitSent(ctx context.Context, match func(Sent) bool) (Sent, error) {
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		for _, m := range s.Sent() {
			if match(m) {
				return m, nil
			}
		}
		select {
		case <-ctx.Done():
			return Sent{}, ctx.Err()
		case <-changed:
		}
	}
}

// record appends c (and m when accepted) and wakes WaitSent. Callers hold
// s.mu.
func (s *Server) record(c Call, m *Sent) {
	s.calls = append(s.calls, c)
	if m != nil {
		s.sent = append(s.sent, *m)
	}
	close(s.changed)
	s.changed = make(chan struct{})
}
