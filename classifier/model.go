package classifier

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

// Heads of the model: three linear softmax classifiers over one shared feature space.
const (
	headChannel = iota
	headDepartment
	headUrgent
	numHeads
)

var headClasses = [numHeads]int{len(channelOrder), len(departments), 2}

// head is one linear classifier: weights laid out feature-major so that the few classes
// of one feature sit together in memory.
type head struct {
	classes int
	bias    []float32
	w       []float32 // len(features) × classes
}

// Model is a trained classifier. It is immutable once built or loaded and safe to share.
type Model struct {
	version string
	index   featureIndex
	keys    []uint64
	heads   [numHeads]head
	// rows holds, per feature, the weight of one quantisation step (float32, little
	// endian) followed by all heads' weights side by side as int8, padded to rowBytes.
	rows     []byte
	stride   int // classes of all heads together
	rowBytes int
}

// Version identifies the model (training data and options), reported with each result.
func (m *Model) Version() string { return m.version }

// NumFeatures is the size of the model's vocabulary.
func (m *Model) NumFeatures() int { return len(m.keys) }

func newModel(version string, keys []uint64) *Model {
	m := &Model{version: version, keys: keys, index: newFeatureIndex(keys)}
	for h := range m.heads {
		c := headClasses[h]
		m.heads[h] = head{classes: c, bias: make([]float32, c), w: make([]float32, len(keys)*c)}
	}
	return m
}

// fuse lays the heads' weights out feature by feature, so scoring touches one
// contiguous row per feature instead of one row per head, and quantises each row to int8
// with its own scale: rows a quarter the size stay in cache, and the error (under 0.4% of
// a row's largest weight) never moves a decision the rules have not already made. The
// scale sits in the row, and a row fills half a cache line: a feature costs the model one
// memory access, which is what scoring waits on.
func (m *Model) fuse() {
	m.stride = 0
	for h := range m.heads {
		m.stride += m.heads[h].classes
	}
	m.rowBytes = (4 + m.stride + 7) &^ 7
	m.rows = make([]byte, len(m.keys)*m.rowBytes)
	row := make([]float32, m.stride)
	for i := range m.keys {
		off := 0
		for h := range m.heads {
			c := m.heads[h].classes
			copy(row[off:off+c], m.heads[h].w[i*c:(i+1)*c])
			off += c
		}
		var mx float32
		for _, w := range row {
			mx = max(mx, w, -w)
		}
		if mx == 0 {
			continue
		}
		scale := mx / 127
		r := m.rows[i*m.rowBytes : (i+1)*m.rowBytes]
		binary.LittleEndian.PutUint32(r, math.Float32bits(scale))
		for c, w := range row {
			r[4+c] = byte(int8(math.Round(float64(w / scale))))
		}
	}
}

// allScores returns the logits of every head in one pass over the features: each known
// feature adds its fused row (all heads side by side) to one accumulator. The n-grams are
// hashed in place rather than through featureSet.each: this loop is most of the time a
// classification takes, and a callback per n-gram costs a fifth of it.
func (m *Model) allScores(fs featureSet) [numHeads][]float64 {
	acc := make([]float32, m.stride)
	add := func(h uint64, v float32) {
		i, ok := m.index.get(h)
		if !ok {
			return
		}
		r := m.rows[int(i)*m.rowBytes : int(i+1)*m.rowBytes]
		sv := math.Float32frombits(binary.LittleEndian.Uint32(r)) * v
		for c, q := range r[4 : 4+len(acc)] {
			acc[c] += float32(int8(q)) * sv
		}
	}
	var win [maxNgram]rune
	n := 0
	for _, r := range fs.runes {
		fr, ok := featureRune(r)
		if !ok {
			n = 0
			continue
		}
		win[0], win[1], win[2] = win[1], win[2], fr
		if n < maxNgram {
			n++
		}
		h := hashStart(nsNgram + 1)
		add(hashRune(h, fr), fs.gramW)
		if n >= 2 {
			add(hashRune(hashRune(hashStart(nsNgram+2), win[1]), fr), fs.gramW)
		}
		if n >= 3 {
			add(hashRune(hashRune(hashRune(hashStart(nsNgram+3), win[0]), win[1]), fr), fs.gramW)
		}
	}
	for _, h := range fs.syms {
		add(h, 1)
	}
	var out [numHeads][]float64
	off := 0
	for h := range m.heads {
		hd := &m.heads[h]
		out[h] = make([]float64, hd.classes)
		for c := range out[h] {
			out[h][c] = float64(hd.bias[c]) + float64(acc[off+c])
		}
		off += hd.classes
	}
	return out
}

func softmax(logits []float64) []float64 {
	mx := math.Inf(-1)
	for _, v := range logits {
		mx = math.Max(mx, v)
	}
	p := make([]float64, len(logits))
	sum := 0.0
	for i, v := range logits {
		p[i] = math.Exp(v - mx)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

const modelMagic = "PDCLF\x01"

// WriteTo serialises the model in a small little-endian binary format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	buf.WriteString(modelMagic)
	le := binary.LittleEndian
	write := func(v any) { _ = binary.Write(&buf, le, v) }
	write(uint16(len(m.version)))
	buf.WriteString(m.version)
	write(uint32(len(m.keys)))
	write(m.keys)
	for h := range m.heads {
		write(uint8(m.heads[h].classes))
		write(m.heads[h].bias)
		write(m.heads[h].w)
	}
	return buf.WriteTo(w)
}

// ErrBadModel reports a model file that is not one this package wrote.
var ErrBadModel = errors.New("classifier: not a petitiond classifier model")

// LoadModel reads a model written by WriteTo.
func LoadModel(r io.Reader) (*Model, error) {
	br := bufio.NewReader(r)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, ErrBadModel
	}
	le := binary.LittleEndian
	var vlen uint16
	if err := binary.Read(br, le, &vlen); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	ver := make([]byte, vlen)
	if _, err := io.ReadFull(br, ver); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	var n uint32
	if err := binary.Read(br, le, &n); err != nil || n > 1<<24 {
		return nil, fmt.Errorf("%w: bad vocabulary size", ErrBadModel)
	}
	keys := make([]uint64, n)
	if err := binary.Read(br, le, keys); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	m := newModel(string(ver), keys)
	for h := range m.heads {
		var c uint8
		if err := binary.Read(br, le, &c); err != nil || int(c) != headClasses[h] {
			return nil, fmt.Errorf("%w: head %d has %d classes", ErrBadModel, h, c)
		}
		if err := binary.Read(br, le, m.heads[h].bias); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
		}
		if err := binary.Read(br, le, m.heads[h].w); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
		}
	}
	m.fuse()
	return m, nil
}

// embeddedModel is the shipped model, trained on every labelled file but the held-out
// final test by the train command of README.md.
//
//go:embed model.bin
var embeddedModel []byte

var defaultModel = sync.OnceValues(func() (*Model, error) {
	return LoadModel(bytes.NewReader(embeddedModel))
})

// DefaultModel returns the shipped model, decoded once and shared.
func DefaultModel() (*Model, error) { return defaultModel() }

// featureIndex maps feature hashes to rows with open addressing. The keys are already
// uniformly distributed hashes, so their low bits index the table directly, and each slot
// packs the hash's high 32 bits with the row: one memory access per lookup, which is what
// the hot loop of Classify waits on. The table is kept at most 80% full so that it stays in
// cache; linear probing at that load still ends within a line or two. (Two hashes
// agreeing on both the slot and the high bits would share a row; with 64-bit hashes and
// ~25,000 keys that is vanishingly rare.)
type featureIndex struct {
	mask  uint64
	slots []uint64 // high 32 bits of the key << 32 | row+1; 0 marks an empty slot
}

func newFeatureIndex(keys []uint64) featureIndex {
	size := uint64(16)
	for size < uint64(len(keys))*5/4 {
		size <<= 1
	}
	fi := featureIndex{mask: size - 1, slots: make([]uint64, size)}
	for i, k := range keys {
		j := k & fi.mask
		for fi.slots[j] != 0 {
			j = (j + 1) & fi.mask
		}
		fi.slots[j] = k>>32<<32 | uint64(i+1)
	}
	return fi
}

func (fi *featureIndex) get(k uint64) (int32, bool) {
	if len(fi.slots) == 0 {
		return 0, false
	}
	hi := k >> 32
	for j := k & fi.mask; ; j = (j + 1) & fi.mask {
		s := fi.slots[j]
		switch {
		case s == 0:
			return 0, false
		case s>>32 == hi:
			return int32(uint32(s)) - 1, true
		}
	}
}
