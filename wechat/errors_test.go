package wechat

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/silenceper/wechat/v2/util"
)

func TestAPIErrorPermanence(t *testing.T) {
	for _, tc := range []struct {
		code      int
		permanent bool
		why       string
	}{
		{-1, false, "system busy"},
		{40001, false, "token invalid: refetch"},
		{40014, false, "token invalid: refetch"},
		{42001, false, "token expired: refetch"},
		{45009, false, "daily quota: tomorrow"},
		{45011, false, "minute quota"},
		{40003, true, "invalid openid"},
		{40029, true, "invalid code"},
		{40037, true, "invalid template"},
		{40163, true, "code used"},
		{43004, true, "not following"},
		{43101, true, "subscription refused"},
		{45015, true, "48-hour window closed"},
		{45047, true, "window quota used"},
		{47001, true, "bad request body"},
		{99999, true, "unknown code: do not hammer WeChat"},
	} {
		e := &APIError{Code: tc.code, Msg: tc.why}
		if e.Permanent() != tc.permanent || e.Retryable() == tc.permanent {
			t.Errorf("%d (%s): permanent=%v, want %v", tc.code, tc.why, e.Permanent(), tc.permanent)
		}
		wrapped := fmt.Errorf("job: %w", e)
		if IsPermanent(wrapped) != tc.permanent || ErrorCode(wrapped) != tc.code {
			t.Errorf("%d wrapped: IsPermanent=%v ErrorCode=%d", tc.code, IsPermanent(wrapped), ErrorCode(wrapped))
		}
	}
	if IsPermanent(context.DeadlineExceeded) || ErrorCode(errors.New("x")) != 0 {
		t.Error("non-WeChat errors must be neither permanent nor coded")
	}
}

func TestWrapErrFindsSilenceperErrcodes(t *testing.T) {
	for _, tc := range []struct {
		in   error
		code int
		msg  string
	}{
		{util.NewCommonError("Send", 43101, "user refuse to accept the msg"), 43101, "user refuse to accept the msg"},
		{fmt.Errorf("customer msg send error : errcode=%v , errmsg=%v", 45015, "response out of time limit"), 45015, "response out of time limit"},
		{fmt.Errorf("get access_token error : errcode=%v , errormsg=%v", -1, "system error"), -1, "system error"},
	} {
		err := wrapErr("op", tc.in)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Code != tc.code || apiErr.Msg != tc.msg {
			t.Errorf("wrapErr(%v) = %#v", tc.in, err)
		}
		if !strings.HasPrefix(err.Error(), "op: ") {
			t.Errorf("no context: %v", err)
		}
	}
}

func TestWrapErrRedactsURLs(t *testing.T) {
	in := &url.Error{Op: "Get", URL: "https://api.weixin.qq.com/sns/jscode2session?appid=wx1&secret=s3cr3t&js_code=c0de&grant_type=authorization_code",
		Err: context.DeadlineExceeded}
	err := wrapErr("code2session", in)
	for _, s := range []string{"s3cr3t", "c0de"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("leaks %s: %v", s, err)
		}
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Error("cause lost")
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		t.Error("the *url.Error, which quotes the URL, is reachable by errors.As")
	}
	silenceperText := errors.New("http get error : uri=https://api.weixin.qq.com/cgi-bin/media/get?access_token=T0K&media_id=M1 , statusCode=500")
	err = wrapErr("media", silenceperText)
	if strings.Contains(err.Error(), "T0K") || strings.Contains(err.Error(), "M1") || errors.Unwrap(err) != nil {
		t.Errorf("silenceper text not redacted or still reachable: %v", err)
	}
}
