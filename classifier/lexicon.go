package classifier

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

// lexicon is the compiled form of every cue list: one automaton, scanned once per text.
// It is immutable after construction and shared by all classifications.
type lexicon struct {
	cues        *cueSet
	fingerprint string   // hash of every list, part of model versions
	cueRanks    []int    // per cue: its rank among reasons, -1 when not listed
	names       []string // distinct cue names; their index is the name id
	nameID      map[string]int
	cueName     []int    // per cue: its name id
	symPresent  []uint64 // per name id: feature hash of the cue being present
	symNegated  []uint64 // per name id: feature hash of the cue being negated
	// per cue: the department it points to (-1: none) and with what weight
	cueDept       []int
	cueDeptWeight []float64
}

// builtinCues gathers the cue lists of the lexicon_*.go files in a fixed order.
func builtinCues() []cueDef {
	var all []cueDef
	for _, list := range [][]cueDef{litigationCues, reconsiderationCues, actCuesIndirect, mediationCues, disputeCues, petitionCues,
		barrierCues, urgentCues, urgentSigns, urgentFamilies, urgentMore, urgentR7, frameCues, organCues, subjectCues, weakSubjectCues, contextCues} {
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
	lx := &lexicon{cues: newCueSet(cues, negs), nameID: map[string]int{}}
	h := sha256.New()
	for _, c := range cues {
		lx.cueRanks = append(lx.cueRanks, cueRank(c.name))
		id, ok := lx.nameID[c.name]
		if !ok {
			id = len(lx.names)
			lx.nameID[c.name] = id
			lx.names = append(lx.names, c.name)
			var pres, neg uint64 // 0: not a feature
			if !strings.HasPrefix(c.name, "ctx.") && !strings.HasPrefix(c.name, "frm") {
				pres, neg = hashString(nsCue, "C:"+c.name), hashString(nsCue, "N:"+c.name)
			}
			lx.symPresent = append(lx.symPresent, pres)
			lx.symNegated = append(lx.symNegated, neg)
		}
		lx.cueName = append(lx.cueName, id)
		d, w := -1, 0.0
		switch {
		case strings.HasPrefix(c.name, "sub."):
			d, w = departmentIndex(Department(c.name[4:])), 1
		case strings.HasPrefix(c.name, "subw."):
			d, w = departmentIndex(Department(c.name[5:])), weakSubjectWeight
		case impliedDepartment[c.name] != "":
			d, w = departmentIndex(impliedDepartment[c.name]), 1
			if c.name == "urg.violence" || c.name == "urgs.violence" {
				// Violence is the police's unless the text names a clearer subject.
				w = orgPriorWeight
			}
		case strings.HasPrefix(c.name, "org.") && c.name != "org.judicial":
			// Courts are named in every litigation text whatever its subject; naming
			// one says nothing about the department.
			d, w = departmentIndex(Department(c.name[4:])), orgPriorWeight
		}
		lx.cueDept = append(lx.cueDept, d)
		lx.cueDeptWeight = append(lx.cueDeptWeight, w)
		fmt.Fprintf(h, "%s|%s|%s|%q|%q\n", c.name, c.label, c.neg, c.pats, c.veto)
	}
	for _, k := range sortedKeys(negs) {
		fmt.Fprintf(h, "%s|%q\n", k, negs[negSet(k)])
	}
	lx.fingerprint = hex.EncodeToString(h.Sum(nil))[:8]
	return lx
}

func sortedKeys(m map[negSet][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	return keys
}

// defaultLexicon is built on first use and never changed afterwards.
var defaultLexicon = sync.OnceValue(func() *lexicon { return newLexicon(Rules{}) })

// analysis is everything the rules and the model need to know about one text.
type analysis struct {
	lx       *lexicon
	runes    []rune
	kind     string
	hits     []hit
	sentence []int32  // sentence number of each rune
	present  []int32  // per cue name id: non-negated hits
	negated  []int32  // per cue name id: negated hits
	syms     []uint64 // hashes of cue and rule features
}

func (lx *lexicon) analyse(norm []rune, kind string) *analysis {
	a := &analysis{lx: lx, runes: norm, kind: kind,
		present: make([]int32, len(lx.names)), negated: make([]int32, len(lx.names))}
	a.hits, a.sentence = lx.cues.find(a.runes)
	for _, h := range a.hits {
		id := lx.cueName[h.cue]
		if h.negated {
			a.negated[id]++
		} else {
			a.present[id]++
		}
	}
	return a
}

// has reports a non-negated hit of the named cue.
func (a *analysis) has(name string) bool {
	id, ok := a.lx.nameID[name]
	return ok && a.present[id] > 0
}

// hasNegated reports a negated hit of the named cue.
func (a *analysis) hasNegated(name string) bool {
	id, ok := a.lx.nameID[name]
	return ok && a.negated[id] > 0
}

// setSymbols records the model's symbolic inputs: each present or negated cue (hashes
// precomputed per name) and each rule outcome, in a fixed order.
func (a *analysis) setSymbols(rules []string) {
	syms := make([]uint64, 0, 24+len(rules))
	for id, n := range a.present {
		if n > 0 && a.lx.symPresent[id] != 0 {
			syms = append(syms, a.lx.symPresent[id])
		}
	}
	for id, n := range a.negated {
		if n > 0 && a.lx.symNegated[id] != 0 {
			syms = append(syms, a.lx.symNegated[id])
		}
	}
	for _, r := range rules {
		syms = append(syms, hashString(nsCue, "R:"+r))
	}
	a.syms = syms
}

// cueText returns the matched text of a hit, for reasons staff can check.
func (a *analysis) cueText(h hit) string {
	return string(a.runes[h.span.start:h.span.end])
}

// deptPriorWeight scales the lexicon's department evidence. The prior is added to the
// department logits in training and in use alike, so the model learns only what the
// lexicon misses, and unseen texts that use the lexicon's everyday words still land.
const deptPriorWeight = 1.2

// weakSubjectWeight: a word several departments share says half as much.
const weakSubjectWeight = 0.5

// orgPriorWeight: naming an organ (城管) says more about the department than naming a
// subject (垃圾).
const orgPriorWeight = 1.5

// departmentPrior counts, per department, the distinct subject words and organ names in
// the text (an organ counts more: naming 城管 is more specific than naming 垃圾). In a
// message of several matters, the words of the matter that decided channel ch count.
func (lx *lexicon) departmentPrior(a *analysis, ch Channel) []float64 {
	prior := make([]float64, len(departments))
	focus, focused := lx.focus(a, ch)
	var threats []span
	for _, h := range a.hits {
		if n := lx.cues.cues[h.cue].name; !h.negated && (n == "urg."+UrgentSelfHarm || n == "urg."+UrgentViolence ||
			n == "urgs."+UrgentViolence || n == "urg."+UrgentGathering) {
			threats = append(threats, h.span)
		}
	}
	var counted []hit
	implied := map[int]bool{}
	for _, h := range a.hits {
		d, w := lx.cueDept[h.cue], lx.cueDeptWeight[h.cue]
		if h.negated || d < 0 {
			continue
		}
		if !a.fromFirm() && lx.cues.cues[h.cue].name == "pet.gov_debtor" {
			// An organ owing a citizen (征地款) is a matter of its subject.
			continue
		}
		if n := lx.cues.cues[h.cue].name; strings.HasPrefix(n, "urg.") || strings.HasPrefix(n, "urgs.") {
			// A threat implies its department once, however many words it takes; a scene
			// of violence (urgs.) counts as the same threat.
			key := lx.cueName[h.cue]
			if rest, ok := strings.CutPrefix(n, "urgs."); ok {
				key = -1
				for id, nm := range lx.names {
					if nm == "urg."+rest {
						key = id
					}
				}
			}
			if implied[key] {
				continue
			}
			implied[key] = true
		} else if isSubject(lx.cues.cues[h.cue].name) && overlapsAny(h.span, threats) || a.sameWordCounted(h, counted) {
			// 农药我已经买好了 is a threat, not an agricultural matter; 爬到塔吊上 is
			// where a protest happens, not a construction matter.
			continue
		}
		counted = append(counted, h)
		name := lx.cues.cues[h.cue].name
		switch {
		case strings.HasPrefix(name, "org.") && a.enumerated(h.span):
			// 消防、市监、城管轮流来 lists the organs that inspect; it names no subject.
			continue
		case name == "pet.barrier" || name == "pet.wage_arrears" || name == "med.dismissal":
			// The matter outweighs where it happened: wages owed on a building site
			// and a driver dismissed by a logistics firm are the labour department's,
			// a barrier at a licence window the business environment's.
			w = barrierWeight
		case isSubject(name) && lx.asPlace(a, h):
			w *= placeWeight
		}
		if focused && (h.span.start < focus.start || h.span.start >= focus.end) {
			w *= outOfFocusWeight
		}
		prior[d] += w * deptPriorWeight
	}
	return prior
}

// sameWordCounted reports whether the same cue already counted the same word (a word
// repeated through a letter counts once) or a word overlapping this one (养鸡场 is one
// farm, not 养鸡 and 鸡场).
func (a *analysis) sameWordCounted(h hit, counted []hit) bool {
	w := a.runes[h.span.start:h.span.end]
	for _, c := range counted {
		if c.cue != h.cue {
			continue
		}
		if c.span.start < h.span.end && h.span.start < c.span.end ||
			slices.Equal(a.runes[c.span.start:c.span.end], w) {
			return true
		}
	}
	return false
}
