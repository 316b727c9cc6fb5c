package classifier

import "testing"

// The round-6 families (lexicon_urgent_more.go and the widened frames): each positive
// says its danger in words of a family rather than any probe's sentence; each negative
// holds one part of a family without the other, or the pair dismissed.
func TestUrgentMoreFamilies(t *testing.T) {
	c := testClassifier(t)
	positives := []struct{ kind, text string }{
		{UrgentSelfHarm, "他把存折和钥匙都交给了我，说以后用不上了，人就出门了"},
		{UrgentSelfHarm, "等你们看到这封信的时候我已经走了，欠我的钱给我女儿"},
		{UrgentSelfHarm, "她在屋里把门缝都用胶带封死了，炭火盆就放在床边"},
		{UrgentSelfHarm, "我知道我就是个累赘，这个家没有我会更好"},
		{UrgentSelfHarm, "他现在坐在宿舍窗户边上，腿都搭在外面了"},
		{UrgentSelfHarm, "老太太说病治不好，不如早点走了省得拖累儿女，房梁上的绳子都系好了"},
		{UrgentViolence, "他打电话说今天要让我们全家知道他的厉害，车就停在楼下"},
		{UrgentViolence, "收数佬话今晚唔还钱就斩佢"},
		{UrgentViolence, "三个高年级的把他堵在楼梯间，说敢告诉老师就捅我"},
		{UrgentGathering, "明天九点区政府门口见，人越多越好，带上材料"},
		{UrgentGathering, "全组六十余人已商定下周一前往市委反映"},
		{UrgentGathering, "约四十名工人目前在工地大门口拉起条幅，阻拦车辆进出"},
		{UrgentGathering, "骑手们今晚都到公司楼下，不给说法谁也别走"},
		{UrgentGathering, "乡亲们后天都到县里去，一家出一个人"},
		{UrgentDanger, "人行道上的井盖被人掀走了，晚上黑乎乎的，刚才有个老人差点栽进去"},
		{UrgentDanger, "油锅里的火窜起来一米多高，灭火器没压住，楼上还住着人"},
		{UrgentDanger, "路口一辆槽车侧翻了，正往外漏液体，味道刺鼻"},
		{UrgentDanger, "挡土墙刚才塌下去一截，下面还有人在挖沟"},
		{UrgentAtRisk, "我爸刚才说话突然大舌头，右手也抬不起来了"},
		{UrgentAtRisk, "孩子把暖壶碰倒了，腿上烫起泡了一大片"},
		{UrgentAtRisk, "超市里一个五岁的女孩找不到了，家长已经找了半个小时"},
		{UrgentAtRisk, "公交站台上一个大姐坐在地上，脸通红，叫她不太答应，今天四十度"},
		{UrgentAtRisk, "对门老太太进不去门，在楼道坐了一晚上了，身上就穿着睡衣"},
		{UrgentAtRisk, "他昨晚说了句对不起就出门了，至今未归，车停在江边"},
		{UrgentSelfHarm, "我弟这几天一直在手机上搜怎么死不痛苦"},
		{UrgentSelfHarm, "她把自己锁在浴室半个小时了，门缝底下有血"},
		{UrgentGathering, "货车司机们把高速收费站的出口堵住了"},
		{UrgentGathering, "现有四十多人在工地大门口，不让搅拌车出去"},
		{UrgentDanger, "这台货梯的钢丝绳断了一股，物业还让它跑"},
		{UrgentSelfHarm, "真想就这么睡过去，不要再醒了"},
		{UrgentViolence, "他要是敢再来，我就给他放放血"},
		{UrgentGathering, "明天上午每家至少去一个人，到镇政府门口"},
		{UrgentGathering, "工单：约八十余人滞留在区信访局大厅，现场秩序混乱"},
		{UrgentDanger, "隔壁厨房的烟道着了，火顺着墙往上烧"},
		{UrgentDanger, "上游水库刚刚开闸放水，河滩上还有人在挖沙"},
		{UrgentAtRisk, "路口有个老人被电动车撞了，趴在地上一直没起来"},
		{UrgentSelfHarm, "他说没脸回家了，人就在村口的鱼塘边上"},
		{UrgentViolence, "那人扬言晚上带人来收拾我们"},
		{UrgentAtRisk, "我妈被拉进一个培训班，手机被没收了，他们不让她走"},
		{UrgentAtRisk, "我爷爷喘得厉害，嘴唇都乌了"},
	}
	for _, tc := range positives {
		if res := classify(t, c, tc.text); !res.Urgent {
			t.Errorf("not urgent (%s): %s", tc.kind, tc.text)
		}
	}
	for _, text := range []string{
		// belongings given away, no farewell; a farewell from a shop
		"搬家的时候旧家具都送给邻居了，新房子里放不下",
		// a stroke long ago, care already given
		"我爸前年中风以后说话就有点大舌头，现在想申请护理补贴",
		"我妈胸口疼住院一周了，现在在医院里等手术，想问问医保怎么报",
		// anger in the body
		"我气得浑身发抖，窗口的人把材料扔了出来",
		"被物业气得心脏病都快犯了，电梯坏了一个月",
		// counted crowds that went, or that go to court
		"去年三十多名业主到区政府反映过，现在想问问进度",
		"几十个家长在群里商量，有人说去法院起诉，有人说去报案",
		"疫情那会儿两百多工人去过区政府，现在只想咨询补贴政策",
		// populations, habits, claims
		"我们村很多老人一个人住，冬天没有暖气，建议发取暖补贴",
		"我们这里冬天都烧炭盆取暖，希望推广电暖器",
		"生孩子的时候大出血切了子宫，现在要求医院赔偿",
		"孩子小时候被开水烫过，胳膊上还有疤，想问问整形能不能报销",
		"老人走失了两天，昨晚已经被派出所找回，想问问养老院的责任",
		// livelihoods, not lives
		"平台又降价了，我们这些司机真的没活路了",
		"我们厂快撑不住了，请政府协调银行续贷",
		// complaints, chat
		"家长群里大家都在吐槽食堂饭菜太难吃",
		"那个路口的坑上周有电动车摔倒过，建议修一修",
		"他天天说要去找领导拼了，其实就是嘴上说说",
		"孩子磕破了头，缝了两针，现在已经好了，要求幼儿园承担医药费",
		"去年有人放烟花把邻居车的漆烧坏了，建议禁放",
		"施工队把小区门口的路堵了三天，请城管管一管",
		"仓库的纸箱堆到天花板了，很容易着火，请消防检查",
		"水库每年汛期都要泄洪，建议在下游多设警示牌",
		"业主们准备集体起诉开发商，想问问诉讼费",
	} {
		if res := classify(t, c, text); res.Urgent {
			t.Errorf("urgent %v: %s", res.UrgentCues, text)
		}
	}
}
