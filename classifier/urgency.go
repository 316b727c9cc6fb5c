package classifier

import "strings"

// urgentFinding is the urgency detector's verdict with the cues behind it.
type urgentFinding struct {
	urgent bool
	cues   []string // "自伤/轻生风险：不想活了"
	kinds  []string // cue classes that fired, sorted by first occurrence
	// dismissed: urgent cues were present but negated, past or resolved (没有人员伤亡、
	// 已经扑灭); the model must not overrule that reading.
	dismissed bool
	// unanchored: a danger frame stood without its second part (阳台一直渗水，现在墙皮…):
	// the text's 现在 was read and judged a standing problem, so it cannot place the
	// model's hunch now either.
	unanchored bool
}

// detectUrgency fires on any non-negated urgent cue. Immediate-danger cues placed in the
// past (上周电梯困了一个老人), marked as over (已经加固完了) or imagined (要是哪天倒下来)
// do not fire: nobody is in danger now; nor do they in a claim for damages or a lawsuit
// that says nothing of the present (废水泄漏导致鱼苗死亡，要求赔偿), which recounts harm
// already done. Frames fire only with their second part (see lexicon_urgent_frames.go).
// Threats and self-harm keep firing when told in the past tense or under a
// condition, because 昨天说不想活了 and 再不给钱就去堵路 are risks today; a threat
// imagined of somebody (假如有人在网上说要报复) is a question, not a threat. A gathering
// only recalled (去年曾集体到镇政府反映过), with nothing planned, is over.
func (lx *lexicon) detectUrgency(a *analysis, dec ruleDecision) urgentFinding {
	var f urgentFinding
	seenKind := map[string]bool{}
	seenCue := map[string]bool{}
	claim := len(dec.fits) > 0 && (dec.fits[0] == Mediation || dec.fits[0] == Litigation) && !a.presentBeyondDemand()
	for _, h := range a.hits {
		c := lx.cues.cues[h.cue]
		kind, ok := urgentKind(c.name)
		if !ok {
			continue
		}
		situation := kind == UrgentDanger || kind == UrgentAtRisk
		// urgs. marks a scene (somebody armed, somebody lingering on a bridge): over when
		// told in the past or as resolved, but not dismissed by a claim beside it.
		scene := strings.HasPrefix(c.name, "urgs.")
		if frame, _, _ := strings.Cut(c.name, "."); !h.negated && strings.HasPrefix(frame, "frm") &&
			!a.frameAnchored(h, frame+".") {
			// A frame without its second part is everyday language, not a dismissed alarm.
			f.unanchored = true
			continue
		}
		if h.negated || situation && (a.inPast(h.span) || a.resolved(h.span) || claim ||
			a.contextAround("ctx.hypothetical", h.span, 20) || a.suggestion(h.span) ||
			strings.HasPrefix(c.name, "frmb.") && a.hasContext("ctx.treated")) ||
			scene && (a.inPast(h.span) || a.resolved(h.span) || a.contextAround("ctx.hypothetical", h.span, 20)) ||
			kind == UrgentViolence && (a.contextBefore("ctx.hypothetical_someone", h.span.start, 20) || a.disavowed(h.span)) ||
			kind == UrgentGathering && (a.inPast(h.span) && !a.hasContext("ctx.future") || a.doneAfter(h.span)) {
			f.dismissed = true
			continue
		}
		f.urgent = true
		if !seenKind[kind] {
			seenKind[kind] = true
			f.kinds = append(f.kinds, kind)
		}
		txt := c.label + "：" + a.cueText(h)
		if !seenCue[txt] {
			seenCue[txt] = true
			f.cues = append(f.cues, txt)
		}
	}
	if !f.urgent && a.hasContext("ctx.cared") {
		// No cue fired and the person is looked after: the model's hunch is not enough.
		f.dismissed = true
	}
	return f
}

// urgentKind returns the urgency class of a cue name: urg.KIND, or a frame frm.KIND,
// frmo.KIND, frmx.KIND or frmb.KIND, or a scene urgs.KIND.
func urgentKind(name string) (string, bool) {
	for _, p := range []string{"urg.", "urgs.", "frm.", "frmo.", "frmx.", "frmb."} {
		if strings.HasPrefix(name, p) {
			return name[len(p):], true
		}
	}
	return "", false
}

// frameAnchored reports, in the frame's sentence within frameWindow runes of it, people
// exposed to it, or a present marker unless the frame is weather (frmx.), or a marker of a
// state that has lasted when that is enough (frmo.); a weak present marker (现在) must
// stand in the frame's own clause.
func (a *analysis) frameAnchored(h hit, frame string) bool {
	for _, m := range a.hits {
		switch n := a.lx.names[a.lx.cueName[m.cue]]; {
		case n == "ctx.exposed":
		case frame == "frmx.":
			continue
		case n == "ctx.now" || (frame == "frmo." || frame == "frmb.") && n == "ctx.ongoing":
		case n == "ctx.now_clause":
			if !a.sameClause(m.span.start, h.span.start) && !a.sameClause(m.span.start, h.span.end-1) {
				continue
			}
		default:
			continue
		}
		if a.sameSentence(m.span.start, h.span.start) && m.span.start < h.span.end+frameWindow &&
			h.span.start < m.span.end+frameWindow {
			return true
		}
	}
	return false
}

// disavowed reports a threat taken back later in its sentence (当然我不会这么干).
func (a *analysis) disavowed(s span) bool {
	for _, h := range a.hits {
		if a.lx.names[a.lx.cueName[h.cue]] == "ctx.disavow" && a.sameSentence(h.span.start, s.start) &&
			h.span.start >= s.end && h.span.start-s.end <= 30 {
			return true
		}
	}
	return false
}

// suggestion reports a suggestion or an enquiry in the sentence of s with nothing placing
// it now (孩子放学后一个人在家，想问问有没有托管班): a standing situation, not an alarm.
func (a *analysis) suggestion(s span) bool {
	sug := false
	for _, h := range a.hits {
		if !a.sameSentence(h.span.start, s.start) {
			continue
		}
		switch a.lx.names[a.lx.cueName[h.cue]] {
		case "ctx.suggest":
			sug = true
		case "ctx.now":
			return false
		}
	}
	return sug
}

// contextCues mark time and outcome around a cue. They are matched in the same scan as
// every other cue and never become features: they only qualify other hits.
var contextCues = []cueDef{
	{name: "ctx.past", pats: pastMarkers},
	{name: "ctx.present", pats: presentMarkers},
	{name: "ctx.done", pats: doneMarkers},
	{name: "ctx.now", pats: nowMarkers},
	{name: "ctx.exposed", pats: exposedMarkers},
	// 我真想一把火烧了它，当然我不会这么干: anger said and taken back.
	{name: "ctx.disavow", pats: []string{"不会这么干", "不会真这么干", "不会真的去", "说说而已", "开玩笑", "气话", "当然不会",
		"只是说说", "不会这么做", "犯法我知道", "是犯法的", "但我不会", "但是我不会", "不能这么干", "但我知道", "走程序", "走法律",
		"嘴上说说", "就是说说", "随口说说"}},
	// 到现在 is how long something has lasted (到现在也没赔), not a present danger.
	{name: "ctx.now_clause", pats: weakNowMarkers, veto: []string{"到现在", "至今"}},
	{name: "ctx.ongoing", pats: ongoingMarkers},
	{name: "ctx.future", pats: futureMarkers},
	{name: "ctx.suggest", pats: []string{"建议", "想问问", "想问一下", "想咨询", "咨询一下", "能不能申请", "有没有…托管", "有没有…服务"}},
	{name: "ctx.resolved", pats: resolvedMarkers},
	{name: "ctx.conditional", pats: conditionalMarkers},
	{name: "ctx.hypothetical", pats: hypotheticalMarkers, veto: []string{"一动不动", "不容易"}},
	{name: "ctx.hypothetical_someone", pats: []string{"假如有人", "如果有人", "要是有人", "假设有人", "万一有人", "要是哪天有人"}},
	{name: "ctx.request", pats: requestMarkers},
	{name: "ctx.matter", pats: matterMarkers},
	{name: "ctx.firm", pats: firmMarkers},
	{name: "ctx.action", pats: actionMarkers},
	{name: "ctx.cared", pats: caredMarkers},
	{name: "ctx.treated", pats: treatedMarkers},
}

// caredMarkers say somebody looks after the person now (亲戚隔三岔五给他送点吃的): a
// hardship to relieve, not a person left without care.
var caredMarkers = []string{"有人照顾", "有人照看", "有人管着", "亲戚…照顾", "亲戚…送", "邻居…照看", "邻居…送饭", "邻居…照顾",
	"有人送饭", "轮流照顾", "轮流…送饭", "给他送…吃", "给她送…吃", "给他送饭", "给她送饭", "护工…照顾"}

// pastMarkers place a danger in the past (上周电梯困了一个老人): still worth a report, but
// nobody is in danger now.
var pastMarkers = []string{
	"上周", "上个月", "上月", "去年", "前年", "以前", "曾经", "几年前", "前几年", "上次", "上回",
	"那次", "当年", "年前", "月份", "个月前", "那天", "当时", "发生过", "出过事", "曾发生", "过一次",
	"那会儿", "那时候", "那阵子", "当初",
}

// doneMarkers after a cue, in its clause, tell of a visit already made (集体到区政府反映过).
var doneMarkers = []string{"反映过", "去过", "找过", "闹过", "上访过", "堵过", "讨过", "问过", "到过", "来过"}

// hypotheticalMarkers imagine a danger (要是哪天那棵树倒下来): a suggestion, not an alarm.
var hypotheticalMarkers = []string{"哪天", "假如", "假设", "假使", "倘若", "如果有一天", "将来", "迟早", "早晚会",
	"会不会有一天", "以防", "防患",
	// a population, not an incident: 老人大多一个人在家
	"大多", "大都", "普遍", "往往", "有的", "很多孩子", "许多孩子", "很多老人", "许多老人", "有些孩子", "有些老人",
	"一些孩子", "一些老人",
	// prevention and awareness campaigns: 宣传防一氧化碳中毒
	"预防", "防范", "宣传", "容易", "要是赶上", "要是遇上", "赶上…大风", "可不得了",
	// habits: 每到下雨就积水 describes a standing problem, not tonight's flood
	"每到", "每逢", "每次下雨", "一下雨", "一下大雨", "一下暴雨", "一到下雨", "一到雨天", "每年", "老是",
	"经常", "三天两头", "动不动", "天天", "每天", "每晚", "长期"}

// futureMarkers keep a gathering told with a past marker urgent (上个月去过一次，明天还要去):
// only a gathering that is merely recalled is not.
var futureMarkers = []string{"明天", "后天", "明早", "下周", "周末", "准备", "打算", "还要", "还会", "再去", "要去",
	"就去", "马上", "这次", "今晚", "下午", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "星期六", "星期天",
	"礼拜六", "礼拜天", "到时候"}

// presentMarkers put a danger in the present even when the sentence recalls the past
// (上回说的校车超载又来了，现在正在路上跑).
var presentMarkers = []string{"现在", "正在", "刚才", "此刻", "目前", "今天", "今晚", "又来了", "还在", "马上"}

// resolvedMarkers say a danger is over (着火了，已经扑灭了).
var resolvedMarkers = []string{"扑灭", "灭了火", "火灭了", "已修好", "已经修好", "修好了", "已经处理", "已处理",
	"已排除", "已经排除", "已经解决", "已解决", "已经关掉", "已关闭", "已经救出", "已获救", "脱险", "没事了",
	"所幸", "幸好", "无人受伤", "没伤到人", "没有伤到人", "没人受伤", "恢复正常", "已恢复", "加固完", "已加固",
	"已经加固", "加固过", "已修复", "已经修复", "修复好", "已设置…围挡", "设置了…围挡", "围挡已", "已经围起来",
	"已经处置", "已处置", "放出来了", "救出来了", "水已经退", "水退了", "没救过来", "已经去世", "不幸去世", "已经出院",
	"出院了", "已出院", "在家休养", "痊愈", "已经好了", "伤好了", "好得差不多", "已经康复", "已康复",
	// somebody missing who has been found
	"找回", "已找到", "已经找到", "找到了", "平安回家", "平安到家", "安全到家", "已经回家", "已回家"}

// inPast reports a past marker at most 40 runes before s in its sentence that no present
// marker overrules, or a 过 of experience right after s (困过人、泄漏过一回). A present
// marker overrules only in the clause of s or between the past marker and s: in
// 去年燃气泄漏过一回，现在多久检测一次 the 现在 belongs to the question, not the leak.
func (a *analysis) inPast(s span) bool {
	pos := s.start
	if s.end+1 < len(a.runes) && a.runes[s.end] == '过' && !strings.ContainsRune("来去头度期多半", a.runes[s.end+1]) ||
		a.doneAfter(s) {
		return true
	}
	// A past marker inside a gapped cue dates it too (几十户业主上个月去售楼处).
	pastEnd, limit := -1, pos
	for _, h := range a.hits {
		if a.lx.names[a.lx.cueName[h.cue]] == "ctx.past" && a.sameSentence(h.span.start, pos) && h.span.end <= s.end &&
			pos-h.span.end <= 40 {
			pastEnd = max(pastEnd, h.span.end)
			limit = max(limit, h.span.end)
		}
	}
	if pastEnd < 0 {
		return false
	}
	if limit > pos {
		limit = s.end
	}
	for _, h := range a.hits {
		if a.lx.names[a.lx.cueName[h.cue]] == "ctx.present" && a.sameSentence(h.span.start, pos) &&
			(h.span.start >= pastEnd && h.span.end <= limit || a.sameClause(h.span.start, pos)) {
			return false
		}
	}
	return true
}

// presentBeyondDemand reports a present marker that speaks of something other than the
// claim itself: in 大出血切了子宫，现在要求医院赔偿 the 现在 dates the demand, not a danger.
func (a *analysis) presentBeyondDemand() bool {
	for _, h := range a.hits {
		if a.lx.names[a.lx.cueName[h.cue]] != "ctx.present" {
			continue
		}
		demand := false
		for _, r := range a.hits {
			if a.lx.names[a.lx.cueName[r.cue]] == "ctx.request" && r.span.start >= h.span.end &&
				r.span.start-h.span.end <= 6 && a.sameClause(h.span.start, r.span.start) {
				demand = true
				break
			}
		}
		if !demand {
			return true
		}
	}
	return false
}

// doneAfter reports a visit told as made in the clause right after s (集体到区政府反映过):
// whatever else the text plans, that gathering is over.
func (a *analysis) doneAfter(s span) bool {
	for _, h := range a.hits {
		if a.lx.names[a.lx.cueName[h.cue]] == "ctx.done" && h.span.start >= s.end && h.span.start-s.end <= 12 &&
			a.sameClause(s.end-1, h.span.start) {
			return true
		}
	}
	return false
}

// sameClause reports no clause break between rune positions i and j.
func (a *analysis) sameClause(i, j int) bool {
	if i > j {
		i, j = j, i
	}
	for k := i; k < j; k++ {
		if isClauseBreak(a.runes[k]) {
			return false
		}
	}
	return true
}

// resolved reports a resolved-marker in the sentence of s.
func (a *analysis) resolved(s span) bool {
	for _, h := range a.hits {
		if a.lx.names[a.lx.cueName[h.cue]] == "ctx.resolved" && a.sameSentence(h.span.start, s.start) {
			return true
		}
	}
	return false
}

// hasContext reports a context marker anywhere in the text.
func (a *analysis) hasContext(name string) bool {
	for _, h := range a.hits {
		if a.lx.names[a.lx.cueName[h.cue]] == name {
			return true
		}
	}
	return false
}

// contextBefore reports a context marker ending at most window runes before pos in its
// sentence.
func (a *analysis) contextBefore(name string, pos, window int) bool {
	for _, h := range a.hits {
		if a.lx.names[a.lx.cueName[h.cue]] == name && a.sameSentence(h.span.start, pos) &&
			h.span.end <= pos && pos-h.span.end <= window {
			return true
		}
	}
	return false
}

// contextAround reports a context marker in the sentence of s, ending at most window runes
// before it or inside it (狗现在天天叫，还咬人: the habit stands inside a gapped cue).
func (a *analysis) contextAround(name string, s span, window int) bool {
	for _, h := range a.hits {
		if a.lx.names[a.lx.cueName[h.cue]] == name && a.sameSentence(h.span.start, s.start) &&
			h.span.end <= s.end && s.start-h.span.end <= window {
			return true
		}
	}
	return false
}

// conditionalBefore reports a conditional marker (再不退钱我就…) ending at most window runes
// before pos in its sentence.
func (a *analysis) conditionalBefore(pos, window int) bool {
	for _, h := range a.hits {
		if a.lx.names[a.lx.cueName[h.cue]] == "ctx.conditional" && a.sameSentence(h.span.start, pos) &&
			h.span.end <= pos && pos-h.span.end <= window {
			return true
		}
	}
	return false
}

func (a *analysis) sameSentence(i, j int) bool { return a.sentence[i] == a.sentence[j] }

// placedNow reports a marker placing something at this moment or in a state that has
// lasted until now (现在、刚才、还有人在、到现在): with one, a moderate urgent probability
// from the model is enough, unless that marker belonged to a danger frame judged a
// standing problem.
func (f urgentFinding) placedNow(a *analysis) bool {
	if f.unanchored {
		return false
	}
	for _, h := range a.hits {
		switch a.lx.names[a.lx.cueName[h.cue]] {
		case "ctx.present", "ctx.now", "ctx.now_clause", "ctx.exposed", "ctx.ongoing":
			return true
		}
	}
	return false
}
