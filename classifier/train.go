package classifier

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"sync"
)

// Example is one labelled item, shaped like the lines of the training files.
type Example struct {
	ID         string `json:"id"`
	Kind       string `json:"kind"`
	Text       string `json:"text"`
	Channel    string `json:"channel"`
	Department string `json:"department"`
	Urgent     bool   `json:"urgent"`
}

// TrainOptions tune training. The zero value gives the settings of the shipped model.
type TrainOptions struct {
	Epochs       int     // passes over the data (default 40)
	LearningRate float64 // AdaGrad step (default 0.5)
	L2           float64 // weight decay per update (default 1e-3)
	MinCount     int     // n-grams seen in fewer texts are dropped (default 2)
	Seed         uint64  // shuffling seed (default 1)
	Averaged     int     // shuffles whose weights are averaged (default 3)
	Version      string  // model version; default derived from data and options
	Rules        Rules   // extra cues, as handed to New
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Epochs <= 0 {
		o.Epochs = 40
	}
	if o.LearningRate <= 0 {
		o.LearningRate = 0.5
	}
	if o.L2 < 0 {
		o.L2 = 0
	} else if o.L2 == 0 {
		o.L2 = 1e-3
	}
	if o.MinCount <= 0 {
		o.MinCount = 2
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Averaged <= 0 {
		o.Averaged = 3
	}
	return o
}

// ErrNoExamples is returned by Train when there is nothing to learn from.
var ErrNoExamples = errors.New("classifier: no training examples")

type sparseRow struct {
	idx []int32
	val []float32
	y   [numHeads]int
	off [numHeads][]float64 // fixed prior added to the logits (nil: none)
	sym []bool              // per entry: a cue/rule/kind symbol rather than an n-gram
}

// Train fits the model's three heads. It is deterministic: examples are processed in the
// order given after a shuffle seeded by opts.Seed, and every map is iterated sorted.
func Train(examples []Example, opts TrainOptions) (*Model, error) {
	opts = opts.withDefaults()
	if len(examples) == 0 {
		return nil, ErrNoExamples
	}
	lx := defaultLexicon()
	if !opts.Rules.empty() {
		lx = newLexicon(opts.Rules)
	}
	type prepared struct {
		feats featureSet
		y     [numHeads]int
		off   [numHeads][]float64
	}
	preps := make([]prepared, len(examples))
	df := map[uint64]int{}
	symbolic := map[uint64]bool{}
	for i, ex := range examples {
		y, err := exampleLabels(ex)
		if err != nil {
			return nil, err
		}
		p := lx.prepare(ex.Text, ex.Kind)
		preps[i] = prepared{feats: p.feats, y: y}
		preps[i].off[headDepartment] = lx.departmentPrior(p.an, Channel(ex.Channel))
		seen := map[uint64]bool{}
		p.feats.each(func(h uint64, _ float32) {
			if !seen[h] {
				seen[h] = true
				df[h]++
			}
		})
		for _, h := range p.feats.syms {
			symbolic[h] = true
		}
	}
	keys := make([]uint64, 0, len(df))
	for h, n := range df {
		if n >= opts.MinCount || symbolic[h] {
			keys = append(keys, h)
		}
	}
	// The most frequent features first: the rows scoring touches most sit together and
	// stay in cache. Ties are broken by the hash, so the order is deterministic.
	sort.Slice(keys, func(i, j int) bool {
		if df[keys[i]] != df[keys[j]] {
			return df[keys[i]] > df[keys[j]]
		}
		return keys[i] < keys[j]
	})
	m := newModel(opts.Version, keys)
	rows := make([]sparseRow, len(preps))
	for i, p := range preps {
		r := sparseRow{y: p.y, off: p.off}
		p.feats.each(func(h uint64, v float32) {
			if j, ok := m.index.get(h); ok {
				r.idx = append(r.idx, j)
				r.val = append(r.val, v)
				r.sym = append(r.sym, symbolic[h])
			}
		})
		rows[i] = r
	}
	// The heads share nothing but the read-only rows, so they train in parallel; each has
	// its own seeded shuffle, which keeps the result independent of scheduling.
	var wg sync.WaitGroup
	for h := range m.heads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fitHeadAveraged(&m.heads[h], h, rows, opts)
		}()
	}
	wg.Wait()
	m.fuse()
	if m.version == "" {
		m.version = contentVersion(m, lx.fingerprint)
	}
	return m, nil
}

func exampleLabels(ex Example) ([numHeads]int, error) {
	var y [numHeads]int
	y[headChannel] = channelIndex(Channel(ex.Channel))
	y[headDepartment] = departmentIndex(Department(ex.Department))
	if y[headChannel] < 0 {
		return y, fmt.Errorf("classifier: example %q: unknown channel %q", ex.ID, ex.Channel)
	}
	if y[headDepartment] < 0 {
		return y, fmt.Errorf("classifier: example %q: unknown department %q", ex.ID, ex.Department)
	}
	if ex.Urgent {
		y[headUrgent] = 1
	}
	return y, nil
}

// fitHeadAveraged fits the head from several seeded shuffles and averages the weights:
// a single shuffle order moved held-out department accuracy by a point either way, the
// average does not depend on the luck of one order.
func fitHeadAveraged(hd *head, h int, rows []sparseRow, opts TrainOptions) {
	runs := opts.Averaged
	sum := head{classes: hd.classes, bias: make([]float32, len(hd.bias)), w: make([]float32, len(hd.w))}
	for r := 0; r < runs; r++ {
		one := head{classes: hd.classes, bias: make([]float32, len(hd.bias)), w: make([]float32, len(hd.w))}
		rng := rand.New(rand.NewPCG(opts.Seed+uint64(r), 0x9e3779b97f4a7c15+uint64(h)))
		fitHead(&one, h, rows, opts, rng)
		for i, v := range one.bias {
			sum.bias[i] += v / float32(runs)
		}
		for i, v := range one.w {
			sum.w[i] += v / float32(runs)
		}
	}
	copy(hd.bias, sum.bias)
	copy(hd.w, sum.w)
}

// fitHead runs AdaGrad on the softmax loss of one head. Classes are weighted inversely
// to their frequency so rare channels and departments are not sacrificed to petition,
// which is what macro-F1 (and a citizen in a rare channel) cares about.
func fitHead(hd *head, h int, rows []sparseRow, opts TrainOptions, rng *rand.Rand) {
	c := hd.classes
	counts := make([]float64, c)
	for _, r := range rows {
		counts[r.y[h]]++
	}
	cw := make([]float64, c)
	for k := range cw {
		if counts[k] > 0 {
			cw[k] = float64(len(rows)) / (float64(c) * counts[k])
		}
	}
	gsq := make([]float64, len(hd.w))
	bsq := make([]float64, c)
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	logits := make([]float64, c)
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, ri := range order {
			r := rows[ri]
			for k := 0; k < c; k++ {
				logits[k] = float64(hd.bias[k])
				if r.off[h] != nil {
					logits[k] += r.off[h][k]
				}
			}
			for n, j := range r.idx {
				if textOnly(h, r.sym[n]) {
					continue
				}
				row := hd.w[int(j)*c : int(j+1)*c]
				for k := range row {
					logits[k] += float64(row[k]) * float64(r.val[n])
				}
			}
			p := softmax(logits)
			wt := cw[r.y[h]]
			for k := 0; k < c; k++ {
				g := p[k]
				if k == r.y[h] {
					g--
				}
				g *= wt
				bsq[k] += g * g
				hd.bias[k] -= float32(opts.LearningRate * g / (math.Sqrt(bsq[k]) + 1e-8))
				for n, j := range r.idx {
					if textOnly(h, r.sym[n]) {
						continue
					}
					at := int(j)*c + k
					gw := g*float64(r.val[n]) + opts.L2*float64(hd.w[at])
					gsq[at] += gw * gw
					hd.w[at] -= float32(opts.LearningRate * gw / (math.Sqrt(gsq[at]) + 1e-8))
				}
			}
		}
	}
}

// contentVersion names a model after its lexicon and its weights: retraining the same
// data with the same code reproduces the version, and any change to data, features or
// training shows up as a new one.
func contentVersion(m *Model, lexFingerprint string) string {
	h := sha256.New()
	_, _ = m.WriteTo(h)
	return "clf-" + lexFingerprint + "-" + hex.EncodeToString(h.Sum(nil))[:8]
}

// textOnly reports features a head does not learn from. The department head learns from
// the text and the lexicon prior only: the cue and rule symbols describe the channel,
// and letting the department lean on them made it generalise worse across writers.
func textOnly(h int, symbolic bool) bool {
	return symbolic && h == headDepartment
}
