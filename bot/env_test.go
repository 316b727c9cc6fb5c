package bot_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"petitiond/api"
	"petitiond/bot"
	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/classifier"
	"petitiond/clock"
	"petitiond/configs"
	"petitiond/store"
	"petitiond/store/storetest"
	"petitiond/testenv"
	"petitiond/wechat"
	"petitiond/wechat/wechattest"
)

const (
	appID  = "wx-bot-test"
	secret = "bot-test-secret"
	token  = "bot-test-token"
)

// env is the real Fiber app with /wechat on a loopback port, the real
// store and Redis, and WeChat played by the simulator.
type env struct {
	t      testing.TB
	store  *store.Store
	svc    *cases.Service
	clk    *clock.Manual
	rdb    *redis.Client
	queue  *asynq.Client
	fake   *wechattest.Server
	wx     *wechat.Client
	ids    *cases.Identities
	calls  *cases.CallTasks
	bot    *bot.Bot
	proxy  *testenv.Proxy
	push   *wechattest.Pusher
	aesKey string
	url    string
}

type envOptions struct {
	resp2  bool // Redis protocol 2: no RESP3 push-notification peeks
	proxy  bool // the bot reaches Redis through e.proxy, which a test can cut
	mode   wechattest.Mode
	assess bot.Assess
	budget time.Duration
}

func newEnv(t testing.TB, opts ...func(*envOptions)) *env {
	t.Helper()
	o := envOptions{mode: wechattest.Safe, assess: testAssess}
	for _, f := range opts {
		f(&o)
	}
	e := &env{t: t, store: storetest.Open(t), rdb: testenv.Redis(t, testenv.DBBot), fake: wechattest.NewServer()}
	if o.resp2 {
		opt := e.rdb.Options()
		opt.Protocol = 2
		e.rdb = redis.NewClient(opt)
		t.Cleanup(func() { e.rdb.Close() })
	}
	t.Cleanup(e.fake.Close)
	e.fake.SetSecret(appID, secret)
	e.svc, e.clk = casestest.NewService(t, e.store, casestest.At("2026-11-02 10:00"), casestest.Options{})
	e.ids = cases.NewIdentities(e.store, e.svc)
	e.calls = cases.NewCallTasks(e.store, e.svc)
	e.queue = asynq.NewClientFromRedisClient(e.rdb)
	if o.mode != wechattest.Plain {
		e.aesKey = wechattest.NewEncodingAESKey()
	}
	var err error
	e.wx, err = wechat.New(wechat.Config{AppID: appID, AppSecret: secret, Token: token, EncodingAESKey: e.aesKey,
		APIBase: e.fake.URL, CachePrefix: "bot-test:"}, e.rdb)
	if err != nil {
		t.Fatal(err)
	}
	texts, err := bot.LoadTexts(configs.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	botRedis := e.rdb
	if o.proxy {
		e.proxy = testenv.NewProxy(t, e.rdb.Options().Addr)
		botRedis = redis.NewClient(&redis.Options{Addr: e.proxy.Addr(), DB: e.rdb.Options().DB,
			MaxRetries: -1, DialTimeout: 100 * time.Millisecond, ReadTimeout: 100 * time.Millisecond})
		t.Cleanup(func() { botRedis.Close() })
	}
	mode := map[wechattest.Mode]string{wechattest.Plain: bot.ModePlain, wechattest.Compatible: bot.ModeCompatible, wechattest.Safe: bot.ModeSafe}[o.mode]
	e.bot, err = bot.New(bot.Config{
		Service: e.svc, Identities: e.ids, Consents: cases.NewConsents(e.store, e.svc), Calls: e.calls,
		Assess: o.assess, DepartmentName: testDepartments, Texts: texts,
		Redis: botRedis, Queue: e.queue, WeChat: e.wx,
		AppID: appID, Token: token, EncodingAESKey: e.aesKey, Mode: mode, ReplyBudget: o.budget,
	})
	if err != nil {
		t.Fatal(err)
	}
	app := api.NewApp(api.AppConfig{})
	e.bot.Mount(app)
	e.bot.MountConsole(app, e.fake)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = app.Listener(ln) }()
	t.Cleanup(func() { _ = app.Shutdown() })
	e.url = "http://" + ln.Addr().String()
	e.push = &wechattest.Pusher{Token: token, AppID: appID, EncodingAESKey: e.aesKey, Mode: o.mode, URL: e.url + bot.Path, Now: e.clk.Now}
	return e
}

// say pushes a text as openid and returns the decrypted reply.
func (e *env) say(openid, text string) string {
	e.t.Helper()
	return e.send(wechattest.Text(openid, text))
}

func (e *env) send(m wechattest.Message, opts ...wechattest.PushOption) string {
	e.t.Helper()
	r, err := e.push.Push(context.Background(), m, opts...)
	if err != nil {
		e.t.Fatalf("push %s %q: %v", m.MsgType, m.Content, err)
	}
	if e.push.Mode == wechattest.Safe && !r.Empty() && !r.Encrypted {
		e.t.Fatalf("safe mode reply not encrypted: %s", r.Raw)
	}
	return r.Content
}

// expect fails unless reply contains every part.
func expect(t *testing.T, reply string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(reply, p) {
			t.Fatalf("reply does not contain %q:\n%s", p, reply)
		}
	}
}

func (e *env) casesOf(openid string) []*cases.Case {
	e.t.Helper()
	list, err := e.svc.ListBySubmitter(context.Background(), cases.SubmitterQuery{OpenIDs: []string{openid}})
	if err != nil {
		e.t.Fatal(err)
	}
	return list
}

// trackingNo finds the tracking number in a reply.
func trackingNo(reply string) string {
	i := strings.Index(reply, "NY")
	if i < 0 || len(reply) < i+14 {
		return ""
	}
	return reply[i : i+14]
}

func testDepartments(code string) string {
	return map[string]string{"urban": "城市管理局", "market": "市场监督管理局", "housing": "住房和城乡建设局", "judicial": "政法机关"}[code]
}

// testAssess is casestest.KeywordClassify with what the classifier adds: a
// clarifying question for fines (does the person contest the decision?),
// urgency with the classifier's cue format, and guidance.
func testAssess(in bot.AssessInput) (bot.Assessment, error) {
	cls, err := casestest.KeywordClassify(cases.ClassifyInput{Text: in.Text, Kind: in.Kind, Answers: in.Answers})
	if err != nil {
		return bot.Assessment{}, err
	}
	a := bot.Assessment{Classification: cls}
	if strings.Contains(in.Text, "罚款") && in.Answers["contests_act"] == "" {
		a.Question = &classifier.Question{Key: classifier.AnswerContestsAct, Text: "您是对某个行政机关作出的决定不服吗？", Options: []classifier.Option{
			{Value: classifier.AnswerYes, Label: "是，对罚款、拒绝许可等决定不服"}, {Value: classifier.AnswerNo, Label: "不是"}, {Value: classifier.AnswerUnknown, Label: "不清楚"}}}
	}
	if in.Answers["contests_act"] == "no" {
		a.Classification.Channel, a.Classification.Department = cases.ChannelPetition, "market"
	}
	if cls.Urgent {
		a.Classification.UrgentCues = []string{"自伤/轻生风险：不想活"}
	}
	if strings.Contains(in.Text, "着火") {
		a.Classification.Urgent = true
		a.Classification.UrgentCues = []string{"紧急危险（燃气、火、坍塌、水、中毒）：着火"}
	}
	a.Guidance = &classifier.Guidance{
		Title:       map[cases.Channel]string{cases.ChannelReconsideration: "行政复议（对行政机关的决定不服）", cases.ChannelPetition: "信访（有关部门依职责办理）", cases.ChannelMediation: "调解", cases.ChannelLitigation: "诉讼"}[a.Classification.Channel],
		Explanation: "这是说明的第一句。这是第二句。",
		TimeLimits:  []classifier.TimeLimit{{Description: "自知道该行政行为之日起六十日内提出行政复议申请", Law: "中华人民共和国行政复议法", Article: "第二十条"}},
	}
	return a, nil
}
