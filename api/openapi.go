package api

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// OpenAPI is the API's OpenAPI 3 document, built by the code that mounts
// the routes: every branch that adds routes under /api/v1 registers them
// here with AddPath (and its schemas with AddSchema), and
// CheckRoutes proves in a test that the document and the router agree.
type OpenAPI struct {
	mu       sync.Mutex
	title    string
	version  string
	paths    map[string]map[string]*Operation
	schemas  map[string]*Schema
	security map[string]SecurityScheme
}

// Security scheme names every operation may reference.
const (
	// SecurityCitizen is the mini-program session (POST /api/v1/auth/login).
	SecurityCitizen = "citizenToken"
	// SecurityStaff is a per-unit API token (staff workbench).
	SecurityStaff = "staffToken"
	// SecurityCallback is the HMAC signature of provider callbacks.
	SecurityCallback = "callbackSignature"
)

// Operation is one method on one path.
type Operation struct {
	OperationID string                `json:"operationId,omitempty"`
	Summary     string                `json:"summary,omitempty"`
	Description string                `json:"description,omitempty"`
	Tags        []string              `json:"tags,omitempty"`
	Security    []map[string][]string `json:"security,omitempty"`
	Parameters  []Parameter           `json:"parameters,omitempty"`
	RequestBody *RequestBody          `json:"requestBody,omitempty"`
	Responses   map[string]Response   `json:"responses"`
}

// Parameter is a path, query or header parameter.
type Parameter struct {
	Name        string  `json:"name"`
	In          string  `json:"in"` // path, query, header
	Description string  `json:"description,omitempty"`
	Required    bool    `json:"required,omitempty"`
	Schema      *Schema `json:"schema"`
}

// RequestBody is an operation's body, by media type.
type RequestBody struct {
	Required bool                 `json:"required,omitempty"`
	Content  map[string]MediaType `json:"content"`
}

// MediaType holds a schema.
type MediaType struct {
	Schema *Schema `json:"schema"`
}

// Response is one answer of an operation.
type Response struct {
	Description string               `json:"description"`
	Headers     map[string]Header    `json:"headers,omitempty"`
	Content     map[string]MediaType `json:"content,omitempty"`
}

// Header is a response header.
type Header struct {
	Description string  `json:"description,omitempty"`
	Schema      *Schema `json:"schema"`
}

// Schema is the subset of JSON Schema the document uses.
type Schema struct {
	Ref                  string             `json:"$ref,omitempty"`
	Type                 string             `json:"type,omitempty"`
	Format               string             `json:"format,omitempty"`
	Description          string             `json:"description,omitempty"`
	Enum                 []string           `json:"enum,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	AdditionalProperties *Schema            `json:"additionalProperties,omitempty"`
	Nullable             bool               `json:"nullable,omitempty"`
	MaxLength            int                `json:"maxLength,omitempty"`
	MaxItems             int                `json:"maxItems,omitempty"`
	Minimum              *float64           `json:"minimum,omitempty"`
	Maximum              *float64           `json:"maximum,omitempty"`
}

// SecurityScheme is an OpenAPI security scheme.
type SecurityScheme struct {
	Type         string `json:"type"` // http, apiKey
	Scheme       string `json:"scheme,omitempty"`
	BearerFormat string `json:"bearerFormat,omitempty"`
	In           string `json:"in,omitempty"`
	Name         string `json:"name,omitempty"`
	Description  string `json:"description,omitempty"`
}

// NewOpenAPI returns a document with the error schema and the three
// security schemes declared.
func NewOpenAPI(title, version string) *OpenAPI {
	d := &OpenAPI{title: title, version: version, paths: map[string]map[string]*Operation{},
		schemas: map[string]*Schema{}, security: map[string]SecurityScheme{}}
	d.AddSchema("Error", Object(map[string]*Schema{
		"error": Object(map[string]*Schema{
			"code":    {Type: "string", Description: "machine-readable, English (validation_failed, unauthorized, not_found, rate_limited…)"},
			"message": {Type: "string", Description: "for the person, in Chinese"},
			"field":   {Type: "string", Description: "the input field at fault, when there is one"},
		}, "code", "message"),
	}, "error"))
	d.AddSecurityScheme(SecurityCitizen, SecurityScheme{Type: "http", Scheme: "bearer", BearerFormat: "opaque",
		Description: "Session token from POST /api/v1/auth/login; sliding expiry, revoked by POST /api/v1/auth/logout."})
	d.AddSecurityScheme(SecurityStaff, SecurityScheme{Type: "http", Scheme: "bearer",
		Description: "Per-unit staff API token (staff workbench)."})
	d.AddSecurityScheme(SecurityCallback, SecurityScheme{Type: "apiKey", In: "header", Name: "X-Signature",
		Description: "HMAC-SHA256 of the request body with the provider's shared secret (callbacks)."})
	return d
}

// Object is an object schema with required property names.
func Object(props map[string]*Schema, required ...string) *Schema {
	return &Schema{Type: "object", Properties: props, Required: required}
}

// Ref points at a schema of components/schemas.
func Ref(name string) *Schema { return &Schema{Ref: "#/components/schemas/" + name} }

// JSONBody is a required application/json request body.
func JSONBody(s *Schema) *RequestBody {
	return &RequestBody{Required: true, Content: map[string]MediaType{fiber.MIMEApplicationJSON: {Schema: s}}}
}

// JSONResponse is a response with an application/json body.
func JSONResponse(description string, s *Schema) Response {
	return Response{Description: description, Content: map[string]MediaType{fiber.MIMEApplicationJSON: {Schema: s}}}
}

// ErrorResponse is a response with the error shape.
func ErrorResponse(description string) Response { return JSONResponse(description, Ref("Error")) }

// Secured returns the security requirement of one scheme.
func Secured(scheme string) []map[string][]string { return []map[string][]string{{scheme: {}}} }

var fiberParam = regexp.MustCompile(`:([A-Za-z0-9_]+)\??`)

// openAPIPath turns Fiber's /cases/:id into OpenAPI's /cases/{id}.
func openAPIPath(p string) string { return fiberParam.ReplaceAllString(p, "{$1}") }

// AddPath documents one route, given as Fiber writes it (full path). Path
// parameters not listed in op are added as strings; an operation without
// an error response gets the error shape as its default.
func (d *OpenAPI) AddPath(method, path string, op Operation) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p := openAPIPath(path)
	for _, m := range fiberParam.FindAllStringSubmatch(path, -1) {
		found := false
		for _, prm := range op.Parameters {
			found = found || (prm.In == "path" && prm.Name == m[1])
		}
		if !found {
			op.Parameters = append(op.Parameters, Parameter{Name: m[1], In: "path", Required: true, Schema: &Schema{Type: "string"}})
		}
	}
	op.Responses = maps.Clone(op.Responses) // ops may be shared values
	op.Parameters = slices.Clone(op.Parameters)
	if op.Responses == nil {
		op.Responses = map[string]Response{}
	}
	if _, ok := op.Responses["default"]; !ok {
		op.Responses["default"] = ErrorResponse("错误（统一格式）")
	}
	if d.paths[p] == nil {
		d.paths[p] = map[string]*Operation{}
	}
	d.paths[p][strings.ToLower(method)] = &op
}

// AddSchema adds a named schema to components.
func (d *OpenAPI) AddSchema(name string, s *Schema) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.schemas[name] = s
}

// AddSecurityScheme declares (or redefines) a security scheme.
func (d *OpenAPI) AddSecurityScheme(name string, s SecurityScheme) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.security[name] = s
}

// MarshalJSON renders the document.
func (d *OpenAPI) MarshalJSON() ([]byte, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return json.Marshal(map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]string{"title": d.title, "version": d.version},
		"paths":   d.paths,
		"components": map[string]any{
			"schemas":         d.schemas,
			"securitySchemes": d.security,
		},
	})
}

// Handler serves the document.
func (d *OpenAPI) Handler() fiber.Handler {
	return func(c *fiber.Ctx) error {
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
		return c.Send(b)
	}
}

// Operations lists the documented "METHOD /path" pairs, sorted.
func (d *OpenAPI) Operations() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for p, ms := range d.paths {
		for m := range ms {
			out = append(out, strings.ToUpper(m)+" "+p)
		}
	}
	sort.Strings(out)
	return out
}

// CheckRoutes compares the router with the document under prefix: every
// route must be documented and every documented operation must exist.
// HEAD routes that Fiber adds for GET are ignored.
func CheckRoutes(app *fiber.App, d *OpenAPI, prefix string) []string {
	routed := map[string]bool{}
	for _, r := range app.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, prefix) || r.Method == fiber.MethodHead || r.Method == fiber.MethodOptions {
			continue
		}
		routed[r.Method+" "+openAPIPath(r.Path)] = true
	}
	documented := map[string]bool{}
	for _, op := range d.Operations() {
		if _, path, _ := strings.Cut(op, " "); strings.HasPrefix(path, prefix) {
			documented[op] = true
		}
	}
	var problems []string
	for r := range routed {
		if !documented[r] {
			problems = append(problems, fmt.Sprintf("route %s is not in the OpenAPI document", r))
		}
	}
	for op := range documented {
		if !routed[op] {
			problems = append(problems, fmt.Sprintf("documented %s is not routed", op))
		}
	}
	sort.Strings(problems)
	return problems
}
