package classifier

import (
	"errors"
	"fmt"
	"sort"

	"gopkg.in/yaml.v3"
)

// Rules are cue phrases added by the city (configs/classifier_rules.yaml) on top of the
// built-in lexicon: a new way of saying 不想活 can be taught without a release. Phrases
// join existing cue classes, so the trained model's features keep their meaning.
type Rules struct {
	Version  string              `yaml:"version"`
	Cues     map[string][]string `yaml:"cues"`     // cue name (e.g. "urg.self_harm") → extra patterns
	Negators map[string][]string `yaml:"negators"` // negator set (intent, demand, fact, accept, request) → extra negators
}

// ErrBadRules reports a rules file that names unknown cues or negator sets.
var ErrBadRules = errors.New("classifier: invalid rules")

// ParseRules reads the YAML of configs/classifier_rules.yaml and checks every name
// against the built-in lexicon, so a typo fails loudly at start-up, not silently in use.
func ParseRules(data []byte) (Rules, error) {
	var r Rules
	if err := yaml.Unmarshal(data, &r); err != nil {
		return Rules{}, fmt.Errorf("%w: %v", ErrBadRules, err)
	}
	known := map[string]bool{}
	for _, c := range builtinCues() {
		known[c.name] = true
	}
	for name, pats := range r.Cues {
		if !known[name] {
			return Rules{}, fmt.Errorf("%w: unknown cue %q", ErrBadRules, name)
		}
		for _, p := range pats {
			if Normalize(p) == "" {
				return Rules{}, fmt.Errorf("%w: empty pattern in cue %q", ErrBadRules, name)
			}
		}
	}
	negs := builtinNegators()
	for set := range r.Negators {
		if _, ok := negs[negSet(set)]; !ok {
			return Rules{}, fmt.Errorf("%w: unknown negator set %q", ErrBadRules, set)
		}
	}
	return r, nil
}

func (r Rules) empty() bool { return len(r.Cues) == 0 && len(r.Negators) == 0 }

// extraCue is one configured addition, carrying the label and negation of the built-in
// cue it extends.
type extraCue struct {
	name, label string
	neg         negSet
	patterns    []string
}

func (r Rules) sortedExtras() []extraCue {
	builtin := map[string]cueDef{}
	for _, c := range builtinCues() {
		if _, ok := builtin[c.name]; !ok {
			builtin[c.name] = c
		}
	}
	names := make([]string, 0, len(r.Cues))
	for n := range r.Cues {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []extraCue
	for _, n := range names {
		b, ok := builtin[n]
		if !ok || len(r.Cues[n]) == 0 {
			continue
		}
		out = append(out, extraCue{name: n, label: b.label, neg: b.neg, patterns: r.Cues[n]})
	}
	return out
}

// CueNames lists the built-in cue names that Rules may extend.
func CueNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range builtinCues() {
		if !seen[c.name] {
			seen[c.name] = true
			out = append(out, c.name)
		}
	}
	sort.Strings(out)
	return out
}
