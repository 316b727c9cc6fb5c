package classifier

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestEmbeddedModelLoads(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if len(embeddedModel) > 10<<20 {
		t.Errorf("embedded model is %d bytes, want < 10 MB", len(embeddedModel))
	}
	if !strings.HasPrefix(m.Version(), "clf-"+defaultLexicon().fingerprint+"-") {
		t.Errorf("embedded model %s was trained with another lexicon (now %s): retrain with "+
			"the train command of classifier/README.md",
			m.Version(), defaultLexicon().fingerprint)
	}
}

// shippedTrainingFiles are what the shipped model learns from (README.md's train
// command): every labelled file except final_test.jsonl, which stays held out.
var shippedTrainingFiles = []string{"train_a.jsonl", "train_b.jsonl", "train_c.jsonl", "handwritten.jsonl",
	"dev_chat.jsonl", "dev_letters.jsonl", "dev_firms.jsonl", "dev_orders.jsonl", "dev_hard.jsonl",
	"dev_round2.jsonl", "dev_round3.jsonl", "dev_round4.jsonl", "dev_round5.jsonl", "dev_round6.jsonl", "dev_round7.jsonl"}

// The shipped model must be exactly what the train command produces from the shipped
// data with the current code; otherwise the embedded model is stale.
func TestEmbeddedModelIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	var all []Example
	for _, f := range shippedTrainingFiles {
		all = append(all, readTestdata(t, f)...)
	}
	m, err := Train(all, TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), embeddedModel) {
		emb, _ := DefaultModel()
		t.Fatalf("embedded model %s differs from a fresh training (%s): retrain classifier/model.bin", emb.Version(), m.Version())
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	ex := readTestdata(t, "train_a.jsonl")
	var out [2][]byte
	for i := range out {
		m, err := Train(ex, TrainOptions{Epochs: 5})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		out[i] = buf.Bytes()
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Fatal("two trainings on the same data differ")
	}
}

func TestModelRoundTrip(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := LoadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m2.Version() != m.Version() || m2.NumFeatures() != m.NumFeatures() {
		t.Fatalf("round trip changed the model: %s/%d vs %s/%d", m2.Version(), m2.NumFeatures(), m.Version(), m.NumFeatures())
	}
}

func TestLoadModelRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("hello"), []byte(modelMagic), append([]byte(modelMagic), 0xff, 0xff, 0xff)} {
		if _, err := LoadModel(bytes.NewReader(b)); !errors.Is(err, ErrBadModel) {
			t.Errorf("LoadModel(%q) error = %v, want ErrBadModel", b, err)
		}
	}
	if len(embeddedModel) > 100 {
		if _, err := LoadModel(bytes.NewReader(embeddedModel[:len(embeddedModel)/2])); err == nil {
			t.Error("truncated model loaded")
		}
	}
}

func TestTrainRejectsBadExamples(t *testing.T) {
	if _, err := Train(nil, TrainOptions{}); !errors.Is(err, ErrNoExamples) {
		t.Errorf("no examples: %v", err)
	}
	bad := []Example{{ID: "x", Text: "路灯坏了", Channel: "court", Department: "urban"}}
	if _, err := Train(bad, TrainOptions{}); err == nil {
		t.Error("unknown channel accepted")
	}
}

func TestNewNeedsAModel(t *testing.T) {
	if _, err := New(nil, Options{}); !errors.Is(err, ErrNoModel) {
		t.Errorf("New(nil) error = %v", err)
	}
}
