package cases

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// BarrierCategory is one kind of business-environment barrier a company may
// report (configs/barrier_categories.yaml). Cases store the code.
type BarrierCategory struct {
	Code        string `json:"code" yaml:"code"`
	Name        string `json:"name" yaml:"name"`
	Description string `json:"description,omitempty" yaml:"description"`
}

// BarrierCategories is the editable list, in display order.
type BarrierCategories []BarrierCategory

// ParseBarrierCategories reads configs/barrier_categories.yaml.
func ParseBarrierCategories(b []byte) (BarrierCategories, error) {
	var f struct {
		Categories BarrierCategories `yaml:"barrier_categories"`
	}
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("barrier categories: %w", err)
	}
	if len(f.Categories) == 0 {
		return nil, fmt.Errorf("barrier categories: the list is empty")
	}
	seen := map[string]bool{}
	for i, c := range f.Categories {
		switch {
		case c.Code == "" || c.Name == "":
			return nil, fmt.Errorf("barrier categories: entry %d needs a code and a name", i+1)
		case seen[c.Code] || seen[c.Name]:
			return nil, fmt.Errorf("barrier categories: %q appears twice", c.Code)
		}
		seen[c.Code], seen[c.Name] = true, true
	}
	return f.Categories, nil
}

// Lookup finds a category by its code or its Chinese name, so a form may
// send either.
func (bc BarrierCategories) Lookup(s string) (BarrierCategory, bool) {
	s = strings.TrimSpace(s)
	for _, c := range bc {
		if c.Code == s || c.Name == s {
			return c, true
		}
	}
	return BarrierCategory{}, false
}
