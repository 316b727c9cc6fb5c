package workbench

import (
	"strings"

	"petitiond/api"
	"petitiond/staff"
)

// Document adds the staff API (/api/v1/staff/…) to the service's OpenAPI
// document, under the staffToken security scheme.
func (h *Handler) Document(d *api.OpenAPI) {
	d.AddSecurityScheme(api.SecurityStaff, api.SecurityScheme{Type: "http", Scheme: "bearer", BearerFormat: "pdt_…",
		Description: "单位接口令牌，由系统管理员或本单位管理员在工作台“接口令牌”页签发（或 petitiond user token）；只保存其 SHA-256，签发时显示一次。令牌以本单位承办人员的身份办理，规则与工作台相同。"})
	str := func(desc string) *api.Schema { return &api.Schema{Type: "string", Description: desc} }
	d.AddSchema("StaffCase", api.Object(map[string]*api.Schema{
		"id": str(""), "tracking_no": str("受理编号"), "kind": str("complaint, petition, business"),
		"status": str(""), "status_label": str("状态（中文）"), "channel": str("litigation, reconsideration, mediation, petition"),
		"department": str("主管部门；行政复议为被申请人"), "unit": str("承办单位"),
		"urgent": {Type: "boolean"}, "confidential": {Type: "boolean"}, "anonymous": {Type: "boolean"},
		"text": str("反映内容"), "attachments": {Type: "array", Items: &api.Schema{Type: "object"}},
		"company":  {Type: "object", Nullable: true},
		"location": {Type: "object", Nullable: true},
		"submitter": api.Object(map[string]*api.Schema{
			"hidden": {Type: "boolean", Description: "保密事项：身份不向承办单位显示"},
			"name":   str("脱敏，或“保密”"), "phone": str("脱敏，如 138****1234，或“保密”"),
			"id_number": str("脱敏，或“保密”"), "address": str("脱敏，或“保密”"),
		}, "hidden", "name", "phone", "id_number", "address"),
		"classification":  {Type: "object", Description: "智能分类结果及理由"},
		"deadlines":       {Type: "array", Items: &api.Schema{Type: "object"}, Description: "法定期限及依据"},
		"next_due_at":     {Type: "string", Format: "date-time", Nullable: true},
		"due_state":       str("normal, warning（临期）, overdue（逾期）；已结事项为空"),
		"extension":       {Type: "object", Nullable: true},
		"allowed_actions": {Type: "array", Items: str("accept, return, extension, reply, close")},
		"created_at":      {Type: "string", Format: "date-time"}, "updated_at": {Type: "string", Format: "date-time"},
		"received_at": {Type: "string", Format: "date-time"}, "version": {Type: "integer"},
	}, "id", "tracking_no", "status", "unit", "submitter", "allowed_actions"))
	d.AddSchema("StaffEvent", api.Object(map[string]*api.Schema{
		"at": {Type: "string", Format: "date-time"}, "actor": {Type: "object"}, "action": str(""),
		"from": str(""), "to": str(""), "note": str(""),
	}, "at", "action"))

	caseBody := api.JSONResponse("事项", api.Object(map[string]*api.Schema{"case": api.Ref("StaffCase")}, "case"))
	common := func(extra map[string]api.Response) map[string]api.Response {
		out := map[string]api.Response{
			"401": api.ErrorResponse("缺少或无效的接口令牌"),
			"404": api.ErrorResponse("事项不存在或不属于本单位"),
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	query := func(name, desc string, t string) api.Parameter {
		return api.Parameter{Name: name, In: "query", Description: desc, Schema: &api.Schema{Type: t}}
	}
	ops := map[string]api.Operation{
		"GET /cases": {OperationID: "staffListCases", Summary: "本单位的事项，按下一期限排序",
			Parameters: []api.Parameter{
				query("status", "空：办理中；all：全部；或某一状态", "string"),
				query("channel", "litigation, reconsideration, mediation, petition", "string"),
				query("kind", "complaint, petition, business", "string"),
				query("state", "normal, warning（临期）, overdue（逾期）", "string"),
				query("q", "受理编号或内容关键词", "string"),
				query("urgent", "1：只看紧急", "string"),
				query("limit", "每页条数，1–200，默认 50", "integer"),
				query("offset", "跳过条数", "integer"),
			},
			Responses: common(map[string]api.Response{"200": api.JSONResponse("一页事项", api.Object(map[string]*api.Schema{
				"cases": {Type: "array", Items: api.Ref("StaffCase")}, "total": {Type: "integer"},
				"limit": {Type: "integer"}, "offset": {Type: "integer"}}, "cases", "total")),
				"422": api.ErrorResponse("参数有误")})},
		"GET /cases/:id": {OperationID: "staffGetCase", Summary: "一个事项及其办理记录",
			Responses: common(map[string]api.Response{"200": api.JSONResponse("事项", api.Object(map[string]*api.Schema{
				"case": api.Ref("StaffCase"), "timeline": {Type: "array", Items: api.Ref("StaffEvent")}}, "case", "timeline"))})},
		"POST /cases/:id/reveal": {OperationID: "staffReveal", Summary: "查看一项个人信息（先写审计日志；保密事项不可查看）",
			RequestBody: api.JSONBody(api.Object(map[string]*api.Schema{"field": {Type: "string", Enum: staff.Fields}}, "field")),
			Responses: common(map[string]api.Response{
				"200": api.JSONResponse("字段值", api.Object(map[string]*api.Schema{"field": str(""), "value": str("")}, "field", "value")),
				"403": api.ErrorResponse("保密事项不向承办单位显示反映人身份")})},
	}
	bodies := map[string]*api.RequestBody{
		"return":    api.JSONBody(api.Object(map[string]*api.Schema{"reason": str("退回理由")}, "reason")),
		"extension": api.JSONBody(api.Object(map[string]*api.Schema{"days": {Type: "integer", Description: "延长天数"}, "reason": str("理由"), "deadline": str("期限种类；省略时为可延期的期限")}, "days", "reason")),
		"reply":     api.JSONBody(api.Object(map[string]*api.Schema{"text": str("答复内容，将发送给反映人")}, "text")),
		"close":     api.JSONBody(api.Object(map[string]*api.Schema{"result": str("办结结果")}, "result")),
	}
	summaries := map[string]string{"accept": "签收", "return": "退回（不属于本单位，由督查室重新分派）", "extension": "申请延期（待督查室审批）",
		"reply": "答复（发送给反映人）", "close": "办结"}
	for _, a := range caseActions {
		if staff.ActionPermission(a.action) != staff.PermHandle {
			continue
		}
		ops["POST /cases/:id/"+a.path] = api.Operation{OperationID: "staff_" + a.path, Summary: summaries[a.path], RequestBody: bodies[a.path],
			Responses: common(map[string]api.Response{"200": caseBody,
				"409": api.ErrorResponse("当前状态不允许此操作"), "422": api.ErrorResponse("输入有误（error.field 指出字段）")})}
	}
	for key, op := range ops {
		method, path, _ := strings.Cut(key, " ")
		op.Tags, op.Security = []string{"staff"}, api.Secured(api.SecurityStaff)
		d.AddPath(method, APIPrefix+path, op)
	}
}
