package staff

import "strings"

// Masking keeps enough of a value to tell two people apart on the phone
// ("the one ending 1234") and no more.

// MaskPhone keeps the first three and last four digits: 138****1234.
func MaskPhone(s string) string { return maskMiddle(s, 3, 4) }

// MaskIDNumber keeps the first and last four characters.
func MaskIDNumber(s string) string { return maskMiddle(s, 4, 4) }

// MaskName keeps the family name: 张*, 欧阳**.
func MaskName(s string) string {
	r := []rune(strings.TrimSpace(s))
	switch len(r) {
	case 0:
		return ""
	case 1:
		return "*"
	case 2, 3:
		return string(r[:1]) + strings.Repeat("*", len(r)-1)
	}
	return string(r[:2]) + strings.Repeat("*", len(r)-2)
}

// MaskAddress keeps the first six characters (the district) and hides the rest.
func MaskAddress(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 0 {
		return ""
	}
	keep := min(6, (len(r)+1)/2)
	return string(r[:keep]) + "****"
}

func maskMiddle(s string, head, tail int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 0 {
		return ""
	}
	if len(r) <= head+tail {
		// Too short to keep both ends: keep only the last two.
		keep := min(2, len(r)/2)
		return strings.Repeat("*", len(r)-keep) + string(r[len(r)-keep:])
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}
