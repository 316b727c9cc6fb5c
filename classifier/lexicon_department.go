package classifier

// organCues name the administrative organs. For a reconsideration the department is
// the organ whose act is contested (LABELS.md §2), so an organ named next to a penalty or
// refusal is strong evidence; elsewhere it is one feature among many.
var organCues = []cueDef{
	cue("org.market", "市场监管部门", negNone, "市场监管|市场监督|市场局|监管所|工商局|工商所|市监局|质监|食药监|消协|消费者协会|12315"),
	cue("org.environment", "生态环境部门", negNone, "生态环境|环保局|环保部门|环境局|环保的|环保执法|环境执法|环保所|环保|环境监察|环境监测站"),
	cue("org.housing", "住建部门", negNone, "住建|住房和城乡建设|建设局|房管局|房管所|房产局|住房保障|建委|城建|质监站|安监站|燃气办|物业办|物业科"),
	cue("org.urban", "城管部门", negNone, "城管|城市管理|城市管理局|执法局|综合执法局|综合行政执法|市容|环卫所|环卫处|园林局|园林部门|园林处|绿化队|市政局|市政部门|市政管理"),
	cue("org.hrss", "人社部门", negNone, "人社|人力资源和社会保障|劳动局|劳动部门|社保局|社保中心|社保经办|社会保险事业|劳动监察|监察大队|劳动保障|劳动人事争议仲裁|劳动仲裁委|人才市场|就业局|就业服务中心"),
	cue("org.transport", "交通运输部门", negNone, "交通运输|交通局|运管|交通执法|路政|公路局|公路段|交通综合执法|交通运输执法|交通部门|客管处|公交集团"),
	cue("org.police", "公安机关", negNone, "公安|派出所|民警|警察|交警|110|刑警|经侦|刑侦|治安大队|巡警|特警|警方|户籍窗口|车管所|出入境"),
	cue("org.education", "教育部门", negNone, "教育局|教育部门|教体局|教委|教育行政|招生办|教育督导|教研室"),
	cue("org.health", "卫健部门", negNone, "卫健|卫生健康|卫生局|卫生监督|医保局|医保中心|医保部门|医疗保障|疾控|计生|急救中心|卫生部门"),
	cue("org.natural_resources", "自然资源部门", negNone, "自然资源|自规局|规划局|规划部门|国土|不动产登记|土地管理|自然资源所|国土所|林业局|林业站|林业部门|林草局|矿管"),
	cue("org.civil_affairs", "民政部门", negNone, "民政|婚姻登记|残联|救助站|救助管理站|民政所|老龄办|殡葬管理|退役军人事务", "人民政"),
	cue("org.agriculture", "农业农村部门", negNone, "农业农村|农业局|农业部门|农经站|农经管理|农机站|农技站|农技中心|畜牧|兽医站|动物卫生监督|农业执法|农业综合执法|农业农村局|渔政|水产站|农村经营管理"),
	cue("org.business_env", "营商环境部门", negNone, "营商环境|营商办|优化办|招商局|投促局|投资促进|管委会|开发区|政企直通车|工商联"),
	cue("org.gov_service", "政务服务部门", negNone, "政务服务|政务大厅|行政服务|市民之家|便民服务中心|大数据局|大数据管理局|12345|公共资源交易|一网通办|政务app|政务服务网|办事大厅|服务大厅"),
	cue("org.judicial", "政法机关", negNone, "法院|检察院|法官|执行局|仲裁|司法局|政法委"),
	cue("org.gov", "基层政府", negNone, "街道办|街道|乡政府|镇政府|乡里|镇里|区政府|县政府|市政府|人民政府|村委会|居委会|社区"),
}

// impliedDepartment: cues of the channel rules that also settle the department. A report
// of wage arrears is the labour inspectorate's whatever workplace it names, a dismissal
// claim is a labour dispute, money an organ owes a firm is a business-environment matter
// (LABELS.md's table), and a threat of violence with no other subject is for the police.
var impliedDepartment = map[string]Department{
	"pet.wage_arrears": "hrss",
	"pet.inspectorate": "hrss",
	"med.dismissal":    "hrss",
	"pet.gov_arrears":  "business_env",
	"pet.gov_debtor":   "business_env",
	"pet.barrier":      "business_env",
	"urg.violence":     "police",
	"urgs.violence":    "police",
}
