package classifier

import (
	"unicode"
	"unicode/utf8"
)

// MaxTextRunes is the longest text classified as is; longer texts are classified on a
// truncated copy (and flagged) rather than rejected, because a long letter is still a
// legitimate petition.
const MaxTextRunes = 5000

// t2s maps traditional characters to simplified ones. It is built once from the
// generated table and only read afterwards.
var t2s = func() *[t2sEnd - t2sStart]rune {
	var t [t2sEnd - t2sStart]rune
	rs := []rune(t2sPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i] >= t2sStart && rs[i] < t2sEnd {
			t[rs[i]-t2sStart] = rs[i+1]
		}
	}
	return &t
}()

// The table covers the CJK Unified Ideographs block, indexed directly: a lookup per
// character must cost nothing next to the rest of classification.
const (
	t2sStart = 0x4E00
	t2sEnd   = 0xA000
)

// normalizeRune folds the many ways the same character reaches us (full-width forms from
// phone keyboards, traditional characters from Hong Kong/Taiwan relatives, upper-case
// pinyin) into one, so features and cue lists are written once.
func normalizeRune(r rune) rune {
	switch {
	case r == '\u3000':
		return ' '
	case r >= '\uFF01' && r <= '\uFF5E':
		r -= 0xFEE0
	}
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		if r == '\t' || r == '\r' {
			return ' '
		}
		return r
	}
	if r >= t2sStart && r < t2sEnd {
		if s := t2s[r-t2sStart]; s != 0 {
			return s
		}
	}
	return r
}

// isInvisible reports format characters (zero-width joiners, variation selectors) that
// emoji and copy-paste leave behind; they carry no meaning and would split cue words.
func isInvisible(r rune) bool {
	if r < 0xAD || r >= t2sStart && r < t2sEnd {
		return false // ASCII and CJK ideographs, nearly every character we see
	}
	return r >= 0xFE00 && r <= 0xFE0F || unicode.Is(unicode.Cf, r)
}

// Normalize returns the canonical form the classifier works on: full-width folded to
// half-width, traditional to simplified, ASCII lower-cased, invisible characters dropped
// and whitespace runs collapsed (a space is kept because voice transcripts use it as the
// only clause separator).
func Normalize(text string) string { return string(normalizeRunes(text)) }

// normalizeRunes is Normalize producing runes, which is what matching and features use.
func normalizeRunes(text string) []rune {
	out := make([]rune, 0, len(text)/2)
	space := false
	for _, r := range text {
		if r >= t2sStart && r < t2sEnd { // the common case: an ideograph
			if s := t2s[r-t2sStart]; s != 0 {
				r = s
			}
			if space && len(out) > 0 {
				out = append(out, ' ')
			}
			out = append(out, r)
			space = false
			continue
		}
		if r == utf8.RuneError || isInvisible(r) {
			continue
		}
		r = normalizeRune(r)
		if r == '\n' {
			out = append(out, '\n')
			space = false
			continue
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = true
			continue
		}
		if space && len(out) > 0 {
			out = append(out, ' ')
		}
		space = false
		out = append(out, r)
	}
	for len(out) > 0 && (out[len(out)-1] == '\n' || out[len(out)-1] == ' ') {
		out = out[:len(out)-1]
	}
	start := 0
	for start < len(out) && (out[start] == '\n' || out[start] == ' ') {
		start++
	}
	return out[start:]
}

// truncateRunes cuts s to at most n runes and reports whether it did.
func truncateRunes(s string, n int) (string, bool) {
	if utf8.RuneCountInString(s) <= n {
		return s, false
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos], true
		}
		i++
	}
	return s, false
}

// isClauseBreak marks where a negation or a cue stops reaching. Spaces count because
// transcribed speech has no other punctuation.
func isClauseBreak(r rune) bool {
	switch r {
	case ',', '.', '!', '?', ';', ':', '\n', ' ', '，', '。', '！', '？', '；', '：', '、', '…':
		return true
	}
	return false
}

// isSentenceBreak marks the wider scope within which the parts of a gapped cue must occur.
func isSentenceBreak(r rune) bool {
	switch r {
	case '.', '!', '?', ';', '\n', '。', '！', '？', '；':
		return true
	}
	return false
}
