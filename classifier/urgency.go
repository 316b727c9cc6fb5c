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
		if h.negated || (kind == UrgentDanger || kind == UrgentAtRisk) && (lx.inPast(a, h.span.start) || resolved(a, h.span)) {
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

// inPast reports a past-time marker earlier in the same sentence as pos.
func (lx *lexicon) inPast(a *analysis, pos int) bool {
	lo := pos
	for lo > 0 && !isSentenceBreak(a.runes[lo-1]) {
		lo--
	}
	if pos-lo > 40 {
		lo = pos - 40
	}
	seg := a.runes[lo:pos]
	if len(lx.past.index(seg).occ) == 0 {
		return false
	}
	// 上回说的校车超载又来了，现在正在路上跑: a present marker overrides the past one.
	end := pos
	for end < len(a.runes) && !isSentenceBreak(a.runes[end]) {
		end++
	}
	return !containsAny(string(a.runes[lo:end]), presentMarkers)
}

// resolvedMarkers say a danger is over (着火了，已经扑灭了).
var resolvedMarkers = []string{"扑灭", "灭了火", "火灭了", "已修好", "已经修好", "修好了", "已经处理", "已处理",
	"已排除", "已经排除", "已经解决", "已解决", "已经关掉", "已关闭", "已经救出", "已获救", "脱险", "没事了",
	"所幸", "幸好", "无人受伤", "没伤到人", "没有伤到人", "没人受伤"}

// resolved reports a resolved-marker in the sentence of s.
func resolved(a *analysis, s span) bool {
	lo, hi := s.start, s.end
	for lo > 0 && !isSentenceBreak(a.runes[lo-1]) {
		lo--
	}
	for hi < len(a.runes) && !isSentenceBreak(a.runes[hi]) {
		hi++
	}
	return containsAny(string(a.runes[lo:hi]), resolvedMarkers)
}

// presentMarkers put a danger in the present even when the sentence recalls the past.
var presentMarkers = []string{"现在", "正在", "刚才", "此刻", "目前", "今天", "今晚", "又来了", "还在", "马上"}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
