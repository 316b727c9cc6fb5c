package classifier

import "math"

// A message may raise several matters (一是…二是…; …另外…). LABELS.md decides its
// channel by the first rule that fits one of them; its department is that matter's, not
// the department of whatever the other matter names.

// matterMarkers open a further matter when they start a clause.
var matterMarkers = []string{"二是", "第二", "其次", "另外", "另一个", "另一件", "还有一件", "还有个事", "还有就是",
	"此外", "再一个", "再有", "二、", "2、", "（二）", "(二)", "顺便"}

// decisiveCues are, per channel, the cue classes whose rule decides that channel.
var decisiveCues = map[Channel][]string{
	Litigation: {"lit.court", "lit.enforce", "lit.arbitration", "lit.criminal", "lit.intent", "lit.court_mention"},
	Reconsideration: {"rec.explicit", "rec.penalty", "rec.penalty_weak", "rec.refusal", "rec.inaction",
		"rec.disclosure", "rec.determination"},
	Mediation: {"med.demand", "med.claim", "med.explicit", "med.negotiated", "med.dismissal", "med.accident",
		"med.repair_demand", "med.repair", "med.implicit", "med.denial"},
}

// focus returns the matter that decided channel ch in a message of several matters: the
// one holding the first decisive cue of ch, or the first matter when ch is a petition
// (every matter is). ok is false for a message of one matter.
func (lx *lexicon) focus(a *analysis, ch Channel) (s span, ok bool) {
	var starts []int
	for _, h := range a.hits {
		if lx.names[lx.cueName[h.cue]] == "ctx.matter" && h.span.start > 0 && isClauseBreak(a.runes[h.span.start-1]) {
			starts = append(starts, h.span.start)
		}
	}
	if len(starts) == 0 {
		return span{}, false
	}
	at := 0
	for _, h := range a.hits {
		if !h.negated && isDecisive(lx.names[lx.cueName[h.cue]], ch) {
			at = h.span.start
			break
		}
	}
	s = span{0, len(a.runes)}
	for _, st := range starts {
		if st <= at {
			s.start = st
		} else {
			s.end = st
			break
		}
	}
	return s, true
}

func isDecisive(name string, ch Channel) bool {
	for _, n := range decisiveCues[ch] {
		if n == name {
			return true
		}
	}
	return false
}

// outOfFocusWeight: the words of the other matters still count a little, in case the
// markers split one matter in two.
const outOfFocusWeight = 0.4

// focusedFeatures are the model inputs of the focused matter alone, for the department
// head: its n-grams and the kind (the only symbol that head reads).
func focusedFeatures(a *analysis, s span) featureSet {
	rs := a.runes[s.start:s.end]
	fs := featureSet{runes: rs, grams: countNgrams(rs), syms: []uint64{hashString(nsKind, a.kind)}}
	if fs.grams > 0 {
		fs.gramW = float32(1 / math.Sqrt(float64(fs.grams)))
	}
	return fs
}
