package jobs

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"

	"petitiond/cases"
)

// Citizen notification events (notify:citizen) and the survey.
var citizenEvents = []string{"accepted", "replied", "closed", "rejected", "transferred", cases.StepSurvey}

var staffEvents = []string{
	cases.NoticeDispatched, cases.NoticeUrgent, cases.NoticeWarning, cases.NoticeOverdue, cases.NoticeReminder,
	cases.NoticeUnaccepted, cases.NoticeReturned, cases.NoticeExtensionRequested, cases.NoticeExtensionDecided, cases.NoticeUnsatisfied,
}

// Templates are the messages of configs/notify.yaml, parsed.
type Templates struct {
	page    *template.Template
	citizen map[string]*CitizenTemplate
	staff   staffTemplates
}

// CitizenTemplate is one citizen event's message in each form.
type CitizenTemplate struct {
	OATemplateID string
	MPTemplateID string
	data         map[string]*template.Template
	text         *template.Template
}

type staffTemplates struct {
	templateID string
	url        string
	data       map[string]*template.Template
	texts      map[string]*template.Template
}

// View is what a message template may show: nothing personal.
type View struct {
	CaseID, TrackingNo  string
	Event               string
	Status, StatusLabel string
	Unit                string // the handling unit's name
	Time, Due           string
	Guidance            string
	Deadline, Decision  string
	Channel             string
	Count               int
	Urgent              bool
	Text                string // staff template messages: the rendered text
}

type notifyFile struct {
	Citizen struct {
		Page   string `yaml:"page"`
		Events map[string]struct {
			OATemplateID string            `yaml:"oa_template_id"`
			MPTemplateID string            `yaml:"mp_template_id"`
			Data         map[string]string `yaml:"data"`
			Text         string            `yaml:"text"`
		} `yaml:"events"`
	} `yaml:"citizen"`
	Staff struct {
		TemplateID string            `yaml:"template_id"`
		URL        string            `yaml:"url"`
		Data       map[string]string `yaml:"data"`
		Texts      map[string]string `yaml:"texts"`
	} `yaml:"staff"`
}

// ParseTemplates parses and checks notify.yaml: every event has a text and
// every template renders.
func ParseTemplates(b []byte) (*Templates, error) {
	var f notifyFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	t := &Templates{citizen: map[string]*CitizenTemplate{}}
	var err error
	if t.page, err = parse("citizen.page", f.Citizen.Page); err != nil {
		return nil, err
	}
	for _, ev := range citizenEvents {
		e, ok := f.Citizen.Events[ev]
		if !ok || strings.TrimSpace(e.Text) == "" {
			return nil, fmt.Errorf("notify: citizen.events.%s.text is required", ev)
		}
		ct := &CitizenTemplate{OATemplateID: e.OATemplateID, MPTemplateID: e.MPTemplateID}
		if ct.text, err = parse("citizen."+ev+".text", e.Text); err != nil {
			return nil, err
		}
		if ct.data, err = parseMap("citizen."+ev+".data", e.Data); err != nil {
			return nil, err
		}
		t.citizen[ev] = ct
	}
	for ev := range f.Citizen.Events {
		if !slices.Contains(citizenEvents, ev) {
			return nil, fmt.Errorf("notify: citizen.events.%s: unknown event", ev)
		}
	}
	t.staff = staffTemplates{templateID: f.Staff.TemplateID, url: f.Staff.URL, texts: map[string]*template.Template{}}
	if t.staff.data, err = parseMap("staff.data", f.Staff.Data); err != nil {
		return nil, err
	}
	for _, ev := range staffEvents {
		if strings.TrimSpace(f.Staff.Texts[ev]) == "" {
			return nil, fmt.Errorf("notify: staff.texts.%s is required", ev)
		}
		if t.staff.texts[ev], err = parse("staff.texts."+ev, f.Staff.Texts[ev]); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func parse(name, text string) (*template.Template, error) {
	tp, err := template.New(name).Option("missingkey=error").Parse(text)
	if err != nil {
		return nil, fmt.Errorf("notify: %s: %w", name, err)
	}
	if _, err := render(tp, sampleView); err != nil {
		return nil, fmt.Errorf("notify: %s: %w", name, err)
	}
	return tp, nil
}

func parseMap(name string, m map[string]string) (map[string]*template.Template, error) {
	out := make(map[string]*template.Template, len(m))
	for k, v := range m {
		tp, err := parse(name+"."+k, v)
		if err != nil {
			return nil, err
		}
		out[k] = tp
	}
	return out, nil
}

var sampleView = View{CaseID: "c", TrackingNo: "NY2611020000012", Event: "accepted", Unit: "城市管理局", Time: "2026-11-02 10:00", Due: "2026-11-17", Count: 1, Decision: "granted"}

func render(tp *template.Template, v View) (string, error) {
	var b strings.Builder
	if err := tp.Execute(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

func renderMap(m map[string]*template.Template, v View) (map[string]string, error) {
	out := make(map[string]string, len(m))
	for k, tp := range m {
		s, err := render(tp, v)
		if err != nil {
			return nil, err
		}
		out[k] = fitValue(k, s)
	}
	return out, nil
}

// fitValue cuts a template value to WeChat's limit for its key type.
func fitValue(key, v string) string {
	limit := 0
	switch {
	case strings.HasPrefix(key, "thing"):
		limit = 20
	case strings.HasPrefix(key, "phrase"):
		limit = 5
	case strings.HasPrefix(key, "character_string"):
		limit = 32
	}
	if r := []rune(v); limit > 0 && len(r) > limit {
		return string(r[:limit])
	}
	return v
}

// view describes a case for a message.
func view(c *cases.Case, units *cases.Units, now time.Time, loc *time.Location) View {
	v := View{CaseID: c.ID, TrackingNo: c.TrackingNo, Status: string(c.Status), StatusLabel: c.Status.Label(),
		Unit: units.Name(c.Unit), Time: now.In(loc).Format("2006-01-02 15:04"), Guidance: units.LitigationGuidance,
		Channel: channelLabel(c.Channel()), Urgent: c.Urgent}
	if c.Unit == "" {
		v.Unit = units.Name(cases.UnitOversight)
	}
	for _, d := range c.Deadlines {
		if d.MetAt == nil && (v.Due == "" || d.Due.String() < v.Due) {
			v.Due = d.Due.String()
		}
	}
	return v
}

func channelLabel(ch cases.Channel) string {
	switch ch {
	case cases.ChannelLitigation:
		return "诉讼"
	case cases.ChannelReconsideration:
		return "行政复议"
	case cases.ChannelMediation:
		return "调解"
	}
	return "信访"
}
