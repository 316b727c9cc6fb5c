package cases

import "strings"

// The unified social credit code (统一社会信用代码, GB 32100-2015) has 18
// characters from a 31-character alphabet (no I, O, S, V, Z); the last is a
// check character: weights 3^i mod 31, check = 31 − (Σ mod 31), 31 → 0.
// Because 31 is prime and adjacent weights differ, every single wrong
// character and every swap of two adjacent characters changes the check.

const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// NormalizeCreditCode upper-cases and trims a code as typed.
func NormalizeCreditCode(s string) string {
	return strings.ToUpper(strings.TrimSpace(NormalizeTrackingNo(s)))
}

// usccCheck returns the check character for the first 17 characters, or 0
// when one of them is outside the alphabet.
func usccCheck(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccAlphabet, first17[i])
		if v < 0 {
			return 0
		}
		sum += v * usccWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return usccAlphabet[c]
}

// ValidCreditCode reports whether s (already normalized) is a well-formed
// unified social credit code with a correct check character.
func ValidCreditCode(s string) bool {
	if len(s) != 18 {
		return false
	}
	c := usccCheck(s[:17])
	return c != 0 && c == s[17]
}
