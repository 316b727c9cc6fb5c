package classifier

// urgentR7 widens each urgency class with the categories round 7's probes found missing:
// debts settled before an ending, pills hoarded, lingering at a height, a threat to open
// the gas or bring men, drivers stopping their buses, a sit-in said in dialect, water
// reaching electrics, a machine running backwards into a crowd, a carer who does not wake,
// somebody slumped in a car. Paired where one part alone is everyday language.
var urgentR7 = []cueDef{
	{name: "urg." + UrgentSelfHarm, label: "自伤/轻生风险", neg: negFact, pats: settlingUp},
	{name: "urg." + UrgentSelfHarm, label: "自伤/轻生风险", neg: negFact, pats: hoardedPills,
		veto: []string{"药店", "药房", "医药费", "药费"}},
	// Lingering is a scene (urgs.): told in the past (上个月…待了一下午) it is over.
	{name: "urgs." + UrgentSelfHarm, label: "自伤/轻生风险", neg: negFact, pats: lingeringAtHeight},
	{name: "urgs." + UrgentViolence, label: "暴力/报复威胁", neg: negFact, pats: armedQuietly},
	{name: "urg." + UrgentSelfHarm, label: "自伤/轻生风险", neg: negFact, pats: noteThenGone},
	cue("urg."+UrgentSelfHarm, "自伤/轻生风险", negFact,
		"问…天台的门|问…楼顶的门|天台的门…开不开|楼顶的门…开不开|天台…门开不开|楼顶…门开不开|打听…楼顶|打听…天台|"+
			"上天台…怎么走|去天台…怎么走|上楼顶…怎么走"),
	cue("urg."+UrgentViolence, "暴力/报复威胁", negFact,
		"横着出来|横着出去|竖着进去|抬着出来|抬着出去|"+
			"把煤气打开|把煤气开了|打开煤气|拧开煤气|开着煤气…一起|把天然气打开|把燃气打开|一起上天|一块上天|一起上西天|"+
			"让…尝尝…火|让…尝尝…刀|叫…尝尝…火|尝尝火|家平了|家给平了|家铲平|"+
			"叫…老乡…过来|叫…兄弟…过来|喊…兄弟…过来|带…兄弟…过来|叫…一帮人|喊…一帮人|带…一帮人|叫…一伙人|"+
			"带…一伙人|找…社会上的人|叫…社会上的人|叫…一车人|拉…一车人"),
	// Somebody armed is a scene, not a promise: told in the past (上个月…拿着水果刀) it is over.
	cue("urgs."+UrgentViolence, "暴力/报复威胁", negFact, "拿着…刀|拿着…棍|拿…棍子|持棍|拿刀|持刀|持械"),
	{name: "urg." + UrgentSelfHarm, label: "自伤/轻生风险", neg: negFact, pats: sealedRoom},
	{name: "urg." + UrgentSelfHarm, label: "自伤/轻生风险", neg: negFact, pats: leavingQuietly},
	cue("urg."+UrgentSelfHarm, "自伤/轻生风险", negFact,
		"活够了本|江…鞋子脱了|河…鞋子脱了|鞋子脱了…江|鞋子脱了…河|鞋…脱了…台阶|脱了鞋…江|脱了鞋…河|"+
			"鞋…放在…江边|鞋…放在…河边|鞋…放在…桥"),
	cue("urg."+UrgentSelfHarm, "自伤/轻生风险", negFact, "药…吃多少…睡|药…吃多少…死|药…吃多少…醒|吃多少片…会|多少片…睡过去|"+
		"多少片…死|吃多少…才能睡过去"),
	cue("urg."+UrgentGathering, "聚集/集体上访/堵路", negFact, "举…牌子…站|举着…牌子|站到…领导出来|等到…领导出来|领导出来为止|"+
		"不出来…不走|约好…碰头…广场|广场…碰头"),
	cue("urgs."+UrgentViolence, "暴力/报复威胁", negFact, "车里…棒球棍|车上…棒球棍|车里…砍刀|车上…砍刀|"+
		"后备箱…刀|后备箱…棍|拎着…钢筋|拿着…钢筋"),
	cue("urg."+UrgentAtRisk, "有人正处于危险", negFact, "进去…分钟了没出来|进去…小时了没出来|进去…分钟…没出来|从里面打不开"),
	cue("urg."+UrgentSelfHarm, "自伤/轻生风险", negFact, "下去应该很快|下去…不疼|下去…会不会疼|掉下去…很快|跳下去…很快|"+
		"往下拍…下去|往下拍…风好大"),
	cue("urg."+UrgentViolence, "暴力/报复威胁", negFact, "打得嗷嗷叫|打得…惨叫|打得…直叫|又在打他|又在打她|正在打他|"+
		"在打他爸|在打他妈|在打老人|打他爷老子|打他老子|两伙…对上|两帮…对上|两伙…对峙|两帮…对峙|抄家伙|拿家伙|从车上往下拿"),
	cue("urg."+UrgentDanger, "紧急危险（燃气、火、坍塌、水、中毒）", negFact, "江心…熄火|河心…熄火|江心…熄了火|河心…熄了火|船…往下游漂|船…漂走了|船…失控|栏杆落不下|栏杆…放不下|道闸…落不下|道口…落不下|"+
		"道口…火车…车还在"),
	cue("urg."+UrgentAtRisk, "有人正处于危险", negFact, "没人应…天没见|天没见…没人应|独居…天没见|天没见她|天没见他|瘫痪…没回去|瘫痪…没人管|卧床…没回去|卧床…没人管|瘫在床…没人管|"+
		"瘫在床…没回去"),
	{name: "urg." + UrgentGathering, label: "聚集/集体上访/堵路", neg: negFact, pats: blockThenCount},
	cue("urg."+UrgentViolence, "暴力/报复威胁", negFact, "别掐了|别掐她|别掐我|淋红油|泼红油|淋油漆|泼油漆…家|屋企…淋|家门…泼…油"),
	cue("urg."+UrgentDanger, "紧急危险（燃气、火、坍塌、水、中毒）", negFact, "横在…车道|散落…车道|掉在…车道|车道上…钢管|"+
		"车道上…散落|货物…散落…路"),
	cue("urg."+UrgentAtRisk, "有人正处于危险", negFact, "孕妇…血|孕妇…见红|孕妇…肚子疼|怀孕…流血|怀孕…见红|见红…孕妇|"+
		"还在地上坐着|还在地上躺着|在地上坐着…够不着|够不着电话|够不到电话|摔…还在地上|摔了一跤…到现在"),
	cue("urg."+UrgentSelfHarm, "自伤/轻生风险", negFact,
		"药水…准备好|准备好…药水|统统喝下去|全部喝下去|全家…喝下去|一家…喝下去|一家门…喝|全家…吞下去"),
	cue("urg."+UrgentGathering, "聚集/集体上访/堵路", negFact,
		"抬着棺材|抬棺材|抬棺|扛着棺材|披麻戴孝…去|对峙|两边顶着|顶得很厉害|"+
			"罢运|集体停运|停运抗议|一台都不出|一辆都不出|都不出场|全部不出车|都不出车|车…全部开到…政府|开到…政府…停|"+
			"莫想走|哪个都不走|哪个也不走|坐起不走|不给…不走|不给钱…不走|商量好…去…政府|商量好…去…街道|说好了…去…政府|"+
			"掀桌子|砸桌子|围着…不让走|不让…领导走|把…领导围"),
	{name: "urg." + UrgentGathering, label: "聚集/集体上访/堵路", neg: negFact, pats: neighbourhoodGoing,
		veto: []string{"到现在", "到目前", "到底", "到位", "到账", "到期", "去年", "过去"}},
	cue("urg."+UrgentDanger, "紧急危险（燃气、火、坍塌、水、中毒）", negFact,
		"水…配电房|配电房…水|水…电箱…响|电箱…啪|电箱…冒|配电箱…冒|配电箱…啪|水…漫到…电|"+
			"扶梯…倒着|扶梯…倒转|扶梯…反转|扶梯…逆行|扶梯…失控|扶梯…夹|扶梯…吃人|摔成一堆|压成一堆|挤成一堆|踩踏",
		"防踩踏", "踩踏事件…演练"),
	cue("urg."+UrgentAtRisk, "有人正处于危险", negFact,
		"妈妈…醒醒|爸爸…醒醒|奶奶…醒醒|爷爷…醒醒|妈…你醒醒|爸…你醒醒|哭喊…醒醒|没有大人|"+
			"没出来…没人接|没人接…没出来|请勿打扰…没人接|请勿打扰…没出来|请勿打扰…没人应|"+
			"纸条…空号|打过去是空号|老人…空号|"+
			"没来接…空号|没来接…关机|没来接…联系不上|没来接…打不通|出远门…没来接|没来接…出远门|没人来接…空号|"+
			"没人来接…关机|没人来接…联系不上|没人来接…打不通|"+
			"敲…没反应|拍…没反应|敲…没动静|趴在方向盘|趴着…没反应|趴着…不动|车里…没反应|车里…不动|"+
			"只睁眼不说话|叫…不说话|喊…不说话|说不出话|眼睛…不动|叫她只|叫他只",
		"醒醒吧", "不说话…生气", "说不出话来…气"),
}

// settlingUp: debts or belongings handed back, then an ending (都还给同桌了，谁也不欠谁了，
// 周五以后就清净了), in either order.
var settlingUp = func() []string {
	var out []string
	for _, s := range []string{"谁也不欠", "谁都不欠", "不欠谁", "都还清了", "都还给", "都还了", "还给…了", "交代好了",
		"都安排好了"} {
		for _, e := range []string{"清净了", "清静了", "解脱了", "不麻烦", "轻松了", "以后…不用", "就这样吧", "最后一次"} {
			out = append(out, s+"…"+e, e+"…"+s)
		}
	}
	return out
}()

// hoardedPills: pills hidden or counted up (降压药偷偷塞在枕头套里…数了有二十多片).
var hoardedPills = func() []string {
	var out []string
	for _, d := range []string{"药", "药片", "安眠", "降压药", "止痛片", "片"} {
		for _, h := range []string{"藏在", "塞在", "偷偷攒", "偷偷存", "攒够", "攒了", "存了…片", "数了…片", "藏了", "塞了"} {
			out = append(out, d+"…"+h)
		}
	}
	return append(out, "攒够了…不麻烦", "攒够了就")
}()

// lingeringAtHeight: somebody staying a long time at a bridge or rooftop, looking down
// (立交桥上看车看了半个小时).
var lingeringAtHeight = func() []string {
	var out []string
	for _, p := range []string{"立交桥", "天桥", "过街桥", "桥上", "大桥", "楼顶", "天台", "江边", "河边", "铁轨边", "高架"} {
		for _, l := range []string{"半个小时", "一个小时", "几个小时", "一晚上", "一下午", "一辆一辆", "往下看", "看水",
			"看车", "发呆", "吹风", "站了好久", "坐了好久"} {
			out = append(out, p+"…"+l)
		}
	}
	return out
}()

// neighbourhoodGoing: households of a yard or a building going together to the street
// office or the demolition office (院坝头几十家人…去街道办坐起).
var neighbourhoodGoing = func() []string {
	var out []string
	for _, g := range []string{"几十家", "十几家", "好几十家", "全院", "整栋楼", "全楼", "一栋楼的", "几十户", "十几户", "全组",
		"一条街的", "整条街"} {
		for _, p := range []string{"街道办", "街道", "社区", "居委会", "村委", "管委会", "拆迁办", "指挥部", "开发区", "镇上",
			"乡里", "区里", "县里"} {
			out = append(out, g+"…去…"+p, g+"…到…"+p)
		}
	}
	return out
}()

// armedQuietly: a weapon carried or readied without a verb of holding (砍刀放腿上),
// or sharpened while a name is muttered (磨斧头磨了一晚上，嘴里念叨他小舅子).
var armedQuietly = func() []string {
	var out []string
	for _, w := range []string{"砍刀", "开山刀", "开了刃", "斧头", "杀猪刀", "匕首", "管制刀", "长刀"} {
		for _, p := range []string{"放腿上", "放在腿上", "车后座", "后座上", "车上有把", "别在腰", "插在腰", "揣在", "藏在…身上", "放在…座位", "塞在…怀里"} {
			out = append(out, w+"…"+p, p+"…"+w)
		}
	}
	for _, m := range []string{"磨斧", "磨刀", "磨砍刀", "磨菜刀", "磨镰刀"} {
		for _, s := range []string{"念叨", "嘀咕", "骂", "名字", "一晚上", "一宿", "半夜", "一整夜"} {
			out = append(out, m+"…"+s)
		}
	}
	return out
}()

// noteThenGone: a note setting affairs in order (哪家欠多少钱、孩子学费放在哪), then the
// writer gone silent (人出门到现在电话不通).
var noteThenGone = func() []string {
	var out []string
	for _, n := range []string{"留了个本子", "留了张纸", "留了个条", "留了…纸条", "留了…本子", "写着…欠多少", "写着…放在哪",
		"写着…密码", "存折…放在哪", "银行卡…密码…写"} {
		for _, g := range []string{"电话不通", "关机", "联系不上", "人不见", "没回来", "找不到人", "打不通"} {
			out = append(out, n+"…"+g)
		}
	}
	return out
}()

// sealedRoom: a room sealed shut with a pet or belongings given away or charcoal bought
// (猫送给了楼下…窗户缝都用胶带贴死了), in either order.
var sealedRoom = func() []string {
	var out []string
	for _, s := range []string{"胶带贴死", "贴死了", "封死了", "封得严严实实", "用胶带…窗", "窗户缝…胶带", "门缝…胶带"} {
		for _, g := range []string{"送给了", "送人了", "养不了", "用不着", "炭", "烧烤炉"} {
			out = append(out, s+"…"+g, g+"…"+s)
		}
	}
	return out
}()

// leavingQuietly: things sold off or given away, or goodbyes said, then the person gone
// (书和电脑都挂闲鱼上一块钱卖了…所有群都退了，人不在寝室).
var leavingQuietly = func() []string {
	var out []string
	bye := []string{"群都退了", "退了所有群", "所有群都退", "谢谢您这", "谢谢你们这些年", "删了…好友", "注销了…账号"}
	for _, d := range []string{"一块钱卖", "都卖了", "白送", "都送了", "挂…卖了"} {
		for _, b := range bye {
			out = append(out, d+"…"+b)
		}
	}
	for _, b := range bye {
		for _, g := range []string{"人不在", "不在寝室", "不在家", "关机", "联系不上", "不见了", "没回来"} {
			out = append(out, b+"…"+g)
		}
	}
	// a passbook or deeds left in an envelope, the owner gone
	for _, n := range []string{"存折", "房契", "房产证", "银行卡"} {
		for _, g := range []string{"关机", "去向不明", "下落不明", "联系不上"} {
			out = append(out, n+"…"+g)
		}
	}
	return out
}()

// blockThenCount: a road blocked, then the crowd counted (把矿上的路挡住，已经有五六十辆了).
var blockThenCount = func() []string {
	var out []string
	for _, b := range []string{"挡住", "堵住", "围住", "拦住"} {
		for _, n := range []string{"几十辆", "五六十辆", "上百辆", "几十个人", "上百人", "几十号人", "五六十个人"} {
			out = append(out, b+"…"+n)
		}
	}
	return out
}()
