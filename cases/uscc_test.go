package cases

import (
	"math/rand/v2"
	"testing"
)

func TestValidCreditCode(t *testing.T) {
	tests := map[string]bool{
		"91350100M000100Y43": true, // published example
		"91110000802100433B": true,
		"91350100M000100Y44": false,
		"91350100M000100Y4":  false,
		"91350100M000100Y4I": false, // I is not in the alphabet
		"":                   false,
	}
	for code, want := range tests {
		if got := ValidCreditCode(NormalizeCreditCode(code)); got != want {
			t.Errorf("ValidCreditCode(%q) = %v, want %v", code, got, want)
		}
	}
	if !ValidCreditCode(NormalizeCreditCode(" 91350100m000100y43 ")) {
		t.Error("lower case and spaces as typed should normalise")
	}
}

func randomCreditCode(r *rand.Rand) string {
	b := make([]byte, 17)
	for i := range b {
		b[i] = usccAlphabet[r.IntN(len(usccAlphabet))]
	}
	return string(b) + string(usccCheck(string(b)))
}

// Property (GB 32100-2015): every single changed character and every swap of
// two adjacent different characters is caught.
func TestCreditCodeCatchesEverySingleErrorAndAdjacentSwap(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 500; n++ {
		code := randomCreditCode(r)
		if !ValidCreditCode(code) {
			t.Fatalf("generated %s invalid", code)
		}
		b := []byte(code)
		for i := range b {
			orig := b[i]
			for j := 0; j < len(usccAlphabet); j++ {
				if usccAlphabet[j] == orig {
					continue
				}
				b[i] = usccAlphabet[j]
				if ValidCreditCode(string(b)) {
					t.Fatalf("%s → %s not caught", code, b)
				}
			}
			b[i] = orig
		}
		for i := 0; i+1 < len(b); i++ {
			if b[i] == b[i+1] {
				continue
			}
			b[i], b[i+1] = b[i+1], b[i]
			if ValidCreditCode(string(b)) {
				t.Fatalf("%s → %s (swap %d) not caught", code, b, i)
			}
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
}

func TestValidIDNumberAndPhone(t *testing.T) {
	for id, want := range map[string]bool{"11010519491231002X": true, "11010519491231002x": true, "110105194912310021": false, "1101051949123100": false} {
		if ValidIDNumber(id) != want {
			t.Errorf("ValidIDNumber(%s) != %v", id, want)
		}
	}
	for p, want := range map[string]bool{"13812341234": true, "138-1234-1234": true, "+8613812341234": true, "0571-88888888": true, "12345": false, "2381234123a": false} {
		if ValidPhone(p) != want {
			t.Errorf("ValidPhone(%s) != %v", p, want)
		}
	}
}
