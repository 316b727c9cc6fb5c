package classifier

import (
	"errors"
	"slices"
	"strings"
)

// Structured answers the bot or a form may already have. Each settles one question the
// classifier would otherwise ask.
const (
	// AnswerCourtInvolved: has a court accepted or decided the case? "yes" → litigation;
	// "no" rules litigation out; "unknown" changes nothing.
	AnswerCourtInvolved = "court_involved"
	// AnswerContestsAct: does the person contest a decision an administrative organ made
	// about them? "yes" → reconsideration (unless a court is involved); "no" rules it out.
	AnswerContestsAct = "contests_act"
	// AnswerWants: what the person wants. "compensation" (the other party pays, refunds,
	// repairs) → mediation; "enforcement" (a regulator investigates and acts) → petition.
	AnswerWants = "wants"

	AnswerYes         = "yes"
	AnswerNo          = "no"
	AnswerUnknown     = "unknown"
	WantsCompensation = "compensation"
	WantsEnforcement  = "enforcement"
)

// Input is one text to classify.
type Input struct {
	Text    string
	Kind    string            // complaint, petition or business
	Answers map[string]string // structured answers, keyed by the Answer* constants
}

// Option is one answer to a clarifying question.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Question is the one clarifying question that separates the two closest channels.
type Question struct {
	Key     string   `json:"key"`
	Text    string   `json:"text"`
	Options []Option `json:"options"`
}

// Result is the classification of one text.
type Result struct {
	Channel         Channel                `json:"channel"`
	ChannelProbs    map[Channel]float64    `json:"channel_probs"`
	Department      Department             `json:"department"`
	DepartmentProbs map[Department]float64 `json:"department_probs"`
	Urgent          bool                   `json:"urgent"`
	UrgentCues      []string               `json:"urgent_cues"`
	Reasons         []string               `json:"reasons"`
	Confidence      float64                `json:"confidence"`
	Question        *Question              `json:"question,omitempty"`
	Truncated       bool                   `json:"truncated"`
	ModelVersion    string                 `json:"model_version"`
	Guidance        *Guidance              `json:"guidance,omitempty"`
}

// Options configure a Classifier with what the caller loaded from configs/.
type Options struct {
	Guidance GuidanceSet // guidance per channel; nil leaves Result.Guidance empty
	Rules    Rules       // extra cue phrases
	// QuestionMargin: a question is asked when the two best channels are closer than this
	// in probability (default 0.7).
	QuestionMargin float64
	// UrgentModelThreshold: the model alone marks a text urgent above this probability
	// (default 0.75); the cue detector marks it urgent regardless.
	UrgentModelThreshold float64
	// UrgentModelPlacedThreshold: a lower bar (default 0.5) for a text that also places
	// something at this moment (现在、刚才、还有人在、到现在) — on fresh probes the model
	// scored most indirect emergencies between 0.5 and 0.75.
	UrgentModelPlacedThreshold float64
}

// Classifier is safe for concurrent use; it holds only read-only state.
type Classifier struct {
	model *Model
	lx    *lexicon
	opts  Options
}

// ErrEmptyText is returned for empty or whitespace-only text.
var ErrEmptyText = errors.New("classifier: empty text")

// ErrNoModel is returned by New without a model.
var ErrNoModel = errors.New("classifier: no model")

// New builds a Classifier. Pass DefaultModel() for the shipped model.
func New(model *Model, opts Options) (*Classifier, error) {
	if model == nil {
		return nil, ErrNoModel
	}
	if opts.QuestionMargin <= 0 {
		opts.QuestionMargin = 0.7
	}
	if opts.UrgentModelThreshold <= 0 {
		opts.UrgentModelThreshold = 0.75
	}
	if opts.UrgentModelPlacedThreshold <= 0 {
		opts.UrgentModelPlacedThreshold = min(0.5, opts.UrgentModelThreshold)
	}
	lx := defaultLexicon()
	if !opts.Rules.empty() {
		lx = newLexicon(opts.Rules)
	}
	return &Classifier{model: model, lx: lx, opts: opts}, nil
}

// Classify returns channel, department, urgency, reasons, the clarifying question (if
// any) and the guidance for the channel: everything the bot and the API show. It does
// no I/O.
func (c *Classifier) Classify(in Input) (Result, error) {
	p := c.lx.prepare(in.Text, in.Kind)
	if len(p.an.runes) == 0 {
		return Result{}, ErrEmptyText
	}
	res := Result{Truncated: p.truncated, ModelVersion: c.model.version}

	scores := c.model.allScores(p.feats)
	chProbs, chReasons, settled := c.channelProbs(p, scores[headChannel], in.Answers)
	best := argmax(chProbs)
	res.Channel = channelOrder[best]
	res.Confidence = round4(chProbs[best])
	res.ChannelProbs = make(map[Channel]float64, len(channelOrder))
	for i, ch := range channelOrder {
		res.ChannelProbs[ch] = round4(chProbs[i])
	}
	if !settled {
		res.Question = c.question(chProbs, p.dec, in.Answers)
	}

	depProbs, depReason := c.departmentProbs(p, scores[headDepartment], res.Channel)
	if depReason != "" {
		chReasons = append(chReasons, depReason)
	}
	res.Department = departments[argmax(depProbs)].Code
	res.DepartmentProbs = make(map[Department]float64, len(departments))
	for i, d := range departments {
		res.DepartmentProbs[d.Code] = round4(depProbs[i])
	}

	uf := c.lx.detectUrgency(p.an, p.dec)
	res.Urgent = uf.urgent
	res.UrgentCues = uf.cues
	if !uf.urgent && !uf.dismissed {
		up := softmax(scores[headUrgent])
		if up[1] >= c.opts.UrgentModelThreshold || up[1] >= c.opts.UrgentModelPlacedThreshold && uf.placedNow(p.an) {
			res.Urgent = true
			res.UrgentCues = []string{"模型判断：表述接近紧急事项，请人工确认"}
		}
	}
	if res.UrgentCues == nil {
		res.UrgentCues = []string{}
	}
	res.Reasons = append(chReasons, c.cueReasons(p.an)...)
	if p.truncated {
		res.Reasons = append(res.Reasons, "文本超过5000字，仅分析前5000字")
	}
	if g, ok := c.opts.Guidance[res.Channel]; ok {
		// A copy, slices included: a caller editing one result must not edit the next.
		g.LegalBasis = slices.Clone(g.LegalBasis)
		g.TimeLimits = slices.Clone(g.TimeLimits)
		res.Guidance = &g
	}
	return res, nil
}

func argmax(xs []float64) int {
	best := 0
	for i, v := range xs {
		if v > xs[best] {
			best = i
		}
	}
	return best
}

func round4(x float64) float64 { return float64(int64(x*10000+0.5)) / 10000 }

// cueReasons lists the textual cues behind the decision, most specific first, so staff
// can see why without reading the model. At most maxCueReasons are listed.
func (c *Classifier) cueReasons(a *analysis) []string {
	type cand struct {
		h    hit
		rank int
	}
	var list []cand
	for _, h := range a.hits {
		if rank := c.lx.cueRanks[h.cue]; rank >= 0 {
			list = append(list, cand{h, rank})
		}
	}
	slices.SortStableFunc(list, func(x, y cand) int { return x.rank - y.rank })
	var out []string
	for _, cd := range list {
		if len(out) == maxCueReasons {
			break
		}
		def := c.lx.cues.cues[cd.h.cue]
		txt := "关键词：" + a.cueText(cd.h) + "（" + def.label + "）"
		if cd.h.negated {
			txt = "否定：" + a.cueText(cd.h) + "（" + def.label + "，已排除）"
		}
		if !slices.Contains(out, txt) {
			out = append(out, txt)
		}
	}
	return out
}

const maxCueReasons = 8

// cueRank orders cue classes by how much they say about the channel; subject and
// generic petition cues are not listed (they would bury the decisive ones).
func cueRank(name string) int {
	switch {
	case strings.HasPrefix(name, "lit."):
		return 0
	case strings.HasPrefix(name, "rec.") && name != "rec.own_application":
		return 1
	case strings.HasPrefix(name, "med.") && name != "med.private_party" && name != "med.gov_party":
		return 2
	case name == "pet.report" || name == "pet.only_enforce" || name == "pet.wage_arrears" || name == "pet.gov_arrears":
		return 3
	case strings.HasPrefix(name, "org."):
		return 4
	}
	return -1
}
