package classifier

import (
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"
)

// TimeLimit is one deadline that protects the person, with its legal basis.
type TimeLimit struct {
	Description string `json:"description" yaml:"description"`
	Days        int    `json:"days,omitempty" yaml:"days"`
	Months      int    `json:"months,omitempty" yaml:"months"`
	WorkingDays bool   `json:"working_days" yaml:"working_days"`
	Law         string `json:"law" yaml:"law"`
	Article     string `json:"article" yaml:"article"`
}

// LegalBasis is a provision that explains where a matter goes, without a deadline.
type LegalBasis struct {
	Description string `json:"description" yaml:"description"`
	Law         string `json:"law" yaml:"law"`
	Article     string `json:"article" yaml:"article"`
}

// Guidance is what a citizen is told about a channel, in plain Chinese: where the matter
// goes, why, and the time limits that protect them. The city's legal office edits it in
// configs/guidance.yaml; the classifier only hands it back.
type Guidance struct {
	Channel     Channel      `json:"channel" yaml:"-"`
	Title       string       `json:"title" yaml:"title"`
	Explanation string       `json:"explanation" yaml:"explanation"`
	LegalBasis  []LegalBasis `json:"legal_basis,omitempty" yaml:"legal_basis"`
	TimeLimits  []TimeLimit  `json:"time_limits" yaml:"time_limits"`
}

// GuidanceSet holds the guidance of every channel.
type GuidanceSet map[Channel]Guidance

type guidanceFile struct {
	Version  string              `yaml:"version"`
	Channels map[string]Guidance `yaml:"channels"`
}

// ErrBadGuidance reports a guidance file that cannot be used.
var ErrBadGuidance = errors.New("classifier: invalid guidance")

// ParseGuidance reads the YAML of configs/guidance.yaml. Every channel must be present
// with a title, an explanation, and time limits that each name a law and an article, so
// a citizen is never shown a deadline without its basis.
func ParseGuidance(data []byte) (GuidanceSet, error) {
	var f guidanceFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadGuidance, err)
	}
	set := GuidanceSet{}
	for name, g := range f.Channels {
		c := Channel(name)
		if channelIndex(c) < 0 {
			return nil, fmt.Errorf("%w: unknown channel %q", ErrBadGuidance, name)
		}
		if g.Title == "" || g.Explanation == "" {
			return nil, fmt.Errorf("%w: channel %q needs a title and an explanation", ErrBadGuidance, name)
		}
		for i, lb := range g.LegalBasis {
			if lb.Description == "" || lb.Law == "" || lb.Article == "" {
				return nil, fmt.Errorf("%w: channel %q legal basis %d needs a description, law and article", ErrBadGuidance, name, i+1)
			}
		}
		for i, tl := range g.TimeLimits {
			if tl.Description == "" || tl.Law == "" || tl.Article == "" {
				return nil, fmt.Errorf("%w: channel %q time limit %d needs a description, law and article", ErrBadGuidance, name, i+1)
			}
			if tl.Days < 0 || tl.Months < 0 || (tl.Days == 0 && tl.Months == 0) {
				return nil, fmt.Errorf("%w: channel %q time limit %d needs a positive number of days or months", ErrBadGuidance, name, i+1)
			}
		}
		g.Channel = c
		set[c] = g
	}
	for _, c := range channelOrder {
		if _, ok := set[c]; !ok {
			return nil, fmt.Errorf("%w: channel %q missing", ErrBadGuidance, c)
		}
	}
	return set, nil
}
