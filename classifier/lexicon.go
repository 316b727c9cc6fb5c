package classifier

import (
	"sort"
	"strings"
	"sync"
)

// lexicon is the compiled form of every cue list: one automaton, scanned once per text.
// It is immutable after construction and shared by all classifications.
type lexicon struct {
	cues   *cueSet
	past   *patternSet
	byName map[string][]int // cue name → indices (extra cues may share a name)
}

// builtinCues gathers the cue lists of the lexicon_*.go files in a fixed order.
func builtinCues() []cueDef {
	var all []cueDef
	for _, list := range [][]cueDef{litigationCues, reconsiderationCues, mediationCues, petitionCues,
		urgentCues, organCues, subjectCues} {
		all = append(all, list...)
	}
	return all
}

func builtinNegators() map[negSet][]string {
	return map[negSet][]string{
		negIntent:  negatorsIntent,
		negDemand:  negatorsDemand,
		negFact:    negatorsFact,
		negAccept:  negatorsAccept,
		negRequest: negatorsRequest,
	}
}

func newLexicon(extra Rules) *lexicon {
	cues := builtinCues()
	for _, e := range extra.sortedExtras() {
		cues = append(cues, cueDef{name: e.name, label: e.label, neg: e.neg, pats: e.patterns})
	}
	negs := builtinNegators()
	for k, v := range extra.Negators {
		set := negSet(k)
		negs[set] = append(append([]string(nil), negs[set]...), v...)
	}
	lx := &lexicon{
		cues:   newCueSet(cues, negs),
		past:   newPatternSet(pastMarkers, 0),
		byName: map[string][]int{},
	}
	for i, c := range cues {
		lx.byName[c.name] = append(lx.byName[c.name], i)
	}
	return lx
}

// defaultLexicon is built on first use and never changed afterwards.
var defaultLexicon = sync.OnceValue(func() *lexicon { return newLexicon(Rules{}) })

// analysis is everything the rules and the model need to know about one text.
type analysis struct {
	runes   []rune
	kind    string
	hits    []hit
	present map[string]int // cue name → non-negated hits
	negated map[string]int // cue name → negated hits
	symbols []string       // cue and rule features, sorted
}

func (lx *lexicon) analyse(norm, kind string) *analysis {
	a := &analysis{runes: []rune(norm), kind: kind, present: map[string]int{}, negated: map[string]int{}}
	a.hits = lx.cues.find(a.runes)
	for _, h := range a.hits {
		name := lx.cues.cues[h.cue].name
		if h.negated {
			a.negated[name]++
		} else {
			a.present[name]++
		}
	}
	return a
}

func (a *analysis) has(name string) bool { return a.present[name] > 0 }

// hasPrefix reports any present cue whose name starts with prefix (e.g. "org.").
func (a *analysis) hasPrefix(prefix string) bool {
	for k, n := range a.present {
		if n > 0 && strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// setSymbols records the model's symbolic inputs: each present or negated cue and each
// rule outcome. Sorted so that feature order, and so training, is deterministic.
func (a *analysis) setSymbols(rules []string) {
	syms := make([]string, 0, len(a.present)+len(a.negated)+len(rules))
	for k := range a.present {
		syms = append(syms, "C:"+k)
	}
	for k := range a.negated {
		syms = append(syms, "N:"+k)
	}
	for _, r := range rules {
		syms = append(syms, "R:"+r)
	}
	sort.Strings(syms)
	a.symbols = syms
}

// cueText returns the matched text of a hit, for reasons staff can check.
func (a *analysis) cueText(h hit) string {
	return string(a.runes[h.span.start:h.span.end])
}

// deptPriorWeight scales the lexicon's department evidence. The prior is added to the
// department logits in training and in use alike, so the model learns only what the
// lexicon misses, and unseen texts that use the lexicon's everyday words still land.
const deptPriorWeight = 1.2

// orgPriorWeight: naming an organ (城管) says more about the department than naming a
// subject (垃圾).
const orgPriorWeight = 1.5

// departmentPrior counts, per department, the distinct subject words and organ names in
// the text (an organ counts more: naming 城管 is more specific than naming 垃圾).
func (lx *lexicon) departmentPrior(a *analysis) []float64 {
	prior := make([]float64, len(departments))
	seen := map[string]bool{}
	var threats []span
	for _, h := range a.hits {
		if n := lx.cues.cues[h.cue].name; !h.negated && (n == "urg."+UrgentSelfHarm || n == "urg."+UrgentViolence) {
			threats = append(threats, h.span)
		}
	}
	for _, h := range a.hits {
		// 农药我已经买好了 is a threat, not an agricultural matter.
		if h.negated || overlapsAny(h.span, threats) {
			continue
		}
		name := lx.cues.cues[h.cue].name
		w := 0.0
		var dept string
		switch {
		case strings.HasPrefix(name, "sub."):
			w, dept = 1, name[4:]
		case strings.HasPrefix(name, "org."):
			w, dept = orgPriorWeight, name[4:]
		default:
			continue
		}
		d := departmentIndex(Department(dept))
		key := name + "|" + a.cueText(h)
		if d < 0 || seen[key] {
			continue
		}
		seen[key] = true
		prior[d] += w * deptPriorWeight
	}
	return prior
}
