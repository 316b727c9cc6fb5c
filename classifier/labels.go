package classifier

// Channel is the legal procedure that can actually resolve a matter (LABELS.md §1).
type Channel string

// The four channels, in the order in which LABELS.md tries its rules: the first that
// fits wins, so this order is also how two-matter messages are decided.
const (
	Litigation      Channel = "litigation"
	Reconsideration Channel = "reconsideration"
	Mediation       Channel = "mediation"
	Petition        Channel = "petition"
)

// ChannelInfo describes a channel for people (the API's /meta lists these).
type ChannelInfo struct {
	Code        Channel `json:"code"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
}

// Channels lists the channels in rule order.
func Channels() []ChannelInfo {
	return []ChannelInfo{
		{Litigation, "诉讼（涉法涉诉）", "已经或应当由法院、检察院处理的事项：法院已受理、审理、判决或执行，对判决、裁定、仲裁裁决不服，刑事案件的立案、撤案、取保、起诉，或本人要起诉、已起诉。依诉访分离，由政法机关依法处理。"},
		{Reconsideration, "行政复议", "对行政机关针对本人作出的具体行政行为不服且未进入诉讼：罚款、吊销、责令停产、行政拘留，许可或登记被拒，征收补偿决定，工伤认定，信息公开答复，或本人申请后机关不办、不答复。"},
		{Mediation, "调解", "个人、企业、物业、房东、用人单位等民事主体之间关于钱款、损害或权利的纠纷，当事人希望对方赔偿、修复、退还或和解。"},
		{Petition, "信访", "其他事项：举报违法行为请主管部门查处，对公共服务或工作人员作风的投诉，营商环境障碍，求助、咨询、意见和建议。"},
	}
}

var channelOrder = []Channel{Litigation, Reconsideration, Mediation, Petition}

func channelIndex(c Channel) int {
	for i, x := range channelOrder {
		if x == c {
			return i
		}
	}
	return -1
}

// Department is one of the fifteen competent-department codes of LABELS.md §2.
type Department string

// DepartmentInfo names a department for people.
type DepartmentInfo struct {
	Code Department `json:"code"`
	Name string     `json:"name"`
}

var departments = []DepartmentInfo{
	{"market", "市场监督管理局"},
	{"environment", "生态环境局"},
	{"housing", "住房和城乡建设局"},
	{"urban", "城市管理局"},
	{"hrss", "人力资源和社会保障局"},
	{"transport", "交通运输局"},
	{"police", "公安局"},
	{"education", "教育局"},
	{"health", "卫生健康委员会"},
	{"natural_resources", "自然资源和规划局"},
	{"civil_affairs", "民政局"},
	{"agriculture", "农业农村局"},
	{"business_env", "营商环境办公室"},
	{"gov_service", "政务服务和大数据管理局"},
	{"judicial", "政法机关（法院、检察院）"},
}

// Departments lists the fifteen departments in a fixed order.
func Departments() []DepartmentInfo {
	out := make([]DepartmentInfo, len(departments))
	copy(out, departments)
	return out
}

func departmentIndex(d Department) int {
	for i, x := range departments {
		if x.Code == d {
			return i
		}
	}
	return -1
}

// Kinds of intake item; the kind is a feature, not a rule, because companies file
// complaints and citizens file business reports often enough.
const (
	KindComplaint = "complaint"
	KindPetition  = "petition"
	KindBusiness  = "business"
)
