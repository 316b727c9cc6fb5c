package api

import "petitiond/uploads"

var (
	str     = func(desc string) *Schema { return &Schema{Type: "string", Description: desc} }
	boolean = func(desc string) *Schema { return &Schema{Type: "boolean", Description: desc} }
	strs    = func(desc string) *Schema {
		return &Schema{Type: "array", Items: &Schema{Type: "string"}, Description: desc}
	}
)

func num(v float64) *float64 { return &v }

var answersSchema = &Schema{Type: "object", AdditionalProperties: &Schema{Type: "string"},
	Description: "answers to the classifier's clarifying question: court_involved (yes/no/unknown), contests_act (yes/no), wants (compensation/enforcement)"}

// documentSchemas adds the citizen API's schemas.
func documentSchemas(d *OpenAPI) {
	d.AddSchema("Location", Object(map[string]*Schema{
		"lat":     {Type: "number", Minimum: num(-90), Maximum: num(90)},
		"lng":     {Type: "number", Minimum: num(-180), Maximum: num(180)},
		"address": {Type: "string", MaxLength: 200},
	}, "lat", "lng"))
	d.AddSchema("CaseRequest", Object(map[string]*Schema{
		"kind":             {Type: "string", Enum: []string{"complaint", "petition", "business"}},
		"text":             {Type: "string", MaxLength: 20000},
		"location":         Ref("Location"),
		"attachments":      {Type: "array", Items: &Schema{Type: "string"}, MaxItems: 9, Description: "upload ids from POST /api/v1/uploads (the caller's own)"},
		"confidential":     boolean("keep the reporter's identity from the handling department"),
		"company_name":     {Type: "string", MaxLength: 100, Description: "business reports"},
		"credit_code":      str("统一社会信用代码 (18 characters with check character), business reports"),
		"barrier_category": str("code or name from GET /api/v1/meta barrier_categories, business reports"),
		"answers":          answersSchema,
	}, "kind", "text"))
	d.AddSchema("Deadline", Object(map[string]*Schema{
		"kind": str("acceptance, handling, …"), "name": str(""), "start": {Type: "string", Format: "date"},
		"due": {Type: "string", Format: "date"}, "days": {Type: "integer"}, "working_days": boolean(""),
		"basis": str("the law that sets the period"), "provisional": boolean("the holiday calendar did not cover the period"),
		"extended_days": {Type: "integer"}, "met": boolean("the milestone was reached"),
	}, "kind", "due", "basis"))
	d.AddSchema("TimelineEntry", Object(map[string]*Schema{
		"at": {Type: "string", Format: "date-time"}, "action": str(""), "label": str("in Chinese"),
		"status": str("status after the event"), "text": str("reply, result or the person's own words"),
	}, "at", "action", "label"))
	d.AddSchema("Case", Object(map[string]*Schema{
		"tracking_no": str("受理编号"), "kind": str(""), "kind_label": str(""), "status": str(""), "status_label": str(""),
		"channel": {Type: "string", Enum: []string{"litigation", "reconsideration", "mediation", "petition"}}, "channel_name": str(""),
		"department": str(""), "department_name": str(""), "urgent": boolean(""),
		"guidance":  {Type: "object", Description: "where the matter goes and why, with the time limits that protect the person", Nullable: true},
		"deadlines": {Type: "array", Items: Ref("Deadline")}, "text": str(""), "location": Ref("Location"),
		"attachments":  {Type: "array", Items: Object(map[string]*Schema{"kind": str(""), "id": str("")})},
		"confidential": boolean(""), "company_name": str(""), "credit_code": str(""), "barrier_category": str(""),
		"evaluation": Object(map[string]*Schema{"rating": str(""), "comment": str(""), "at": {Type: "string", Format: "date-time"}}),
		"actions":    Object(map[string]*Schema{"withdraw": boolean(""), "supplement": boolean(""), "evaluate": boolean("")}),
		"created_at": {Type: "string", Format: "date-time"}, "updated_at": {Type: "string", Format: "date-time"},
		"timeline": {Type: "array", Items: Ref("TimelineEntry"), Description: "detail view only"},
	}, "tracking_no", "status", "kind", "channel", "department", "urgent", "guidance", "deadlines", "created_at"))
}

var citizenTags = []string{"citizen"}

func ok(desc string, s *Schema) map[string]Response {
	return map[string]Response{"200": JSONResponse(desc, s)}
}

func withErrors(rs map[string]Response, codes ...string) map[string]Response {
	for _, c := range codes {
		rs[c] = ErrorResponse(map[string]string{
			"400": "请求格式有误", "404": "未找到（或不是本人的事项）", "409": "状态不允许 / 重复", "413": "文件过大",
			"415": "不支持的类型", "422": "字段校验失败（error.field 指明字段）", "502": "微信接口出错", "503": "微信未配置或服务不可用",
		}[c])
	}
	return rs
}

var trackingParam = Parameter{Name: "tracking_no", In: "path", Required: true, Schema: str("受理编号, e.g. NY261102000015")}

var caseResponse = func() map[string]Response {
	return withErrors(ok("the case with its timeline", Ref("Case")), "400", "404", "409", "422")
}

var (
	opMeta = Operation{OperationID: "meta", Tags: []string{"meta"}, Summary: "表单选项：事项类型、渠道、部门、营商环境问题类别、状态",
		Responses: ok("lists", &Schema{Type: "object"})}
	opLogin = Operation{OperationID: "login", Tags: []string{"auth"}, Summary: "wx.login code → session token",
		RequestBody: JSONBody(Object(map[string]*Schema{"code": str("wx.login code")}, "code")),
		Responses: withErrors(ok("session", Object(map[string]*Schema{"token": str(""), "token_type": str("Bearer"),
			"expires_at": {Type: "string", Format: "date-time"}, "expires_in": {Type: "integer"}, "phone_bound": boolean("")}, "token")),
			"400", "422", "502", "503")}
	opPhone = Operation{OperationID: "bindPhone", Tags: []string{"auth"}, Summary: "getPhoneNumber code → the person's phone (stored encrypted)",
		RequestBody: JSONBody(Object(map[string]*Schema{"code": str("getPhoneNumber button code")}, "code")),
		Responses:   withErrors(ok("masked number", Object(map[string]*Schema{"phone": str("138****5678")})), "400", "422", "502", "503")}
	opLogout = Operation{OperationID: "logout", Tags: []string{"auth"}, Summary: "revoke the session",
		Responses: map[string]Response{"204": {Description: "revoked"}}}
	opClassify = Operation{OperationID: "classify", Tags: citizenTags, Summary: "preview: channel, department, guidance, clarifying question; nothing stored",
		RequestBody: JSONBody(Object(map[string]*Schema{"kind": str("default complaint"), "text": str(""), "answers": answersSchema}, "text")),
		Responses: withErrors(ok("classification", Object(map[string]*Schema{"channel": str(""), "channel_name": str(""), "department": str(""),
			"department_name": str(""), "urgent": boolean(""), "confidence": {Type: "number"}, "reasons": strs(""),
			"guidance": {Type: "object"}, "question": {Type: "object", Nullable: true, Description: "key, text, options[{value,label}]: send the answer back in answers"}})),
			"400", "422")}
	opSubmit = Operation{OperationID: "submitCase", Tags: citizenTags, Summary: "file a case",
		Parameters:  []Parameter{{Name: "Idempotency-Key", In: "header", Schema: &Schema{Type: "string", MaxLength: 128}, Description: "retry key, scoped to the caller: a retry answers 200 with the same case; the same key with another body 409"}},
		RequestBody: JSONBody(Ref("CaseRequest")),
		Responses: withErrors(map[string]Response{
			"201": JSONResponse("created", Ref("Case")), "200": JSONResponse("retry of an earlier request: the same case", Ref("Case")),
		}, "400", "409", "422")}
	opList = Operation{OperationID: "listCases", Tags: citizenTags, Summary: "the caller's cases (bot and mini-program), newest first",
		Parameters: []Parameter{
			{Name: "cursor", In: "query", Schema: str("next_cursor of the previous page")},
			{Name: "limit", In: "query", Schema: &Schema{Type: "integer", Minimum: num(1), Maximum: num(50)}},
			{Name: "status", In: "query", Schema: &Schema{Type: "string", Enum: []string{"all", "open"}}},
		},
		Responses: withErrors(ok("a page", Object(map[string]*Schema{"cases": {Type: "array", Items: Ref("Case")}, "next_cursor": str("empty on the last page")})), "400")}
	opDetail   = Operation{OperationID: "getCase", Tags: citizenTags, Summary: "one of the caller's cases with its timeline", Parameters: []Parameter{trackingParam}, Responses: caseResponse()}
	opWithdraw = Operation{OperationID: "withdrawCase", Tags: citizenTags, Summary: "withdraw", Parameters: []Parameter{trackingParam},
		RequestBody: &RequestBody{Content: JSONBody(Object(map[string]*Schema{"reason": {Type: "string", MaxLength: 500}})).Content},
		Responses:   caseResponse()}
	opSupplement = Operation{OperationID: "supplementCase", Tags: citizenTags, Summary: "add text or photos while the case is open", Parameters: []Parameter{trackingParam},
		RequestBody: JSONBody(Object(map[string]*Schema{"text": {Type: "string", MaxLength: 5000}, "attachments": strs("upload ids")})),
		Responses:   caseResponse()}
	opEvaluate = Operation{OperationID: "evaluateCase", Tags: citizenTags, Summary: "rate the result (answers the follow-up; 不满意 reopens)", Parameters: []Parameter{trackingParam},
		RequestBody: JSONBody(Object(map[string]*Schema{"rating": {Type: "string", Enum: []string{"满意", "基本满意", "不满意"}}, "comment": {Type: "string", MaxLength: 500}}, "rating")),
		Responses:   caseResponse()}
	opUpload = Operation{OperationID: "upload", Tags: citizenTags, Summary: "upload one image (JPEG, PNG, WebP by content; ≤ 10 MiB; metadata stripped)",
		RequestBody: &RequestBody{Required: true, Content: map[string]MediaType{"multipart/form-data": {Schema: Object(map[string]*Schema{
			"file": {Type: "string", Format: "binary", Description: "at most " + "10 MiB"}}, "file")}}},
		Responses: withErrors(map[string]Response{"201": JSONResponse("stored", Object(map[string]*Schema{
			"id": str("attach it to a case"), "mime": {Type: "string", Enum: []string{uploads.JPEG, uploads.PNG, uploads.WebP}},
			"size": {Type: "integer"}, "created_at": {Type: "string", Format: "date-time"}}))}, "413", "415", "422")}
	opUploadGet = Operation{OperationID: "getUpload", Tags: citizenTags, Summary: "the caller's own stored image",
		Responses: withErrors(map[string]Response{"200": {Description: "the image", Content: map[string]MediaType{
			uploads.JPEG: {Schema: &Schema{Type: "string", Format: "binary"}}, uploads.PNG: {Schema: &Schema{Type: "string", Format: "binary"}},
			uploads.WebP: {Schema: &Schema{Type: "string", Format: "binary"}}}}}, "404")}
	opSubscribe = Operation{OperationID: "subscribe", Tags: citizenTags, Summary: "record accepted one-time subscribe-message templates",
		RequestBody: JSONBody(Object(map[string]*Schema{"template_ids": strs("accepted templates"),
			"results": {Type: "object", AdditionalProperties: &Schema{Type: "string"}, Description: "wx.requestSubscribeMessage's answer as is; only accept counts"}})),
		Responses: withErrors(consents(), "400", "422")}
	opSubscriptions = Operation{OperationID: "subscriptions", Tags: citizenTags, Summary: "consents not yet spent", Responses: consents()}
)

func consents() map[string]Response {
	return ok("consents left per template", Object(map[string]*Schema{"remaining": {Type: "object", AdditionalProperties: &Schema{Type: "integer"}}}))
}
