package workbench

// OpenAPI describes the staff API (/api/v1/staff/…) as OpenAPI 3 fragments
// for the service's document: its paths, the staffToken security scheme and
// the schemas they use.
func OpenAPI() (paths, securitySchemes, schemas map[string]any) {
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	jsonBody := func(schema map[string]any) map[string]any {
		return map[string]any{"content": map[string]any{"application/json": map[string]any{"schema": schema}}}
	}
	errResp := func(desc string) map[string]any {
		r := jsonBody(ref("StaffError"))
		r["description"] = desc
		return r
	}
	caseResp := func(desc string) map[string]any {
		r := jsonBody(map[string]any{"type": "object", "properties": map[string]any{"case": ref("StaffCase")}})
		r["description"] = desc
		return r
	}
	idParam := map[string]any{"name": "id", "in": "path", "required": true, "schema": map[string]any{"type": "string"}, "description": "事项 id"}
	security := []any{map[string]any{"staffToken": []any{}}}
	common := map[string]any{
		"401": errResp("缺少或无效的接口令牌"),
		"404": errResp("事项不存在或不属于本单位"),
	}
	with := func(extra map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range common {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	query := func(name, desc string, schema map[string]any) map[string]any {
		return map[string]any{"name": name, "in": "query", "schema": schema, "description": desc}
	}
	str := map[string]any{"type": "string"}
	action := func(summary string, body map[string]any, required ...string) map[string]any {
		op := map[string]any{
			"tags": []any{"staff"}, "summary": summary, "security": security,
			"parameters": []any{idParam},
			"responses": with(map[string]any{
				"200": caseResp("操作后的事项"),
				"409": errResp("当前状态不允许此操作"),
				"422": errResp("输入有误（error.field 指出字段）"),
			}),
		}
		if body != nil {
			schema := map[string]any{"type": "object", "properties": body}
			if len(required) > 0 {
				schema["required"] = required
			}
			b := jsonBody(schema)
			b["required"] = len(required) > 0
			op["requestBody"] = b
		}
		return map[string]any{"post": op}
	}
	paths = map[string]any{
		"/api/v1/staff/cases": map[string]any{"get": map[string]any{
			"tags": []any{"staff"}, "summary": "本单位的事项，按下一期限排序", "security": security,
			"parameters": []any{
				query("status", "空：办理中；all：全部；或某一状态", str),
				query("channel", "litigation, reconsideration, mediation, petition", str),
				query("kind", "complaint, petition, business", str),
				query("state", "normal, warning（临期）, overdue（逾期）", str),
				query("q", "受理编号或内容关键词", str),
				query("urgent", "1：只看紧急", str),
				query("limit", "每页条数，1–200，默认 50", map[string]any{"type": "integer"}),
				query("offset", "跳过条数", map[string]any{"type": "integer"}),
			},
			"responses": with(map[string]any{"200": map[string]any{"description": "一页事项", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{
				"type": "object", "properties": map[string]any{
					"cases": map[string]any{"type": "array", "items": ref("StaffCase")},
					"total": map[string]any{"type": "integer"}, "limit": map[string]any{"type": "integer"}, "offset": map[string]any{"type": "integer"},
				}}}}}}),
		}},
		"/api/v1/staff/cases/{id}": map[string]any{"get": map[string]any{
			"tags": []any{"staff"}, "summary": "一个事项及其办理记录", "security": security, "parameters": []any{idParam},
			"responses": with(map[string]any{"200": map[string]any{"description": "事项", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{
				"type": "object", "properties": map[string]any{"case": ref("StaffCase"), "timeline": map[string]any{"type": "array", "items": ref("StaffEvent")}}}}}}}),
		}},
		"/api/v1/staff/cases/{id}/accept": action("签收", nil),
		"/api/v1/staff/cases/{id}/return": action("退回（分派有误）", map[string]any{"reason": str}, "reason"),
		"/api/v1/staff/cases/{id}/extension": action("申请延期（待督查室审批）", map[string]any{
			"days": map[string]any{"type": "integer", "minimum": 1}, "reason": str,
			"deadline": map[string]any{"type": "string", "description": "期限种类；省略时为可延期的期限"}}, "days", "reason"),
		"/api/v1/staff/cases/{id}/reply": action("答复（发送给反映人）", map[string]any{"text": str}, "text"),
		"/api/v1/staff/cases/{id}/close": action("办结", map[string]any{"result": str}, "result"),
		"/api/v1/staff/cases/{id}/reveal": map[string]any{"post": map[string]any{
			"tags": []any{"staff"}, "summary": "查看个人信息（写入审计日志；保密事项不可查看）", "security": security, "parameters": []any{idParam},
			"requestBody": map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{
				"type": "object", "required": []any{"field"}, "properties": map[string]any{"field": map[string]any{"type": "string", "enum": []any{"name", "phone", "id_number", "address"}}}}}}},
			"responses": with(map[string]any{
				"200": map[string]any{"description": "字段值", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{
					"type": "object", "properties": map[string]any{"field": str, "value": str}}}}},
				"403": errResp("保密事项不向承办单位显示反映人身份"),
			}),
		}},
	}
	securitySchemes = map[string]any{"staffToken": map[string]any{
		"type": "http", "scheme": "bearer",
		"description": "单位接口令牌（pdt_…），由系统管理员或本单位管理员在工作台“接口令牌”页签发；只保存其 SHA-256，签发时显示一次。",
	}}
	schemas = map[string]any{
		"StaffError": map[string]any{"type": "object", "properties": map[string]any{"error": map[string]any{"type": "object", "properties": map[string]any{
			"code": str, "message": str, "field": str}}}},
		"StaffEvent": map[string]any{"type": "object", "properties": map[string]any{
			"at": map[string]any{"type": "string", "format": "date-time"}, "actor": map[string]any{"type": "object"},
			"action": str, "from": str, "to": str, "note": str}},
		"StaffCase": map[string]any{"type": "object", "properties": map[string]any{
			"id": str, "tracking_no": str, "kind": str, "status": str, "status_label": str, "channel": str,
			"department": map[string]any{"type": "string", "description": "主管部门；行政复议为被申请人"},
			"unit":       map[string]any{"type": "string", "description": "承办单位"},
			"urgent":     map[string]any{"type": "boolean"}, "confidential": map[string]any{"type": "boolean"}, "anonymous": map[string]any{"type": "boolean"},
			"text": str, "attachments": map[string]any{"type": "array", "items": map[string]any{"type": "object"}},
			"submitter": map[string]any{"type": "object", "description": "个人信息已脱敏；保密事项显示“保密”", "properties": map[string]any{
				"hidden": map[string]any{"type": "boolean"}, "name": str, "phone": str, "id_number": str, "address": str}},
			"classification": map[string]any{"type": "object"}, "deadlines": map[string]any{"type": "array", "items": map[string]any{"type": "object"}},
			"next_due_at": map[string]any{"type": "string", "format": "date-time"}, "due_state": str,
			"allowed_actions": map[string]any{"type": "array", "items": str},
			"created_at":      map[string]any{"type": "string", "format": "date-time"}, "version": map[string]any{"type": "integer"}}},
	}
	return paths, securitySchemes, schemas
}
