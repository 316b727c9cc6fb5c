package wechat

import "testing"

func TestSignature(t *testing.T) {
	// printf '1409304348xxxxxxyyyyyyzzzzzz' | sha1sum: the parts sorted.
	const want = "dc89a26c9ad2708a8f5e3634a55d1ae3d5587e98"
	if got := Signature("xxxxxx", "1409304348", "yyyyyy", "zzzzzz"); got != want {
		t.Errorf("Signature = %s, want %s", got, want)
	}
	if !SignatureValid(want, "zzzzzz", "yyyyyy", "xxxxxx", "1409304348") {
		t.Error("order of the parts must not matter")
	}
	if SignatureValid(want[:39]+"0", "xxxxxx", "1409304348", "yyyyyy", "zzzzzz") {
		t.Error("corrupted signature accepted")
	}
}
