package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/classifier"
	"petitiond/configs"
	"petitiond/store/storetest"
	"petitiond/testenv"
	"petitiond/uploads"
	"petitiond/wechat"
	"petitiond/wechat/wechattest"
)

var benchTexts = []string{
	"小区门口的路灯坏了一个月，晚上很黑，老人孩子出门很不方便，希望尽快修好。",
	"市场监管局对我的小店罚款五千元，我认为处罚过重，不服这个决定。",
	"楼上邻居装修把我家天花板泡坏了，要求他赔偿维修费用，他不理。",
	"工地夜里十二点还在施工，噪音太大，影响休息，请城管查处。",
	"公司拖欠我三个月工资，老板一直躲着不见人。",
	"区里的工程款拖了两年没有支付，企业资金周转困难。",
}

// BenchmarkSubmitOverHTTP drives POST /api/v1/cases of the real app over
// loopback with 16 and 64 concurrent clients, each a logged-in person sending an
// Idempotency-Key, as the mini-program does: session lookup, both rate
// limits, the real classifier, and the one transaction (case, timeline,
// outbox, timers). Run it against PostgreSQL:
//
//	PETITIOND_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	PETITIOND_TEST_REDIS_URL=redis://127.0.0.1:6379/0 \
//	go test ./api -run '^$' -bench SubmitOverHTTP -benchtime 20000x
//
// It reports submissions/s and the 50th and 99th percentile latency.
func BenchmarkSubmitOverHTTP(b *testing.B) {
	for _, clients := range []int{16, 64} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) { submitOverHTTP(b, clients) })
	}
}

func submitOverHTTP(b *testing.B, clients int) {
	st := storetest.Open(b) // PostgreSQL when configured; its pool is the default 20
	rdb := testenv.Redis(b, testenv.DBAPI)
	fake := wechattest.NewServer()
	defer fake.Close()
	guidance, err := classifier.ParseGuidance(readConfig(b, "guidance.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	model, _ := classifier.DefaultModel()
	cls, err := classifier.New(model, classifier.Options{Guidance: guidance})
	if err != nil {
		b.Fatal(err)
	}
	svc, clk := casestest.NewService(b, st, casestest.At("2026-11-02 10:00"), casestest.Options{Classify: cases.UseClassifier(cls)})
	wc, err := wechat.New(wechat.Config{MiniProgramAppID: "wxbench", MiniProgramSecret: "s", APIBase: fake.URL}, rdb)
	if err != nil {
		b.Fatal(err)
	}
	barriers, _ := cases.ParseBarrierCategories(readConfig(b, "barrier_categories.yaml"))
	blobs, _ := uploads.NewLocal(b.TempDir())
	app := NewApp(AppConfig{Logger: slog.New(slog.DiscardHandler)})
	ids := cases.NewIdentities(st, svc)
	err = MountCitizen(app, CitizenDeps{Cases: svc, Identities: ids, Consents: cases.NewConsents(st, svc),
		Classifier: cls, Guidance: guidance, Barriers: barriers, WeChat: wc, Redis: rdb,
		Uploads: uploads.NewService(blobs, st, clk.Now), Doc: NewOpenAPI("bench", "1"),
		Config: configs.API{RatePerIP: 1 << 30, RatePerOpenID: 1 << 30, SubmitsPerHour: 1 << 30}})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go app.Listener(ln)
	defer app.Shutdown()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}, Timeout: 30 * time.Second}

	tokens := make([]string, clients)
	for i := range tokens {
		code := fmt.Sprintf("bench-%d", i)
		fake.AddCode(code, fmt.Sprintf("mp-bench-%d", i), "")
		resp, err := client.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader([]byte(`{"code":"`+code+`"}`)))
		if err != nil {
			b.Fatal(err)
		}
		var out struct{ Token string }
		json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		tokens[i] = out.Token
	}
	bodies := make([][]byte, len(benchTexts))
	for i, t := range benchTexts {
		bodies[i], _ = json.Marshal(map[string]any{"kind": "complaint", "text": t,
			"location": map[string]any{"lat": 31.23, "lng": 121.47, "address": "人民路1号"}})
	}

	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	var failed atomic.Int64
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				req, _ := http.NewRequest("POST", base+"/api/v1/cases", bytes.NewReader(bodies[int(i)%len(bodies)]))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+tokens[w])
				req.Header.Set("Idempotency-Key", fmt.Sprintf("bench-%d", i))
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[w] = append(lat[w], time.Since(t0))
				if resp.StatusCode != http.StatusCreated {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d submissions failed", n, b.N)
	}
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	pct := func(p float64) float64 { return float64(all[int(float64(len(all)-1)*p)].Microseconds()) / 1000 }
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "submissions/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(0, "ns/op")
}
