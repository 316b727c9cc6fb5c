package classifier

import (
	"os"
	"sync"
	"testing"
)

// testGuidance reads the shipped guidance the way the caller does: from configs/.
func testGuidance(t testing.TB) GuidanceSet {
	t.Helper()
	b, err := os.ReadFile("../configs/guidance.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g, err := ParseGuidance(b)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

var sharedClassifier = sync.OnceValues(func() (*Classifier, error) {
	m, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile("../configs/guidance.yaml")
	if err != nil {
		return nil, err
	}
	g, err := ParseGuidance(b)
	if err != nil {
		return nil, err
	}
	return New(m, Options{Guidance: g})
})

// testClassifier is the shipped model with the shipped guidance.
func testClassifier(t testing.TB) *Classifier {
	t.Helper()
	c, err := sharedClassifier()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func classify(t testing.TB, c *Classifier, text string) Result {
	t.Helper()
	res, err := c.Classify(Input{Text: text, Kind: KindComplaint})
	if err != nil {
		t.Fatalf("Classify(%q): %v", text, err)
	}
	return res
}

func readTestdata(t testing.TB, name string) []Example {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ex, err := ReadExamples(f)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}
