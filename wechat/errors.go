package wechat

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"

	"github.com/silenceper/wechat/v2/util"
)

// WeChat error codes callers branch on. The full list is WeChat's; these are
// the ones this project meets.
const (
	CodeSystemBusy         = -1
	CodeInvalidCredential  = 40001 // access_token invalid or not the latest
	CodeInvalidOpenID      = 40003
	CodeInvalidMediaID     = 40007
	CodeInvalidAccessToken = 40014
	CodeInvalidCode        = 40029 // js_code or phone code unknown
	CodeInvalidTemplateID  = 40037
	CodeCodeUsed           = 40163
	CodeTokenExpired       = 42001
	CodeUnsubscribed       = 43004 // the user does not follow the account
	CodeSubscribeRefused   = 43101 // the user refused (or used up) the subscription
	CodeAPIDailyLimit      = 45009
	CodeOutOfWindow        = 45015 // more than 48 hours since the user last wrote
	CodeTooManyInWindow    = 45047 // customer-service quota within the window used up
)

// APIError is WeChat answering with a non-zero errcode.
type APIError struct {
	Code int
	Msg  string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("wechat errcode %d: %s", e.Code, e.Msg)
}

// retryableCodes are the errcodes after which the same request may succeed
// later unchanged. Everything else WeChat reports is about the request or the
// user (bad openid, refused subscription, window closed): sending it again
// would only be refused again, so it counts as permanent for this attempt.
var retryableCodes = map[int]bool{
	CodeSystemBusy:         true,
	CodeInvalidCredential:  true, // the next attempt fetches a fresh token
	CodeInvalidAccessToken: true,
	CodeTokenExpired:       true,
	CodeAPIDailyLimit:      true,
	45011:                  true, // API minute quota reached
	45033:                  true, // API concurrency limit
}

// Retryable reports whether sending the same request again later may succeed.
func (e *APIError) Retryable() bool { return retryableCodes[e.Code] }

// Permanent reports whether the same request will keep failing: the job
// should stop retrying (and, for 45015/45047, fall back to another channel).
func (e *APIError) Permanent() bool { return !e.Retryable() }

// tokenInvalid reports whether the error means our cached access token is no
// good, so the token must be dropped from the shared cache.
func (e *APIError) tokenInvalid() bool {
	switch e.Code {
	case CodeInvalidCredential, CodeInvalidAccessToken, CodeTokenExpired:
		return true
	}
	return false
}

// IsPermanent reports whether err is a WeChat answer that retrying will not
// change. Transport failures and timeouts are not permanent.
func IsPermanent(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Permanent()
}

// ErrorCode returns WeChat's errcode carried by err, or 0 when err is not a
// WeChat answer.
func ErrorCode(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	return 0
}

// silenceper reports errcodes in three shapes: *util.CommonError, a
// fmt.Errorf string "errcode=N , errmsg=M" (custom and template send, token
// fetch, code2session), and "errormsg=" in the token fetch. The string form is
// parsed so callers always get an *APIError.
var errcodeInText = regexp.MustCompile(`errcode=(-?\d+)\s*,\s*err(?:or)?msg=(.*)$`)

// secretsInText matches query parameters that must never reach a log line.
// silenceper's errors and *url.Error quote full request URLs.
var secretsInText = regexp.MustCompile(`\b(access_token|secret|js_code|code|media_id)=[^&\s"',]*`)

func redact(s string) string {
	return secretsInText.ReplaceAllString(s, "$1=REDACTED")
}

// wrapErr turns whatever silenceper or net/http returned into an error that
// is an *APIError when WeChat answered, and whose text never carries secrets.
func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return fmt.Errorf("%s: %w", op, apiErr)
	}
	var common *util.CommonError
	if errors.As(err, &common) {
		return fmt.Errorf("%s: %w", op, &APIError{Code: int(common.ErrCode), Msg: common.ErrMsg})
	}
	if m := errcodeInText.FindStringSubmatch(err.Error()); m != nil {
		if code, convErr := strconv.Atoi(m[1]); convErr == nil {
			return fmt.Errorf("%s: %w", op, &APIError{Code: code, Msg: m[2]})
		}
	}
	return &redactedError{msg: op + ": " + redact(err.Error()), err: err}
}

// redactedError keeps errors.Is working (context.DeadlineExceeded, ...)
// while its text drops tokens and codes from quoted URLs.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }

// Unwrap skips a *url.Error, whose own text would quote the URL again, and
// hides any cause whose text carries a secret.
func (e *redactedError) Unwrap() error {
	var urlErr *url.Error
	if errors.As(e.err, &urlErr) {
		return urlErr.Err
	}
	if msg := e.err.Error(); redact(msg) != msg {
		return nil
	}
	return e.err
}
