package classifier

// urgentFamilies are urgent cues built as pairings of word families rather than listed
// phrasings: a threat is a harm verb with its target or its condition (削他、让他…回不了家),
// a suicide risk a dangerous place with despair (江边…过不下去), a gathering a crowd with
// what it does (工友们…一块去、几十辆…横着). Each part alone is everyday language; the
// pair within one sentence is not.
var urgentFamilies = []cueDef{
	cue("urg."+UrgentViolence, "暴力/报复威胁", negFact,
		"就…宰了|就…废了他|就…弄死|见一个打一个|见一个砍一个|来一个打一个|谁…别想…出去|谁进来谁|别想活着|"+
			"一个都跑不了|谁也别想好过|井里下|井里…下点|井里…下药|下点东西|下点药|下老鼠药|往…里…下药|尝尝滋味|尝尝厉害|"+
			"就把…烧|就…一把火|把他家…烧|把他的…烧|柴油…点|汽油…点|让他…回不了家|让他…出不了门|让他…不得好死|"+
			"让他…吃不了兜着走|让他…不得安生|让他…好过|让他家…好看|叫他…好看|出啥事…担着|出了事…我…担|我自己担着|"+
			"俺自己担着|我一个人担|点着了|谁也别想好|谁都别想好|谁也别想过|谁都别想过|就…去他家…等他|"+
			"把…拖到|把…拖进|揪着…头发|掐着…脖子|按在地上打|骑在…身上打|就把…点了|就把…砸了|就把…烧了|就把…炸了|"+
			"就…把…点了|就…把…砸了|别怪我不客气|别怪我们不客气|打他媳妇|打他老婆|打他妻子|打他女人|"+
			"喊…别打了|泼了…汽油|汽油…泼|泼了…硫酸|卸…腿|卸他|卸了他|腿打断|把…腿…打断",
		"就…宰了…客", "担全责", "担责", "担…责任", "担主责", "担次责", "谁…别想…出去玩", "一点了", "差点了", "几点了", "快点了", "早点了", "晚点了", "有点了", "重点了"),
	{name: "urg." + UrgentViolence, label: "暴力/报复威胁", neg: negFact, pats: harmToSomeone,
		veto: []string{"剥削", "收拾他的", "收拾她的", "收拾你的", "收拾他们的", "收拾人家的", "收拾我", "宰我", "砍我价"}},
	cue("urg."+UrgentSelfHarm, "自伤/轻生风险", negFact,
		"别找我|不要找我|别来找我|不用找我|也不用找|留了…纸条|留下…纸条|留了…字条|留了封信|跟家里人…告别|"+
			"跟家人…告别|跟…告了别|告了别|这个世界…待够|这世界…待够|这个世界…够了|活够本|药…全吞|药…吞了|吞了…药|一整板…药|一整瓶…药|楼顶…下去|楼顶…飞|天台…下去|"+
			"从这儿下去|从这里下去|从这…跳|往下跳|存款…转给|存款…留给|不用再管我|后事…交代|后事…安排",
		"别找我麻烦", "别找我要", "别找我们要", "不用找我们", "不要找我们", "跟…告别…仪式", "告别…演出", "告别…单身"),
	{name: "urg." + UrgentSelfHarm, label: "自伤/轻生风险", neg: negFact, pats: despairAtEdge},
	{name: "urg." + UrgentSelfHarm, label: "自伤/轻生风险", neg: negFact, pats: farewellThenSilence},
	{name: "urg." + UrgentAtRisk, label: "有人正处于危险", neg: negFact, pats: inTheWater},
	{name: "urg." + UrgentAtRisk, label: "有人正处于危险", neg: negFact, pats: swallowedPoison},
	{name: "urg." + UrgentAtRisk, label: "有人正处于危险", neg: negFact, pats: onTheRoad},
	{name: "urg." + UrgentAtRisk, label: "有人正处于危险", neg: negFact, pats: lostOutdoors},
	{name: "urg." + UrgentAtRisk, label: "有人正处于危险", neg: negFact, pats: confinedSpace},
	// Bleeding that goes on, lips turning blue.
	cue("urg."+UrgentAtRisk, "有人正处于危险", negFact, "还在流血|一直流血|一直在流血|血流了一地|流了很多血|流了好多血|"+
		"嘴唇…紫|脸…发紫|人卡在|人压在|压在…底下|被…锁在|不让出去", "流血…流汗", "流血流泪", "锁在…柜"),
	// Somebody who cannot find their way home, wandering off.
	cue("urg."+UrgentAtRisk, "有人正处于危险", negFact, "痴呆…出了…门|痴呆…出门|痴呆…走出|痴呆…没找|失智…出门|失智…走出|"+
		"出了…门…痴呆|没找着…痴呆|没找到…痴呆|糊涂…出门…没回"),
	{name: "urgs." + UrgentViolence, label: "暴力/报复威胁", neg: negFact, pats: armed,
		veto: []string{"拿着…刀具", "剪刀…剪", "拿着…剪刀…剪", "带着…刀…切"}},
	{name: "urg." + UrgentGathering, label: "聚集/集体上访/堵路", neg: negFact, pats: crowdAtOffice},
	{name: "urg." + UrgentDanger, label: "紧急危险（燃气、火、坍塌、水、中毒）", neg: negFact, pats: gasIndoors},
	cue("urg."+UrgentGathering, "聚集/集体上访/堵路", negFact,
		"集合…去|村口集合|门口集合|明早…集合|明天…集合|今晚…集合|接龙…去|接龙…集合|报名…一起去|"+
			"车都联系好|大巴…联系好|车都租好|把路口占|把…路…占了|占了…路口|把…出口挡|把…大门挡|把…门口挡|往…里冲|"+
			"不给…不撤|就不撤|不给…不挪",
		"集合…去…春游", "集合…去…旅游"),
	{name: "urg." + UrgentGathering, label: "聚集/集体上访/堵路", neg: negFact, pats: crowdActing,
		veto: []string{"几十年", "几十万", "几十块", "几十元", "上百万", "上百元", "几百万", "几百块", "几百元", "上千元",
			"上千万", "一百多万", "一百多元", "数十万", "几十…车位", "几十…停车"}},
}

// despairAtEdge: somebody at a river, a bridge or a rooftop who speaks of ending
// (江边…过不下去), in either order.
var despairAtEdge = func() []string {
	places := []string{"江边", "河边", "湖边", "水库边", "海边", "桥上", "大桥", "桥中间", "楼顶", "天台", "窗台", "铁轨",
		"高架", "塔吊", "江滩", "河滩", "江堤", "河堤", "堤上", "坝上", "水塘", "池塘", "鱼塘", "窗户边", "窗边", "阳台边", "护栏外", "栏杆外"}
	ends := []string{"过不下去", "就这样吧", "活够", "待够", "不想活", "没意思", "告别", "告了别", "别找我", "不用找",
		"不回去", "对不起", "下辈子", "别告诉", "没声了", "挺安静", "很安静", "找个人说说话", "不知道打给谁", "不知道该打给谁", "没法过", "撑不下去", "熬不下去", "受够了", "没脸", "撑不住", "不想下去", "别劝", "别拦", "托付"}
	var out []string
	for _, p := range places {
		for _, e := range ends {
			out = append(out, p+"…"+e, e+"…"+p)
		}
	}
	return out
}()

// crowdActing: a crowd (工友们、几十辆) with what crowds do to be heard (一块去、聚在、横着).
var crowdActing = func() []string {
	crowds := []string{"工友们", "村民们", "业主们", "家长们", "司机们", "家属们", "乡亲们", "工人们", "职工们", "商户们",
		"老乡们", "三十几", "二十几", "四十几", "车间的人", "几个车间", "全车间", "组的人", "老师们", "兄弟们", "姐妹们", "师傅们", "骑手们", "大伙", "几十", "上百", "一百来", "百来", "几百", "好几十", "五六十", "六七十", "三四十", "二三十",
		"约六十", "数十", "上千", "一百多", "个村", "村的人", "几个村", "全镇", "村里人"}
	acts := []string{"站在一起", "聚在", "围在", "堵在…门口", "挡在…门口", "横着", "聚集", "围着", "集合", "冲进", "拦不住",
		"围了", "全堵着", "商量好", "蹲着不走", "不走了", "睡在…门口", "蹲在…门口",
		"坐在…门口", "躺在…门口", "扣下", "扣住"}
	// going together counts only towards those who decide (一块去区里找领导), not to the
	// boss or the shop
	targets := []string{"领导", "政府", "区里", "县里", "镇里", "市里", "省里", "信访", "北京", "书记", "市长", "县长", "区长",
		"高速", "路口", "国道", "省道", "铁路", "公司楼下", "总部"}
	var out []string
	for _, c := range crowds {
		for _, a := range acts {
			out = append(out, c+"…"+a)
		}
		for _, g := range []string{"一块去", "一起去", "一同去", "一块儿去", "一块到", "一起到", "都到", "都去", "全都去"} {
			for _, t := range targets {
				out = append(out, c+"…"+g+"…"+t)
			}
		}
	}
	return out
}()

// harmToSomeone: a harm verb aimed at a person (削他、捅那小子).
var harmToSomeone = func() []string {
	var out []string
	for _, v := range []string{"砍", "捅", "剁", "削", "揍", "宰", "劈", "废了", "整死", "收拾"} {
		for _, t := range []string{"他", "她", "你", "我", "那小子", "那个人", "那家伙", "狗日的"} {
			out = append(out, v+t)
		}
	}
	return out
}()

// inTheWater: water, then somebody going under (水库边…滑下去), in either order.
var inTheWater = func() []string {
	var out []string
	for _, w := range []string{"水库", "河里", "河边", "塘里", "深水区", "游泳馆", "游泳池", "池塘", "江里", "江边", "湖里", "湖边", "水里", "水中", "冰窟窿",
		"泳池", "鱼塘"} {
		for _, g := range []string{"滑下去", "掉下去", "掉进去", "落水", "只露", "扑腾", "沉下去", "冲走", "不会水"} {
			out = append(out, w+"…"+g, g+"…"+w)
		}
	}
	return out
}()

// gasIndoors: a gas appliance, pipe or coal stove with its smell, its sound, or the
// people it has knocked out (灶…臭鸡蛋味、煤气…头昏、烟囱倒灌…没起来).
var gasIndoors = func() []string {
	var out []string
	for _, src := range []string{"灶", "煤气", "燃气", "天然气", "液化气", "气罐", "阀门", "管子", "煤炉", "炉子", "炭火",
		"烟囱…倒灌", "烟道"} {
		for _, sign := range []string{"臭鸡蛋味", "头昏", "头晕", "恶心", "喘不上气", "往外喷", "喷出", "嗤嗤", "呲呲",
			"嗞嗞", "滋滋", "着了", "喷火", "没起来", "没人应", "叫不醒", "没动静"} {
			out = append(out, src+"…"+sign)
		}
	}
	return out
}()

// swallowedPoison: somebody has swallowed a poison or too much of a drug (喝了…除草剂).
var swallowedPoison = func() []string {
	var out []string
	for _, v := range []string{"喝了", "吃了", "吞了", "误食", "误喝", "误服", "灌了"} {
		for _, p := range []string{"除草剂", "农药", "药酒", "消毒液", "洗洁精", "老鼠药", "杀虫", "敌敌畏", "百草枯",
			"安眠药", "药水", "汽油", "甲醇", "假酒", "毒蘑菇", "河豚", "半瓶", "一整瓶", "一瓶", "一板", "一整板", "一把药",
			"干燥剂", "漂白", "这瓶", "那瓶"} {
			out = append(out, v+"…"+p)
		}
	}
	return out
}()

// armed: somebody carrying what hurts or burns (提着油桶、拎着斧头).
var armed = func() []string {
	var out []string
	for _, v := range []string{"提着", "拎着", "拿着", "揣着", "带着", "抄起", "举着", "攥着"} {
		for _, w := range []string{"刀", "斧", "棍", "锤", "油桶", "汽油", "柴油", "硫酸", "砖头", "酒瓶", "剪刀", "镰刀", "鱼叉", "钢叉", "铁叉", "扳手", "扁担", "锄头", "铁链",
			"镐", "铁锹", "钢管", "铁棍"} {
			out = append(out, v+"…"+w)
		}
	}
	return out
}()

// crowdAtOffice: a counted crowd of people at an office now, or staying there
// (几十号人正在乡政府…、上百人…大厅…不走).
var crowdAtOffice = func() []string {
	crowds := []string{"几十号人", "几十个人", "几十人", "上百人", "上百号", "一百多人", "几百人", "好几十人", "几十名",
		"数十名", "百来号", "百十号", "五六十人", "三四十人", "二三十人", "好几百人"}
	places := []string{"政府", "信访", "市委", "区委", "县委", "镇里", "乡里", "广场", "售楼处", "项目部", "人社局", "住建局",
		"法院", "门口", "大厅", "院子", "办公楼"}
	var out []string
	for _, c := range crowds {
		for _, p := range places {
			for _, now := range []string{"正在", "现在", "都在", "还在"} {
				out = append(out, c+"…"+now+"…"+p)
			}
			for _, stay := range []string{"坐着", "站着", "躺着", "睡在", "守着", "不走", "围着", "堵着"} {
				out = append(out, c+"…"+p+"…"+stay)
			}
		}
	}
	return out
}()

// onTheRoad: somebody frail walking where traffic runs (老奶奶在高速…).
var onTheRoad = func() []string {
	var out []string
	for _, w := range []string{"老人", "老太太", "老奶奶", "老大爷", "老爷爷", "大爷", "大妈", "孩子", "小孩", "娃"} {
		for _, r := range []string{"在高速", "高速公路上", "高速上", "车道上", "马路中间", "铁轨上", "铁道上", "高架上"} {
			out = append(out, w+"…"+r)
		}
	}
	return out
}()

// businessDespair: a business, not a person, that cannot survive (订单…活不成了).
var businessDespair = func() []string {
	var out []string
	// a trade's livelihood too: 我们这些司机…没活路了
	for _, b := range []string{"企业", "公司", "厂", "生意", "店", "商户", "商家", "个体户", "门店", "行业", "订单", "客流",
		"司机", "骑手", "摊贩", "商贩", "养殖户", "种植户"} {
		for _, d := range []string{"活不下去", "活不成", "撑不下去", "没活路", "走投无路", "绝路", "死路一条", "没法活"} {
			out = append(out, b+"…"+d)
		}
	}
	return out
}()

// lostOutdoors: somebody lost or stuck in the wild (山里…迷路、半山腰…下不来).
var lostOutdoors = func() []string {
	var out []string
	for _, w := range []string{"山里", "山上", "林子里", "野外", "荒郊", "半山腰", "峡谷", "沟里", "戈壁", "沙漠", "海上", "江心",
		"河心", "洲上"} {
		for _, s := range []string{"迷路", "走不出", "下不来", "困在", "被困", "摔", "崴", "没电", "出不来"} {
			out = append(out, w+"…"+s, s+"…"+w)
		}
	}
	return out
}()

// farewellThenSilence: a goodbye, then nobody answering (下辈子再…然后就关机了). A bare
// 对不起 is not one: shops say it before they switch off their phones.
var farewellThenSilence = func() []string {
	var out []string
	for _, bye := range []string{"永别", "再见了", "别找我", "下辈子", "照顾好", "遗言", "告别", "爸爸对不起", "妈妈对不起"} {
		for _, gone := range []string{"不接电话", "关机", "联系不上", "不回消息", "找不到人", "人不见了"} {
			out = append(out, bye+"…"+gone)
		}
	}
	return out
}()

// confinedSpace: somebody down in a pit, tank or well who has collapsed (沼气池…倒了两个工人).
var confinedSpace = func() []string {
	var out []string
	for _, pl := range []string{"沼气池", "化粪池", "冷库", "冷藏库", "窨井", "井下", "井里", "罐里", "罐内", "地窖", "污水池", "粪池", "储罐"} {
		for _, s := range []string{"倒了", "晕倒", "晕过去", "没反应", "叫不应", "喊不应", "下去救", "没上来", "上不来", "没出来", "打不开"} {
			out = append(out, pl+"…"+s)
		}
	}
	return out
}()
