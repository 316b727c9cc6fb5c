package cases

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Offices that handle cases but are not subject departments.
const (
	UnitReconsiderationOffice = "reconsideration_office" // 行政复议机构 (the justice bureau)
	UnitMediationCommittee    = "mediation_committee"    // 人民调解委员会
	UnitOversight             = "oversight"              // 督查室
	UnitCallCentre            = "call_centre"            // 回访中心
)

// Departments are the subject departments of the labelling guide
// (shared/classifier/LABELS.md), in its order.
var Departments = []string{
	"market", "environment", "housing", "urban", "hrss", "transport", "police", "education",
	"health", "natural_resources", "civil_affairs", "agriculture", "business_env", "gov_service", "judicial",
}

// Offices lists the office units every deployment has.
var Offices = []string{UnitReconsiderationOffice, UnitMediationCommittee, UnitOversight, UnitCallCentre}

// Unit is a handling unit: whom to notify and who answers for it.
type Unit struct {
	Code        string  `yaml:"-"`
	Name        string  `yaml:"name"`
	DutyOfficer Contact `yaml:"duty_officer"` // 值班负责人: urgent cases, at once
	Head        Contact `yaml:"head"`         // 单位负责人: overdue escalations
	Notify      Notify  `yaml:"notify"`
}

// Contact is a person reachable through the Official Account.
type Contact struct {
	Name   string `yaml:"name"`
	OpenID string `yaml:"openid"`
}

// Notify says how a unit's duty staff learn of new work.
type Notify struct {
	OpenIDs []string `yaml:"openids"`
	Webhook *Webhook `yaml:"webhook"`
}

// Webhook is a unit's own system, told of its cases over HTTPS with an
// HMAC-SHA256 signature; the secret comes from the environment variable
// named by SecretEnv, never from the file.
type Webhook struct {
	URL       string `yaml:"url"`
	SecretEnv string `yaml:"secret_env"`
}

// Units is configs/units.yaml: every handling unit, and what citizens are
// told when their matter belongs to the courts.
type Units struct {
	Units map[string]*Unit `yaml:"units"`
	// LitigationGuidance tells the citizen where to go when the matter is
	// transferred to the judicial channel (诉访分离).
	LitigationGuidance string `yaml:"litigation_guidance"`
}

var envName = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// ParseUnits parses and checks a units file: the 15 departments and the
// four offices must all be there, each with a name; webhooks must be HTTPS
// with a secret.
func ParseUnits(b []byte) (*Units, error) {
	var u Units
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&u); err != nil {
		return nil, fmt.Errorf("units: %w", err)
	}
	for _, code := range append(slices.Clone(Departments), Offices...) {
		if u.Units[code] == nil {
			return nil, fmt.Errorf("units: unit %q is missing", code)
		}
	}
	for code, unit := range u.Units {
		if unit == nil || strings.TrimSpace(unit.Name) == "" {
			return nil, fmt.Errorf("units: %s: name is required", code)
		}
		unit.Code = code
		if w := unit.Notify.Webhook; w != nil {
			p, err := url.Parse(w.URL)
			if err != nil || p.Scheme != "https" || p.Host == "" {
				return nil, fmt.Errorf("units: %s: webhook url must be https://…", code)
			}
			if !envName.MatchString(w.SecretEnv) {
				return nil, fmt.Errorf("units: %s: webhook secret_env must name an environment variable", code)
			}
		}
	}
	if strings.TrimSpace(u.LitigationGuidance) == "" {
		return nil, errors.New("units: litigation_guidance is required")
	}
	return &u, nil
}

// Unit returns the unit with that code, or nil.
func (u *Units) Unit(code string) *Unit { return u.Units[code] }

// Name returns the unit's name, or the code when it is unknown.
func (u *Units) Name(code string) string {
	if x := u.Units[code]; x != nil {
		return x.Name
	}
	return code
}

// Decision is where routing sends a case.
type Decision struct {
	Transfer   bool   // litigation: out of the petition system
	Unit       string // the handling unit otherwise
	Respondent string // reconsideration: the department whose act is contested
	Reason     string // for the timeline, in Chinese
}

// organCue marks a text that names a public body: a mediation dispute that
// involves one goes to that department's own mediation, not to the
// people's mediation committee.
var organCue = regexp.MustCompile(`政府|局|管委会|街道办|办事处|城管|执法|派出所|公安|交警|民警|警察|部门|机关|行政|税务|法院`)

// privateDomains are subject departments whose mediation disputes are, absent
// any public body in the text, disputes between private persons: neighbours
// and family (civil_affairs, police), tenants, landlords and property
// companies (housing), street-level nuisances between residents (urban).
// Labour, consumer, medical, traffic, land and school disputes have their
// department's own statutory mediation and stay with the department.
var privateDomains = []string{"civil_affairs", "housing", "police", "urban"}

// Decide routes a new case by its channel and subject department:
// litigation is transferred; reconsideration goes to the reconsideration
// office with the contested department recorded as respondent; mediation
// goes to the competent department's mediation, or to the people's
// mediation committee when the dispute is purely between private persons;
// a petition goes to the competent department. Anything the units file does
// not know goes to oversight to route by hand.
func (u *Units) Decide(c *Case) Decision {
	dept := c.Department
	known := dept != "" && u.Units[dept] != nil && slices.Contains(Departments, dept)
	switch c.Channel() {
	case ChannelLitigation:
		return Decision{Transfer: true, Reason: "属于诉讼途径，依法导入诉讼程序（诉访分离）"}
	case ChannelReconsideration:
		return Decision{Unit: UnitReconsiderationOffice, Respondent: dept, Reason: "行政复议：由复议机构办理，被申请人为" + u.Name(dept)}
	case ChannelMediation:
		if privateDispute(c) || !known || dept == "judicial" {
			return Decision{Unit: UnitMediationCommittee, Reason: "民间纠纷：由人民调解委员会调解"}
		}
		return Decision{Unit: dept, Reason: "由" + u.Name(dept) + "依职责调解"}
	}
	if !known || dept == "judicial" {
		return Decision{Unit: UnitOversight, Reason: "主管部门不明，由督查室分派"}
	}
	return Decision{Unit: dept, Reason: "交" + u.Name(dept) + "办理"}
}

// privateDispute reports whether a mediation case is purely between private
// persons (see privateDomains): not a business report, in a private domain,
// and no public body named in the text.
func privateDispute(c *Case) bool {
	return c.Kind != KindBusiness && slices.Contains(privateDomains, c.Department) && !organCue.MatchString(c.Text)
}

// checkHandler refuses a handling unit that may not handle the case: for a
// reconsideration, the respondent never handles the challenge to its own act.
func checkHandler(c *Case, unit string) error {
	if c.Channel() == ChannelReconsideration && c.Department != "" && unit == c.Department {
		return invalid("unit", "被申请人不得办理针对其自身行为的行政复议")
	}
	return nil
}

// Route is the dispatcher's step for a case waiting to be routed: a new
// case is routed by Decide; a case reopened after an unsatisfied follow-up
// goes back to the unit that handled it. A case in any other status (already
// routed, or returned and waiting for oversight) is left alone, so a
// dispatch task delivered twice changes nothing; routed reports whether
// this call moved the case.
func (s *Service) Route(ctx context.Context, id string, units *Units) (c *Case, routed bool, err error) {
	c, err = s.store.CaseByID(ctx, id)
	if err != nil {
		return nil, false, fmt.Errorf("route case %s: %w", id, err)
	}
	var next *Case
	switch c.Status {
	case StatusSubmitted:
		d := units.Decide(c)
		if d.Transfer {
			next, err = s.Transfer(ctx, id, System, units.LitigationGuidance)
		} else {
			next, err = s.Dispatch(ctx, id, d.Unit, System, d.Reason)
		}
	case StatusReopened:
		unit, reason := c.Unit, "回访不满意，退回原承办单位重新办理"
		if unit == "" || unit == UnitOversight || checkHandler(c, unit) != nil {
			d := units.Decide(c)
			unit, reason = d.Unit, d.Reason
		}
		next, err = s.Dispatch(ctx, id, unit, System, reason)
	default:
		return c, false, nil
	}
	if errors.Is(err, ErrInvalidTransition) {
		// Someone moved the case meanwhile (staff dispatched it by hand).
		c, err = s.store.CaseByID(ctx, id)
		return c, false, err
	}
	if err != nil {
		return nil, false, err
	}
	return next, true, nil
}
