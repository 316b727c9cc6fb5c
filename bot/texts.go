package bot

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// TextsFile is the city's editable file of bot replies (configs/bot.yaml).
const TextsFile = "bot.yaml"

// Texts are every reply the bot gives, loaded from bot.yaml. Placeholders
// in braces ({no}, {text}) are filled by render.
type Texts struct {
	Welcome      string            `yaml:"welcome"`
	Help         string            `yaml:"help"`
	IntakeFooter string            `yaml:"intake_footer"`
	Menu         map[string]string `yaml:"menu"`
	Commands     Commands          `yaml:"commands"`
	Kinds        map[string]string `yaml:"kinds"`
	Channels     map[string]string `yaml:"channels"`

	AskDescription   map[string]string `yaml:"ask_description"`
	StartedFromText  string            `yaml:"started_from_text"`
	NeedMoreText     string            `yaml:"need_more_text"`
	Clarify          string            `yaml:"clarify"`
	ClarifyAgain     string            `yaml:"clarify_again"`
	AskMedia         string            `yaml:"ask_media"`
	ImageReceived    string            `yaml:"image_received"`
	TooManyImages    string            `yaml:"too_many_images"`
	LocationReceived string            `yaml:"location_received"`
	TextAdded        string            `yaml:"text_added"`
	MediaNeedText    string            `yaml:"media_first_need_text"`

	AskCompanyName   string `yaml:"ask_company_name"`
	AskCreditCode    string `yaml:"ask_credit_code"`
	CreditCodeLength string `yaml:"credit_code_length"`
	CreditCodeChars  string `yaml:"credit_code_chars"`
	CreditCodeCheck  string `yaml:"credit_code_check"`
	AskConfidential  string `yaml:"ask_confidential"`

	Summary             string `yaml:"summary"`
	SummaryPhotos       string `yaml:"summary_photos"`
	SummaryLocation     string `yaml:"summary_location"`
	SummaryVoice        string `yaml:"summary_voice"`
	SummaryCompany      string `yaml:"summary_company"`
	SummaryConfidential string `yaml:"summary_confidential"`
	ConfidentialYes     string `yaml:"confidential_yes"`
	ConfidentialNo      string `yaml:"confidential_no"`
	GuidanceExplanation string `yaml:"guidance_explanation"`
	GuidanceLimits      string `yaml:"guidance_limits"`
	GuidanceLimit       string `yaml:"guidance_limit"`
	ConfirmAgain        string `yaml:"confirm_again"`

	Submitted         string `yaml:"submitted"`
	SubmittedDeadline string `yaml:"submitted_deadline"`
	SubmitInvalid     string `yaml:"submit_invalid"`
	SubmitFailed      string `yaml:"submit_failed"`

	Cancelled            string `yaml:"cancelled"`
	NothingToCancel      string `yaml:"nothing_to_cancel"`
	CancelledAfterUrgent string `yaml:"cancelled_after_urgent"`
	DraftPending         string `yaml:"draft_pending"`
	DraftExpired         string `yaml:"draft_expired"`

	VoiceReadBack       string `yaml:"voice_read_back"`
	VoiceRetry          string `yaml:"voice_retry"`
	VoiceUnclear        string `yaml:"voice_unclear"`
	VoiceUnrecognized   string `yaml:"voice_unrecognized"`
	VoiceSubmitted      string `yaml:"voice_submitted"`
	VoiceOnlyDepartment string `yaml:"voice_only_department"`
	VoiceOnlyText       string `yaml:"voice_only_text"`

	Urgent               string            `yaml:"urgent"`
	UrgentContinue       string            `yaml:"urgent_continue"`
	UrgentFailed         string            `yaml:"urgent_failed"`
	UrgentAdded          string            `yaml:"urgent_added"`
	UrgentDone           string            `yaml:"urgent_done"`
	UrgentCallbackReason string            `yaml:"urgent_callback_reason"`
	EmergencyNumber      string            `yaml:"emergency_number"`
	EmergencyNumbers     map[string]string `yaml:"emergency_numbers"`
	EmergencyRules       []EmergencyRule   `yaml:"emergency_rules"`
	EmergencyFallback    []string          `yaml:"emergency_fallback"`

	QueryResult       string `yaml:"query_result"`
	QueryUnit         string `yaml:"query_unit"`
	QueryDeadline     string `yaml:"query_deadline"`
	QueryDeadlineMet  string `yaml:"query_deadline_met"`
	QueryTimelineItem string `yaml:"query_timeline_item"`
	QueryNotFound     string `yaml:"query_not_found"`
	QueryChecksum     string `yaml:"query_checksum"`
	QueryFormat       string `yaml:"query_format"`
	QueryHow          string `yaml:"query_how"`

	Mine      string `yaml:"mine"`
	MineItem  string `yaml:"mine_item"`
	MineEmpty string `yaml:"mine_empty"`

	WithdrawAsk        string `yaml:"withdraw_ask"`
	WithdrawDone       string `yaml:"withdraw_done"`
	WithdrawKept       string `yaml:"withdraw_kept"`
	WithdrawNotAllowed string `yaml:"withdraw_not_allowed"`
	WithdrawHow        string `yaml:"withdraw_how"`
	WithdrawReason     string `yaml:"withdraw_reason"`

	FollowUpRecorded  string `yaml:"followup_recorded"`
	FollowUpReopened  string `yaml:"followup_reopened"`
	FollowUpAskReason string `yaml:"followup_ask_reason"`
	FollowUpAlready   string `yaml:"followup_already"`

	HumanCreated     string `yaml:"human_created"`
	HumanAskPhone    string `yaml:"human_ask_phone"`
	HumanPhoneSaved  string `yaml:"human_phone_saved"`
	HumanReason      string `yaml:"human_reason"`
	HumanReasonDraft string `yaml:"human_reason_draft"`

	Busy            string `yaml:"busy"`
	Holding         string `yaml:"holding"`
	NotOursLocation string `yaml:"not_ours_location"`
	LocationInvalid string `yaml:"location_invalid"`
	Unsupported     string `yaml:"unsupported"`

	DeadlineKinds map[string]string `yaml:"deadline_kinds"`
	Actions       map[string]string `yaml:"actions"`
}

// Commands are the words a person may reply with, matched after
// normalization (see normalize).
type Commands struct {
	Complaint      []string `yaml:"complaint"`
	Petition       []string `yaml:"petition"`
	Business       []string `yaml:"business"`
	Status         []string `yaml:"status"`
	Mine           []string `yaml:"mine"`
	Cancel         []string `yaml:"cancel"`
	Human          []string `yaml:"human"`
	Help           []string `yaml:"help"`
	Confirm        []string `yaml:"confirm"`
	Done           []string `yaml:"done"`
	Yes            []string `yaml:"yes"`
	No             []string `yaml:"no"`
	Satisfied      []string `yaml:"satisfied"`
	BasicSatisfied []string `yaml:"basically_satisfied"`
	Unsatisfied    []string `yaml:"unsatisfied"`
	QueryPrefix    []string `yaml:"query_prefix"`
	WithdrawPrefix []string `yaml:"withdraw_prefix"`
}

// EmergencyRule picks emergency numbers for an urgent cue. The classifier
// writes a cue as "<category>：<words>"; Label is matched against the
// category, Words against the words (both must match when both are set).
type EmergencyRule struct {
	Label   string   `yaml:"label"`
	Words   []string `yaml:"words"`
	Numbers []string `yaml:"numbers"`
}

// LoadTexts reads bot.yaml from files (configs.Files: the operator's copy
// wins over the embedded default) and checks that nothing is missing.
func LoadTexts(files fs.FS) (*Texts, error) {
	b, err := fs.ReadFile(files, TextsFile)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", TextsFile, err)
	}
	return ParseTexts(b)
}

// ParseTexts parses and checks the YAML of bot.yaml.
func ParseTexts(b []byte) (*Texts, error) {
	var t Texts
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("%s: %w", TextsFile, err)
	}
	if err := t.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", TextsFile, err)
	}
	return &t, nil
}

// check refuses a file with an empty text or command list: a missing reply
// would reach a citizen as an empty message.
func (t *Texts) check() error {
	var missing []string
	v := reflect.ValueOf(t).Elem()
	for i := 0; i < v.NumField(); i++ {
		f, tag := v.Field(i), v.Type().Field(i).Tag.Get("yaml")
		if f.Kind() == reflect.String && strings.TrimSpace(f.String()) == "" {
			missing = append(missing, tag)
		}
	}
	cv := reflect.ValueOf(t.Commands)
	for i := 0; i < cv.NumField(); i++ {
		if cv.Field(i).Len() == 0 {
			missing = append(missing, "commands."+cv.Type().Field(i).Tag.Get("yaml"))
		}
	}
	for _, k := range []string{"complaint", "petition", "business"} {
		if t.Kinds[k] == "" {
			missing = append(missing, "kinds."+k)
		}
		if t.AskDescription[k] == "" {
			missing = append(missing, "ask_description."+k)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing texts: %s", strings.Join(missing, ", "))
	}
	for key, action := range t.Menu {
		switch action {
		case "complaint", "petition", "business", "status":
		default:
			return fmt.Errorf("menu %s: unknown action %q (want complaint, petition, business or status)", key, action)
		}
	}
	for _, r := range t.EmergencyRules {
		if (r.Label == "" && len(r.Words) == 0) || len(r.Numbers) == 0 {
			return errors.New("emergency_rules: each rule needs a label or words, and numbers")
		}
	}
	return nil
}

// render fills {name} placeholders from pairs (name, value, name, value…).
func render(tmpl string, pairs ...string) string {
	if len(pairs) == 0 {
		return tmpl
	}
	args := make([]string, len(pairs))
	for i := 0; i < len(pairs); i += 2 {
		args[i] = "{" + pairs[i] + "}"
		args[i+1] = pairs[i+1]
	}
	return strings.NewReplacer(args...).Replace(tmpl)
}
