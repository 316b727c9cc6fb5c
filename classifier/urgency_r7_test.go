package classifier

import "testing"

// The round-7 families (lexicon_urgent_r7.go and the widened families): each positive
// says its danger in words of a family rather than any probe's sentence; each negative
// holds one part of a family without the other, or the pair dismissed.
func TestUrgentRound7Families(t *testing.T) {
	c := testClassifier(t)
	positives := []struct{ kind, text string }{
		{UrgentSelfHarm, "欠室友的钱都还清了，他说这下谁也不欠了，以后就清静了"},
		{UrgentSelfHarm, "我妈把安眠药藏在鞋盒里，我数了一下有三十多片"},
		{UrgentSelfHarm, "他一个人在天桥上站了好久，一直往下看"},
		{UrgentSelfHarm, "她把狗送给了邻居，卧室的窗户缝都用胶带贴死了"},
		{UrgentSelfHarm, "我爸留了张纸，写着存款密码和欠谁多少钱，现在电话关机"},
		{UrgentSelfHarm, "室友把手机电脑都一块钱卖了，还把所有群都退了，今晚人不在宿舍"},
		{UrgentSelfHarm, "她一直问医生这个药吃多少会死"},
		{UrgentViolence, "他在门里喊谁敢进来就把煤气打开，一起上天"},
		{UrgentViolence, "工头说今晚叫一帮人过来，把这户人家平了"},
		{UrgentViolence, "那人把开了刃的砍刀放在腿上，说要去找老板"},
		{UrgentViolence, "他在院子里磨刀磨到半夜，嘴里一直骂他姐夫"},
		{UrgentViolence, "讨债的说今晚去他家门口淋红油"},
		{UrgentGathering, "出租车司机们说好了明天罢运，车全部开到市政府门口"},
		{UrgentGathering, "我们整栋楼的人明早一起到拆迁办去，不给说法哪个都不走"},
		{UrgentGathering, "全村明天抬着棺材去镇上"},
		{UrgentGathering, "老乡们三十几个在公司门口蹲着不走了"},
		{UrgentGathering, "业主们周六举着牌子去售楼部门口站到领导出来为止"},
		{UrgentDanger, "暴雨灌进地下室，水漫到配电房了，电箱一直啪啪响"},
		{UrgentDanger, "商场扶梯突然倒转，好几个人摔成一堆"},
		{UrgentDanger, "高速上散落了一地钢管，横在两条车道上"},
		{UrgentDanger, "井下瓦斯报警器一直在响，下面还有十几个工人"},
		{UrgentAtRisk, "屋里孩子一直哭喊着奶奶醒醒，没有大人开门"},
		{UrgentAtRisk, "车库里一辆车没熄火，司机趴在方向盘上，敲了好久都没反应"},
		{UrgentAtRisk, "孩子放学三个小时了家长还没来接，打电话是空号"},
		{UrgentAtRisk, "搬运工进冷库二十分钟了没出来，门从里面打不开"},
		{UrgentAtRisk, "孕妇一个人坐在急诊门口，裤子上全是血"},
		{UrgentAtRisk, "我摔了一跤，还在地上坐着，够不着电话"},
		{UrgentAtRisk, "工地两百多人xianzai在项目部门口，不给钱bu zou"},
		// probe 6's categories
		{UrgentSelfHarm, "他发了张从楼顶往下拍的照片，写着下去应该很快吧"},
		{UrgentViolence, "那家儿子又在打他老子，打得嗷嗷叫"},
		{UrgentViolence, "两帮人在KTV门口对上了，都在从车上往下拿东西"},
		{UrgentViolence, "他车后座上放着把开山刀，说今晚去找那个人"},
		{UrgentDanger, "火车马上到了，道口栏杆落不下来"},
		{UrgentDanger, "渡船在江心熄了火，船上还有二十几个人"},
		{UrgentAtRisk, "独居的老人家里电视开着，敲门没人应，三天没见他出门了"},
		{UrgentGathering, "村民们去把厂里的路挡住了，已经有几十辆车了"},
	}
	for _, tc := range positives {
		if res := classify(t, c, tc.text); !res.Urgent {
			t.Errorf("not urgent (%s): %s", tc.kind, tc.text)
		}
	}
	for _, text := range []string{
		// a scene of violence told as over
		"上个月一个家属拿着水果刀在急诊闹事，后来被拘留了五天，我们想问问医院的安保",
		"上个月有个学生在教学楼天台待了一下午，后来被老师劝下来了，建议把门锁上",
		// blame and liability, not a threat
		"出了事故以后公司让我一个人担全责，扣了半年工资",
		// going to court or to look, not a gathering
		"几十户业主准备一起去法院起诉开发商",
		"家长们想明天一起去学校看看食堂",
		// crowds at work, touts
		"劳务市场门口每天早上都有好几百人等活，车子乱停",
		"火车站出口黑车拉客，出来就被围住，拉着行李不让走",
		// standing hazards, suggestions
		"矿上以前出过透水事故，井口一直没封，建议封堵",
		"楼道里堆的电动车电池太多了，万一着火跑不掉，建议清理",
		// pills and shoes in everyday life
		"社区医院开药一次只能开两周的量，能不能一次开三个月",
		"他说活这么大岁数够本了，就是想把低保的事办下来",
		// a crossing, a ferry, a level crossing wait as complaints
		"铁路道口每次过火车都要等十几分钟，建议修立交",
		"渡口的渡船太旧了，救生衣也不够，建议更换",
		// pinyin that is not an alarm
		"wo xiang wen yi xia 公积金 zenme ti qu",
	} {
		if res := classify(t, c, text); res.Urgent {
			t.Errorf("urgent %v: %s", res.UrgentCues, text)
		}
	}
}

func TestDepinyin(t *testing.T) {
	for in, want := range map[string]string{
		"工地两百多人xianzai在门口":   "工地两百多人现在在门口",
		"不给钱大家bu zou，":       "不给钱大家不走，",
		"wifi坏了":             "wifi坏了",
		"bus 来了":             "bus 来了",
		"ta bu xiang huo le": "他不想活了",
		"没有拼音的文本":            "没有拼音的文本",
	} {
		if got := string(depinyin([]rune(in))); got != want {
			t.Errorf("depinyin(%q) = %q, want %q", in, got, want)
		}
	}
}
