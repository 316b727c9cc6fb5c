package classifier

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxTextRunes is the longest text classified as is; longer texts are classified on a
// truncated copy (and flagged) rather than rejected, because a long letter is still a
// legitimate petition.
const MaxTextRunes = 5000

// t2s maps traditional characters to simplified ones. It is built once from the
// generated table and only read afterwards.
var t2s = func() map[rune]rune {
	m := make(map[rune]rune, utf8.RuneCountInString(t2sPairs)/2)
	rs := []rune(t2sPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]] = rs[i+1]
	}
	return m
}()

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
	if s, ok := t2s[r]; ok {
		return s
	}
	return r
}

// isInvisible reports format characters (zero-width joiners, variation selectors) that
// emoji and copy-paste leave behind; they carry no meaning and would split cue words.
func isInvisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) && r >= 0xFE00 && r <= 0xFE0F
}

// Normalize returns the canonical form the classifier works on: full-width folded to
// half-width, traditional to simplified, ASCII lower-cased, invisible characters dropped
// and whitespace runs collapsed (a space is kept because voice transcripts use it as the
// only clause separator).
func Normalize(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		if r == utf8.RuneError || isInvisible(r) {
			continue
		}
		r = normalizeRune(r)
		if r == '\n' {
			b.WriteRune('\n')
			space = false
			continue
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
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
