package wechat

import (
	"crypto/sha1"
	"crypto/subtle"
	"encoding/hex"
	"sort"
)

// Signature is WeChat's request signature: the hex SHA-1 of token,
// timestamp, nonce (and, for msg_signature, the Encrypt body) sorted and
// concatenated.
func Signature(token, timestamp, nonce string, extra ...string) string {
	parts := append([]string{token, timestamp, nonce}, extra...)
	sort.Strings(parts)
	h := sha1.New()
	for _, p := range parts {
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// SignatureValid compares in constant time, so the endpoint leaks nothing
// about how close a forged signature came.
func SignatureValid(signature, token, timestamp, nonce string, extra ...string) bool {
	want := Signature(token, timestamp, nonce, extra...)
	return subtle.ConstantTimeCompare([]byte(signature), []byte(want)) == 1
}
