package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
)

// DecodeJSON reads the request body into v strictly: JSON only, no unknown
// fields, no trailing data. An empty body leaves v as it is when optional.
// Every JSON route uses it (the citizen and the staff API), so bad input is
// refused the same way everywhere.
func DecodeJSON(c *fiber.Ctx, v any, optional bool) error {
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
	// encoding/json would quietly turn invalid UTF-8 into U+FFFD and the
	// garbled text would be stored as if the person had written it.
	if !utf8.Valid(body) {
		return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Message: "请求格式有误：内容不是有效的 UTF-8 编码"}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &Error{Status: fiber.StatusBadRequest, Code: "bad_request", Message: "请求格式有误：JSON 之后还有多余内容"}
	}
	// A "\u0000" escape decodes into a NUL that PostgreSQL cannot store:
	// refused here, naming the field, instead of failing the transaction.
	if field, ok := nulField(reflect.ValueOf(v), ""); ok {
		return FieldError(field, "内容包含无法识别的字符")
	}
	return nil
}

// nulField finds a decoded string holding NUL and returns its JSON path
// (as UnmarshalTypeError names fields: "location.address").
func nulField(v reflect.Value, path string) (string, bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return nulField(v.Elem(), path)
		}
	case reflect.String:
		return path, strings.ContainsRune(v.String(), 0)
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if f, ok := nulField(v.Index(i), path); ok {
				return f, true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if f, ok := nulField(it.Key(), path); ok {
				return f, true
			}
			if f, ok := nulField(it.Value(), path); ok {
				return f, true
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			if name == "-" || !t.Field(i).IsExported() {
				continue
			}
			if name == "" {
				name = t.Field(i).Name
			}
			if path != "" {
				name = path + "." + name
			}
			if f, ok := nulField(v.Field(i), name); ok {
				return f, true
			}
		}
	}
	return "", false
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
