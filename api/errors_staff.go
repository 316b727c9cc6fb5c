package api

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"petitiond/staff"
)

// mapStaffError maps the errors of the staff domain (workbench and staff
// API).
func mapStaffError(err error) (*Error, bool) {
	switch {
	case errors.Is(err, staff.ErrForbidden):
		return ErrForbidden, true
	case errors.Is(err, staff.ErrNoToken):
		return NewError(fiber.StatusUnauthorized, "invalid_token", "接口令牌无效或已吊销"), true
	case errors.Is(err, staff.ErrNoAccount):
		return NewError(fiber.StatusNotFound, "not_found", "未找到该账号"), true
	case errors.Is(err, staff.ErrTokenNotFound):
		return NewError(fiber.StatusNotFound, "not_found", "未找到该接口令牌"), true
	case errors.Is(err, staff.ErrBadCredentials):
		return NewError(fiber.StatusUnauthorized, "unauthorized", "用户名或密码不正确"), true
	}
	return nil, false
}

// Describe returns the status, code and message an error maps to, for
// transports that answer in HTML (the staff workbench) rather than JSON:
// they show the same words the JSON API would.
func Describe(err error) *Error { return mapError(err) }
