package wechat

import (
	"context"
	"fmt"
	"net/url"

	"github.com/silenceper/wechat/v2/miniprogram/auth"
)

// Session is who a mini-program login code belongs to. WeChat's session_key
// is deliberately dropped here: the phone number comes from the newer code
// API, so nothing in the project needs to decrypt with it, and a value never
// returned cannot be logged.
type Session struct {
	OpenID  string
	UnionID string // empty unless the mini-program is bound to an open-platform account
}

// Phone is the number a user allowed the mini-program to read.
type Phone struct {
	Number      string // with country code for non-mainland numbers, as WeChat gives it
	PureNumber  string // without country code
	CountryCode string
}

// Code2Session exchanges a wx.login code. A bad or used code yields an
// *APIError (CodeInvalidCode 40029, CodeCodeUsed 40163) that the API maps to
// 401.
func (c *Client) Code2Session(ctx context.Context, code string) (Session, error) {
	if err := c.configured(miniProgramApp); err != nil {
		return Session{}, fmt.Errorf("code2session: %w", err)
	}
	// silenceper pastes js_code into the URL unescaped; a crafted code could
	// add parameters of its own.
	res, err := c.mp.GetAuth().Code2SessionContext(c.route(ctx), url.QueryEscape(code))
	if res.ErrCode != 0 {
		return Session{}, fmt.Errorf("code2session: %w", &APIError{Code: int(res.ErrCode), Msg: res.ErrMsg})
	}
	if err != nil {
		return Session{}, wrapErr("code2session", err)
	}
	if res.OpenID == "" {
		return Session{}, fmt.Errorf("code2session: %w", &APIError{Code: CodeInvalidCode, Msg: "answer without openid"})
	}
	return Session{OpenID: res.OpenID, UnionID: res.UnionID}, nil
}

// PhoneNumber exchanges a getPhoneNumber button code for the number.
func (c *Client) PhoneNumber(ctx context.Context, code string) (Phone, error) {
	if err := c.configured(miniProgramApp); err != nil {
		return Phone{}, fmt.Errorf("get phone number: %w", err)
	}
	ctx = c.route(ctx)
	var res *auth.GetPhoneNumberResponse
	err := c.retryStaleToken(ctx, miniProgramApp, func() error {
		var err error
		res, err = c.mp.GetAuth().GetPhoneNumberContext(ctx, code)
		return wrapErr("getuserphonenumber", err)
	})
	if err != nil {
		return Phone{}, fmt.Errorf("get phone number: %w", err)
	}
	info := res.PhoneInfo
	if info.PhoneNumber == "" && info.PurePhoneNumber == "" {
		return Phone{}, fmt.Errorf("get phone number: %w", &APIError{Code: CodeInvalidCode, Msg: "answer without phone number"})
	}
	return Phone{Number: info.PhoneNumber, PureNumber: info.PurePhoneNumber, CountryCode: info.CountryCode}, nil
}
