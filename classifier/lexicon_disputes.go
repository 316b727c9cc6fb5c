package classifier

// Civil disputes told without a demand verb. People rarely write 要求赔偿; they tell what
// the other party refuses (不肯退、只肯按运费赔), that it keeps their money (押金还在房东那儿),
// that it broke a contract (合同还有三年就要收回), or that it caused a loss and denies it
// (漏水把吊顶泡烂了，他说不关他事). Each family pairs a refusal or a denial with its object,
// so the lists cover phrasings nobody has written yet instead of one writer's sentences.

// remedies are what one private party owes another; refusers say the other party will not.
var (
	remedies = []string{"退", "赔", "换", "修", "挪", "拆", "移走", "搬走", "返工", "重做", "还钱", "还给", "补偿", "出钱", "兑现", "履行", "承担", "认账", "负责"}
	refusers = []string{"不肯", "不给", "不愿", "不愿意", "拒绝", "拒不", "死活不", "就是不", "坚决不", "硬是不", "偏不", "死不"}
	// evasions after the other party has the person's money (办了卡…关门了，微信也删了).
	paidIn  = []string{"收了我", "收了…钱", "收了…货", "办了…卡", "办的卡", "充了", "充值", "预交", "交了…学费", "交了…定金", "交了…押金", "付了…定金", "付了…全款", "交了…钱", "付了…钱"}
	evasion = []string{"一拖再拖", "拖着", "不来了", "说忙", "不见人", "撂挑子", "说不行", "不让换", "不付", "没付", "推说", "推脱", "改到", "改期", "跑路", "关门", "关了门", "删了", "拉黑", "不接电话", "电话不接", "玩失踪", "人不见了", "联系不上", "找不到人", "换了老板", "不认"}
	// partial offers (只肯按运费三倍赔) refuse the rest of the claim.
	partial = []string{"只肯", "只给", "只同意", "只愿意", "最多给", "顶多给", "只付了", "只给了", "只结了", "只退了"}
)

// heldMoney: money the person paid that the other party still holds.
var heldMoney = func() []string {
	var out []string
	for _, m := range []string{"押金", "定金", "订金", "预付款", "预付的", "余款", "剩下的钱", "剩余的钱", "卡里的钱", "充的钱", "交的钱"} {
		for _, s := range []string{"在…手里", "还在…那儿", "还在…那里", "还在…那", "压在…那", "在…手上", "押在…那",
			"拿不回", "要不回", "要不回来", "拿不回来", "没退", "不退", "扣着", "压着不", "没还", "不还", "一直不给", "…拉黑", "…不回消息", "…不接电话"} {
			out = append(out, m+"…"+s)
		}
	}
	return out
}()

// refusedRemedy: the other party refusing, partly offering or evading a remedy.
var refusedRemedy = func() []string {
	var out []string
	for _, r := range refusers {
		for _, m := range remedies {
			out = append(out, r+m)
		}
	}
	for _, p := range partial {
		for _, m := range []string{"退", "赔", "补", "给", "免", "减", "打折", "一半"} {
			out = append(out, p+"…"+m)
		}
	}
	for _, o := range []string{"卡", "账", "合同", "协议", "收据", "欠条", "当初说的", "之前说的", "承诺"} {
		out = append(out, o+"不认", "不认"+o, o+"…不认了")
	}
	for _, p := range paidIn {
		for _, e := range evasion {
			out = append(out, p+"…"+e)
		}
	}
	// paying part, then leaving the rest (付了头三天的医院钱就不管了), and talks refused.
	for _, p := range []string{"付了", "给了", "出了", "垫了", "赔了"} {
		out = append(out, p+"…就不管", p+"…再也不管", p+"…就不露面")
	}
	// the other party kept the difference or the money (说是进口的，结果是国产的; 把店里的钱转走了).
	// work left half done, land or things taken by a neighbour (a road taking it is an
	// expropriation, so the taker must be named: 占了我家).
	out = append(out, "到一半…不来了", "到一半…不干了", "到一半…跑了", "到一半…撂挑子",
		"霸占", "强占", "占了我家", "占着我家", "占了我的", "占着我的")
	// a seller disowning what it sold, a firm disowning the harm, a promise then a new charge
	out = append(out, "售出不管", "售出概不", "概不负责", "概不退换", "不是他们的责任", "不是我们的责任", "不是他的责任",
		"说不是…责任", "只是道了…歉", "只道了…歉", "道个歉就", "光道歉", "说包过", "承诺包过", "又要交…费", "还要另交")
	out = append(out, "说是…结果", "把…钱转走", "卷走", "卷款", "钱…人也找不到",
		"剩下的…拖", "剩下的…没给", "剩下的…不给", "余款…拖", "尾款…拖")
	out = append(out, "推说…不管", "不赡养", "不尽赡养", "不给…赡养费", "不管老人", "不管老娘", "不管老爹", "不管老母亲", "不管老父亲",
		"扣下了…不还", "不赔…就不还", "扣着…不还")
	out = append(out, "商量…不同意", "商量…不肯", "商量…不答应", "说了…不听", "协商…不同意", "协商…不答应")
	return append(out, "一分不出", "一分不赔", "一分不退", "一分钱不出", "一分钱不赔", "一分钱不退", "一分没赔",
		"一分钱没赔", "一分没退", "一分钱没退", "分文不", "一毛不拔", "一分都不", "钱也不提", "钱…提都不提", "只字不提",
		"翻脸不认", "赖账", "耍赖", "不认账", "就是拖着", "一直拖着不")
}()

// brokenContract: the other party ending or breaking an agreement before its term.
var brokenContract = []string{"合同还有…年", "合同还有…个月", "合同没到期", "合同还没到期", "合同未到期", "合同期还没",
	"租期还没到", "租期还有", "提前收回", "要收回…自己用", "单方…解除", "单方面…解除", "单方毁约", "毁约", "说不租就不租",
	"说涨就涨", "合同上写着", "合同上写的", "合同里写着", "合同写明", "让我…搬", "让我们…搬", "要我…搬", "赶我…走", "赶我们走", "让我腾房", "要我腾房", "让我们腾房", "不按合同", "没按合同", "违反合同", "违反…约定", "不按约定"}

// denials: the other party says the loss is not its fault. Alone they are arguments; with a
// loss (losses below) and a private party they make a dispute over who pays.
var denials = []string{"不关他事", "不关他的事", "不关他们的事", "不关他们事", "不关我们事", "不关我们的事", "不关店里",
	"跟他没关系", "跟他们没关系", "和他没关系", "和他们没关系", "跟他无关", "与其无关", "不是他家的问题", "不是他们的问题",
	"不是他的问题", "不是店里的问题", "说是…的问题", "说是…问题", "说是…正常", "说…正常现象", "说…好好的", "体质不一样", "个人体质", "说是…打闹", "都不管", "谁都不管", "推来推去", "说…没问题", "操作不当", "说是我…操作",
	"说…没按", "说是我自己", "说我自己", "说是…意外", "说…没有责任", "没有过错", "按规范操作", "说是我…不对", "说是我…自己", "说是我…的问题", "说我…自己", "说是孩子…先", "说孩子…先",
	"怪我", "怪到我", "推卸责任", "推得一干二净", "不承认", "死不承认", "说是正常", "说是并发症", "老房子都这样"}

// losses the writer suffered (things broken, soaked, bitten, delayed).
var losses = []string{"泡烂", "泡坏", "泡了", "泡发", "砸坏", "砸烂", "砸伤", "砸了", "摔碎", "摔坏", "摔断", "摔伤", "咬了", "咬伤",
	"弄坏", "弄脏", "刮花", "刮坏", "损坏", "坏了", "耽误", "损失", "烫伤", "划伤", "磕掉", "磕破", "受伤", "骨折", "烧坏",
	"淹了", "冲坏", "毁了", "全完了", "坏的", "拉肚子", "上吐下泻", "吃坏", "住院", "留下…印", "留下…疤", "毁容", "烧伤", "烫坏", "过敏", "漏水", "呛着", "缝了", "缝针", "止不住", "磕破", "肿了", "感染", "留下疤", "落下病根", "糊了", "出苗不", "减产", "绝收", "跑绒", "掉色", "开裂", "裂了", "空鼓"}

var disputeCues = []cueDef{
	{name: "med.implicit", label: "对方拒绝退赔/扣着钱/违约", neg: negDemand, pats: refusedRemedy,
		veto: []string{"不给退休", "不给退税", "不肯退休", "不给修路", "不给修桥", "不给还贷", "不愿承担刑事"}},
	{name: "med.implicit", label: "对方拒绝退赔/扣着钱/违约", neg: negDemand, pats: heldMoney,
		veto: []string{"工钱", "钱…不回家"}},
	{name: "med.implicit", label: "对方拒绝退赔/扣着钱/违约", neg: negDemand, pats: brokenContract},
	{name: "med.denial", label: "对方推卸责任", neg: negFact, pats: denials},
	{name: "med.loss", label: "本人受损", neg: negFact, pats: losses},
}
