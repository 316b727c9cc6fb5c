package classifier

import (
	"math"
	"unicode"
)

// Feature hashing: every feature is a 64-bit FNV-1a hash of a namespace byte and its
// runes. Storing hashes instead of strings keeps the model small and lookups free of
// allocation; at 64 bits collisions among a few hundred thousand features are negligible.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211

	nsNgram byte = 'g'
	nsCue   byte = 'c'
	nsKind  byte = 'k'
	nsRule  byte = 'r'
)

func hashStart(ns byte) uint64 { return (fnvOffset ^ uint64(ns)) * fnvPrime }

func hashRune(h uint64, r rune) uint64 {
	for v := uint32(r); ; v >>= 8 {
		h = (h ^ uint64(v&0xff)) * fnvPrime
		if v < 0x100 {
			return h
		}
	}
}

func hashString(ns byte, s string) uint64 {
	h := hashStart(ns)
	for _, r := range s {
		h = hashRune(h, r)
	}
	return h
}

// maxNgram is the longest character n-gram. Trigrams capture most two-character words
// and their contexts (不予许可 → 不予/予许/许可 and 不予许); longer grams mostly memorise
// the training texts.
const maxNgram = 3

// featureRune maps a rune to what n-grams see: digits collapse to 0 (amounts and dates
// differ between writers, their presence does not), punctuation and spaces end a run.
func featureRune(r rune) (rune, bool) {
	switch {
	case r >= '0' && r <= '9':
		return '0', true
	case r >= 'a' && r <= 'z':
		return r, true
	case r >= 0x4E00 && r <= 0x9FFF, unicode.Is(unicode.Han, r):
		return r, true
	case unicode.IsLetter(r) || unicode.IsNumber(r):
		return r, true
	}
	return 0, false
}

// featureSet is the input of the linear model: the character n-grams of the text, which
// share one weight, and symbolic features (cues, rule outcomes, kind) of weight 1.
// N-grams are streamed from the runes rather than stored: classification never needs
// them as a list, only their rows in the model.
type featureSet struct {
	runes []rune
	grams int // number of n-grams, repeats included
	gramW float32
	syms  []uint64
}

// each calls fn for every feature with its value.
func (fs featureSet) each(fn func(h uint64, v float32)) {
	ngrams(fs.runes, func(h uint64) { fn(h, fs.gramW) })
	for _, h := range fs.syms {
		fn(h, 1)
	}
}

// ngrams calls fn with the 1..maxNgram-gram hashes of rs, repeats included: a word said
// twice counts twice (term frequency), and skipping deduplication keeps this cheap.
func ngrams(rs []rune, fn func(h uint64)) {
	var win [maxNgram]rune
	n := 0 // runes in the current run, capped at maxNgram
	for _, r := range rs {
		fr, ok := featureRune(r)
		if !ok {
			n = 0
			continue
		}
		copy(win[:], win[1:])
		win[maxNgram-1] = fr
		if n < maxNgram {
			n++
		}
		for k := 1; k <= n; k++ {
			h := hashStart(nsNgram + byte(k))
			for _, x := range win[maxNgram-k:] {
				h = hashRune(h, x)
			}
			fn(h)
		}
	}
}

// countNgrams is the number of hashes ngrams produces for rs.
func countNgrams(rs []rune) int {
	total, n := 0, 0
	for _, r := range rs {
		if _, ok := featureRune(r); !ok {
			n = 0
			continue
		}
		if n < maxNgram {
			n++
		}
		total += n
	}
	return total
}

// buildFeatures turns an analysed text into model inputs. N-grams share a unit of
// weight (1/√count) so long letters do not drown short chat messages; every cue and rule
// outcome counts 1, so a 致函 of 2,000 characters and a 20-character message that both
// say 不予许可 carry that cue equally.
func buildFeatures(a *analysis) featureSet {
	fs := featureSet{runes: a.runes, grams: countNgrams(a.runes)}
	if fs.grams > 0 {
		fs.gramW = float32(1 / math.Sqrt(float64(fs.grams)))
	}
	fs.syms = append(a.syms[:len(a.syms):len(a.syms)], hashString(nsKind, a.kind))
	return fs
}
