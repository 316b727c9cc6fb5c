package classifier

// Administrative acts said indirectly, and penalties that are not acts at all.
//
// A penalty threatened (再摆就罚款没收、不给就说要罚款) or one the person does not want for
// somebody else (也不要罚款) has not been imposed: nothing exists to contest. An order
// (责令十五天内把二楼拆掉、要全部扑杀、要我退回四千多) or a notice (下了个通知书) is an act
// against the person even when no 罚 or 决定 is written.

// threatenedPenalties veto penalty cues inside a threat or a condition.
var threatenedPenalties = func() []string {
	var out []string
	// Conditions (再摆就…罚款) may stand apart from the act; a threat said outright must
	// touch it (说要罚款), since 说要交五百块罚款才给 is a fine already imposed.
	for _, c := range []string{"再…就…", "不然…就…", "否则…就…", "要不…就…", "要不然…就…", "要是…就…", "如果…就…", "不…就要",
		"就要", "说要", "扬言要", "威胁…要", "吓唬…要", "吓唬说", "威胁说要", "会被", "可能会被", "小心被", "等着被"} {
		for _, act := range []string{"罚", "没收", "吊销", "扣", "拘留", "查封", "拆", "停业", "取消", "注销"} {
			out = append(out, c+act)
		}
	}
	for _, n := range []string{"不要", "不是要", "不求", "不想", "不用", "不希望", "并不是要", "不图"} {
		out = append(out, n+"…罚")
	}
	return out
}()

// ordersToOthers are orders the person asks an organ to give somebody else (请…责令其
// 停产): a report, not an act against the person.
var ordersToOthers = []string{"请…责令", "要求…责令", "依法责令", "应当责令", "应该责令", "予以责令", "尽快责令", "督促…责令",
	"责令其", "责令该", "责令他", "责令对方", "责令涉事", "责令商家", "责令物业", "责令开发商", "责令企业", "责令相关", "责令业主",
	"责令施工", "责令工地", "责令厂", "责令这", "责令那"}

// ordersAgainstMe: an organ ordering the person to demolish, stop, hand back or cull.
var ordersAgainstMe = []string{"责令…拆", "责令…停", "责令…关", "责令…搬", "责令…恢复", "责令…整改", "限…天内…拆", "限期…拆",
	"我家…扑杀", "俺家…扑杀", "我的…扑杀", "把我…扑杀", "扑杀…我家", "扑杀…俺家", "扑杀…我的", "强制扑杀",
	"要我退回", "让我退回", "叫我退回", "要我退还", "让我退还", "要我们退回", "让我们退回", "要我补缴", "让我补缴", "追缴…我",
	"要我…退回", "让我…退回"}

// indirectActs need an organ and a contest or the person's own application.
var indirectActs = []string{"才能领回", "才能领", "才能取回", "才给放", "才放人", "才能提车", "才还车", "才给还",
	"被认定为", "认定为", "被认定成", "定性为", "评为不合格", "被评为不合格", "评定为", "勒令", "停止招生", "要求停止", "暂停执业",
	"证书…暂停", "执业证…暂停", "吊扣", "把我…抓走", "把我家…抓走", "被…抓走", "被…扣了", "把我…扣下", "把我…关了",
	"把我家…分到", "把我…分到", "给我…分到", "把我家的…划进", "把我家…划入", "把我的…划进", "天内…清走", "天内…搬走", "天内…拆", "天内…关",
	"限期…清", "限期…搬", "说是违规", "说是违法", "把我…拆了", "把我家…拆了", "把我的…拆了", "把我…拉走", "把我…收走", "把我…没收", "把我…扣了",
	"把我…封了", "给我…拆了", "给我…封了", "把俺…拆了", "把俺家…拆了", "通知书", "告知书", "整改通知", "处理通知", "下了…通知", "发了…通知", "下了个", "扑杀",
	"无害化处理", "强制…拉走", "强行…拉走", "强行…拆", "强制…收回", "给拉走了", "被拉走", "给收走了", "强制…清理"}

var actCuesIndirect = []cueDef{
	{name: "rec.penalty", label: "行政处罚（罚款/吊销/责令停产/拘留等）", pats: ordersAgainstMe,
		veto: append(append([]string(nil), ordersToOthers...), threatenedPenalties...)},
	{name: "rec.penalty_weak", label: "可能的行政行为", pats: indirectActs,
		veto: append([]string{"请…扑杀", "要求…扑杀", "应该扑杀", "赶紧扑杀", "通知书…法院", "法院…通知书", "录取通知书", "入学通知书"},
			threatenedPenalties...)},
}

// contestsIndirect: ways of saying an act is wrong without 不服.
const contestsIndirect = "|手续都有|手续齐全|证照齐全|有正规手续|正规厂家|进的货|啥病没有|没病|没有病|什么病都没有|说杀就杀|说拆就拆|说罚就罚|说停就停|说扣就扣|压根没|压根不|明明没"
