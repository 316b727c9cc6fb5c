package bot

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/silenceper/wechat/v2/officialaccount/message"

	"petitiond/cases"
)

// Inbound is one push from WeChat, copied out of silenceper's message so
// the conversation never holds on to request memory.
type Inbound struct {
	Type       string // text, image, voice, location, event, …
	From       string // the person's openid
	CreateTime int64
	MsgID      int64

	Content     string
	MediaID     string
	Recognition string
	Format      string
	Lat, Lng    float64
	Label       string

	Event    string
	EventKey string
}

// Message types and events the bot acts on.
const (
	typeText     = "text"
	typeImage    = "image"
	typeVoice    = "voice"
	typeLocation = "location"
	typeEvent    = "event"

	eventSubscribe   = "subscribe"
	eventUnsubscribe = "unsubscribe"
	eventClick       = "CLICK"
)

func inboundFrom(m *message.MixMessage) Inbound {
	return Inbound{
		Type: string(m.MsgType), From: string(m.FromUserName), CreateTime: m.CreateTime, MsgID: m.MsgID,
		Content: m.Content, MediaID: m.MediaID, Recognition: m.Recognition, Format: m.Format,
		Lat: m.LocationX, Lng: m.LocationY, Label: m.Label,
		Event: string(m.Event), EventKey: m.EventKey,
	}
}

// dedupKey identifies a push across WeChat's retries: the MsgId for
// messages; events carry none, so the sender, time and event stand in.
func (in Inbound) dedupKey() string {
	if in.MsgID != 0 {
		return "m:" + strconv.FormatInt(in.MsgID, 10)
	}
	return "e:" + in.From + ":" + strconv.FormatInt(in.CreateTime, 10) + ":" + in.Event + ":" + in.EventKey
}

// idempotencyKey is the key a case submitted by this message carries.
func (in Inbound) idempotencyKey() string { return "wx:" + in.dedupKey() }

// normalize makes a reply comparable with the command words: full-width
// letters and digits become ASCII, surrounding spaces and punctuation go
// (speech recognition ends sentences with "。").
func normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '！' && r <= '～':
			return r - 0xFEE0
		case r == '　':
			return ' '
		}
		return r
	}, s)
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	})
}

// wordSet is one command's words, normalized.
type wordSet map[string]bool

func newWordSet(words []string) wordSet {
	s := make(wordSet, len(words))
	for _, w := range words {
		s[normalize(w)] = true
	}
	return s
}

// commands are the command words as sets, built once from the texts.
type commands struct {
	complaint, petition, business, status, mine, cancel, human, help wordSet
	confirm, done, yes, no                                           wordSet
	queryPrefix, withdrawPrefix                                      []string
	// ratings are the follow-up answers' words, longest first, each with
	// the rating it stands for.
	ratings []ratingWord
}

type ratingWord struct{ word, rating string }

func newCommands(c Commands) commands {
	norm := func(ws []string) []string {
		out := make([]string, 0, len(ws))
		for _, w := range ws {
			out = append(out, normalize(w))
		}
		// Longer prefixes first, so "查询" wins over "查".
		sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
		return out
	}
	var ratings []ratingWord
	for rating, words := range map[string][]string{
		cases.RatingSatisfied: c.Satisfied, cases.RatingBasicSatisfied: c.BasicSatisfied, cases.RatingUnsatisfied: c.Unsatisfied,
	} {
		for _, w := range words {
			ratings = append(ratings, ratingWord{normalize(w), rating})
		}
	}
	sort.Slice(ratings, func(i, j int) bool {
		if len(ratings[i].word) != len(ratings[j].word) {
			return len(ratings[i].word) > len(ratings[j].word)
		}
		return ratings[i].word < ratings[j].word
	})
	return commands{
		ratings:   ratings,
		complaint: newWordSet(c.Complaint), petition: newWordSet(c.Petition), business: newWordSet(c.Business),
		status: newWordSet(c.Status), mine: newWordSet(c.Mine), cancel: newWordSet(c.Cancel),
		human: newWordSet(c.Human), help: newWordSet(c.Help), confirm: newWordSet(c.Confirm),
		done: newWordSet(c.Done), yes: newWordSet(c.Yes), no: newWordSet(c.No),
		queryPrefix: norm(c.QueryPrefix), withdrawPrefix: norm(c.WithdrawPrefix),
	}
}

// withPrefix returns what follows one of the prefixes when it looks like a
// tracking number (letters and digits only), so "查一下我家门口的路灯" stays
// free text.
func withPrefix(s string, prefixes []string) (string, bool) {
	for _, p := range prefixes {
		rest, ok := strings.CutPrefix(s, p)
		if !ok {
			continue
		}
		rest = normalize(rest)
		if rest == "" || !alphanumeric(rest) {
			continue
		}
		return rest, true
	}
	return "", false
}

func alphanumeric(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == ' ' || r == '-') {
			return false
		}
	}
	return true
}

// choice reads a numbered answer ("1", "１", "第1个") or the words of one of
// the options ("是" for "是，法院已经立案"); it returns the option's index or -1.
func choice(s string, labels []string) int {
	s = normalize(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "第"), "个")
	s = strings.TrimSuffix(s, "号")
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= len(labels) {
		return n - 1
	}
	if s == "" {
		return -1
	}
	for i, l := range labels {
		l = normalize(l)
		head := l
		if j := strings.IndexAny(l, "，,（(、"); j > 0 {
			head = l[:j]
		}
		if s == l || s == head || (len([]rune(s)) >= 2 && strings.HasPrefix(l, s)) {
			return i
		}
	}
	return -1
}
