package wechattest_test

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"petitiond/wechat"
	"petitiond/wechat/wechattest"
)

// A test of code that sends through wechat.Client: point the client at the
// fake, act, then read what WeChat was asked to deliver.
func ExampleServer() {
	fake := wechattest.NewServer()
	defer fake.Close()
	fake.AddCode("login-code", "o-citizen", "")
	fake.FailNext("/cgi-bin/message/custom/send", wechat.CodeOutOfWindow, 1)

	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"}) // testenv.Redis(t, testenv.DBWeChat) in a test
	client, _ := wechat.New(wechat.Config{
		AppID: "wxoa", AppSecret: "s", MiniProgramAppID: "wxmp", MiniProgramSecret: "s",
		APIBase: fake.URL,
	}, rdb)

	ctx := context.Background()
	session, _ := client.Code2Session(ctx, "login-code")
	err := client.SendCustomText(ctx, session.OpenID, "您的诉求已受理")
	fmt.Println(wechat.ErrorCode(err), wechat.IsPermanent(err)) // 45015 true
	_ = client.SendCustomText(ctx, session.OpenID, "您的诉求已受理")
	fmt.Println(fake.CustomMessages("o-citizen")[0].Content)
}

// A test of the bot: push what a citizen types, as WeChat would in safe
// mode, and read the decrypted passive reply.
func ExamplePusher() {
	p := &wechattest.Pusher{
		Token: "bot-token", AppID: "wxoa", EncodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
		Mode: wechattest.Safe, URL: "http://127.0.0.1:8080/wechat",
	}
	reply, err := p.Push(context.Background(), wechattest.Text("o-citizen", "楼下饭店油烟扰民"))
	if err != nil {
		return // *wechattest.HTTPStatusError{StatusCode: 403} when signatures are wrong
	}
	fmt.Println(reply.MsgType, reply.Content)
}
