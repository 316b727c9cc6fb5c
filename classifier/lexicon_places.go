package classifier

import "strings"

// Department evidence that is about where or through what a matter happens rather than
// what it is about.
//
// A barrier to business is named by the licence it blocks (办食品经营许可证，窗口说必须找他们
// 推荐的咨询公司): the licence is only where the barrier stands, so the barrier outweighs
// it. Inspections counted out (一个月来了五拨检查) are a burden on the firm whoever makes
// them. A subject word followed by a locative (服务区里的超市、医院门口的路灯、学校旁边的小卖部)
// names the place, not the matter.

var barrierCues = []cueDef{
	cue("pet.barrier", "指定中介/变相门槛/重复检查", negNone,
		"推荐的…公司|推荐的…中介|推荐的…机构|指定的…公司|指定的…中介|必须找…公司|只能找…公司|必须用…公司|只能用…公司|"+
			"必须找…中介|只能找…中介|必须找…代办|只认…公司|不然…审不过|不然…不给过|不然…批不下来|否则…不给办|否则…审不过|"+
			"不找…不给|找了…才给|交了…才给办|检查…轮流|轮番…检查|检查…轮番|轮流来|轮番来|一拨接一拨|隔三差五…检查|"+
			"三天两头…检查|天天…检查|指定厂家|指定的厂家|指定…厂家|统一换成|不换就不给|不…就不给年检|不…就不给办|拨检查|波检查|趟检查|检查…没完|来了…拨|来了…波|检查了好几"),
}

// barrierWeight: a barrier is the business environment's even when it names a licence
// (1.2) and a window (0.6) of other departments.
const barrierWeight = 2.0

// locatives after a word make it a place when another department's subject follows:
// 服务区里的超市、医院门口的路灯、学校旁边的小卖部. 电梯里困了人 stays an elevator.
var locatives = []string{"里的", "门口", "旁边", "附近", "出口", "入口", "边上", "对面", "隔壁", "周边", "底下的", "楼下的"}

// placeWeight: a subject named as a place still hints at the matter a little.
const placeWeight = 0.3

// asPlace reports a subject word standing as a place: followed, within three runes of the
// same clause, by a locative (高速服务区里的 makes 高速 and 服务区 places), and that by a
// subject word of another department within six runes.
func (lx *lexicon) asPlace(a *analysis, h hit) bool {
	at := -1
	for i := h.span.end; i < len(a.runes) && i <= h.span.end+3 && at < 0; i++ {
		if isClauseBreak(a.runes[i]) {
			return false
		}
		for _, l := range locatives {
			if hasPrefixAt(a.runes, i, l) {
				at = i + len([]rune(l))
				break
			}
		}
	}
	if at < 0 {
		return false
	}
	for _, o := range a.hits {
		if o.span.start < at || o.span.start > at+6 || o.negated {
			continue
		}
		if d := lx.cueDept[o.cue]; d >= 0 && d != lx.cueDept[h.cue] && isSubject(lx.cues.cues[o.cue].name) &&
			!brokenBetween(a.runes, at, o.span.start) {
			return true
		}
	}
	return false
}

func isSubject(name string) bool {
	return strings.HasPrefix(name, "sub.") || strings.HasPrefix(name, "subw.")
}

func brokenBetween(rs []rune, from, to int) bool {
	for i := from; i < to && i < len(rs); i++ {
		if isClauseBreak(rs[i]) {
			return true
		}
	}
	return false
}

func hasPrefixAt(rs []rune, i int, p string) bool {
	for _, r := range p {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}
