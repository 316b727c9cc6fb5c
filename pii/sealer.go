// Package pii protects personal data at rest (个人信息保护法; 等保 2.0 / 密评):
// names, phone numbers, ID-card numbers and addresses are sealed with an AEAD
// before they reach the database, and looked up through a keyed hash.
//
// Two ciphers: AES-256-GCM (default) and SM4-GCM with SM3 key derivation for
// deployments assessed under GB/T 39786, which expects 国密 algorithms.
// Every ciphertext names its algorithm and key id, so keys can be rotated:
// new data is sealed with the first key, old data opens with any listed key.
package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"

	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"
)

// Cipher names accepted by NewSealer (PETITIOND_DATA_CIPHER).
const (
	AESGCM = "aes-gcm"
	SM4GCM = "sm4-gcm"
)

// KeySize is the length of a master key in bytes.
const KeySize = 32

const format = "pd1"

// ErrNoKey means a ciphertext was sealed with a key that is not configured.
var ErrNoKey = errors.New("pii: ciphertext sealed with an unknown key")

// ErrCorrupt means a ciphertext is malformed or fails authentication.
var ErrCorrupt = errors.New("pii: ciphertext corrupt or tampered with")

type key struct {
	id   string
	aead cipher.AEAD
	mac  []byte
	hash func() hash.Hash
}

// Sealer seals and opens personal data. Safe for concurrent use.
type Sealer struct {
	alg     string
	current *key
	byID    map[string]*key
}

// NewSealer builds a Sealer for the named cipher. The first key seals; every
// key opens (rotation: put the new key first, keep the old ones after it).
func NewSealer(alg string, keys ...[]byte) (*Sealer, error) {
	if len(keys) == 0 {
		return nil, errors.New("pii: at least one key is required")
	}
	s := &Sealer{alg: alg, byID: map[string]*key{}}
	for i, k := range keys {
		if len(k) != KeySize {
			return nil, fmt.Errorf("pii: key %d is %d bytes, want %d", i+1, len(k), KeySize)
		}
		kk, err := deriveKey(alg, k)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			s.current = kk
		}
		s.byID[kk.id] = kk
	}
	return s, nil
}

func deriveKey(alg string, master []byte) (*key, error) {
	var (
		newHash func() hash.Hash
		keyLen  int
		newBlk  func([]byte) (cipher.Block, error)
	)
	switch alg {
	case AESGCM:
		newHash, keyLen, newBlk = sha256.New, 32, aes.NewCipher
	case SM4GCM:
		newHash, keyLen, newBlk = sm3.New, 16, sm4.NewCipher
	default:
		return nil, fmt.Errorf("pii: unknown cipher %q (want %s or %s)", alg, AESGCM, SM4GCM)
	}
	encKey, err := hkdf.Key(newHash, master, nil, "petitiond pii seal "+alg, keyLen)
	if err != nil {
		return nil, fmt.Errorf("pii: derive key: %w", err)
	}
	macKey, err := hkdf.Key(newHash, master, nil, "petitiond pii lookup "+alg, 32)
	if err != nil {
		return nil, fmt.Errorf("pii: derive key: %w", err)
	}
	blk, err := newBlk(encKey)
	if err != nil {
		return nil, fmt.Errorf("pii: cipher: %w", err)
	}
	aead, err := cipher.NewGCM(blk)
	if err != nil {
		return nil, fmt.Errorf("pii: gcm: %w", err)
	}
	h := newHash()
	h.Write(master)
	return &key{id: hex.EncodeToString(h.Sum(nil)[:4]), aead: aead, mac: macKey, hash: newHash}, nil
}

// Algorithm returns the cipher new data is sealed with.
func (s *Sealer) Algorithm() string { return s.alg }

// KeyID returns the id of the sealing key.
func (s *Sealer) KeyID() string { return s.current.id }

// Seal encrypts plaintext for the named field (the field is bound as
// associated data, so a phone ciphertext cannot be replayed as a name).
// The empty string stays empty: "not given" is not a secret.
func (s *Sealer) Seal(field, plaintext string) (string, error) {
	if plaintext == "" {
		return "", nil
	}
	k := s.current
	nonce := make([]byte, k.aead.NonceSize(), k.aead.NonceSize()+len(plaintext)+k.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("pii: nonce: %w", err)
	}
	out := k.aead.Seal(nonce, nonce, []byte(plaintext), []byte(field))
	return format + "." + s.alg + "." + k.id + "." + base64.RawURLEncoding.EncodeToString(out), nil
}

// Open decrypts a value produced by Seal for the same field.
func (s *Sealer) Open(field, sealed string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	parts := strings.Split(sealed, ".")
	if len(parts) != 4 || parts[0] != format {
		return "", ErrCorrupt
	}
	if parts[1] != s.alg {
		return "", fmt.Errorf("pii: value sealed with %s, configured cipher is %s: %w", parts[1], s.alg, ErrNoKey)
	}
	k, ok := s.byID[parts[2]]
	if !ok {
		return "", fmt.Errorf("pii: key %s: %w", parts[2], ErrNoKey)
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[3])
	if err != nil || len(raw) < k.aead.NonceSize() {
		return "", ErrCorrupt
	}
	n := k.aead.NonceSize()
	pt, err := k.aead.Open(nil, raw[:n], raw[n:], []byte(field))
	if err != nil {
		return "", ErrCorrupt
	}
	return string(pt), nil
}

// Hash returns a keyed hash of value for equality lookups (HMAC-SHA256, or
// HMAC-SM3 under sm4-gcm). It uses the sealing key: after a rotation the
// lookup column must be recomputed.
func (s *Sealer) Hash(field, value string) string {
	if value == "" {
		return ""
	}
	m := hmac.New(s.current.hash, s.current.mac)
	m.Write([]byte(field))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}
