package classifier

// Frames catch dangers said in words no list foresees. A frame is a danger event that is
// common in harmless texts too (往下掉、渗水、冒烟、起不来) and becomes urgent only with a
// second part in the same sentence and near it: something placing it at this moment
// (正在、刚才、这会儿、哗哗), people exposed to it (底下还有人) or fleeing it (往外撤).
// Weather (frmx.KIND: 零下、暴雨) needs people exposed to it.
// 现在、今天、还在 count only in the clause of the event itself (水现在还在涨): complaints
// say 现在 of every standing problem (阳台一直渗水，现在墙皮都泡起来了). A frame named frm.KIND needs a
// present marker (ctx.now); frmo.KIND also accepts a marker of a state that has lasted
// (已经、大半天、到现在), since a person found collapsed or lost an hour ago is still in
// danger, whereas a crack that has "already" been there for years is not.
// Frames are dismissed like any other danger: past, over, imagined, habitual or claimed.

// frameWindow bounds the distance between a frame's event and its marker.
const frameWindow = 30

var frameCues = []cueDef{
	cue("frm."+UrgentDanger, "紧急危险（燃气、火、坍塌、水、中毒）", negFact,
		// things coming down on people
		"往下掉|往下落|往下砸|往下塌|往下滑|掉下来|落下来|一块块…掉|一块块…落|一块一块…掉|一块一块…落|"+
			"掉了一大块|掉了好几块|掉块|落渣|掉渣子|砸着|晃来晃去|来回晃|晃晃悠悠|在晃|晃动|刮歪|歪倒|斜在|斜起|斜了|"+
			"歪斜|钢管…响|架子…响|翘起来|压在…阳台|压在…屋顶|松动了|陷下去|陷进去|塌下去|塌下来|歪了|往下沉|悬在|吊着…晃|脱开|鼓起来|往…歪|锈断|断了|崩了|垮了|塌了|"+
			"往外喷|往外冒|往外窜|往外涌|往上蹿|往上冒|往里灌|往里涌|嗤嗤|嗞嗞|呲呲|滋滋|安全阀|往下凹|凹下去|"+
			"裂缝…变宽|裂缝…变大|裂缝…扩大|"+
			// water rising
			"泄洪|开闸…放水|渗水|往外渗|冒水|翻沙|涌水|漫进|漫上|漫过|淹到|淹了|进水|水…涨|倒灌|泡在水|水…齐腰|水…到腰|水…到胸|"+
			// fire, smoke, fumes, gas
			"冒烟|冒黑烟|黑烟|冒…烟|火好大|火太大|火很旺|着起来|火光|烧着|冒火|烟好大|烟很大|烟太大|臭鸡蛋味|"+
			"煤气…味|燃气…味|滑移|位移|垮塌|瓦斯|报警器…响|报警器…叫|风机停|风机…停了|不让升井|"+
			// electricity, machines
			"冒火星|火星子|电线…地上|电线…耷拉|电线…拖|打火花|噼里啪啦|电…麻|电梯…下滑|电梯…停在|电梯…卡|"+
			"电梯…坠|电梯井|轿厢|闸门…卡|闸门…关不上|危房|"+
			// animals
			"狗…咬|咬人|被…咬|围着…咬|野猪|马蜂窝|"+
			// fear of an accident is a danger only when something is happening now
			"随时…出事|担心…出事|怕出事|要出事|会出事|出大事|出人命",
		"咬人的话", "吊着…瓶", "吊着…水", "冒烟的烟囱", "烟囱…冒", "冒黑烟的车", "尾气…黑烟", "进水口", "出水口",
		"鼓起来…钱包"),
	// Weather and outages endanger only the people left in them (零下…楼里还有老工人).
	cue("frmx."+UrgentDanger, "紧急危险（燃气、火、坍塌、水、中毒）", negFact, "零下|寒潮|高温|酷暑|暴雨|台风|停电…天|"+
		"停水…天|暖气…停"),
	// Poisoning and sudden illness: several people, or something eaten, then symptoms.
	cue("frmo."+UrgentDanger, "紧急危险（燃气、火、坍塌、水、中毒）", negFact,
		"上吐下泻|又吐又拉|吐…拉|吃了…吐|吃了…晕|吃了…站不稳|吃了…胡言乱语|吃了…说胡话|吃了…抽|"+
			"喝了…吐|喝了…晕|菌子…吐|菌子…晕|菌子…站不稳|蘑菇…吐|蘑菇…晕|蘑菇…站不稳|胡言乱语|说胡话|"+
			"几个…肚子疼|几个…头晕|几个…吐|好多人…吐|好多人…晕|学生…晕过去|孩子们…吐|咳嗽…流眼泪|头昏", "吐槽"),
	// Somebody living alone who has stopped answering.
	cue("frmo."+UrgentAtRisk, "有人正处于危险", negFact, "独居…无人接听|独居…没人接|独居…不接电话|独居…没人应|独居…没开门|"+
		"独居…没动静|独居…没见|一个人住…无人接听|一个人住…没人接|一个人住…不接电话|一个人住…没人应|一个人住…没开门|"+
		"一个人住…没动静|一个人住…没见|空巢…没人应|空巢…没开门|孤寡…没人应|孤寡…没开门"),
	// Several people, or one who drank or ate something, taken ill together.
	{name: "frmo." + UrgentDanger, label: "紧急危险（燃气、火、坍塌、水、中毒）", neg: negFact, pats: takenIll},
	// Fallen and unable to rise: whoever it is, they are on the ground now.
	cue("frmo."+UrgentAtRisk, "有人正处于危险", negFact, "栽在…起不来|倒在…起不来|摔在…起不来|躺在…起不来|摔了…起不来|"+
		"倒在…动不了|摔…动不了"),
	{name: "frmo." + UrgentAtRisk, label: "有人正处于危险", neg: negFact, pats: personInTrouble,
		veto: []string{"孩子父亲", "孩子母亲", "孩子爸", "孩子妈", "孩子的父亲", "孩子的母亲", "孩子的爸", "孩子的妈",
			"孩子他爸", "孩子他妈", "老人的子女", "老人的儿", "老人的女", "说不清楚…政策", "说不清楚…钱", "说不清楚…费", "说不清…原因", "说不清…怎么回事", "找不到…工作",
			"出血…补贴", "流血…流汗", "打滚…撒泼", "在高速…工作", "在高速…上班", "没回复", "没回应", "没回音", "没回电", "没回…消息", "没回…短信", "没回…微信", "关机…维修", "锁着…门", "门…锁着"}},
}

// personInTrouble: somebody who cannot look after themselves, then what is happening to
// them (老大爷…说不清、娃…锁在、老头子…没见人影).
var personInTrouble = func() []string {
	who := []string{"老人", "老太太", "老太", "老大爷", "大爷", "大妈", "老汉", "老头", "老伴", "奶奶", "爷爷", "婆婆",
		"孩子", "小孩", "娃", "小学生", "初中生", "中学生", "学生", "女生", "男生", "孕妇", "病人", "流浪", "婴儿", "宝宝", "女孩", "男孩",
		"姑娘", "小伙", "女的", "男的", "阿姨", "大姐", "叔叔", "俺娘", "俺爹", "俺妈", "俺爸", "我娘", "我爹", "我爸", "我妈", "老娘", "老爹", "老母亲", "老父亲", "老公", "老婆",
		"媳妇", "母亲", "父亲", "儿子", "女儿", "闺女", "孙子", "孙女", "工人", "环卫工", "骑手", "路人", "行人"}
	// Confusion is a danger in a stranger found outdoors; a relative who cannot tell
	// their pension (我妈说不清楚养老金) is not lost.
	strangers := map[string]bool{"老人": true, "老太太": true, "老太": true, "老大爷": true, "大爷": true, "大妈": true,
		"老汉": true, "老头": true, "奶奶": true, "爷爷": true, "小孩": true, "流浪": true, "女孩": true, "男孩": true}
	confused := map[string]bool{"说不清": true, "答不上来": true, "问啥都": true, "问什么都": true, "认不出": true}
	states := []string{
		// fallen, senseless
		"起不来", "站不起来", "爬不起来", "栽倒", "栽在", "倒在", "晕倒", "晕过去", "叫不醒", "没反应",
		"只会哼哼", "哼一声", "只是哼", "整个人软了", "手心…汗", "不太答应", "不太搭理", "反应迟钝", "脸通红", "坐在地上", "浑身滚烫", "脸都白了", "脸色煞白", "脸色发白", "一点劲", "动不了", "不怎么答应", "叫…不答应",
		"没见…出来", "没见…出门", "没出门", "没开门", "敲门没人",
		// confused, lost, missing
		"说不清", "答不上来", "问啥都", "问什么都", "认不出", "不认识路", "迷路", "找不到家", "没见人影", "不见人影",
		"没回", "关机", "下落不明", "进不去门", "进不了门", "穿着睡衣", "坐了一晚上", "蹲了一晚上", "冻了一晚上",
		// shut in, exposed
		"锁着", "锁在", "困在", "困着", "出不来", "单衣", "冰凉", "冻得", "寒潮", "零下", "暴晒", "太阳底下",
		"晒着", "滑下去", "掉下去", "掉进", "落水", "只露", "不会水", "扒着", "哭不出声", "哭了一下午", "哭了一晚上",
		// acute signs of the body
		// cold and exposed, unable to say where home is
		"哆嗦", "发抖", "穿得很薄", "穿得…单薄", "穿得很少", "问…家在哪",
		"打滚", "发硬", "发麻", "发紫", "发青", "坐不住", "没声音", "没动静", "没气", "没呼吸",
		"喘不上", "吐白沫", "吐血", "流血", "出血", "卡进", "卡住", "夹住", "夹进", "卷进", "压住", "压在", "撕心裂肺",
		"惨叫", "喊救命", "抽筋", "抽搐", "叫不应", "喊不应", "叫…不应", "爬到…顶", "爬上…顶", "骑在", "翻过…栏杆",
		"站在…边上",
		// alone, lost, wandering
		"独自哭", "哭着找", "找妈妈", "找爸爸", "无大人", "没找着", "没找到", "找不着", "出了…门", "走出…门"}
	// Only a place or a trap comes before its victim (锁着个小孩); other states before a
	// person belong to somebody else (父亲早已下落不明，孩子…).
	before := []string{"锁着", "锁在", "困在", "困着", "冻得", "晒着", "太阳底下", "扒着", "拖到", "拖进", "拽到", "拽进",
		"倒了", "晕倒了", "睡着一个", "睡着个", "躺着一个", "躺着个"}
	var out []string
	for _, w := range who {
		for _, s := range states {
			if !confused[s] || strangers[w] {
				out = append(out, w+"…"+s)
			}
		}
		for _, s := range before {
			out = append(out, s+"…"+w)
		}
	}
	return out
}()

// nowMarkers place a frame in the present or name people in its way.
var nowMarkers = []string{"正在", "刚才", "刚刚", "马上", "随时", "眼看", "快要", "今晚", "这会儿", "此刻", "越来越",
	"越…越", "不停", "刚打电话", "刚打来", "刚来电", "正放学", "正晒", "正围", "正往", "正一", "还在往", "还在涨", "还在冒", "还在烧", "还在漏", "还在下",
	"雨…还在", "天…下雨",
	// people fleeing, help not there yet
	"跑出来", "抱出来", "往外跑", "都在跑", "跑到楼下", "都跑", "往外撤", "在撤", "撤离", "先撤", "快撤", "赶紧撤", "疏散", "往外逃", "还没来", "还没到",
	"还没赶到", "赶不回", "赶不过来", "快黑",
	// sounds of something happening as one speaks
	"哗哗", "呼呼", "噼里啪啦", "噼啪", "滋啦", "轰隆", "嘎吱", "咯吱", "吱吱"}

// exposedMarkers name people in a danger's way (底下还有人、坑内仍有工人): enough to place
// any frame now, and the only thing that makes weather a danger (零下…楼里还有老人).
var exposedMarkers = []string{"未撤", "没撤", "人来人往", "车来车往", "来来往往", "过往车辆", "过往行人", "行人很多", "底下…有人", "下面…有人", "楼下…有人", "底下还有", "下面还有",
	"下面就是", "底下就是", "楼下是", "底下是", "一个接一个", "还有人", "里面有人", "里面还有", "还住着", "仲有", "要从这", "还有个", "还有一个", "还有…老人",
	"还有…孩子", "还有…工人", "屋里还有", "里头还有", "仍有", "好多人在", "很多人在", "不少人在", "在上课", "在作业",
	"下游…有人", "下游…人还", "还有…个人在", "还有…人在", "接着干", "还在干活", "还在施工", "坑底…人", "坑里…人", "有一群", "还不知道", "旁边就是", "旁边是…幼儿园", "旁边是…学校", "旁边是…操场"}

// weakNowMarkers place a frame now only within its own clause.
var weakNowMarkers = []string{"现在", "今天", "还在", "一直在", "这时候"}

// ongoingMarkers say a state has lasted (大半天、到现在): enough for a person found in
// trouble, not for a standing hazard.
var ongoingMarkers = []string{"已经", "大半天", "好几天", "一整天", "天黑", "到现在", "陆续", "半天", "一直", "一宿",
	"一夜", "几个小时", "小时了", "几天", "今晚", "今天", "昨晚起", "昨天起", "从昨", "天了", "个小时了", "一上午", "一下午",
	"一晚上"}

// takenIll: several people with the same symptoms (好几户…都在拉肚子).
var takenIll = func() []string {
	var out []string
	for _, g := range []string{"好几个", "好几户", "几个人", "十几个", "一家", "全家", "好多人", "不少人", "都在"} {
		for _, s := range []string{"拉肚子", "腹泻", "呕吐", "头晕", "发烧", "抽筋", "抽搐", "昏迷", "晕倒", "肚子疼", "起红疹",
			"呼吸困难", "睁不开", "胸闷", "喘不上", "喘不过"} {
			out = append(out, g+"…"+s)
		}
	}
	return out
}()
