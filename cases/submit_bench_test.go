package cases_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"petitiond/cases"
	"petitiond/cases/casestest"
	"petitiond/store/storetest"
)

// BenchmarkSubmitPostgres measures the domain's submission path alone
// (validation, tracking number, one transaction with case, timeline, outbox
// and timers) against PostgreSQL, with as many concurrent submitters as
// -cpu × the parallelism below.
func BenchmarkSubmitPostgres(b *testing.B) {
	st := storetest.OpenPostgres(b)
	svc, _ := casestest.NewService(b, st, casestest.At("2026-11-02 10:00"), casestest.Options{})
	var n atomic.Int64
	b.SetParallelism(16)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			_, _, err := svc.Submit(context.Background(), cases.SubmitRequest{
				Kind: cases.KindComplaint, Text: "小区门口的路灯坏了一个多月，晚上很黑，老人孩子出行不便，希望尽快修复。", Source: cases.SourceMiniProgram,
				Submitter: cases.Submitter{OpenID: fmt.Sprint("o-", i%500), Phone: "13812341234"}, IdempotencyKey: fmt.Sprint("k-", i),
			})
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "submits/s")
}
