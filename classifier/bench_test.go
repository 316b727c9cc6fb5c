package classifier

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// benchTexts are about 100 characters each, in the four voices the classifier meets.
var benchTexts = []string{
	"来电人反映：其在某家电卖场购买的冰箱使用两周后冷藏室不制冷，商家上门检测后只同意维修，不同意退换。来电人认为新机出现性能故障应予退换。诉求：协调商家退货退款，并赔偿这段时间食物变质的损失。来电人情绪平稳。",
	"市场监管局说我卖的散装白酒没贴标签，罚了我三千块。那酒是我们村自己酿的，拿到集上卖，哪知道还要贴标签？这个罚款我不服，能不能申请复议把罚款撤了，我一个月都挣不到这个数，家里还有两个孩子上学要花钱。",
	"俺们村几十户明天一起去市政府门口讨说法 征地补偿款拖了三年一分没给 村干部说上面没拨钱 大家都说好了不给说法就不走 俺怕到时候出事 你们赶紧派人来管管吧 求求你们了 俺们村在城东边 离市政府二十多里路",
	"尊敬的领导：我公司与某建材公司买卖合同纠纷一案，法院判决对方支付货款四十二万元，判决已生效一年。我司申请强制执行后，法院以暂无可供执行财产为由终结本次执行，恳请有关部门督促法院恢复执行，依法查控其转移的设备和财产。",
}

func benchClassifier(b *testing.B) *Classifier {
	b.Helper()
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	c, err := New(m, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkClassify measures one classification of a ~100-character text; the target is
// ≥ 20,000/s on one core (≤ 50 µs/op with -cpu 1).
func BenchmarkClassify(b *testing.B) {
	c := benchClassifier(b)
	for _, t := range benchTexts {
		if n := utf8.RuneCountInString(t); n < 85 || n > 115 {
			b.Fatalf("bench text has %d characters, want about 100", n)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Classify(Input{Text: benchTexts[i%len(benchTexts)], Kind: KindComplaint}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadModel measures decoding the embedded model; the target is < 100 ms.
func BenchmarkLoadModel(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(embeddedModel)))
	for i := 0; i < b.N; i++ {
		if _, err := LoadModel(bytes.NewReader(embeddedModel)); err != nil {
			b.Fatal(err)
		}
	}
}
