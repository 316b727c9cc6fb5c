package classifier

import (
	"slices"
	"strings"
)

// gapMarker separates the parts of a gapped cue: "申请…不予" matches 申请 followed, within
// maxGap runes of the same sentence, by 不予. Gaps let one cue cover 申请了好几次都不予
// without listing every filler.
const gapMarker = "…"

// defaultMaxGap bounds each gap; wider gaps start pairing words of unrelated clauses.
const defaultMaxGap = 20

// acMatcher is an Aho–Corasick automaton over runes: all literal parts of all cues are
// found in one pass, which keeps Classify linear in the text however long the lists grow.
// Each state keeps its outgoing edges sorted by rune; lookups are a short binary search,
// with no hashing on the hot path.
type acMatcher struct {
	root  []int32 // transitions of the start state on CJK ideographs (0: none), by rune
	edges [][]acEdge
	fail  []int32
	out   [][]int32 // literal ids ending in each state, failure chain already merged
	lens  []int     // rune length of each literal
}

type acEdge struct {
	r rune
	t int32
}

func (m *acMatcher) step(s int32, r rune) (int32, bool) {
	if s == 0 && m.root != nil && r >= t2sStart && r < t2sEnd {
		t := m.root[r-t2sStart]
		return t, t != 0
	}
	es := m.edges[s]
	lo, hi := 0, len(es)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if es[mid].r < r {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(es) && es[lo].r == r {
		return es[lo].t, true
	}
	return 0, false
}

func newACMatcher(literals []string) *acMatcher {
	m := &acMatcher{edges: [][]acEdge{nil}, fail: []int32{0}, out: [][]int32{nil}}
	for id, lit := range literals {
		s := int32(0)
		n := 0
		for _, r := range lit {
			n++
			t, ok := m.step(s, r)
			if !ok {
				t = int32(len(m.fail))
				m.edges = append(m.edges, nil)
				m.fail = append(m.fail, 0)
				m.out = append(m.out, nil)
				es := append(m.edges[s], acEdge{r, t})
				slices.SortFunc(es, func(a, b acEdge) int { return int(a.r - b.r) })
				m.edges[s] = es
			}
			s = t
		}
		m.lens = append(m.lens, n)
		if n > 0 {
			m.out[s] = append(m.out[s], int32(id))
		}
	}
	// The start state is visited on nearly every character; give it a direct table.
	root := make([]int32, t2sEnd-t2sStart)
	for _, e := range m.edges[0] {
		if e.r >= t2sStart && e.r < t2sEnd {
			root[e.r-t2sStart] = e.t
		}
	}
	m.root = root
	// Breadth-first failure links.
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, e := range m.edges[s] {
			if s != 0 {
				f := m.fail[s]
				for {
					if t, ok := m.step(f, e.r); ok {
						m.fail[e.t] = t
						break
					}
					if f == 0 {
						break
					}
					f = m.fail[f]
				}
				m.out[e.t] = append(m.out[e.t], m.out[m.fail[e.t]]...)
			}
			queue = append(queue, e.t)
		}
	}
	return m
}

// scan reports every literal occurrence as (literal id, start rune index).
func (m *acMatcher) scan(rs []rune, fn func(lit int32, start int)) {
	s := int32(0)
	for i, r := range rs {
		for {
			if t, ok := m.step(s, r); ok {
				s = t
				break
			}
			if s == 0 {
				break
			}
			s = m.fail[s]
		}
		for _, id := range m.out[s] {
			fn(id, i+1-m.lens[id])
		}
	}
}

// span is a half-open rune range of the normalised text.
type span struct{ start, end int }

// patternSet matches gapped patterns made of literals found by one acMatcher.
type patternSet struct {
	ac       *acMatcher
	patterns [][]int32 // literal ids of each pattern's parts
	maxGap   int
	maxLen   int // longest literal, in runes
}

func newPatternSet(patterns []string, maxGap int) *patternSet {
	litID := map[string]int32{}
	var lits []string
	ps := &patternSet{maxGap: maxGap}
	for _, p := range patterns {
		var ids []int32
		for _, part := range strings.Split(p, gapMarker) {
			part = Normalize(part)
			if part == "" {
				continue
			}
			id, ok := litID[part]
			if !ok {
				id = int32(len(lits))
				litID[part] = id
				lits = append(lits, part)
			}
			ids = append(ids, id)
		}
		ps.patterns = append(ps.patterns, ids)
	}
	ps.ac = newACMatcher(lits)
	for _, n := range ps.ac.lens {
		ps.maxLen = max(ps.maxLen, n)
	}
	return ps
}

// occurrence is one literal found in a text.
type occurrence struct {
	lit        int32
	start, end int32
}

// textIndex is the per-call scratch of one text: its runes, where sentences break and
// every literal occurrence in the order the automaton reports them (by end position).
type textIndex struct {
	rs       []rune
	sentence []int32 // sentence number of each rune
	occ      []occurrence
}

func isDecimalPoint(rs []rune, i int) bool {
	return rs[i] == '.' && i > 0 && i+1 < len(rs) && rs[i-1] >= '0' && rs[i-1] <= '9' && rs[i+1] >= '0' && rs[i+1] <= '9'
}

func (ps *patternSet) index(rs []rune) *textIndex {
	ti := &textIndex{rs: rs, sentence: make([]int32, len(rs)), occ: make([]occurrence, 0, len(rs)/2)}
	var n int32
	for i, r := range rs {
		ti.sentence[i] = n
		if isSentenceBreak(r) && !isDecimalPoint(rs, i) {
			n++
		}
	}
	ps.ac.scan(rs, func(lit int32, start int) {
		ti.occ = append(ti.occ, occurrence{lit, int32(start), int32(start + ps.ac.lens[lit])})
	})
	return ti
}

// matchFrom chains the remaining parts of pattern p after its first part (occurrence i),
// each within maxGap runes of the previous part and in the same sentence. Later parts
// end later, so they are searched only after i in the occurrence list.
func (ps *patternSet) matchFrom(ti *textIndex, p int, i int) (span, bool) {
	parts := ps.patterns[p]
	s0, end := int(ti.occ[i].start), int(ti.occ[i].end)
	for _, lit := range parts[1:] {
		found := -1
		for j := i + 1; j < len(ti.occ); j++ {
			o := ti.occ[j]
			if int(o.start) > end+ps.maxGap {
				if int(o.end) > end+ps.maxGap+ps.maxLen {
					break
				}
				continue
			}
			if o.lit == lit && int(o.start) >= end && ti.sentence[o.start] == ti.sentence[end-1] {
				found = j
				break
			}
		}
		if found < 0 {
			return span{}, false
		}
		i, end = found, int(ti.occ[found].end)
	}
	return span{s0, end}, true
}
