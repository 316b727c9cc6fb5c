package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// decodeJSON reads the request body into v strictly: JSON only, no unknown
// fields, no trailing data. An empty body leaves v as it is when optional.
func decodeJSON(c *fiber.Ctx, v any, optional bool) error {
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		if optional {
			return nil
		}
		return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Message: "请求内容为空"}
	}
	if ct := c.Get(fiber.HeaderContentType); ct != "" && !strings.HasPrefix(strings.ToLower(ct), fiber.MIMEApplicationJSON) {
		return NewError(fiber.StatusUnsupportedMediaType, "unsupported_media_type", "请以 JSON 格式提交")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Message: "请求格式有误：JSON 之后还有多余内容"}
	}
	return nil
}

func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Message: "请求格式有误：应为 JSON 对象"}
		}
		return FieldError(field, "字段类型有误")
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Message: "请求格式有误：不是有效的 JSON"}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &Error{Status: fiber.StatusBadRequest, Code: "unknown_field", Field: field, Message: "不支持的字段：" + field}
	}
	return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Message: "请求格式有误"}
}
