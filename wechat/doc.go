// Package wechat is the one place that talks to WeChat's HTTP API.
//
// It wraps github.com/silenceper/wechat/v2 but never imports that module's
// root package: the root package's init switches logrus to debug level on
// stdout, and silenceper's message server then logs every decrypted message a
// citizen sends. The official account and the mini-program are built with
// officialaccount.NewOfficialAccount and miniprogram.NewMiniProgram instead.
//
// Nothing here logs. Errors returned by this package never carry the
// access_token, the app secret, login codes, session keys or message bodies.
package wechat
