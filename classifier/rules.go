package classifier

import "strings"

// ruleDecision is what LABELS.md's ordered rules conclude from the cues alone.
type ruleDecision struct {
	// fits lists every channel whose rule fits firmly, in rule order: the first wins, as
	// LABELS.md decides two-matter messages.
	fits []Channel
	// weak lists channels with some but not conclusive evidence; they become features.
	weak []Channel
	// outcomes name each rule that fired, as model features.
	outcomes []string
	// reasons explain the decision in Chinese.
	reasons []string
}

// conditionalMarkers before a plan to sue make it a threat, not a step taken:
// 再不退钱我就去法院告他 is still a refund dispute.
var conditionalMarkers = []string{"如果", "要是", "再不", "不然", "否则", "实在不行", "大不了", "逼急了", "万一", "假如"}

// intentIsConditional reports that every plan to sue or court mention in the text is
// under a condition (再不…就…、要是…).
func (lx *lexicon) intentIsConditional(a *analysis) bool {
	any := false
	for _, h := range a.hits {
		if name := lx.names[lx.cueName[h.cue]]; h.negated || name != "lit.intent" && name != "lit.court_mention" {
			continue
		}
		if !a.conditionalBefore(h.span.start, 12) {
			return false
		}
		any = true
	}
	return any
}

// decide applies LABELS.md §1 in order. Each rule is a conjunction of cues chosen so that
// it fires only when the guide's condition is clearly met; anything less is left to the
// statistical model, which sees the same cues as features.
func (lx *lexicon) decide(a *analysis) ruleDecision {
	var d ruleDecision
	fire := func(c Channel, outcome, reason string) {
		d.outcomes = append(d.outcomes, outcome)
		d.reasons = append(d.reasons, reason)
		for _, f := range d.fits {
			if f == c {
				return
			}
		}
		d.fits = append(d.fits, c)
	}
	weak := func(c Channel, outcome string) {
		d.outcomes = append(d.outcomes, outcome)
		d.weak = append(d.weak, c)
	}

	// Rule 1: litigation. A bare mention of a court or a plan to sue counts unless it
	// only appears as a threat (再不退钱我就去法院告他).
	court := a.has("lit.court") || a.has("lit.enforce") || a.has("lit.arbitration")
	criminal := a.has("lit.criminal")
	intent := a.has("lit.intent") || a.has("lit.court_mention")
	conditional := intent && lx.intentIsConditional(a)
	switch {
	case court:
		fire(Litigation, "lit", "规则：案件已在法院/仲裁 → 诉讼")
	case criminal:
		fire(Litigation, "lit", "规则：刑事案件的立案/侦查/起诉 → 诉讼")
	case intent && !conditional:
		fire(Litigation, "lit", "规则：已起诉/要起诉 → 诉讼")
	case intent:
		weak(Litigation, "lit_conditional")
	case a.hasNegated("lit.intent"):
		d.outcomes = append(d.outcomes, "lit_negated")
		d.reasons = append(d.reasons, "否定：不打算诉讼")
	}
	if a.has("lit.weak") {
		weak(Litigation, "lit_weak")
	}

	// Rule 2: reconsideration.
	organ := false
	for id, n := range a.present {
		if name := lx.names[id]; n > 0 && strings.HasPrefix(name, "org.") && name != "org.judicial" {
			organ = true
		}
	}
	app := a.has("rec.own_application")
	accepted := a.has("rec.accepted")
	penalty := a.has("rec.penalty") && !accepted
	weakPenalty := a.has("rec.penalty_weak") && !accepted
	contest := a.has("rec.contest")
	report := a.has("pet.report_intent")
	ignoredReport := a.has("pet.ignored_report")
	switch {
	case a.has("rec.explicit"):
		fire(Reconsideration, "rec", "规则：申请行政复议 → 行政复议")
	case a.has("rec.disclosure"):
		fire(Reconsideration, "rec", "规则：对信息公开答复不服 → 行政复议")
	case a.has("rec.determination") && (contest || organ):
		fire(Reconsideration, "rec", "规则：对行政确认/补偿决定不服 → 行政复议")
	case penalty:
		// A penalty the person reports against themselves is contested by the reporting;
		// accepted penalties (罚款我认了) and requests to punish others never get here.
		fire(Reconsideration, "rec", "规则：对行政处罚不服 → 行政复议")
	case weakPenalty && organ && (contest || app || lx.organBefore(a, "rec.penalty_weak") && !report && !lx.organRequested(a)):
		// 城管把我的车扣了: an organ named before its act against the person is the act
		// itself; complaining about it contests it.
		fire(Reconsideration, "rec", "规则：对行政机关的决定不服 → 行政复议")
	case a.has("rec.refusal") && (app || lx.organBefore(a, "rec.refusal")) && !report:
		fire(Reconsideration, "rec", "规则：本人的申请被拒 → 行政复议")
	case a.has("rec.inaction") && app && !ignoredReport && !lx.onlyServiceHall(a):
		// A hall that has not finished an approval is a petition about the service
		// (LABELS.md: slow approvals, approval delays in the service hall); an organ that
		// sits on the person's application fails a statutory duty.
		fire(Reconsideration, "rec", "规则：本人申请后机关不办、不答复 → 行政复议")
	case penalty || weakPenalty || a.has("rec.refusal") || a.has("rec.inaction") || a.has("rec.determination"):
		weak(Reconsideration, "rec_weak")
	}
	if (a.has("rec.penalty") || a.has("rec.penalty_weak")) && accepted {
		d.outcomes = append(d.outcomes, "rec_accepted")
		d.reasons = append(d.reasons, "否定：本人认可处罚")
	}

	// Rule 3: mediation, with the tie-breaks of the guide.
	onlyEnforce := a.has("pet.only_enforce") || (a.hasNegated("med.demand") && !a.has("med.demand"))
	private := a.has("med.private_party")
	// Arrears words (欠…货款) say nothing about who owes; the debtor must be an organ.
	govOnly := (a.has("med.gov_party") || a.has("pet.gov_debtor")) && (!private || a.has("pet.gov_debtor"))
	demand := a.has("med.demand") || a.has("med.claim") && !report
	wageArrears := a.has("pet.wage_arrears") && !a.has("med.dismissal") && !a.has("med.explicit")
	// A dispute told without a demand verb: what the other party refuses, keeps or breaks,
	// or a loss it denies causing.
	implicit := a.has("med.implicit") || a.has("med.denial") && a.has("med.loss")
	switch {
	case onlyEnforce:
		d.outcomes = append(d.outcomes, "med_negated")
		d.reasons = append(d.reasons, "否定：不要求赔偿，只要求查处")
	case a.has("med.dismissal") && !govOnly:
		fire(Mediation, "med", "规则：与用人单位的解雇补偿纠纷 → 调解")
	case (a.has("med.explicit") || a.has("med.negotiated") && !report) && !govOnly:
		fire(Mediation, "med", "规则：请求调解/协商 → 调解")
	case demand && !govOnly && !wageArrears && !(a.has("pet.public_fee") && !private):
		fire(Mediation, "med", "规则：要求对方赔偿/退款 → 调解")
	case implicit && (private || a.has("med.other_party") || !organ) && !govOnly && !wageArrears && !report && !lx.organAsked(a):
		fire(Mediation, "med_implicit", "规则：对方拒绝退赔、扣着钱、违约或推卸责任 → 调解")
	case a.has("med.repair_demand") && private && !govOnly && !report && !a.has("pet.report") && !lx.organAsked(a):
		fire(Mediation, "med", "规则：要求对方修复 → 调解")
	case a.has("med.accident") && (private || a.has("med.other_party")) && !report:
		fire(Mediation, "med", "规则：交通事故损害赔偿纠纷 → 调解")
	case demand || implicit || a.has("med.claim") || a.has("med.repair") || a.has("med.repair_demand") || a.has("med.explicit"):
		weak(Mediation, "med_weak")
	}

	// Rule 4: petition. It needs no firing rule (it is what is left), but the guide's
	// tie-breaks make some texts firmly petitions even when mediation words appear.
	switch {
	case onlyEnforce:
		fire(Petition, "pet", "规则：只要求有关部门查处 → 信访")
	case wageArrears:
		fire(Petition, "pet", "规则：拖欠工资请劳动监察处理 → 信访")
	case govOnly && a.has("pet.gov_arrears"):
		fire(Petition, "pet", "规则：政府拖欠企业款项 → 信访（营商环境）")
	case ignoredReport && !app:
		weak(Petition, "pet_ignored")
	}

	return d
}
