package cases

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A tracking number is what a citizen reads aloud and types: a letter prefix
// fixed per deployment, the date (yymmdd), a daily sequence of at least five
// digits, and one Damm check digit over all the digits. Damm catches every
// single wrong digit and every swap of two adjacent digits, so a typo is
// answered with "please check the number" rather than "not found".
//
// Example: NY261129000122 = NY · 261129 · 00012 · check digit 2.

const minSeqDigits = 5

// Tracking-number errors, so transports can answer a typo differently from
// an unknown number.
var (
	ErrTrackingFormat   = errors.New("tracking number malformed")
	ErrTrackingPrefix   = errors.New("tracking number is not one of ours")
	ErrTrackingChecksum = errors.New("tracking number check digit wrong")
)

var dammTable = [10][10]byte{
	{0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
	{7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
	{4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
	{1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
	{6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
	{3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
	{5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
	{8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
	{9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
	{2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}

// dammDigit returns the Damm check digit of a string of ASCII digits.
func dammDigit(digits string) byte {
	var interim byte
	for i := 0; i < len(digits); i++ {
		interim = dammTable[interim][digits[i]-'0']
	}
	return interim
}

// FormatTrackingNo builds the tracking number for the seq-th case of day.
func FormatTrackingNo(prefix string, day time.Time, seq int64) string {
	digits := day.Format("060102") + fmt.Sprintf("%0*d", minSeqDigits, seq)
	return prefix + digits + string('0'+dammDigit(digits))
}

// NormalizeTrackingNo makes what a person typed comparable: spaces and dashes
// go, full-width characters become ASCII, letters become upper case.
func NormalizeTrackingNo(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '！' && r <= '～': // full-width ASCII block
			r -= 0xFEE0
		case r == ' ' || r == '-' || r == '　' || r == '\t':
			continue
		}
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ParseTrackingNo checks a (normalized) tracking number against the
// deployment's prefix, its shape and its check digit.
func ParseTrackingNo(s, prefix string) (string, error) {
	s = NormalizeTrackingNo(s)
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	digits := s[i:]
	if i == 0 || len(digits) < 6+minSeqDigits+1 {
		return "", ErrTrackingFormat
	}
	for j := 0; j < len(digits); j++ {
		if digits[j] < '0' || digits[j] > '9' {
			return "", ErrTrackingFormat
		}
	}
	if s[:i] != prefix {
		return "", ErrTrackingPrefix
	}
	if dammDigit(digits) != 0 { // a Damm-checked string reduces to 0
		return "", ErrTrackingChecksum
	}
	if _, err := time.Parse("060102", digits[:6]); err != nil {
		return "", ErrTrackingFormat
	}
	if _, err := strconv.ParseInt(digits[6:len(digits)-1], 10, 64); err != nil {
		return "", ErrTrackingFormat
	}
	return s, nil
}

// LooksLikeTrackingNo reports whether s has the shape of a tracking number
// of any prefix, so the bot can tell a mistyped number from free text.
func LooksLikeTrackingNo(s string) bool {
	s = NormalizeTrackingNo(s)
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	if i == 0 || i > 4 || len(s)-i < 8 {
		return false
	}
	for _, r := range s[i:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
