package classifier

import "strings"

// gapMarker separates the parts of a gapped cue: "申请…不予" matches 申请 followed, within
// maxGap runes of the same sentence, by 不予. Gaps let one cue cover 申请了好几次都不予
// without listing every filler.
const gapMarker = "…"

// defaultMaxGap bounds each gap; wider gaps start pairing words of unrelated clauses.
const defaultMaxGap = 20

// edgeKey packs an automaton state and the next rune into one map key.
type edgeKey uint64

func mkEdge(state int32, r rune) edgeKey { return edgeKey(uint64(state)<<32 | uint64(uint32(r))) }

// acMatcher is an Aho–Corasick automaton over runes: all literal parts of all cues are
// found in one pass, which keeps Classify linear in the text however long the lists grow.
type acMatcher struct {
	next map[edgeKey]int32
	fail []int32
	out  [][]int32 // literal ids ending in each state, failure chain already merged
	lens []int     // rune length of each literal
}

func newACMatcher(literals []string) *acMatcher {
	m := &acMatcher{next: map[edgeKey]int32{}, fail: []int32{0}, out: [][]int32{nil}}
	for id, lit := range literals {
		s := int32(0)
		n := 0
		for _, r := range lit {
			n++
			k := mkEdge(s, r)
			t, ok := m.next[k]
			if !ok {
				t = int32(len(m.fail))
				m.next[k] = t
				m.fail = append(m.fail, 0)
				m.out = append(m.out, nil)
			}
			s = t
		}
		m.lens = append(m.lens, n)
		if n > 0 {
			m.out[s] = append(m.out[s], int32(id))
		}
	}
	// Breadth-first failure links need the children of each state; gather them once.
	children := make([][]struct {
		r rune
		t int32
	}, len(m.fail))
	for k, t := range m.next {
		s := int32(uint64(k) >> 32)
		children[s] = append(children[s], struct {
			r rune
			t int32
		}{rune(uint32(k)), t})
	}
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, c := range children[s] {
			if s != 0 {
				f := m.fail[s]
				for {
					if t, ok := m.next[mkEdge(f, c.r)]; ok {
						m.fail[c.t] = t
						break
					}
					if f == 0 {
						break
					}
					f = m.fail[f]
				}
				m.out[c.t] = append(m.out[c.t], m.out[m.fail[c.t]]...)
			}
			queue = append(queue, c.t)
		}
	}
	return m
}

// scan reports every literal occurrence as (literal id, start rune index).
func (m *acMatcher) scan(rs []rune, fn func(lit int32, start int)) {
	s := int32(0)
	for i, r := range rs {
		for {
			if t, ok := m.next[mkEdge(s, r)]; ok {
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
	return ps
}

// textIndex is the per-call scratch of one text: its runes, where sentences break and
// every literal occurrence.
type textIndex struct {
	rs       []rune
	sentence []int // sentence number of each rune
	occ      map[int32][]int
}

func isDecimalPoint(rs []rune, i int) bool {
	return rs[i] == '.' && i > 0 && i+1 < len(rs) && rs[i-1] >= '0' && rs[i-1] <= '9' && rs[i+1] >= '0' && rs[i+1] <= '9'
}

func (ps *patternSet) index(rs []rune) *textIndex {
	ti := &textIndex{rs: rs, sentence: make([]int, len(rs)), occ: map[int32][]int{}}
	n := 0
	for i, r := range rs {
		ti.sentence[i] = n
		if isSentenceBreak(r) && !isDecimalPoint(rs, i) {
			n++
		}
	}
	ps.ac.scan(rs, func(lit int32, start int) { ti.occ[lit] = append(ti.occ[lit], start) })
	return ti
}

// matches returns every span where pattern p occurs (the earliest chaining of its parts
// from each occurrence of its first part).
func (ps *patternSet) matches(ti *textIndex, p int) []span {
	parts := ps.patterns[p]
	if len(parts) == 0 {
		return nil
	}
	var out []span
	for _, s0 := range ti.occ[parts[0]] {
		end := s0 + ps.ac.lens[parts[0]]
		ok := true
		for _, lit := range parts[1:] {
			found := -1
			for _, s := range ti.occ[lit] {
				if s >= end && s-end <= ps.maxGap && ti.sentence[s] == ti.sentence[end-1] {
					found = s
					break
				}
			}
			if found < 0 {
				ok = false
				break
			}
			end = found + ps.ac.lens[lit]
		}
		if ok {
			out = append(out, span{s0, end})
		}
	}
	return out
}
