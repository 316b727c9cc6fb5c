package api

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"petitiond/cases"
	"petitiond/uploads"
	"petitiond/wechat"
)

// Error is the one JSON error shape every route returns:
// {"error": {"code": "validation_failed", "message": "…", "field": "text"}}.
// Codes are English for clients; messages are Chinese for the person.
type Error struct {
	Status     int    `json:"-"`
	Code       string `json:"code"`
	Message    string `json:"message"`
	Field      string `json:"field,omitempty"`
	RetryAfter int    `json:"-"` // seconds, for 429
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// NewError builds an Error.
func NewError(status int, code, message string) *Error {
	return &Error{Status: status, Code: code, Message: message}
}

// FieldError builds a 422 validation error on one field.
func FieldError(field, message string) *Error {
	return &Error{Status: fiber.StatusUnprocessableEntity, Code: "validation_failed", Message: message, Field: field}
}

// Common errors.
var (
	ErrBadJSON      = NewError(fiber.StatusBadRequest, "bad_request", "请求格式有误")
	ErrUnauthorized = NewError(fiber.StatusUnauthorized, "unauthorized", "请先登录")
	ErrForbidden    = NewError(fiber.StatusForbidden, "forbidden", "没有权限")
	ErrNotFound     = NewError(fiber.StatusNotFound, "not_found", "未找到")
)

// mapError turns any error into the JSON shape: domain errors here, in one
// place, so every transport answers them the same way.
func mapError(err error) *Error {
	if e, ok := mapStaffError(err); ok {
		return e
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if v, ok := cases.IsValidation(err); ok {
		return FieldError(v.Field, v.Message)
	}
	if e, ok := mapIntegrationError(err); ok {
		return e
	}
	var fe *fiber.Error
	switch {
	case errors.Is(err, cases.ErrNotFound), errors.Is(err, cases.ErrTrackingPrefix):
		return NewError(fiber.StatusNotFound, "not_found", "未找到该事项")
	case errors.Is(err, cases.ErrTrackingChecksum), errors.Is(err, cases.ErrTrackingFormat):
		return &Error{Status: fiber.StatusBadRequest, Code: "invalid_tracking_no", Message: "受理编号有误，请核对后重新输入", Field: "tracking_no"}
	case errors.Is(err, cases.ErrIdempotencyConflict):
		return NewError(fiber.StatusConflict, "idempotency_conflict", "该请求编号已用于另一项提交")
	case errors.Is(err, cases.ErrAlreadyEvaluated):
		return NewError(fiber.StatusConflict, "already_evaluated", "您已经评价过了")
	case errors.Is(err, cases.ErrInvalidTransition):
		return NewError(fiber.StatusConflict, "invalid_state", "该事项当前状态不允许此操作")
	case errors.Is(err, cases.ErrTaskClosed):
		return NewError(fiber.StatusConflict, "task_closed", "该任务已经完成")
	case errors.Is(err, cases.ErrNotAssigned):
		return NewError(fiber.StatusConflict, "not_assigned", "该任务未分配给您")
	case errors.Is(err, cases.ErrConflict):
		return NewError(fiber.StatusConflict, "conflict", "事项已被他人更新，请刷新后重试")
	case errors.As(err, &fe):
		return fiberError(fe)
	}
	return NewError(fiber.StatusInternalServerError, "internal", "系统繁忙，请稍后再试")
}

// wechatError marks an error of a WeChat call made for the person; which
// code the person sent (login or phone) decides what a bad code means.
type wechatError struct {
	field string // "code" for login (401 when bad), "phone_code" for the phone
	err   error
}

func (e *wechatError) Error() string { return e.err.Error() }
func (e *wechatError) Unwrap() error { return e.err }

// badCodes are WeChat's answers to a code that is unknown, used or refused.
var badCodes = map[int]bool{wechat.CodeInvalidCode: true, wechat.CodeCodeUsed: true, 40226: true /* high-risk user */}

// mapIntegrationError maps the errors of WeChat, the uploads and the
// session store.
func mapIntegrationError(err error) (*Error, bool) {
	var we *wechatError
	switch {
	case errors.Is(err, wechat.ErrNotConfigured):
		return NewError(fiber.StatusServiceUnavailable, "wechat_not_configured", "小程序登录暂未开通，请通过公众号反映问题"), true
	case errors.As(err, &we):
		code := wechat.ErrorCode(err)
		switch {
		case badCodes[code] && we.field == "code":
			return &Error{Status: fiber.StatusUnauthorized, Code: "invalid_login_code", Field: "code",
				Message: fmt.Sprintf("登录凭证无效或已使用（微信错误码 %d），请重新进入小程序登录", code)}, true
		case badCodes[code]:
			return &Error{Status: fiber.StatusUnprocessableEntity, Code: "invalid_phone_code", Field: "code",
				Message: fmt.Sprintf("手机号授权无效或已使用（微信错误码 %d），请重新授权", code)}, true
		case code != 0:
			return NewError(fiber.StatusBadGateway, "wechat_error", fmt.Sprintf("微信服务暂时不可用（微信错误码 %d），请稍后再试", code)), true
		}
		return NewError(fiber.StatusBadGateway, "wechat_unavailable", "微信服务暂时无法连接，请稍后再试"), true
	case errors.Is(err, uploads.ErrUnsupportedType):
		return &Error{Status: fiber.StatusUnsupportedMediaType, Code: "unsupported_media_type", Field: "file",
			Message: "仅支持 JPEG、PNG、WebP 格式的图片"}, true
	case errors.Is(err, uploads.ErrTooLarge):
		return &Error{Status: fiber.StatusRequestEntityTooLarge, Code: "too_large", Field: "file", Message: "图片不能超过10MB"}, true
	case errors.Is(err, uploads.ErrCorrupt):
		return &Error{Status: fiber.StatusUnprocessableEntity, Code: "corrupt_image", Field: "file", Message: "图片已损坏，无法识别，请重新选择"}, true
	case errors.Is(err, uploads.ErrEmpty):
		return FieldError("file", "请选择要上传的图片"), true
	case errors.Is(err, uploads.ErrNotFound):
		return NewError(fiber.StatusNotFound, "not_found", "未找到该图片"), true
	case errors.Is(err, errNoSession):
		return ErrUnauthorized, true
	case errors.Is(err, errSessionStore):
		return NewError(fiber.StatusServiceUnavailable, "unavailable", "系统繁忙，请稍后再试"), true
	}
	return nil, false
}

func fiberError(fe *fiber.Error) *Error {
	switch fe.Code {
	case fiber.StatusNotFound:
		return NewError(fe.Code, "not_found", "未找到")
	case fiber.StatusMethodNotAllowed:
		return NewError(fe.Code, "method_not_allowed", "不支持该请求方法")
	case fiber.StatusRequestEntityTooLarge:
		return NewError(fe.Code, "too_large", "内容过大")
	case fiber.StatusUnsupportedMediaType:
		return NewError(fe.Code, "unsupported_media_type", "不支持的内容类型")
	case fiber.StatusTooManyRequests:
		return NewError(fe.Code, "rate_limited", "请求过于频繁，请稍后再试")
	case fiber.StatusBadRequest, fiber.StatusUnprocessableEntity:
		return NewError(fe.Code, "bad_request", "请求格式有误")
	case fiber.StatusUnauthorized:
		return NewError(fe.Code, "unauthorized", "身份验证失败")
	case fiber.StatusForbidden:
		return NewError(fe.Code, "forbidden", "没有权限")
	case fiber.StatusConflict:
		return NewError(fe.Code, "conflict", "请求与当前状态冲突")
	case fiber.StatusServiceUnavailable:
		return NewError(fe.Code, "unavailable", "服务暂时不可用，请稍后再试")
	}
	if fe.Code >= 500 {
		return NewError(fe.Code, "internal", "系统繁忙，请稍后再试")
	}
	return NewError(fe.Code, "error", fe.Message)
}

// ErrorHandler is the app's fiber.ErrorHandler: it writes the JSON shape
// and logs server errors (never request bodies).
func ErrorHandler(log *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		e := mapError(err)
		if e.Status >= 500 {
			log.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
		}
		if e.RetryAfter > 0 {
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(e.RetryAfter))
		}
		return c.Status(e.Status).JSON(fiber.Map{"error": e})
	}
}
