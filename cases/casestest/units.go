package casestest

import (
	"io/fs"
	"testing"

	"petitiond/cases"
	"petitiond/configs"
)

// Units returns the shipped configs/units.yaml.
func Units(t testing.TB) *cases.Units {
	t.Helper()
	b, err := fs.ReadFile(configs.Defaults(), "units.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u, err := cases.ParseUnits(b)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
