package pii

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, KeySize) }

func TestSealOpenBothCiphers(t *testing.T) {
	for _, alg := range []string{AESGCM, SM4GCM} {
		t.Run(alg, func(t *testing.T) {
			s, err := NewSealer(alg, testKey(1))
			if err != nil {
				t.Fatal(err)
			}
			c, err := s.Seal("phone", "13812341234")
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(c, "1381234") || !strings.HasPrefix(c, "pd1."+alg+"."+s.KeyID()+".") {
				t.Fatalf("ciphertext %q leaks plaintext or lacks algorithm and key id", c)
			}
			if p, err := s.Open("phone", c); err != nil || p != "13812341234" {
				t.Fatalf("Open = %q, %v", p, err)
			}
			if _, err := s.Open("name", c); !errors.Is(err, ErrCorrupt) {
				t.Errorf("opening a phone ciphertext as a name: err = %v, want ErrCorrupt", err)
			}
			c2, _ := s.Seal("phone", "13812341234")
			if c == c2 {
				t.Error("two seals of the same value are equal: nonce reuse")
			}
			tampered := c[:len(c)-2] + "AA"
			if _, err := s.Open("phone", tampered); !errors.Is(err, ErrCorrupt) {
				t.Errorf("tampered: err = %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestRotation(t *testing.T) {
	old, _ := NewSealer(AESGCM, testKey(1))
	c, _ := old.Seal("name", "张三")
	rotated, err := NewSealer(AESGCM, testKey(2), testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	if p, err := rotated.Open("name", c); err != nil || p != "张三" {
		t.Fatalf("old ciphertext after rotation: %q, %v", p, err)
	}
	n, _ := rotated.Seal("name", "张三")
	if !strings.Contains(n, "."+rotated.KeyID()+".") || rotated.KeyID() == old.KeyID() {
		t.Error("new data must be sealed with the new key")
	}
	if _, err := old.Open("name", n); !errors.Is(err, ErrNoKey) {
		t.Errorf("old sealer on new data: %v, want ErrNoKey", err)
	}
}

func TestHashIsKeyedAndStable(t *testing.T) {
	a, _ := NewSealer(AESGCM, testKey(1))
	b, _ := NewSealer(AESGCM, testKey(2))
	if a.Hash("phone", "13812341234") != a.Hash("phone", "13812341234") {
		t.Error("hash not stable")
	}
	if a.Hash("phone", "13812341234") == b.Hash("phone", "13812341234") {
		t.Error("hash not keyed")
	}
	if a.Hash("phone", "") != "" {
		t.Error("empty value must hash to empty")
	}
}

func TestEmptyStaysEmpty(t *testing.T) {
	s, _ := NewSealer(SM4GCM, testKey(3))
	if c, _ := s.Seal("address", ""); c != "" {
		t.Errorf("Seal(\"\") = %q", c)
	}
}

func TestParseKeys(t *testing.T) {
	if _, err := ParseKeys("short"); err == nil {
		t.Error("short key accepted")
	}
	if _, err := ParseKeys(""); err == nil {
		t.Error("empty accepted")
	}
	ks, err := ParseKeys("AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=, AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=")
	if err != nil || len(ks) != 2 || ks[0][0] != 1 || ks[1][0] != 2 {
		t.Fatalf("ParseKeys = %v, %v", ks, err)
	}
}

func TestKeyFileCreatedPrivateAndReused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sub", "data.key")
	k1, created, err := LoadOrCreateKeyFile(p)
	if err != nil || !created {
		t.Fatalf("first: %v created=%v", err, created)
	}
	st, err := os.Stat(p)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", st.Mode().Perm())
	}
	k2, created, err := LoadOrCreateKeyFile(p)
	if err != nil || created || !bytes.Equal(k1[0], k2[0]) {
		t.Fatalf("second load: created=%v err=%v equal=%v", created, err, bytes.Equal(k1[0], k2[0]))
	}
}
