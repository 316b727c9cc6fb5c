package classifier

// urgentMore widens each urgency class with families that fresh probes showed missing:
// the signs of a failing body, a threat named by its outcome, a crowd being mustered or a
// gate sealed, belongings given away before a farewell, an open manhole. Each is a
// category of words, paired where one part alone is everyday language.
var urgentMore = []cueDef{
	{name: "urg." + UrgentSelfHarm, label: "自伤/轻生风险", neg: negFact, pats: givingAway},
	cue("urg."+UrgentSelfHarm, "自伤/轻生风险", negFact,
		"最后一个电话|最后一次给你们打电话|最后一次打电话|最后一次麻烦你们|不会再麻烦你们|再也不麻烦|以后不用管我|别为我操心|"+
			"不用为我操心|别再为我…操心|以后别…为我|再也见不到我"),
	// Worthlessness and a morning that will not come: the words of a farewell note.
	cue("urg."+UrgentSelfHarm, "自伤/轻生风险", negFact,
		"没有人需要我|没人需要我|没人在乎我|没有人在乎我|我是多余的|多余的人|我就是个累赘|我是个累赘|我是累赘|"+
			"世界…不需要我|没有我…更好|明天…不用再…了|再也不用…早起|不会再醒|"+
			"腿…伸到外面|腿…悬在外面|腿…搭在外面|翻出…窗|爬出…窗|翻过…护栏|翻到…护栏外|坐在…窗户边|坐在…窗边|站在…窗户边|"+
			"站在…阳台边|坐在…阳台边|站在…楼边|坐在…楼边"),
	// A letter to be read after death; charcoal lit behind sealed windows.
	cue("urg."+UrgentSelfHarm, "自伤/轻生风险", negFact,
		"已不在人世|已经不在人世|已离开人世|已经离开人世|离开这个世界了|看到这封信…我已|收到这封信…我已|信寄出…我已|"+
			"我已经走了|我已经不在了|关死…炭|封死…炭|封好…炭|堵死…炭|炭…关死|炭…封死|炭…封好|炭…堵死|"+
			"胶带…窗…炭|炭…胶带…窗|绳子…挂好|绳子…挂上|绳子…系好|绳…拴好|梁上…绳|不如早点走|早点走了…省得|省得遭罪|"+
			"省得…拖累|不如…走了算了|死法|哪种死|怎么死…不痛苦|死…不痛苦|自杀方法|自杀的方法|搜…怎么死|查…怎么死|"+
			// sleep that does not end; a letter left on the table; the case handed on
			"不要再醒|不再醒来|永远睡|睡过去就不|发现我不在|我不在了以后|信…留在桌上|信…放在桌上|留在桌上…信|"+
			"我的事…交给…儿子|我的事…交给…女儿"),
	{name: "urg." + UrgentAtRisk, label: "有人正处于危险", neg: negFact, pats: goneToTheWater},
	// Scalds: boiling water over a child, skin blistering now.
	cue("urg."+UrgentAtRisk, "有人正处于危险", negFact, "烫起泡|烫…起泡|烫得…脱皮|烫…脱皮|开水…浇到|开水…泼到|拉翻…开水|"+
		"开水…拉翻|烧开的水…翻|不敢出去|不让他走|不让她走|不让我走|手机…被收|手机被没收|丢在这儿…走了|丢在这里…走了|"+
		"把她丢在|把他丢在|不知道家在哪|喘得厉害|喘得…说不出|嘴…乌了|嘴唇…乌|脸…乌了|一直没起来|趴在地上…没起|撞了…没起来|撞…趴在地上|撞…躺在地上|血顺着|血…从门缝|门缝…血|锁在…血|血…锁在"),
	{name: "urg." + UrgentViolence, label: "暴力/报复威胁", neg: negFact, pats: threatOutcomes,
		veto: []string{"一针见血", "见血封喉"}},
	cue("urg."+UrgentViolence, "暴力/报复威胁", negFact, "灭你全家|灭了…全家|弄你全家|扬言…收拾|扬言…带人|带人来…收拾|带人…来收拾|全家…陪葬|要见血|就见血|见了血|放放血|给他放血|放他的血|放他血|放话…就|已经放话|"+
		// Cantonese: 斩 is to hack
		"斩我|斩你|斩佢|斩死|斩手|斩…手指|唔敢开门|唔敢出门"),
	cue("urg."+UrgentGathering, "聚集/集体上访/堵路", negFact,
		"人越多越好|能来的都来|多叫点人|多叫些人|多叫几个人|多喊点人|多喊几个人|都叫上…一起|"+
			"一辆车也别想|一辆车都别想|车也别想进|车都别想进|车也别想出|车都别想出|别想…出货|别想…开工|谁也别想进|谁都别想进|"+
			"出入口…封|把…出入口|把…大门…封|封了…大门|封了…厂门|把…路…封|"+
			"商定…前往|商定…一起去|约好…一起去|约定…前往|相约…前往|定于…集体|每家至少去|每家…出一个人|每户…出一个人|每家…去一个人|每户…去一个人|一家出一个|一户一人|"+
			"谁也别想开走|谁都别想开走|别想开走|谁也别想拉走|现场秩序|现场…情绪激动|现场…推搡|滞留…大厅|大厅…滞留|余人…滞留|谁也别走|谁都别走|一个也别走|谁都不回去|谁也不回去|不说清楚…不回去|"+
			"拉起条幅|拉条幅|挂条幅|打条幅|阻拦…进出|阻拦…车辆|拦着…不让…进|拦着…不让…出|不让…车…进出|"+
			"躺在车前|躺在…车前|躺在…车底|拦在车前|挡在车前|停着不动…不管|"+
			"上百辆…停着|几十辆…停着|上百辆…堵|几十辆…堵",
		"封闭", "封控", "封管", "密封", "封条"),
	{name: "urg." + UrgentGathering, label: "聚集/集体上访/堵路", neg: negFact, pats: countedCrowdGoing,
		veto: []string{"很多人", "许多人", "好多人", "不少人", "太多人", "多人次", "到现在", "到目前", "到底", "到位", "到账", "到期"}},
	cue("urg."+UrgentDanger, "紧急危险（燃气、火、坍塌、水、中毒）", negFact,
		"井盖…掀|井盖…不见|井盖…丢了|井盖…移位|井盖…翻|井盖…塌|没有井盖|没盖井盖|井口…敞着|差点栽|"+
			"树…横在路|横在路中间|横在马路|倒在路中间|"+
			"窜起…火|蹿起…火|火…窜起|火…蹿起|火…窜上|火…蹿上|灭火器…没压住|灭火器…灭不了|灭火器…不管用|扑不灭|"+
			"压不住…火|火…压不住|侧翻…漏|罐车…漏|槽车…漏|罐车…侧翻|槽车…侧翻|危化品…侧翻|往外漏…刺鼻|刺鼻…往外漏|化工…漏|"+
			"液体…刺鼻|钢丝绳…断|抱闸…失灵|制动器…失灵|刹车失灵|"+
			// fire spreading
			"火…往上烧|火…烧到|烧到…楼|烧到…窗|火…蔓延|火势…蔓延|管道着了|烟道着了|烟囱着了|火顺着",
		"井盖…翻新"),
	{name: "urg." + UrgentGathering, label: "聚集/集体上访/堵路", neg: negFact, pats: crowdBlocking},
	{name: "urg." + UrgentGathering, label: "聚集/集体上访/堵路", neg: negFact, pats: countedCrowdPresent,
		veto: []string{"很多人", "许多人", "好多人", "不少人"}},
	{name: "frmb." + UrgentAtRisk, label: "有人正处于危险", neg: negFact, pats: bodySigns, veto: angerIdioms},
}

// givingAway: belongings handed out, then a word that nothing more will be needed
// (东西都分给邻居了，反正我也用不着了), in either order.
var givingAway = func() []string {
	var out []string
	for _, g := range []string{"都分给", "分给了", "都送给", "都送人", "送人了", "送给了", "都留给", "存折…交给", "钥匙…交给", "存款…交给"} {
		for _, f := range []string{"用不着了", "用不上了", "没啥事了", "没什么事了", "没有牵挂", "没啥牵挂", "放心了", "最后", "养不了了", "以后…养不了"} {
			out = append(out, g+"…"+f, f+"…"+g)
		}
	}
	return out
}()

// threatOutcomes: somebody promised an outcome only violence brings (让你们全家见血、叫他
// 知道厉害). Hospital stays are left out: 医生让他住院 is care, not a threat.
var threatOutcomes = func() []string {
	var out []string
	for _, t := range []string{"让你", "让他", "让她", "让我", "叫你", "叫他", "叫她", "叫我", "你全家", "他全家", "我全家",
		"你们全家", "他们全家", "我们全家"} {
		for _, o := range []string{"见血", "出人命", "偿命", "不得好死", "家破人亡", "知道厉害", "知道…厉害", "横着出去",
			"躺着出去", "断手断脚", "残废", "断子绝孙", "吃苦头", "有来无回", "见阎王", "陪葬", "死得很难看", "没命"} {
			out = append(out, t+"…"+o)
		}
	}
	return out
}()

// countedCrowdGoing: a crowd counted by 余人、多名、全组 going to those who decide
// (全组一百二十余人前往区政府).
var countedCrowdGoing = func() []string {
	var out []string
	for _, g := range []string{"余人", "多人", "余名", "多名", "余户", "多户", "全组", "全队", "全社区", "名业主", "名村民",
		"名工人", "名家属", "户村民", "户业主", "所有家长", "全体家长", "所有业主", "所有工人", "所有村民"} {
		for _, v := range []string{"前往", "赴", "去", "到", "上"} {
			for _, p := range []string{"政府", "信访", "市委", "区委", "县委", "省委", "北京", "住建局", "人社局", "售楼", "项目部",
				"大门", "门口", "广场", "教育局", "局门口", "卫健委", "医院", "学校", "操场", "厂区"} {
				out = append(out, g+"…"+v+"…"+p)
			}
		}
	}
	return out
}()

// bodySigns: a body failing now — confusion, slurred speech, fits, bleeding, burns,
// bites, cold sweat. Common in accounts of illness long past, so they need a marker
// placing them now or a state that has lasted (刚才、已经、大半天), like frmo frames,
// and are dismissed when the person is already being treated (住院、在医院).
var bodySigns = []string{"迷迷糊糊", "迷糊了", "神志不清", "意识不清", "说话…含糊", "口齿不清", "嘴歪", "嘴…歪了", "半边…麻",
	"半边…动不了", "手脚…不听使唤", "浑身发抖", "浑身抽", "浑身…抽", "冒冷汗", "翻白眼", "烫伤", "烧伤", "烫得…起泡",
	"被…咬", "咬伤", "血…止不住", "虚脱", "热晕", "冻僵", "没知觉", "昏昏沉沉", "上不来气", "喘不过", "脸…发青",
	"脸…发紫", "手…发紫", "嘴…发紫", "呼吸…急", "心口…疼", "胸口…疼", "胸口…闷", "捂着…胸口", "捂着…肚子",
	"疼得…满地", "疼得直", "站不住", "瘫在", "瘫了", "腿…断了", "骨头…露", "头…流血", "磕破", "一脸血", "高烧",
	"烧到…度", "烧得…迷糊", "浑身滚烫", "不省人事", "中暑",
	// a stroke: slurred speech, a limb that will not rise
	"颠三倒四", "流口水", "嘴角…流", "后脑着地", "头着地", "后脑勺着地", "一直在吐", "一直吐", "吐了好几次", "大舌头", "舌头…硬", "说话…不利索", "说话…不清楚", "抬不起来", "使不上劲", "一边…麻"}

// angerIdioms: bodies named in anger or fright (气得浑身发抖、心脏病都快犯了).
var angerIdioms = []string{"气得", "气的", "被…气", "急得", "急的", "吓得…发抖", "笑得", "快犯了", "都要犯", "都快犯"}

// treatedMarkers: somebody already in care (住院、在医院): the signs of their body are a
// matter for doctors, not for an alarm.
// countedCrowdPresent: a counted crowd at a gate or office now (约五十名工人…目前在厂区门口).
var countedCrowdPresent = func() []string {
	var out []string
	for _, g := range []string{"余名", "多名", "余人", "名工人", "名业主", "名村民", "名家属", "名学生家长"} {
		for _, now := range []string{"目前在", "现在在", "正在", "此刻在", "都在", "还在"} {
			for _, p := range []string{"门口", "厂区", "大厅", "政府", "广场", "售楼", "项目部", "大门", "入口", "出口", "路口", "工地"} {
				out = append(out, g+"…"+now+"…"+p)
			}
		}
	}
	// told the other way round: 现有约七十人在填埋场入口
	for _, now := range []string{"现有", "目前有", "现在有", "已有"} {
		for _, g := range []string{"十人", "十多人", "十余人", "百人", "百多人", "余人", "多人", "余名", "多名"} {
			for _, p := range []string{"门口", "入口", "出口", "路口", "大厅", "政府", "广场", "工地", "厂区"} {
				out = append(out, now+"…"+g+"…"+p)
			}
		}
	}
	return out
}()

// goneToTheWater: somebody who has not come back, then their car or shoes left at the
// water or a bridge (至今未归，电话关机，其车停在水库大坝上).
var goneToTheWater = func() []string {
	var out []string
	for _, g := range []string{"未归", "没回来", "关机", "联系不上", "找不到人"} {
		for _, v := range []string{"停在", "放在", "留在", "扔在"} {
			for _, e := range []string{"水库", "大坝", "桥上", "桥边", "江边", "河边", "湖边", "海边", "堤上", "坝上", "楼顶", "天台"} {
				out = append(out, g+"…"+v+"…"+e)
			}
		}
	}
	return out
}()

// crowdBlocking: a trade or a community blocking a road or a gate
// (出租车司机现在把火车站出站口那条路全堵了); a building site blocking a road is not one.
var crowdBlocking = func() []string {
	var out []string
	for _, c := range []string{"司机", "村民", "工人", "业主", "家长", "职工", "商户", "拆迁户", "工友", "乡亲"} {
		for _, b := range []string{"把…路…堵", "把…路口…堵", "把…出口…堵", "把…入口…堵", "把…门…堵", "把…路…拦", "堵住…路",
			"堵住…门"} {
			out = append(out, c+"…"+b)
		}
	}
	return out
}()

var treatedMarkers = []string{"住院", "在医院", "医院里", "病房", "icu", "重症监护", "出院", "治疗中", "手术后", "术后", "康复",
	"缝了"}
