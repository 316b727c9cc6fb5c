package staff

import (
	"slices"
	"sort"

	"petitiond/cases"
)

// Unit is a handling unit: a department or an office.
type Unit struct {
	Code string
	Name string
}

// Units is the list of handling units accounts and tokens belong to, in
// display order.
type Units []Unit

// UnitsFrom orders the units of configs/units.yaml for people: the
// departments in the labelling guide's order, the offices, then any other
// unit the city added.
func UnitsFrom(u *cases.Units) Units {
	var out Units
	seen := map[string]bool{}
	for _, code := range slices.Concat(cases.Departments, cases.Offices) {
		if x := u.Unit(code); x != nil {
			out, seen[code] = append(out, Unit{code, x.Name}), true
		}
	}
	var rest []string
	for code := range u.Units {
		if !seen[code] {
			rest = append(rest, code)
		}
	}
	sort.Strings(rest)
	for _, code := range rest {
		out = append(out, Unit{code, u.Name(code)})
	}
	return out
}

// Has reports whether code is a known unit.
func (u Units) Has(code string) bool {
	for _, x := range u {
		if x.Code == code {
			return true
		}
	}
	return false
}

// Name returns the unit's Chinese name, or the code when unknown.
func (u Units) Name(code string) string {
	for _, x := range u {
		if x.Code == code {
			return x.Name
		}
	}
	return code
}
