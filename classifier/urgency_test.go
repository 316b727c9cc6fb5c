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

// Frames and families: each part alone is everyday language, the pair is an alarm. The
// positives are phrased unlike any listed cue; each negative has one part without the
// other, or both parts dismissed (past, over, habitual, suggested, a business).
func TestUrgentFrames(t *testing.T) {
	c := testClassifier(t)
	positives := []struct{ kind, text string }{
		{UrgentDanger, "仓库顶上的彩钢板正一块块往下掉，底下还有人在卸货"},
		{UrgentDanger, "车库里的水还在往里灌，已经有三辆车泡在水里，配电房就在隔壁"},
		{UrgentDanger, "厨房那个灶关了火还是一股臭鸡蛋味，我妈说头晕"},
		{UrgentDanger, "酒席上吃了凉菜的好几个人都在呕吐，有两个已经站不起来了"},
		{UrgentDanger, "小区门口的大树被风刮得往马路上歪，根都翘起来了，现在车来车往的"},
		{UrgentAtRisk, "我看见一个老大爷坐在公园长椅上，问他住哪说不清，这会儿风特别大"},
		{UrgentAtRisk, "有个小孩的脚卡进了自动扶梯，工作人员还没来"},
		{UrgentAtRisk, "我外婆一个人住，从昨晚起电话没人接，敲门也没人应"},
		{UrgentAtRisk, "我们俩在山里迷路了，手机只剩一格电"},
		{UrgentAtRisk, "我爸刚才喝了半瓶除草剂，现在在地上打滚"},
		{UrgentViolence, "他再来我家闹，我就拎着斧头去他家门口等他"},
		{UrgentViolence, "欠我的钱不还，我就让他儿子放学回不了家"},
		{UrgentViolence, "拆迁队要是敢进院子，我就把那几桶汽油点了"},
		{UrgentSelfHarm, "我现在就在大桥上，这日子过不下去了"},
		{UrgentSelfHarm, "这是我最后一次打你们电话了，存款我都转给女儿了"},
		{UrgentGathering, "工友们说好了，明天一块去区里找领导讨工钱"},
		{UrgentGathering, "上百人现在都在县政府大厅里，说不给答复就不走"},
		{UrgentDanger, "广场上那座雕塑的底座松了，一直在晃，下面就是儿童游乐区"},
		{UrgentDanger, "宿舍楼停电三天了，今晚零下十五度，楼里还有二十多个老工人"},
		{UrgentViolence, "楼下那个男的又在打他媳妇，孩子一直喊别打了"},
		{UrgentAtRisk, "污水池边上倒了一个工人，喊了半天没反应"},
		{UrgentSelfHarm, "钱都被骗光了，我没脸回家，现在一个人在河堤上"},
	}
	for _, tc := range positives {
		if res := classify(t, c, tc.text); !res.Urgent {
			t.Errorf("not urgent (%s): %s", tc.kind, tc.text)
		}
	}
	for _, text := range []string{
		"外墙的瓷砖老是往下掉，建议物业统一检查一下",
		"去年冬天我们楼燃气泄漏过一回，现在想问问老管道多久检测一次",
		"上个月车库被淹过一次，车泡坏了，要求物业赔偿修车费",
		"电梯上周困过人，物业到现在也没说原因",
		"每年夏天一下暴雨，这条街就淹到小腿，建议改造排水",
		"我们村的老人大多一个人在家，建议建个日间照料中心",
		"孩子放学后一个人在家写作业，想问问社区有没有托管班",
		"我家狗前天走丢了，想问问能不能帮忙查监控",
		"这两年房租涨了三成，我们这些小商户真的活不下去了",
		"我们拼了一辈子，退休金还没有年轻人的零头",
		"医生护士拼命抢救了三个小时，人还是没救过来，家属要求赔偿",
		"今天早上开始小区一直没水，物业说是管道爆了",
		"去年我们村民曾经集体到镇政府反映过，到现在也没结果",
		"几十户村民的征地款到现在也没发，请政府督促",
		"对面楼有人正在楼顶上搭彩钢棚，这是违建",
		"他就差一点了，就把事情办成了",
		"我家阳台一直渗水，现在墙皮都泡起来了，物业不管",
		"今天零下十几度，小区暖气一点都不热，物业说锅炉坏了在修",
		"他说对不起，然后就不接电话了，钱也不退",
		"他又在打游戏，孩子也不管",
		"我上楼梯都喘不过来，电梯坏了一个月了",
		"不给钱就别怪我们去劳动监察举报他",
		"我真想一把火把这个破公司烧了，当然我不会这么干，我就是想要回工资",
		"我妈现在说不清楚自己的养老金是多少",
		"冬天烧煤取暖的时候，请多宣传防一氧化碳中毒的知识",
		"我真想揍他一顿，但是打人犯法我知道",
		"老家的房子年久失修，一直空着没人住，村里说是危房要拆",
		"孩子作业做到半夜，我都快崩溃了",
		"我爸在工地被砸伤了腿，现在已经出院在家休养，要求老板按工伤赔偿",
		"垃圾焚烧厂又在冒白烟，想知道监测数据是否达标",
	} {
		if res := classify(t, c, text); res.Urgent {
			t.Errorf("urgent %v: %s", res.UrgentCues, text)
		}
	}
}
