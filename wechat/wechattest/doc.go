// Package wechattest plays WeChat for the project's tests and for the
// development chat console.
//
// Pusher does what WeChat does when a citizen writes to the official account:
// it builds the XML, signs it, encrypts it in compatible or safe mode, posts
// it to the bot's /wechat endpoint and decrypts the passive reply. It imports
// no testing package so the console (GET /dev/chat) can use it at run time.
//
// Server fakes WeChat's HTTP API (tokens, customer-service, subscription and
// template messages, media, code2session, phone numbers) and records every
// call. Point the client at it with PETITIOND_WECHAT_API_BASE=server.URL.
//
// Pusher's encryption is written here from WeChat's description rather than
// borrowed from silenceper, so the round trip through silenceper's server in
// pusher_test.go checks two independent implementations against each other.
package wechattest
