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
}

// detectUrgency fires on any non-negated urgent cue. Immediate-danger cues placed in the
// past (上周电梯困了一个老人) do not fire: the danger is over. Other classes keep firing
// when told in the past tense, because 昨天说不想活了 is a risk today.
func (lx *lexicon) detectUrgency(a *analysis) urgentFinding {
	var f urgentFinding
	seenKind := map[string]bool{}
	seenCue := map[string]bool{}
	for _, h := range a.hits {
		c := lx.cues.cues[h.cue]
		if !strings.HasPrefix(c.name, "urg.") {
			continue
		}
		kind := strings.TrimPrefix(c.name, "urg.")
		if h.negated || (kind == UrgentDanger || kind == UrgentAtRisk) && (a.inPast(h.span.start) || a.resolved(h.span)) {
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
	return f
}

// contextCues mark time and outcome around a cue. They are matched in the same scan as
// every other cue and never become features: they only qualify other hits.
var contextCues = []cueDef{
	{name: "ctx.past", pats: pastMarkers},
	{name: "ctx.present", pats: presentMarkers},
	{name: "ctx.resolved", pats: resolvedMarkers},
	{name: "ctx.conditional", pats: conditionalMarkers},
}

// pastMarkers place a danger in the past (上周电梯困了一个老人): still worth a report, but
// nobody is in danger now.
var pastMarkers = []string{
	"上周", "上个月", "上月", "去年", "前年", "以前", "曾经", "几年前", "前几年", "上次", "上回",
	"那次", "当年", "年前", "月份", "个月前", "那天", "当时",
}

// presentMarkers put a danger in the present even when the sentence recalls the past
// (上回说的校车超载又来了，现在正在路上跑).
var presentMarkers = []string{"现在", "正在", "刚才", "此刻", "目前", "今天", "今晚", "又来了", "还在", "马上"}

// resolvedMarkers say a danger is over (着火了，已经扑灭了).
var resolvedMarkers = []string{"扑灭", "灭了火", "火灭了", "已修好", "已经修好", "修好了", "已经处理", "已处理",
	"已排除", "已经排除", "已经解决", "已解决", "已经关掉", "已关闭", "已经救出", "已获救", "脱险", "没事了",
	"所幸", "幸好", "无人受伤", "没伤到人", "没有伤到人", "没人受伤"}

// inPast reports a past marker at most 40 runes before pos in its sentence, with no
// present marker anywhere in that sentence.
func (a *analysis) inPast(pos int) bool {
	past := false
	for _, h := range a.hits {
		switch a.lx.names[a.lx.cueName[h.cue]] {
		case "ctx.past":
			if a.sameSentence(h.span.start, pos) && h.span.end <= pos && pos-h.span.end <= 40 {
				past = true
			}
		case "ctx.present":
			if a.sameSentence(h.span.start, pos) {
				return false
			}
		}
	}
	return past
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
