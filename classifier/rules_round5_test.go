package classifier

import "testing"

// firstFit is what the ordered rules alone conclude ("" when none fits firmly), so these
// tests check the rules and lexicons without the model's help.
func firstFit(text string) Channel {
	p := defaultLexicon().prepare(text, KindComplaint)
	if len(p.dec.fits) == 0 {
		return ""
	}
	return p.dec.fits[0]
}

// Disputes told without a demand verb, and their look-alikes that stay reports.
func TestImplicitDisputes(t *testing.T) {
	cases := []struct {
		name, text string
		want       Channel
	}{
		{"deposit held", "搬走快两个月了，三千块押金还压在中介手里，打电话他就说下周", Mediation},
		{"refund refused", "在家具城订的沙发颜色不对，销售死活不给换，说定制的不退不换", Mediation},
		{"partial offer", "搬家公司把我的钢琴磕掉一块漆，只肯赔两百块，修一下都要一千多", Mediation},
		{"paid then gone", "给孩子充了三千块的游泳卡，游了四次店就关门了，老板微信把我拉黑了", Mediation},
		{"contract broken", "我承包的鱼塘合同还有五年，村民小组长说要收回自己用，让我月底前清塘", Mediation},
		{"loss denied", "楼上阳台的花盆掉下来把我电动车的车筐砸坏了，他说是风刮的不关他的事", Mediation},
		{"talks refused", "邻居把空调外机装在我家卧室窗口，跟他商量移一下，他就是不同意", Mediation},
		{"half-done work", "请的水电工干到一半就不来了，工钱我先付了一大半，打电话说在外地忙", Mediation},
		{"contract says otherwise", "从车商那买的车，合同上写着无事故，结果修理厂一查是大修过的", Mediation},
		{"land taken by a neighbour", "后院那块菜地让邻居占着我家的不还，说是他爷爷那辈开的荒", Mediation},
		// A road taking land is an expropriation, not a neighbour's dispute.
		{"land taken for a road", "我家的菜地被修公路占了一半，补偿款镇里还没发，请帮忙问问", Petition},
		{"sold as is", "在路边店买的二手手机，用了两天就黑屏，老板说售出不管", Mediation},
		{"only an apology", "孩子在游乐场被坏了的滑梯划破了腿，缝了三针，游乐场只是道了个歉", Mediation},
		{"dismissal told sideways", "老板说厂里没活了让我们回家等通知，都三个月了，干了八年一分补偿没有", Mediation},
		// Wages owed with no dismissal are for the labour inspectorate.
		{"wages not settled", "年前在物流园装卸了两个月货，工资到现在还没结，老板说等客户回款", Petition},
		{"not dismissed, wages owed", "我们没被辞退，就是厂里四个月没发工资了，请劳动监察去查一下", Petition},
		// The person asks an organ to act: a report, not a claim.
		{"refusal reported", "那家药店卖过期药，我买到以后店家不肯退，请市场监管局去查处这家店", Petition},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := firstFit(tc.text)
			if got == "" && tc.want == Petition {
				// petition is what is left when no other rule fits
				got = Petition
			}
			if got != tc.want {
				t.Errorf("first rule = %q, want %s\n  text: %s", got, tc.want, tc.text)
			}
		})
	}
}

// Administrative acts said indirectly, and penalties that are only threatened.
func TestIndirectActs(t *testing.T) {
	cases := []struct {
		name, text string
		want       Channel
	}{
		{"order to demolish", "街道综合执法队下了通知，责令我七天内把院子里的棚子拆掉，这棚子用了十几年了", Reconsideration},
		{"culling", "动物防疫站的人说我家羊有布病，要全部扑杀，可化验单我一张都没见过", Reconsideration},
		{"pension assessed", "社保局核定的养老金比我自己算的少了四百多，缴费年限少算了三年", Reconsideration},
		{"repayment demanded", "医保局说我多报销了，要我退回三千二，可那些药都是医生开的", Reconsideration},
		{"property seized", "交通执法的人把我的三轮车扣了，说要交一千才能领回，我是给自己家拉菜", Reconsideration},
		{"passive seizure", "我的摊子被城管收走了，说要罚款才给还", Reconsideration},
		{"determination", "林业站把我家的林地认定为公益林，砍伐指标不给批，可这片林子是我家承包的", Reconsideration},
		{"township order", "乡里说我家的鸭棚是违规搭建，让我们五天内清走，我们一直在这里养鸭", Reconsideration},
		{"place allotted", "区教育局把我女儿的学位分到了离家六公里的学校，我们户口就在学校对面", Reconsideration},
		{"organ inspecting", "我们饭店收到区市场监管局检查后下的整改通知，说后厨不合格要停业三天，可后厨上个月刚验收", Reconsideration},
		// A pending approval is slow service, not a refusal.
		{"approval pending", "营业执照变更交上去一个月了，窗口说领导还没批下来，让我再等等", Petition},
		{"area drawn over my pond", "乡政府把我家的鱼塘划进了湿地保护范围，让我们年底前清塘，补偿的事一个字没提", Reconsideration},
		// Threats and fines wanted for others are not acts against the person.
		{"threatened fine", "市场监管所的人来说再不办健康证就罚款，我就想问问健康证在哪办", Petition},
		{"fine not wanted", "隔壁装修天天吵到晚上十点，我也不要罚他，就请城管来管一管", Petition},
		{"order asked for", "请环保局责令那家厂停产整改，半夜排的烟太呛了", Petition},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := firstFit(tc.text)
			if got == "" {
				got = Petition
			}
			if got != tc.want {
				t.Errorf("first rule = %q, want %q\n  text: %s", got, tc.want, tc.text)
			}
		})
	}
}

// Departments: the matter, not the place it happened or the licence a barrier blocks.
func TestDepartmentSubjectNotPlace(t *testing.T) {
	c := testClassifier(t)
	cases := []struct {
		name, text string
		want       Department
	}{
		{"price at a service area", "高速服务区里的小卖部一根玉米卖十五块，还不给小票", "market"},
		{"lamp outside a school", "中学门口的路灯坏了一个多月，晚自习放学孩子们摸黑走", "urban"},
		{"barrier at a licence", "办卫生许可证，窗口说必须找他们推荐的那家公司做图纸，不然审不过", "business_env"},
		{"inspections counted", "我们开超市的，这个月来了四拨检查，消防、市监、街道轮番来，天天整改", "business_env"},
		{"wages on a building site", "小区工地上的钢筋工工资拖了五个月没结，开发商说钱给了包工头", "hrss"},
		// A threat in a lawsuit names no subject: still the courts'.
		{"threat in a lawsuit", "执行了三年一分钱没拿到，下礼拜我就带着汽油去法院门口", "judicial"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if res := classify(t, c, tc.text); res.Department != tc.want {
				t.Errorf("department = %s, want %s\n  text: %s\n  reasons: %v", res.Department, tc.want, tc.text, res.Reasons)
			}
		})
	}
}

// Work verbs of 打, past births, and people looked after are not alarms.
func TestRound5UrgencyNegatives(t *testing.T) {
	c := testClassifier(t)
	for _, text := range []string{
		"城管说我的围挡不合格，可他们来检查那天隔壁正在打桩，灰是那边的",
		"去年在县医院生孩子，医生说是难产导致孩子手臂神经受损，我们想要个说法",
		"我们村的五保户李大爷房子漏雨，现在是邻居轮流给他送饭，想请民政帮着修修房子",
	} {
		if res := classify(t, c, text); res.Urgent {
			t.Errorf("urgent %v for %s", res.UrgentCues, text)
		}
	}
}
