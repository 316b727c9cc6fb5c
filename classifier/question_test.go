package classifier

import "testing"

func TestQuestionWhenChannelsAreClose(t *testing.T) {
	c := testClassifier(t)
	cases := []struct {
		text, key string
	}{
		{"我的案子到现在还没有结果", AnswerCourtInvolved},
		{"他们不给办", AnswerContestsAct},
	}
	for _, tc := range cases {
		res := classify(t, c, tc.text)
		if res.Question == nil || res.Question.Key != tc.key {
			t.Errorf("%s: question %+v, want key %s (probs %v)", tc.text, res.Question, tc.key, res.ChannelProbs)
			continue
		}
		if res.Question.Text == "" || len(res.Question.Options) < 2 {
			t.Errorf("%s: incomplete question %+v", tc.text, res.Question)
		}
	}
	if res := classify(t, c, "法院判了对方赔我五万块钱，判决生效半年了一分没给"); res.Question != nil {
		t.Errorf("question %+v for a clear litigation text", res.Question)
	}
}

// The answer, fed back as a structured answer, settles the channel.
func TestAnswersSettleTheChannel(t *testing.T) {
	c := testClassifier(t)
	cases := []struct {
		text    string
		answers map[string]string
		want    Channel
	}{
		{"我的案子到现在还没有结果", map[string]string{AnswerCourtInvolved: AnswerYes}, Litigation},
		{"他们不给办", map[string]string{AnswerContestsAct: AnswerYes}, Reconsideration},
		{"饭店吃坏肚子了，这事怎么处理", map[string]string{AnswerWants: WantsCompensation}, Mediation},
		{"饭店吃坏肚子了，要他们赔", map[string]string{AnswerWants: WantsEnforcement}, Petition},
		{"法院门口的商户把人行道占了", map[string]string{AnswerCourtInvolved: AnswerNo}, Petition},
		{"法院判了对方赔我钱", map[string]string{AnswerCourtInvolved: AnswerNo}, Mediation},
		{"城管罚了我款，我不服", map[string]string{AnswerContestsAct: AnswerNo, AnswerCourtInvolved: AnswerNo}, Petition},
	}
	for _, tc := range cases {
		res, err := c.Classify(Input{Text: tc.text, Kind: KindComplaint, Answers: tc.answers})
		if err != nil {
			t.Fatal(err)
		}
		if res.Channel != tc.want {
			t.Errorf("%s with %v: channel %s, want %s (%v)", tc.text, tc.answers, res.Channel, tc.want, res.ChannelProbs)
		}
		for k, v := range tc.answers {
			if res.Question != nil && res.Question.Key == k && v != AnswerUnknown {
				t.Errorf("%s: asked %s again after it was answered", tc.text, k)
			}
		}
		if res.Question != nil && (tc.answers[AnswerCourtInvolved] == AnswerYes || tc.answers[AnswerContestsAct] == AnswerYes || tc.answers[AnswerWants] != "") {
			t.Errorf("%s: question %s after an answer settled the channel", tc.text, res.Question.Key)
		}
		if res.ChannelProbs[res.Channel] < 0.5 {
			t.Errorf("%s: answered channel has probability %v", tc.text, res.ChannelProbs[res.Channel])
		}
	}
}
