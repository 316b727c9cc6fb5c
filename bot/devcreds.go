package bot

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// DevAppID is the Official Account appid of embedded mode without a real
// account: the chat console talks to /wechat with it, in safe mode.
const DevAppID = "wx-dev-console"

// DevCredentialsFile holds them in the data dir (mode 0600).
const DevCredentialsFile = "wechat-dev.json"

// DevCredentials are an Official Account's settings made up for
// development. WeChat never sees them; the console signs and encrypts with
// them exactly as WeChat would with a real account's.
type DevCredentials struct {
	AppID          string `json:"app_id"`
	AppSecret      string `json:"app_secret"`
	Token          string `json:"token"`
	EncodingAESKey string `json:"encoding_aes_key"`
}

// LoadOrCreateDevCredentials reads the development credentials from
// dataDir, creating them on first use, so drafts and tokens survive a
// restart of the development server.
func LoadOrCreateDevCredentials(dataDir string) (DevCredentials, bool, error) {
	path := filepath.Join(dataDir, DevCredentialsFile)
	b, err := os.ReadFile(path)
	if err == nil {
		var c DevCredentials
		if err := json.Unmarshal(b, &c); err != nil || c.Token == "" || len(c.EncodingAESKey) != 43 || c.AppID == "" || c.AppSecret == "" {
			return DevCredentials{}, false, fmt.Errorf("%s is damaged: delete it to make new development credentials", path)
		}
		return c, false, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return DevCredentials{}, false, fmt.Errorf("read %s: %w", path, err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return DevCredentials{}, false, fmt.Errorf("dev credentials: %w", err)
	}
	c := DevCredentials{
		AppID:          DevAppID,
		AppSecret:      randomHex(16),
		Token:          randomHex(16),
		EncodingAESKey: base64.StdEncoding.EncodeToString(key)[:43],
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return DevCredentials{}, false, fmt.Errorf("dev credentials: %w", err)
	}
	b, _ = json.MarshalIndent(c, "", "  ")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return DevCredentials{}, false, fmt.Errorf("dev credentials: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return DevCredentials{}, false, fmt.Errorf("dev credentials: %w", err)
	}
	if err := f.Close(); err != nil {
		return DevCredentials{}, false, fmt.Errorf("dev credentials: %w", err)
	}
	return c, true, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
