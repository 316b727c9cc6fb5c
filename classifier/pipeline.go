package classifier

// lexiconVersion changes whenever the built-in cue lists change in a way that alters
// features; it is part of every model version so a stale embedded model is visible.
const lexiconVersion = "l1"

// preparedText is one text after normalisation, cue analysis and rule evaluation.
type preparedText struct {
	an        *analysis
	dec       ruleDecision
	feats     []feature
	truncated bool
}

// prepare is shared by training and classification so both see identical features.
func (lx *lexicon) prepare(text, kind string) preparedText {
	raw, truncated := truncateRunes(text, MaxTextRunes)
	norm := Normalize(raw)
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
