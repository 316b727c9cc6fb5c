package classifier

import (
	"math"
)

// ruleMargin is how far (in logits) a firm rule puts its channel ahead of the model's
// favourite: the guide's ordered rules decide, the model's probabilities stay visible.
const ruleMargin = 2.5

// channelProbs combines the model with the ordered rules and the structured answers.
// Precedence: answers (the person said so) > firm rules (the guide says so) > model.
// settled reports that an answer decided the channel, so no further question is due.
func (c *Classifier) channelProbs(p preparedText, logits []float64, answers map[string]string) (probs []float64, reasons []string, settled bool) {
	excluded := make([]bool, len(channelOrder))
	forced := -1

	switch answers[AnswerCourtInvolved] {
	case AnswerYes:
		forced = channelIndex(Litigation)
		reasons = append(reasons, "回答：法院已立案或判决 → 诉讼")
	case AnswerNo:
		excluded[channelIndex(Litigation)] = true
		reasons = append(reasons, "回答：法院未介入 → 排除诉讼")
	}
	switch answers[AnswerContestsAct] {
	case AnswerYes:
		if forced < 0 {
			forced = channelIndex(Reconsideration)
		}
		reasons = append(reasons, "回答：对行政机关的决定不服 → 行政复议")
	case AnswerNo:
		excluded[channelIndex(Reconsideration)] = true
		reasons = append(reasons, "回答：不是对行政决定不服 → 排除行政复议")
	}
	switch answers[AnswerWants] {
	case WantsCompensation:
		if forced < 0 {
			forced = channelIndex(Mediation)
		}
		reasons = append(reasons, "回答：希望对方赔偿/退款 → 调解")
	case WantsEnforcement:
		if forced < 0 {
			forced = channelIndex(Petition)
		}
		excluded[channelIndex(Mediation)] = true
		reasons = append(reasons, "回答：希望有关部门查处 → 信访")
	}

	target := forced
	if target < 0 {
		// The first firm rule in the guide's order that the answers did not rule out.
		for _, ch := range p.dec.fits {
			if i := channelIndex(ch); !excluded[i] {
				target = i
				break
			}
		}
		reasons = append(reasons, p.dec.reasons...)
	}
	if target >= 0 {
		top := math.Inf(-1)
		for i, v := range logits {
			if i != target && !excluded[i] {
				top = math.Max(top, v)
			}
		}
		if need := top - logits[target] + ruleMargin; need > 0 {
			logits[target] += need
		}
	} else {
		reasons = append(reasons, "模型：无明确规则适用，按文本特征判断")
	}
	for i := range logits {
		if excluded[i] {
			logits[i] = math.Inf(-1)
		}
	}
	if allExcluded(excluded) {
		logits[channelIndex(Petition)] = 0
	}
	return softmax(logits), reasons, forced >= 0
}

func allExcluded(ex []bool) bool {
	for _, e := range ex {
		if !e {
			return false
		}
	}
	return true
}

// question returns the one question that separates the two best channels when they are
// close, or, when no rule fits firmly, the predicted channel from one that a weak cue
// points to (我的案子一直没结果 may or may not be in court) — unless the answer is known.
func (c *Classifier) question(probs []float64, dec ruleDecision, answers map[string]string) *Question {
	first, second := topTwo(probs)
	if probs[first]-probs[second] >= c.opts.QuestionMargin {
		second = -1
		if len(dec.fits) == 0 {
			for _, w := range dec.weak {
				if i := channelIndex(w); i != first {
					second = i
					break
				}
			}
		}
		if second < 0 {
			return nil
		}
	}
	pair := map[Channel]bool{channelOrder[first]: true, channelOrder[second]: true}
	answered := func(k string) bool {
		v := answers[k]
		return v != "" && v != AnswerUnknown
	}
	switch {
	case pair[Litigation] && !answered(AnswerCourtInvolved):
		return &Question{Key: AnswerCourtInvolved, Text: "法院是否已经立案或作出判决？", Options: []Option{
			{AnswerYes, "是，法院已经立案或判决"}, {AnswerNo, "否，还没有到法院"}, {AnswerUnknown, "不清楚"}}}
	case pair[Reconsideration] && !answered(AnswerContestsAct):
		return &Question{Key: AnswerContestsAct, Text: "您是对某个行政机关作出的决定不服吗？", Options: []Option{
			{AnswerYes, "是，对罚款、拒绝许可等决定不服"}, {AnswerNo, "不是"}, {AnswerUnknown, "不清楚"}}}
	case pair[Mediation] && pair[Petition] && !answered(AnswerWants):
		return &Question{Key: AnswerWants, Text: "您是希望对方赔偿、退款，还是希望有关部门查处？", Options: []Option{
			{WantsCompensation, "希望对方赔偿、退款或修复"}, {WantsEnforcement, "希望有关部门查处"}}}
	}
	return nil
}

func topTwo(xs []float64) (int, int) {
	first, second := 0, 1
	if xs[second] > xs[first] {
		first, second = second, first
	}
	for i := 2; i < len(xs); i++ {
		switch {
		case xs[i] > xs[first]:
			first, second = i, first
		case xs[i] > xs[second]:
			second = i
		}
	}
	return first, second
}

// departmentProbs is the model's department distribution, adjusted by LABELS.md §2:
// for a reconsideration the department is the organ whose act is contested, so the organ
// named closest to the contested act gets a firm boost.
func (c *Classifier) departmentProbs(p preparedText, logits []float64, ch Channel) ([]float64, string) {
	reason := ""
	if s, ok := c.lx.focus(p.an, ch); ok {
		// Several matters: the department is the deciding matter's, so the model's
		// reading of that matter alone weighs as much as its reading of the whole.
		for i, v := range c.model.allScores(focusedFeatures(p.an, s))[headDepartment] {
			logits[i] = (logits[i] + v) / 2
		}
		reason = "依据：多事项，按决定渠道的事项判断部门：" + string(p.an.runes[s.start:min(s.end, s.start+20)])
	}
	for i, v := range c.lx.departmentPrior(p.an, ch) {
		logits[i] += v
	}
	if d, org := c.lx.requestedOrgan(p.an); d >= 0 && ch != Reconsideration {
		logits[d] += requestedOrganBoost
		reason = "依据：诉求指向" + org + " → " + departments[d].Name
	}
	if ch == Petition && p.an.has("pet.gov_debtor") && p.an.has("pet.contract_money") && p.an.fromFirm() {
		// LABELS.md's table: government arrears to firms (for works, goods, services) are
		// the business environment's, whichever organ owes them; a subsidy an organ has
		// not paid stays with its department.
		forceDepartment(logits, departmentIndex("business_env"))
		reason = "规则：机关拖欠企业款项 → " + departments[departmentIndex("business_env")].Name
	}
	if ch != Litigation {
		// LABELS.md §2: judicial is only for litigation without a clearer subject.
		logits[departmentIndex("judicial")] = math.Inf(-1)
	}
	if ch == Reconsideration {
		if d, org := c.lx.actingOrgan(p.an); d >= 0 {
			forceDepartment(logits, d)
			reason = "规则：被申请复议的机关是" + org + " → " + departments[d].Name
		}
	}
	return softmax(logits), reason
}

// forceDepartment puts department d ruleMargin logits ahead of every other.
func forceDepartment(logits []float64, d int) {
	top := math.Inf(-1)
	for i, v := range logits {
		if i != d {
			top = math.Max(top, v)
		}
	}
	if need := top - logits[d] + ruleMargin; need > 0 {
		logits[d] += need
	}
}

// fromFirm reports a text from a business: sent as one, or saying 我公司.
func (a *analysis) fromFirm() bool { return a.kind == KindBusiness || a.hasContext("ctx.firm") }

// firmMarkers say the writer is a business (我公司、本厂), whatever form it used.
var firmMarkers = []string{"我公司", "我司", "本公司", "我们公司", "我厂", "本厂", "我们厂", "我们企业", "本企业", "我单位",
	"我们小公司", "我们小厂", "我们店", "我的店"}
