package classifier

import (
	"slices"
	"sort"
	"strings"
)

// negSet names a list of negators. Each cue class has its own list because the same
// word negates one and not another: 没 cancels 起诉 (没起诉) but not 赔偿 (没给赔偿 is the
// other party refusing, which is exactly a mediation complaint).
type negSet string

const (
	negNone    negSet = ""
	negIntent  negSet = "intent"  // the person's own plan: 不打算起诉
	negDemand  negSet = "demand"  // the person's own demand: 不要赔偿
	negFact    negSet = "fact"    // a state of affairs: 没有人员伤亡
	negAccept  negSet = "accept"  // a contest: 不是不服
	negRequest negSet = "request" // asking a regulator to act: 不用查
)

// cueDef is one named cue: any of its patterns (gapped with …) signals it, unless a veto
// phrase overlaps the match (法院门口 is a landmark, not a court) or a negator of its
// set stands shortly before it in the same clause.
type cueDef struct {
	name  string // signal, e.g. "lit.court"
	label string // reason shown to staff, in Chinese
	neg   negSet
	pats  []string
	veto  []string
}

// cue builds a cueDef from |-separated patterns, so lexicon files stay one cue a line.
func cue(name, label string, neg negSet, pats string, veto ...string) cueDef {
	return cueDef{name: name, label: label, neg: neg, pats: splitList(pats), veto: veto}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// negWindow is how many runes may stand between a negator and what it negates
// (不想跟他打官司: two).
const negWindow = 5

type patRole uint8

const (
	roleCue patRole = iota
	roleVeto
	roleNeg
)

type patRef struct {
	role patRole
	idx  int    // cue index for roleCue/roleVeto
	neg  negSet // for roleNeg
}

// cueSet compiles every cue, veto and negator into one pattern set, scanned once per text.
type cueSet struct {
	ps    *patternSet
	cues  []cueDef
	refs  []patRef
	first [][]int // first literal id → patterns starting with it
}

func newCueSet(cues []cueDef, negators map[negSet][]string) *cueSet {
	cs := &cueSet{cues: cues}
	var pats []string
	for i, c := range cues {
		for _, p := range c.pats {
			pats = append(pats, p)
			cs.refs = append(cs.refs, patRef{role: roleCue, idx: i})
		}
		for _, v := range c.veto {
			pats = append(pats, v)
			cs.refs = append(cs.refs, patRef{role: roleVeto, idx: i})
		}
	}
	keys := make([]string, 0, len(negators))
	for k := range negators {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, n := range negators[negSet(k)] {
			pats = append(pats, n)
			cs.refs = append(cs.refs, patRef{role: roleNeg, neg: negSet(k)})
		}
	}
	cs.ps = newPatternSet(pats, defaultMaxGap)
	cs.first = make([][]int, len(cs.ps.ac.lens))
	for p, parts := range cs.ps.patterns {
		if len(parts) > 0 {
			cs.first[parts[0]] = append(cs.first[parts[0]], p)
		}
	}
	return cs
}

// hit is one cue found in a text.
type hit struct {
	cue     int
	span    span
	negated bool
}

type negOcc struct {
	set negSet
	sp  span
}

// find returns the cue hits of rs in text order; negated hits are returned too, marked,
// because "不要赔偿" is itself evidence (for petition) and a reason worth showing.
func (cs *cueSet) find(rs []rune) ([]hit, []int32) {
	ti := cs.ps.index(rs)
	// Which literals occur at all: most gapped patterns sharing a first word (孩子…, 就…)
	// lack a later part, and are dismissed without scanning the text after each occurrence.
	seen := make([]uint64, (len(cs.ps.ac.lens)+63)/64)
	for _, o := range ti.occ {
		seen[o.lit>>6] |= 1 << (o.lit & 63)
	}
	// Context markers make a few dozen hits in an ordinary text; growing from nil cost more
	// than the matching.
	hits := make([]hit, 0, 48)
	var vetoes []hit // cue index + vetoed span
	negs := make([]negOcc, 0, 16)
	for i, o := range ti.occ {
		for _, p := range cs.first[o.lit] {
			if !allSeen(cs.ps.patterns[p][1:], seen) {
				continue
			}
			m, ok := cs.ps.matchFrom(ti, p, i)
			if !ok {
				continue
			}
			switch ref := cs.refs[p]; ref.role {
			case roleCue:
				hits = append(hits, hit{cue: ref.idx, span: m})
			case roleVeto:
				vetoes = append(vetoes, hit{cue: ref.idx, span: m})
			case roleNeg:
				negs = append(negs, negOcc{ref.neg, m})
			}
		}
	}
	// Negators sorted by end let each hit look only at the few that end near it.
	slices.SortFunc(negs, func(a, b negOcc) int { return a.sp.end - b.sp.end })
	out := hits[:0]
	for _, h := range hits {
		if vetoed(h, vetoes) {
			continue
		}
		if set := cs.cues[h.cue].neg; set != negNone {
			h.negated = negatedBefore(rs, h.span, set, negs)
		}
		out = append(out, h)
	}
	slices.SortFunc(out, func(a, b hit) int {
		if a.span.start != b.span.start {
			return a.span.start - b.span.start
		}
		if a.cue != b.cue {
			return a.cue - b.cue
		}
		return a.span.end - b.span.end
	})
	return dedupHits(out), ti.sentence
}

func allSeen(lits []int32, seen []uint64) bool {
	for _, l := range lits {
		if seen[l>>6]&(1<<(l&63)) == 0 {
			return false
		}
	}
	return true
}

func vetoed(h hit, vetoes []hit) bool {
	for _, v := range vetoes {
		if v.cue == h.cue && v.span.start < h.span.end && h.span.start < v.span.end {
			return true
		}
	}
	return false
}

func overlapsAny(s span, others []span) bool {
	for _, o := range others {
		if o.start < s.end && s.start < o.end {
			return true
		}
	}
	return false
}

// negatedBefore reports whether a negator of set ends at most negWindow runes before s,
// with no clause break in between, or starts before s and runs into it (不要…赔). A
// negator starting with the cue does not count: the cue 不想活 already contains its 不.
// negs must be sorted by end.
func negatedBefore(rs []rune, s span, set negSet, negs []negOcc) bool {
	lo, _ := slices.BinarySearchFunc(negs, s.start-negWindow, func(n negOcc, end int) int { return n.sp.end - end })
	for _, n := range negs[lo:] {
		if n.sp.end > s.end {
			break
		}
		if n.set != set || n.sp.start >= s.start {
			continue
		}
		if n.sp.end > s.start {
			// 不要…赔: the negator swallowed the cue's first character.
			return true
		}
		broken := false
		for i := n.sp.end; i < s.start; i++ {
			if isClauseBreak(rs[i]) {
				broken = true
				break
			}
		}
		if !broken {
			return true
		}
	}
	return false
}

// dedupHits keeps one hit per cue and start, the shortest (hits are sorted by start, cue
// and end), so overlapping synonyms (赔偿/赔偿金) do not count twice.
func dedupHits(hs []hit) []hit {
	out := hs[:0]
	for _, h := range hs {
		dup := false
		for k := len(out) - 1; k >= 0 && out[k].span.start == h.span.start; k-- {
			if out[k].cue == h.cue {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, h)
		}
	}
	return out
}
