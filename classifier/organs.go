package classifier

import "strings"

// Organs named in a text: which one acted, which one is asked to act, where they stand.

// organDept is the department of an organ hit that names one (not a court, not a
// township or street office), or -1.
func (lx *lexicon) organDept(h hit) int {
	name := lx.cues.cues[h.cue].name
	if h.negated || !strings.HasPrefix(name, "org.") || name == "org.gov" || name == "org.judicial" {
		return -1
	}
	return departmentIndex(Department(strings.TrimPrefix(name, "org.")))
}

// actCues are the cues that locate a contested administrative act in the text.
var actCues = map[string]bool{
	"rec.penalty": true, "rec.penalty_weak": true, "rec.refusal": true, "rec.inaction": true,
	"rec.determination": true, "rec.disclosure": true, "rec.explicit": true,
}

// actingOrgan finds the organ named nearest before the first contested act (市场监管窗口以…
// 作出不予登记决定 names the market regulator, not the service hall where it happened);
// an organ named after the act counts at a distance penalty.
func (lx *lexicon) actingOrgan(a *analysis) (int, string) {
	// The act is located by where its decisive word ends (申请…不予 ends at 不予).
	act := -1
	for _, h := range a.hits {
		if !h.negated && actCues[lx.cues.cues[h.cue].name] && (act < 0 || h.span.end < act) {
			act = h.span.end
		}
	}
	if act < 0 {
		return -1, ""
	}
	best, bestDist, bestText := -1, 1<<30, ""
	for _, h := range a.hits {
		d := lx.organDept(h)
		if d < 0 {
			continue
		}
		var dist int
		if h.span.end <= act {
			dist = act - h.span.end
		} else {
			dist = 2 * (h.span.start - act)
		}
		if dist < bestDist {
			best, bestDist, bestText = d, dist, a.cueText(h)
		}
	}
	if bestDist > 80 {
		return -1, ""
	}
	return best, bestText
}

// requestedOrganBoost: an organ the person asks to act (诉求：请公安部门查处) is the
// department they and the operator who took the call consider competent; it outweighs a
// subject word or two named along the way (网吧里的中学生).
const requestedOrganBoost = 2.0

// requestMarkers open a request (诉求：请…), actionMarkers close one (…部门查处).
var (
	requestMarkers = []string{"诉求", "请求", "恳请", "请", "希望", "要求", "建议", "麻烦", "呼吁", "反映给", "转给", "交给"}
	actionMarkers  = []string{"查处", "处理", "督促", "核查", "核实", "介入", "管一管", "管管", "管一下", "来管",
		"监管", "调查", "整治", "检查", "协调", "调解", "落实", "解决", "依法", "规范", "加强", "追责", "督办",
		"重视", "出面", "帮助", "帮忙", "查一查", "查查", "取缔", "处置", "答复", "回复"}
)

// requestedOrgan finds the organ the person asks to act: named at most 12 runes after a
// request marker, or at most 6 runes before an action, in the same sentence. The last
// such organ wins (a letter's closing request names the competent organ).
func (lx *lexicon) requestedOrgan(a *analysis) (int, string) {
	var reqEnds, actStarts []int
	for _, h := range a.hits {
		switch lx.names[lx.cueName[h.cue]] {
		case "ctx.request":
			reqEnds = append(reqEnds, h.span.end)
		case "ctx.action":
			actStarts = append(actStarts, h.span.start)
		}
	}
	best, text := -1, ""
	for _, h := range a.hits {
		d := lx.organDept(h)
		if d < 0 {
			continue
		}
		asked := false
		for _, e := range reqEnds {
			if e <= h.span.start && h.span.start-e <= 12 && a.sameSentence(e-1, h.span.start) {
				asked = true
			}
		}
		for _, st := range actStarts {
			if st >= h.span.end && st-h.span.end <= 6 && a.sameSentence(h.span.end-1, st) {
				asked = true
			}
		}
		// 消防、环保、市场监管等六批次检查 lists organs; it asks none of them.
		if asked && !a.enumerated(h.span) {
			best, text = d, a.cueText(h)
		}
	}
	return best, text
}

// enumerated reports a word standing in a list (环保、市场监管等).
func (a *analysis) enumerated(s span) bool {
	before := s.start > 0 && a.runes[s.start-1] == '、'
	after := s.end < len(a.runes) && (a.runes[s.end] == '、' || a.runes[s.end] == '等')
	return before || after
}

// organBefore reports an organ (other than a service hall) named before the first hit of
// the cue, at most 40 runes earlier, or inside it (被派出所民警抓走): 区住建局以…为由不予受理 is the organ's refusal, while
// 业主要求公示被拒，诉求：住建部门督促 is the property manager's.
func (lx *lexicon) organBefore(a *analysis, cue string) bool {
	at, end := -1, -1
	for _, h := range a.hits {
		if !h.negated && lx.names[lx.cueName[h.cue]] == cue {
			at, end = h.span.start, h.span.end
			break
		}
	}
	if at < 0 {
		return false
	}
	for _, h := range a.hits {
		if d := lx.organDept(h); (d < 0 || departments[d].Code == "gov_service") && !lx.township(a, h) {
			continue
		}
		// An organ inside a gapped act counts too: 狗被派出所民警抓走了.
		if h.span.end <= end && h.span.start < end && at-h.span.end <= 40 {
			return true
		}
	}
	return false
}

// township reports a township or street government (镇里说是违规养殖): an organ that acts,
// though it names no department. Village and residents' committees are not organs.
func (lx *lexicon) township(a *analysis, h hit) bool {
	if h.negated || lx.names[lx.cueName[h.cue]] != "org.gov" {
		return false
	}
	switch a.cueText(h) {
	case "村委会", "居委会", "社区":
		return false
	}
	return true
}

// onlyServiceHall reports that the only organ named is a government service hall or
// platform (政务服务中心, 一网通办).
func (lx *lexicon) onlyServiceHall(a *analysis) bool {
	hall := false
	for id, n := range a.present {
		switch name := lx.names[id]; {
		case n == 0 || !strings.HasPrefix(name, "org."):
		case name == "org.gov_service":
			hall = true
		case name != "org.judicial" && name != "org.gov":
			return false
		}
	}
	return hall
}

// organRequested reports an organ named just after a request marker (请城管部门依法认定):
// unlike organAsked it ignores an organ followed by an action word, which is often the
// organ acting (市场监管联合检查后的停业整改通知).
func (lx *lexicon) organRequested(a *analysis) bool {
	for _, r := range a.hits {
		if lx.names[lx.cueName[r.cue]] != "ctx.request" {
			continue
		}
		for _, h := range a.hits {
			if lx.organDept(h) >= 0 && h.span.start >= r.span.end && h.span.start-r.span.end <= 12 &&
				a.sameSentence(r.span.end-1, h.span.start) && !a.enumerated(h.span) {
				return true
			}
		}
	}
	return false
}

// organAsked reports that the person asks an organ to act (请住建部门督促物业维修): then a
// repair they want is a petition to the regulator, not a claim against the other party.
func (lx *lexicon) organAsked(a *analysis) bool {
	d, _ := lx.requestedOrgan(a)
	return d >= 0
}
