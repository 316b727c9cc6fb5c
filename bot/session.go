package bot

import (
	"petitiond/cases"
	"petitiond/classifier"
)

// Steps of the intake. An empty step is a person with no draft.
const (
	stepDescribe     = "describe"
	stepClarify      = "clarify"
	stepMedia        = "media"
	stepCompanyName  = "company_name"
	stepCreditCode   = "credit_code"
	stepConfidential = "confidential"
	stepConfirm      = "confirm"
	// stepUrgentMore follows an urgent case stored at once: whatever the
	// person still sends is added to that case.
	stepUrgentMore = "urgent_more"
)

// Pending questions that interrupt the intake and are answered by the
// next message, whatever the step.
const (
	pendingVoice    = "voice"    // 您说的是……，对吗？
	pendingWithdraw = "withdraw" // 确定要撤回吗？
	pendingReason   = "reason"   // why not satisfied
	pendingPhone    = "phone"    // phone number for a callback
)

// maxClarifications bounds the questions asked about one draft.
const maxClarifications = 3

// Session is one person's conversation state, kept in Redis and dropped
// after SessionIdle without a message. Losing it loses a draft, never a
// case: cases are stored in the database before they are acknowledged.
type Session struct {
	Step    string            `json:"step,omitempty"`
	Kind    cases.Kind        `json:"kind,omitempty"`
	Text    string            `json:"text,omitempty"`
	Answers map[string]string `json:"answers,omitempty"`
	// Asked counts clarifying questions; Question is the one awaiting an answer.
	Asked    int                  `json:"asked,omitempty"`
	Question *classifier.Question `json:"question,omitempty"`

	Location     *cases.Location    `json:"location,omitempty"`
	Attachments  []cases.Attachment `json:"attachments,omitempty"`
	Company      cases.Company      `json:"company,omitempty"`
	Confidential *bool              `json:"confidential,omitempty"`

	// Result is the classification shown in the summary: the one the
	// person confirms is the one stored.
	Result *cases.Classification `json:"result,omitempty"`

	// UrgentCase is the case stored at once for an urgent draft.
	UrgentCase string `json:"urgent_case,omitempty"`
	UrgentNo   string `json:"urgent_no,omitempty"`

	Pending *Pending `json:"pending,omitempty"`
}

// Pending is a yes/no or short answer the bot is waiting for.
type Pending struct {
	Kind       string `json:"kind"`
	Text       string `json:"text,omitempty"`     // recognized speech
	MediaID    string `json:"media_id,omitempty"` // the voice behind it
	CaseID     string `json:"case_id,omitempty"`
	TrackingNo string `json:"tracking_no,omitempty"`
	TaskID     string `json:"task_id,omitempty"`
	// Prev is the question a voice read-back interrupted: it is asked
	// again once the voice is confirmed.
	Prev *Pending `json:"prev,omitempty"`
}

// empty reports whether there is nothing worth keeping.
func (s *Session) empty() bool { return s.Step == "" && s.Pending == nil }

// drafting reports whether an intake is under way.
func (s *Session) drafting() bool { return s.Step != "" }

// reset drops the draft (not a pending question).
func (s *Session) reset() {
	p := s.Pending
	*s = Session{Pending: p}
}

func (s *Session) count(kind string) int {
	n := 0
	for _, a := range s.Attachments {
		if a.Kind == kind {
			n++
		}
	}
	return n
}

// voiceOnly reports whether the draft has a voice message but no words.
func (s *Session) voiceOnly() bool { return s.Text == "" && s.count("voice") > 0 }
