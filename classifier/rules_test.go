package classifier

import "testing"

// These texts were written for the tests, not taken from the training files: they check
// that LABELS.md's ordered rules, tie-breaks, negation and indirect wording hold for
// phrasings the model has not seen.
func TestOrderedChannelRules(t *testing.T) {
	c := testClassifier(t)
	cases := []struct {
		name, text string
		want       Channel
	}{
		// Rule 1: litigation.
		{"sued", "我已经向区法院起诉了开发商，下个月开庭，想问问能不能先让他们停工", Litigation},
		{"judgment not enforced", "法院判了对方赔我五万块钱，判决生效半年了，一分钱都没给", Litigation},
		{"arbitration award", "劳动仲裁裁决公司只赔我一个月工资，我不服，准备去法院起诉", Litigation},
		{"criminal case dropped", "我被骗了八万报了案，派出所后来说证据不足把案子撤了，我不认这个撤案", Litigation},
		{"non-prosecution", "检察院对打伤我父亲的人作了不起诉决定，我们全家都不服", Litigation},
		{"wants to sue", "我想起诉我哥，他把我妈留下的房子占了，去法院起诉要准备什么材料", Litigation},
		{"mediation inside a court case", "物业把我告到法院了，法院让我们先调解，我不同意调解", Litigation},
		{"court mediation agreement", "我们在法院调解时达成了协议，对方到现在也不按调解书履行", Litigation},
		{"operator order, enforcement", "来电人称其与房东的押金纠纷已由法院判决，房东拒不履行，来电人已申请强制执行。诉求：了解执行进度。", Litigation},

		// 法院 as a landmark is not a lawsuit.
		{"landmark beside", "我家住在区法院旁边的小区，楼下烧烤摊天天吵到半夜一两点，城管来了也不管用", Petition},
		{"landmark gate", "法院门口那条路的路灯坏了一个星期了，晚上黑乎乎的", Petition},
		{"landmark opposite", "检察院对面新开的饭店把人行道全占了，行人只能走机动车道", Petition},

		// Rule 2: reconsideration.
		{"fine contested", "城管罚了我两千块，说我占道经营，那是我自家门口的台阶，我不服，想申请复议", Reconsideration},
		{"registration refused", "我去市场监管局申请个体户营业执照，他们说经营场所不合格不予登记，可我的租房合同是备案过的", Reconsideration},
		{"disclosure reply", "我向区教育局申请公开学区划分的依据，他们答复说属于内部信息不予公开，我不接受", Reconsideration},
		{"own application ignored", "我申请低保三个多月了，材料都交齐了，民政局一直不批也不给答复", Reconsideration},
		{"work injury determination", "人社局认定我在上班路上摔伤不属于工伤，我不服这个认定", Reconsideration},
		{"business penalty", "我公司收到区生态环境局的行政处罚决定书，罚款八万元，我们认为采样不规范，请求撤销", Reconsideration},

		// Rule 3: mediation.
		{"refund", "健身房办了年卡才去了五次就关门了，老板电话打不通，我要求退还剩下的钱", Mediation},
		{"neighbour leak", "楼上卫生间漏水把我家天花板泡坏了，找他好几次都不管，我要他赔我修吊顶的钱", Mediation},
		{"operator order, refund", "来电人反映：其在某家电卖场购买的洗衣机一周后漏水，商家只同意维修不同意退换。诉求：协调商家退货退款。", Mediation},
		{"company contract", "我公司向某纸箱厂采购的一批包装箱承重不达标，导致货物压损六万元，对方只肯退货款，请求协调对方赔偿损失。", Mediation},

		// Rule 4: petition.
		{"report", "举报：我们村后山有人晚上偷偷挖沙，大车把村里的路都压坏了，请自然资源部门查处", Petition},
		{"suggestion", "建议在老城区多设几个公共厕所，老人逛街上厕所太不方便了", Petition},
		{"business barrier", "招标文件要求投标企业必须在本区注册分公司，这是在排斥外地企业，请营商环境部门纠正", Petition},
		{"follow-up", "上次反映的路灯还是没人修，都半个月了", Petition},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := classify(t, c, tc.text)
			if res.Channel != tc.want {
				t.Errorf("channel = %s, want %s\n  text: %s\n  reasons: %v", res.Channel, tc.want, tc.text, res.Reasons)
			}
		})
	}
}

// Negation and the guide's tie-breaks: the same words, opposite outcomes.
func TestNegationAndTieBreaks(t *testing.T) {
	c := testClassifier(t)
	cases := []struct {
		name, text string
		want       Channel
	}{
		{"not suing", "装修公司拖了半年不完工，我暂不打算起诉，希望有关部门组织调解，让他们把预付的钱退给我", Mediation},
		{"no lawsuit wanted", "我不想打官司，就想让楼上把漏水修好，再赔我家吊顶的钱", Mediation},
		{"no court for a loan", "朋友借了我三万不还，我也不想去法院，能不能找个地方帮我们调解一下", Mediation},
		{"no compensation, only enforcement", "我不要赔偿，只要求市场监管局查处这家卖过期食品的超市", Petition},
		{"fine accepted, conduct complained", "罚款我认了，确实是我占道了，但是执法队员一上来就推人骂人，这种态度必须处理", Petition},
		{"report ignored (not own application)", "我举报隔壁工地夜间施工两个月了，住建局一直没人来处理", Petition},
		{"wage arrears for the inspectorate", "老板拖欠我们二十多个工人三个月工资，请劳动监察大队去厂里查一查", Petition},
		{"dismissal compensation", "公司把我辞退了，一分经济补偿都不给，我要求公司按法律规定给我补偿", Mediation},
		{"government arrears to a firm", "区政府拖欠我公司道路工程款两年了，每次都说财政紧张，企业快撑不住了", Petition},
		{"threat to sue is still a refund", "驾校收了我五千块，我不学了他们只肯退一千，再不退钱我就去法院告他们", Mediation},
		{"school fees are a conduct complaint", "学校要求每个学生交两百块资料费，这是乱收费，要求退还", Petition},
		{"fining everyone is officials' conduct", "交警在这个路口乱罚款，每天罚好多车，司机都有意见", Petition},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := classify(t, c, tc.text)
			if res.Channel != tc.want {
				t.Errorf("channel = %s, want %s\n  text: %s\n  reasons: %v", res.Channel, tc.want, tc.text, res.Reasons)
			}
		})
	}
}

// Two matters in one message: the first rule that fits, in LABELS.md order, decides.
func TestTwoMatterMessages(t *testing.T) {
	c := testClassifier(t)
	cases := []struct {
		name, text string
		want       Channel
	}{
		{"court beats petition", "说两件事：一是法院判决后对方一直不执行；二是小区门口的路灯坏了没人修", Litigation},
		{"court beats complaint about an agency", "我已经起诉了二手车行，案子立了；另外要投诉市场监管局，之前找他们只回了一句建议协商", Litigation},
		{"penalty beats conduct complaint", "市场监管所罚了我一万元，说标签不合格，我不服；另外检查的人进门就嚷嚷，态度太差", Reconsideration},
		{"refund beats report", "我在美甲店办的卡店关门了，要求老板退钱；另外听说这家店一直没办营业执照，也请查一查", Mediation},
		{"compensation beats noise report", "隔壁石材厂的粉尘把我晒的花椒全弄脏了，要厂里赔钱；他们晚上十一点还在切石头，也一并举报", Mediation},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := classify(t, c, tc.text)
			if res.Channel != tc.want {
				t.Errorf("channel = %s, want %s\n  text: %s\n  reasons: %v", res.Channel, tc.want, tc.text, res.Reasons)
			}
		})
	}
}

func TestDepartmentOfContestedAct(t *testing.T) {
	c := testClassifier(t)
	cases := []struct {
		text string
		want Department
	}{
		// The organ that decided, not the hall where it happened.
		{"我在政务服务中心申请个体工商户登记，市场监管窗口作出不予登记决定，理由是经营场所为住宅，我不服", "market"},
		{"卫健委审核说我不符合计划生育特别扶助条件，不予发放扶助金，我不服", "health"},
		{"交警贴了我一张违停罚单，我停的是划线车位，有停车小票，要求撤销处罚", "police"},
		{"自然资源局以非法占地为由罚了我们二十万，那块地是园区同意使用的，这个罚款我们不接受", "natural_resources"},
	}
	for _, tc := range cases {
		res := classify(t, c, tc.text)
		if res.Channel != Reconsideration || res.Department != tc.want {
			t.Errorf("%s\n  got %s/%s, want reconsideration/%s; reasons %v", tc.text, res.Channel, res.Department, tc.want, res.Reasons)
		}
	}
}

func TestJudicialOnlyForLitigation(t *testing.T) {
	c := testClassifier(t)
	for _, text := range []string{
		"朋友借了我三万不还，我也不想去法院，能不能找个地方帮我们调解一下",
		"我家住在法院宿舍，楼道的灯坏了一个月了",
	} {
		res := classify(t, c, text)
		if res.Department == "judicial" {
			t.Errorf("%s: department judicial for channel %s", text, res.Channel)
		}
	}
}
