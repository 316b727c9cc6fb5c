package classifier

// preparedText is one text after normalisation, cue analysis and rule evaluation.
type preparedText struct {
	an        *analysis
	dec       ruleDecision
	feats     featureSet
	truncated bool
}

// prepare is shared by training and classification so both see identical features.
func (lx *lexicon) prepare(text, kind string) preparedText {
	raw, truncated := truncateRunes(text, MaxTextRunes)
	norm := depinyin(normalizeRunes(raw))
	if kind != KindComplaint && kind != KindPetition && kind != KindBusiness {
		kind = "unknown"
	}
	an := lx.analyse(norm, kind)
	dec := lx.decide(an)
	outcomes := append([]string(nil), dec.outcomes...)
	for _, c := range dec.fits {
		outcomes = append(outcomes, "fit:"+string(c))
	}
	for _, c := range dec.weak {
		outcomes = append(outcomes, "weak:"+string(c))
	}
	an.setSymbols(outcomes)
	return preparedText{an: an, dec: dec, feats: buildFeatures(an), truncated: truncated}
}
