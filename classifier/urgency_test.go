package classifier

import (
	"strings"
	"testing"
)

// Recall first: each of these needs a human within the hour, however indirectly said.
func TestUrgentPositives(t *testing.T) {
	c := testClassifier(t)
	cases := []struct{ kind, text string }{
		{UrgentSelfHarm, "房子被拆了钱也没拿到，活着没意思，我打算带着孩子一起走，你们谁也别管了"},
		{UrgentSelfHarm, "官司输了三次，实在撑不下去了，遗书我都写好了"},
		{UrgentSelfHarm, "农药我已经买好了，这周再不给我认定工伤，我就喝给你们看"},
		{UrgentSelfHarm, "厂里不给补偿，我现在就站在厂房楼顶上，他们不来人我就跳下去"},
		{UrgentSelfHarm, "我女儿在学校被欺负，回家说不想活了，手腕上还有划痕"},
		{UrgentViolence, "我老公喝多了拿着菜刀说要砍死我们娘俩，我现在躲在邻居家"},
		{UrgentViolence, "再不给钱我就去他家跟他拼了，大不了进去蹲几年"},
		{UrgentViolence, "打我的人取保出来了，天天在我家门口转，还扬言要弄死我全家"},
		{UrgentGathering, "我们村几十户明天一起去市政府门口，征地款拖了三年一分没给"},
		{UrgentGathering, "工人们商量好了，后天去堵厂门口那条路，不发工资谁也别想出货"},
		{UrgentGathering, "业主群里约好了周六一起去售楼处拉横幅"},
		{UrgentGathering, "来电人称，家属二十多人现在聚在医院大厅，说不给说法就把遗体抬到医院门口。"},
		{UrgentDanger, "楼道里煤气味特别大，敲了好几家门都没人应"},
		{UrgentDanger, "我们这栋老楼承重墙裂开了大缝，真怕哪天塌了，楼里还住着十几户老人"},
		{UrgentDanger, "仓库着火了，听说还有人被困在里面"},
		{UrgentDanger, "小区地下车库正在进水，水还在往上涨，配电房马上要淹了"},
		{UrgentDanger, "化工厂刚才一声巨响，现在冒着黄烟往村里飘，好几个人头晕恶心"},
		{UrgentDanger, "村口的河堤被冲开了一个大口子，水已经漫到村里的路上了"},
		{UrgentAtRisk, "楼下有个小孩一个人在家哭了一下午，大人好像两天没回来了"},
		{UrgentAtRisk, "来电人称其父亲八十五岁，有老年痴呆，早上出门后一直没回家。诉求：请求警方协助寻找。"},
		{UrgentAtRisk, "我爸在家突然晕倒叫不醒，打120说车都派出去了，求求你们快想办法"},
		{UrgentAtRisk, "隔壁男的又在打老婆，能听见孩子哭着喊救命"},
	}
	for _, tc := range cases {
		res := classify(t, c, tc.text)
		if !res.Urgent {
			t.Errorf("not urgent (%s): %s", tc.kind, tc.text)
			continue
		}
		if len(res.UrgentCues) == 0 {
			t.Errorf("urgent without cues: %s", tc.text)
		}
	}
}

// Strong emotion, anger and swearing alone are not urgent; nor is a danger that is over
// or explicitly denied.
func TestUrgentNegatives(t *testing.T) {
	c := testClassifier(t)
	for _, text := range []string{
		"你们这帮吃干饭的，打了八遍电话都没人管，我操，路灯到底修不修",
		"气死我了！！！物业简直无法无天，电梯坏了半个月没人修，老子天天爬十八楼",
		"这破超市太坑人了，标价九块九结账十二块八，简直是抢钱！",
		"昨晚小区旁边的仓库着了火，现在已经扑灭了，没有人员伤亡，希望查一查消防隐患",
		"上周小区电梯困了一个老人四十分钟，物业到现在也没说原因",
		"我们不会去闹事，也不会集体上访，只希望尽快把补偿款发下来",
		"楼上漏水把我家吊顶泡坏了，要求楼上赔偿维修费",
		"举报：某企业员工都不敢说，每天被要求加班十二个小时，请劳动监察去暗访一下",
		"在美容院割的双眼皮一大一小，我可不敢再让他们动刀了，要求退钱",
		"来电人情绪激动，称物业乱收费，这口气咽不下去。诉求：查处物业。",
	} {
		res := classify(t, c, text)
		if res.Urgent {
			t.Errorf("urgent %v: %s", res.UrgentCues, text)
		}
	}
}

func TestUrgentCuesNameTheirClass(t *testing.T) {
	c := testClassifier(t)
	res := classify(t, c, "活着没意思，我打算带着孩子一起走")
	if !res.Urgent || !strings.Contains(strings.Join(res.UrgentCues, " "), "自伤/轻生风险") {
		t.Fatalf("cues %v", res.UrgentCues)
	}
}
