package wechattest

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
)

// WeChat pads to 32 bytes although AES blocks are 16: its PKCS#7 variant.
const padBlock = 32

func decodeAESKey(encodingAESKey string) ([]byte, error) {
	if len(encodingAESKey) != 43 {
		return nil, errors.New("EncodingAESKey must be 43 characters")
	}
	key, err := base64.StdEncoding.DecodeString(encodingAESKey + "=")
	if err != nil {
		return nil, fmt.Errorf("decode EncodingAESKey: %w", err)
	}
	return key, nil
}

// NewEncodingAESKey returns a random key in the format the WeChat console
// hands out: 43 characters of base64 for 32 bytes.
func NewEncodingAESKey() string {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	return base64.StdEncoding.EncodeToString(key)[:43]
}

// encrypt is AES-256-CBC (IV = key[:16]) over
// random(16) | len(msg) big-endian uint32 | msg | appID | PKCS#7(32) padding,
// base64-encoded.
func encrypt(encodingAESKey, appID string, msg []byte) (string, error) {
	key, err := decodeAESKey(encodingAESKey)
	if err != nil {
		return "", err
	}
	n := 16 + 4 + len(msg) + len(appID)
	pad := padBlock - n%padBlock
	plain := make([]byte, n+pad)
	if _, err := rand.Read(plain[:16]); err != nil {
		return "", fmt.Errorf("random prefix: %w", err)
	}
	binary.BigEndian.PutUint32(plain[16:20], uint32(len(msg)))
	copy(plain[20:], msg)
	copy(plain[20+len(msg):], appID)
	for i := n; i < len(plain); i++ {
		plain[i] = byte(pad)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return "", fmt.Errorf("aes key: %w", err)
	}
	cipher.NewCBCEncrypter(block, key[:16]).CryptBlocks(plain, plain)
	return base64.StdEncoding.EncodeToString(plain), nil
}

// decrypt reverses encrypt and checks the trailing appID.
func decrypt(encodingAESKey, appID, encrypted string) ([]byte, error) {
	key, err := decodeAESKey(encodingAESKey)
	if err != nil {
		return nil, err
	}
	data, err := base64.StdEncoding.DecodeString(encrypted)
	if err != nil {
		return nil, fmt.Errorf("decode Encrypt: %w", err)
	}
	if len(data) < padBlock || len(data)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("Encrypt has bad length %d", len(data))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("aes key: %w", err)
	}
	plain := make([]byte, len(data))
	cipher.NewCBCDecrypter(block, key[:16]).CryptBlocks(plain, data)
	pad := int(plain[len(plain)-1])
	if pad < 1 || pad > padBlock || pad > len(plain) {
		return nil, fmt.Errorf("bad padding %d", pad)
	}
	plain = plain[:len(plain)-pad]
	if len(plain) < 20 {
		return nil, errors.New("plaintext too short")
	}
	msgLen := int(binary.BigEndian.Uint32(plain[16:20]))
	if 20+msgLen > len(plain) {
		return nil, fmt.Errorf("message length %d exceeds plaintext", msgLen)
	}
	if got := string(plain[20+msgLen:]); got != appID {
		return nil, fmt.Errorf("appid %q in ciphertext, want %q", got, appID)
	}
	return plain[20 : 20+msgLen], nil
}
