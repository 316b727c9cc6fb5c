// Package cases is petitiond's domain: a case (a complaint, a petition or a
// business-environment report), its lifecycle as one transition table, its
// legal deadlines and the Service every transport and job calls. It knows no
// HTTP and no Redis; it reaches storage through the Store interface that the
// store package implements.
package cases

import (
	"time"

	"petitiond/calendar"
)

// Kind is what the person said they are filing.
type Kind string

// Kinds.
const (
	KindComplaint Kind = "complaint"
	KindPetition  Kind = "petition"
	KindBusiness  Kind = "business"
)

// Kinds lists every kind, in display order.
var Kinds = []Kind{KindComplaint, KindPetition, KindBusiness}

// Channel is the legal channel that can resolve the matter.
type Channel string

// Channels.
const (
	ChannelLitigation      Channel = "litigation"      // 诉讼: leaves the petition system (诉访分离)
	ChannelReconsideration Channel = "reconsideration" // 行政复议
	ChannelMediation       Channel = "mediation"       // 调解
	ChannelPetition        Channel = "petition"        // 普通信访
)

// Channels lists every channel in the order of the labelling guide's rules.
var Channels = []Channel{ChannelLitigation, ChannelReconsideration, ChannelMediation, ChannelPetition}

// Source is the way the case reached us.
type Source string

// Sources.
const (
	SourceBot         Source = "bot"
	SourceMiniProgram Source = "miniprogram"
	SourceAPI         Source = "api"
)

// Procedure distinguishes the simplified reconsideration procedure
// (行政复议法 第五十三条) from the ordinary one.
type Procedure string

// Procedures.
const (
	ProcedureOrdinary   Procedure = ""
	ProcedureSimplified Procedure = "simplified"
)

// Case is one item filed by a citizen or a company.
type Case struct {
	ID         string
	TrackingNo string
	Kind       Kind
	Text       string
	Source     Source

	Classification Classification
	// Department is the subject department (the classifier's label, or as
	// corrected by staff). For reconsideration it is the respondent, which
	// must never handle the challenge to its own act.
	Department string
	// Unit is the handling unit that works the case; empty until dispatched.
	Unit      string
	Urgent    bool
	Procedure Procedure
	Status    Status

	Submitter Submitter
	Company   Company
	Location  *Location
	// Attachments are references (upload ids, WeChat MediaIds), never bytes.
	Attachments []Attachment

	// Confidential: the reporter's identity is never shown to the handling
	// department (信访工作条例 第三十条).
	Confidential bool
	Anonymous    bool

	CreatedAt time.Time
	UpdatedAt time.Time
	// ReceivedAt is when the current handling unit received the case: the
	// legal periods count from it (信访工作条例 counts from receipt).
	ReceivedAt time.Time

	Deadlines []Deadline
	// NextDueAt is the end of the earliest open deadline, nil when none.
	NextDueAt *time.Time
	// Extension is the pending or last extension request.
	Extension *Extension
	// Evaluation is the citizen's answer to the follow-up of the current
	// round of handling; a reopening clears it for the next round.
	Evaluation *Evaluation
	// Version increases with every change; stores use it to detect lost updates.
	Version int
}

// Channel returns the classified channel.
func (c *Case) Channel() Channel { return c.Classification.Channel }

// Classification is what the classifier (or staff) decided, with its reasons.
type Classification struct {
	Channel      Channel  `json:"channel"`
	Department   string   `json:"department"`
	Urgent       bool     `json:"urgent"`
	UrgentCues   []string `json:"urgent_cues,omitempty"`
	Confidence   float64  `json:"confidence"`
	Reasons      []string `json:"reasons,omitempty"`
	ModelVersion string   `json:"model_version,omitempty"`
}

// Submitter is the person who filed. Name, Phone, IDNumber and Address are
// personal data: stored encrypted, masked by default, never logged.
type Submitter struct {
	OpenID   string
	UnionID  string
	Name     string
	Phone    string
	IDNumber string
	Address  string
}

// Company is filled for business reports.
type Company struct {
	Name            string
	CreditCode      string // 统一社会信用代码, validated
	BarrierCategory string
}

// Location is where the matter happened.
type Location struct {
	Lat     float64 `json:"lat"`
	Lng     float64 `json:"lng"`
	Address string  `json:"address,omitempty"`
}

// Attachment is a reference to a stored file or a WeChat media item.
type Attachment struct {
	Kind string `json:"kind"` // image, voice
	Ref  string `json:"ref"`  // upload id or WeChat MediaId
	Note string `json:"note,omitempty"`
	// Origin is OriginWeChat for a WeChat MediaId, empty for an upload.
	Origin string `json:"origin,omitempty"`
}

// Deadline is one legal period of the case, with the law that sets it.
type Deadline struct {
	Kind        string        `json:"kind"` // acceptance, handling, decision, transfer
	Start       calendar.Date `json:"start"`
	Due         calendar.Date `json:"due"`
	DueAt       time.Time     `json:"due_at"` // end of Due in the deployment's zone
	Days        int           `json:"days"`
	Working     bool          `json:"working"`
	Basis       string        `json:"basis"`
	Provisional bool          `json:"provisional,omitempty"`
	Extended    int           `json:"extended,omitempty"` // days granted on top
	MaxExtend   int           `json:"max_extend,omitempty"`
	MetBy       []Action      `json:"met_by"`
	// FromAcceptance: the period runs from the day the unit accepted the
	// case (自受理之日起); before acceptance it is counted from receipt.
	FromAcceptance bool       `json:"from_acceptance,omitempty"`
	MetAt          *time.Time `json:"met_at,omitempty"`
}

// Open reports whether the deadline still waits for its milestone.
func (d Deadline) Open() bool { return d.MetAt == nil }

// Extension is a department's request for more time and oversight's answer.
type Extension struct {
	Deadline    string     `json:"deadline"`
	Days        int        `json:"days"`
	Reason      string     `json:"reason"`
	RequestedBy string     `json:"requested_by"`
	RequestedAt time.Time  `json:"requested_at"`
	Decision    string     `json:"decision,omitempty"` // granted, refused
	DecidedBy   string     `json:"decided_by,omitempty"`
	DecidedAt   *time.Time `json:"decided_at,omitempty"`
}

// Ratings, the same three answers everywhere (bot, mini-program, call).
const (
	RatingSatisfied      = "满意"
	RatingBasicSatisfied = "基本满意"
	RatingUnsatisfied    = "不满意"
)

// Evaluation is a follow-up answer.
type Evaluation struct {
	Rating  string    `json:"rating"`
	Comment string    `json:"comment,omitempty"`
	Via     string    `json:"via"` // bot, miniprogram, call
	At      time.Time `json:"at"`
}

// Open reports whether the case still needs work from the system's side.
func (c *Case) Open() bool { return !c.Status.Terminal() }
