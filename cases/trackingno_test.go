package cases

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

func TestTrackingNoExample(t *testing.T) {
	day := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	if got := FormatTrackingNo("NY", day, 12); got != "NY261129000122" {
		t.Fatalf("FormatTrackingNo = %s, want NY261129000122", got)
	}
	if got := FormatTrackingNo("NY", day, 1234567); got != "NY2611291234567"+string('0'+dammDigit("2611291234567")) {
		t.Fatalf("a sequence past 99999 widens: %s", got)
	}
}

func TestParseTrackingNo(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"NY261129000122", nil},
		{"ny 2611 2900 0122", nil},
		{"ＮＹ２６１１２９０００１２２", nil},
		{"NY261129000123", ErrTrackingChecksum},
		{"XA261129000122", ErrTrackingPrefix},
		{"NY2611290001", ErrTrackingFormat},
		{"261129000122", ErrTrackingFormat},
		{"NY26112900012X", ErrTrackingFormat},
		{"", ErrTrackingFormat},
	}
	for _, tt := range tests {
		_, err := ParseTrackingNo(tt.in, "NY")
		if !errors.Is(err, tt.want) && !(err == nil && tt.want == nil) {
			t.Errorf("ParseTrackingNo(%q) = %v, want %v", tt.in, err, tt.want)
		}
	}
}

// Property: every single changed character and every swap of two adjacent
// characters of a valid tracking number is caught.
func TestTrackingNoCatchesEverySingleErrorAndAdjacentSwap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for n := 0; n < 300; n++ {
		day := time.Date(2025+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		no := FormatTrackingNo("NY", day, int64(r.IntN(200000)))
		if _, err := ParseTrackingNo(no, "NY"); err != nil {
			t.Fatalf("valid %s rejected: %v", no, err)
		}
		b := []byte(no)
		for i := range b {
			orig := b[i]
			for j := 0; j < len(chars); j++ {
				if chars[j] == orig {
					continue
				}
				b[i] = chars[j]
				if _, err := ParseTrackingNo(string(b), "NY"); err == nil {
					t.Fatalf("%s → %s (position %d) not caught", no, b, i)
				}
			}
			b[i] = orig
		}
		for i := 0; i+1 < len(b); i++ {
			if b[i] == b[i+1] {
				continue
			}
			b[i], b[i+1] = b[i+1], b[i]
			if _, err := ParseTrackingNo(string(b), "NY"); err == nil {
				t.Fatalf("%s → %s (swap %d,%d) not caught", no, b, i, i+1)
			}
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
}

func TestLooksLikeTrackingNo(t *testing.T) {
	for s, want := range map[string]bool{"NY261129000123": true, "xa12345678": true, "我的": false, "N": false, "NY12": false} {
		if LooksLikeTrackingNo(s) != want {
			t.Errorf("LooksLikeTrackingNo(%q) != %v", s, want)
		}
	}
}
