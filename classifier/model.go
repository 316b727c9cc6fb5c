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
	index   map[uint64]int32
	keys    []uint64
	heads   [numHeads]head
}

// Version identifies the model (training data and options), reported with each result.
func (m *Model) Version() string { return m.version }

// NumFeatures is the size of the model's vocabulary.
func (m *Model) NumFeatures() int { return len(m.keys) }

func newModel(version string, keys []uint64) *Model {
	m := &Model{version: version, keys: keys, index: make(map[uint64]int32, len(keys))}
	for i, k := range keys {
		m.index[k] = int32(i)
	}
	for h := range m.heads {
		c := headClasses[h]
		m.heads[h] = head{classes: c, bias: make([]float32, c), w: make([]float32, len(keys)*c)}
	}
	return m
}

// scores returns the logits of head h for the given features.
func (m *Model) scores(h int, feats []feature, out []float64) []float64 {
	hd := &m.heads[h]
	out = out[:0]
	for c := 0; c < hd.classes; c++ {
		out = append(out, float64(hd.bias[c]))
	}
	for _, f := range feats {
		i, ok := m.index[f.h]
		if !ok {
			continue
		}
		row := hd.w[int(i)*hd.classes : int(i+1)*hd.classes]
		for c, w := range row {
			out[c] += float64(w) * float64(f.v)
		}
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
	return m, nil
}

// embeddedModel is the shipped model, trained on all labelled data by
// `petitiond classifier train --data classifier/testdata/train_a.jsonl,... --out classifier/model.bin`.
//
//go:embed model.bin
var embeddedModel []byte

var defaultModel = sync.OnceValues(func() (*Model, error) {
	return LoadModel(bytes.NewReader(embeddedModel))
})

// DefaultModel returns the shipped model, decoded once and shared.
func DefaultModel() (*Model, error) { return defaultModel() }
