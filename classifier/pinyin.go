package classifier

// pinyinWords turn pinyin typed for want of an input method (工地两百多人xianzai在门口、
// bu zou、jiuming) back into the characters the cues are written in. Only words that carry
// urgency, time or a refusal are listed: the rest of a pinyin text is left alone.
var pinyinWords = map[string]string{
	"xianzai": "现在", "mashang": "马上", "gangcai": "刚才", "zhengzai": "正在", "jintian": "今天", "jinwan": "今晚",
	"mingtian": "明天", "buzou": "不走", "jiuming": "救命", "kuailai": "快来", "zisha": "自杀", "tiaolou": "跳楼",
	"buxianghuo": "不想活", "buxianghuole": "不想活了", "huobuxiaqu": "活不下去", "zhaohuo": "着火", "qihuo": "起火",
	"loudian": "漏电", "louqi": "漏气", "meiqi": "煤气", "ranqi": "燃气", "shapo": "砸破", "kanren": "砍人", "darenle": "打人了",
	"baojing": "报警", "kuaidian": "快点", "laoren": "老人", "haizi": "孩子", "bujianle": "不见了",
	"zhaobudao": "找不到", "yundao": "晕倒", "qibulai": "起不来", "dulu": "堵路", "menkou": "门口", "zhengfu": "政府",
	"buzoule": "不走了", "jiyi": "集体", "jiti": "集体", "shangfang": "上访", "wo": "我", "ta": "他", "women": "我们",
	"dajia": "大家", "yiqi": "一起", "qu": "去", "xiang": "想", "wen": "问", "yixia": "一下", "zenme": "怎么",
	"tiqu": "提取", "ji": "急", "bu": "不", "zou": "走", "mei": "没", "ren": "人", "le": "了", "zai": "在", "si": "死",
	"jiu": "就", "yao": "要", "hui": "会", "huo": "活", "bang": "帮", "jiujiu": "救救", "bangbang": "帮帮",
}

// maxPinyinJoin is how many space-separated syllables may join into one word (bu xiang huo).
const maxPinyinJoin = 4

// depinyin replaces runs of known pinyin words in rs. Texts without ASCII letters, nearly
// all of them, are returned as they are.
func depinyin(rs []rune) []rune {
	has := false
	for _, r := range rs {
		if r >= 'a' && r <= 'z' {
			has = true
			break
		}
	}
	if !has {
		return rs
	}
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); {
		if !isLower(rs[i]) || i > 0 && isLower(rs[i-1]) {
			out = append(out, rs[i])
			i++
			continue
		}
		// tokens starting at i: letters separated by single spaces
		var ends []int
		j := i
		for len(ends) < maxPinyinJoin {
			k := j
			for k < len(rs) && isLower(rs[k]) {
				k++
			}
			if k == j {
				break
			}
			ends = append(ends, k)
			if k+1 < len(rs) && rs[k] == ' ' && isLower(rs[k+1]) {
				j = k + 1
				continue
			}
			break
		}
		done := false
		for n := len(ends); n > 0 && !done; n-- {
			key := make([]rune, 0, 16)
			for _, r := range rs[i:ends[n-1]] {
				if r != ' ' {
					key = append(key, r)
				}
			}
			if hz, ok := pinyinWords[string(key)]; ok {
				out = append(out, []rune(hz)...)
				i = ends[n-1]
				if i+1 < len(rs) && rs[i] == ' ' && isLower(rs[i+1]) {
					i++ // the space between two pinyin words goes with them
				}
				done = true
			}
		}
		if !done {
			for i < len(rs) && isLower(rs[i]) {
				out = append(out, rs[i])
				i++
			}
		}
	}
	return out
}

func isLower(r rune) bool { return r >= 'a' && r <= 'z' }
