package cases_test

import (
	"context"
	"strings"
	"testing"

	"petitiond/cases"
	"petitiond/store/storetest"
)

func loadUnits(t *testing.T) *cases.Units {
	t.Helper()
	b, err := fsRead("units.yaml")
	if err != nil {
		t.Fatal(err)
	}
	u, err := cases.ParseUnits(b)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestDecide(t *testing.T) {
	units := loadUnits(t)
	for _, tc := range []struct {
		name       string
		kind       cases.Kind
		channel    cases.Channel
		dept, text string
		unit       string
		transfer   bool
	}{
		{"court", cases.KindComplaint, cases.ChannelLitigation, "judicial", "法院判决不执行", "", true},
		{"penalty", cases.KindComplaint, cases.ChannelReconsideration, "market", "对罚款不服", cases.UnitReconsiderationOffice, false},
		{"business penalty", cases.KindBusiness, cases.ChannelReconsideration, "environment", "责令停产不服", cases.UnitReconsiderationOffice, false},
		{"neighbours", cases.KindComplaint, cases.ChannelMediation, "civil_affairs", "邻居占了我家的楼道要他赔偿", cases.UnitMediationCommittee, false},
		{"deposit", cases.KindComplaint, cases.ChannelMediation, "housing", "房东不退押金", cases.UnitMediationCommittee, false},
		{"traffic police", cases.KindComplaint, cases.ChannelMediation, "police", "交通事故交警调解后对方不赔偿", "police", false},
		{"street office", cases.KindComplaint, cases.ChannelMediation, "housing", "街道办协调的物业费纠纷", "housing", false},
		{"dismissal", cases.KindComplaint, cases.ChannelMediation, "hrss", "公司辞退我不给补偿", "hrss", false},
		{"medical", cases.KindComplaint, cases.ChannelMediation, "health", "手术失误要求赔偿", "health", false},
		{"unknown dept", cases.KindComplaint, cases.ChannelMediation, "", "要求赔偿", cases.UnitMediationCommittee, false},
		{"petition", cases.KindComplaint, cases.ChannelPetition, "urban", "路灯不亮", "urban", false},
		{"no department", cases.KindComplaint, cases.ChannelPetition, "", "其他", cases.UnitOversight, false},
		{"judicial outside litigation", cases.KindComplaint, cases.ChannelPetition, "judicial", "其他", cases.UnitOversight, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &cases.Case{Kind: tc.kind, Text: tc.text, Department: tc.dept, Classification: cases.Classification{Channel: tc.channel, Department: tc.dept}}
			d := units.Decide(c)
			if d.Transfer != tc.transfer || d.Unit != tc.unit || d.Reason == "" {
				t.Errorf("Decide = %+v, want unit %q transfer %v", d, tc.unit, tc.transfer)
			}
			if tc.channel == cases.ChannelReconsideration && (d.Respondent != tc.dept || d.Unit == tc.dept) {
				t.Errorf("respondent %q handles it: %+v", tc.dept, d)
			}
		})
	}
}

func TestParseUnitsRejectsBadFiles(t *testing.T) {
	good, _ := fsRead("units.yaml")
	for name, edit := range map[string]func(string) string{
		"missing office": func(s string) string { return strings.Replace(s, "  oversight:\n    name: 督查室\n", "", 1) },
		"missing dept": func(s string) string {
			return strings.Replace(s, "  hrss:\n    name: 人力资源和社会保障局\n", "", 1)
		},
		"plain http": func(s string) string {
			return s + "  extra:\n    name: x\n    notify: {webhook: {url: \"http://x\", secret_env: X}}\n"
		},
		"no secret env": func(s string) string {
			return s + "  extra:\n    name: x\n    notify: {webhook: {url: \"https://x\"}}\n"
		},
		"unknown key": func(s string) string { return s + "  extra:\n    name: x\n    phone: 123\n" },
		"no name":     func(s string) string { return s + "  extra:\n    name: \"\"\n" },
		"without guidance": func(s string) string {
			return strings.Replace(s, "litigation_guidance:", "litigation_guidance: \"\"\nx_old:", 1)
		},
	} {
		if _, err := cases.ParseUnits([]byte(edit(string(good)))); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// A court matter leaves the petition system with the citizen told where to
// go; a reconsideration goes to the reconsideration office; a dispatch task
// delivered twice routes once.
func TestRoute(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	h := newHarness(t, st, at("2026-11-02 10:00"))
	units := loadUnits(t)
	court, _, _ := h.svc.Submit(ctx, request("法院判决了对方不执行"))
	got, moved, err := h.svc.Route(ctx, court.ID, units)
	if err != nil || !moved || got.Status != cases.StatusTransferred {
		t.Fatalf("litigation: %v %v %v", got, moved, err)
	}
	if n := count(t, st, `SELECT COUNT(*) FROM outbox WHERE case_id = $1 AND topic = 'notify:citizen' AND payload LIKE '%transferred%'`, court.ID); n != 1 {
		t.Errorf("citizen not told of the transfer")
	}
	ev := events(t, h, court.ID, string(cases.ActionTransfer))
	if len(ev) != 1 || !strings.Contains(ev[0].Note, "人民法院") {
		t.Errorf("transfer note %+v", ev)
	}

	rec, _, _ := h.svc.Submit(ctx, request("对罚款决定不服申请复议"))
	got, moved, err = h.svc.Route(ctx, rec.ID, units)
	if err != nil || !moved || got.Unit != cases.UnitReconsiderationOffice || got.Department != "market" {
		t.Fatalf("reconsideration: %+v %v", got, err)
	}
	if _, moved, err := h.svc.Route(ctx, rec.ID, units); moved || err != nil {
		t.Errorf("second routing moved the case: %v", err)
	}
	if n := len(events(t, h, rec.ID, string(cases.ActionDispatch))); n != 1 {
		t.Errorf("%d dispatch events", n)
	}
}
