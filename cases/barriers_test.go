package cases_test

import (
	"io/fs"
	"testing"

	"petitiond/cases"
	"petitiond/configs"
)

func TestBarrierCategories(t *testing.T) {
	b, err := fs.ReadFile(configs.Defaults(), "barrier_categories.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bc, err := cases.ParseBarrierCategories(b)
	if err != nil || len(bc) != 10 {
		t.Fatalf("shipped list: %d entries, %v", len(bc), err)
	}
	for _, s := range []string{"arrears", "政府拖欠账款", " arrears "} {
		if c, ok := bc.Lookup(s); !ok || c.Code != "arrears" {
			t.Errorf("Lookup(%q) = %+v %v", s, c, ok)
		}
	}
	if _, ok := bc.Lookup("天气"); ok {
		t.Error("unknown category found")
	}
	for _, bad := range []string{"", "barrier_categories: []", "barrier_categories: [{code: a}]",
		"barrier_categories: [{code: a, name: A}, {code: a, name: B}]", "barrier_categories: {"} {
		if _, err := cases.ParseBarrierCategories([]byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}
