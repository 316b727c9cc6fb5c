package configs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Config is every setting petitiond reads, in one typed struct. It is loaded
// from configs/petitiond.yaml (optional) and then from the PETITIOND_*
// environment, which wins.
type Config struct {
	HTTPAddr    string `yaml:"http_addr"`
	DataDir     string `yaml:"data_dir"`
	DatabaseURL string `yaml:"database_url"`
	RedisURL    string `yaml:"redis_url"`
	// ConfigDir holds the operator's editable files (holidays/, texts,
	// deadline rules); files there override the embedded defaults.
	ConfigDir string `yaml:"config_dir"`

	DataKey    string `yaml:"data_key"`
	DataCipher string `yaml:"data_cipher"`

	// TrackingPrefix is the letter prefix of tracking numbers, fixed per
	// deployment: changing it later makes old numbers "not ours".
	TrackingPrefix string `yaml:"tracking_prefix"`
	Timezone       string `yaml:"timezone"`

	LogFormat string `yaml:"log_format"`
	LogLevel  string `yaml:"log_level"`

	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	// RelayInterval is how often the outbox relay looks for rows it was not
	// woken for (another process wrote them, or Redis was down).
	RelayInterval time.Duration `yaml:"relay_interval"`

	WeChat WeChat `yaml:"wechat"`
	Jobs   Jobs   `yaml:"jobs"`
	API    API    `yaml:"api"`
	Bot    Bot    `yaml:"bot"`

	Workbench Workbench `yaml:"workbench"`
}

// WeChat holds the Official Account and mini-program credentials.
type WeChat struct {
	Token             string `yaml:"token"`
	AppID             string `yaml:"app_id"`
	AppSecret         string `yaml:"app_secret"`
	AESKey            string `yaml:"aes_key"`
	MiniProgramAppID  string `yaml:"miniprogram_app_id"`
	MiniProgramSecret string `yaml:"miniprogram_secret"`
	APIBase           string `yaml:"api_base"`
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		HTTPAddr:        ":8080",
		DataDir:         "./data",
		DataCipher:      "aes-gcm",
		TrackingPrefix:  "NY",
		Timezone:        "Asia/Shanghai",
		LogFormat:       "json",
		LogLevel:        "info",
		ShutdownTimeout: 10 * time.Second,
		RelayInterval:   time.Second,
		WeChat:          WeChat{APIBase: "https://api.weixin.qq.com"},
		Bot:             defaultBot(),
		Workbench:       WorkbenchDefaults(),
	}
}

// envBinding ties one PETITIOND_* name to the field it overrides.
type envBinding struct {
	name string
	set  func(c *Config, v string) error
}

func str(f func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error { *f(c) = v; return nil }
}

func dur(f func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Errorf("want a duration such as 10s")
		}
		*f(c) = d
		return nil
	}
}

// The environment names are a public contract: operators and other parts of
// the system rely on them.
var coreEnv = []envBinding{
	{"PETITIOND_HTTP_ADDR", str(func(c *Config) *string { return &c.HTTPAddr })},
	{"PETITIOND_DATA_DIR", str(func(c *Config) *string { return &c.DataDir })},
	{"PETITIOND_DATABASE_URL", str(func(c *Config) *string { return &c.DatabaseURL })},
	{"PETITIOND_REDIS_URL", str(func(c *Config) *string { return &c.RedisURL })},
	{"PETITIOND_CONFIG_DIR", str(func(c *Config) *string { return &c.ConfigDir })},
	{"PETITIOND_DATA_KEY", str(func(c *Config) *string { return &c.DataKey })},
	{"PETITIOND_DATA_CIPHER", str(func(c *Config) *string { return &c.DataCipher })},
	{"PETITIOND_TRACKING_PREFIX", str(func(c *Config) *string { return &c.TrackingPrefix })},
	{"PETITIOND_TIMEZONE", str(func(c *Config) *string { return &c.Timezone })},
	{"PETITIOND_LOG_FORMAT", str(func(c *Config) *string { return &c.LogFormat })},
	{"PETITIOND_LOG_LEVEL", str(func(c *Config) *string { return &c.LogLevel })},
	{"PETITIOND_SHUTDOWN_TIMEOUT", dur(func(c *Config) *time.Duration { return &c.ShutdownTimeout })},
	{"PETITIOND_RELAY_INTERVAL", dur(func(c *Config) *time.Duration { return &c.RelayInterval })},
	{"PETITIOND_WECHAT_TOKEN", str(func(c *Config) *string { return &c.WeChat.Token })},
	{"PETITIOND_WECHAT_APPID", str(func(c *Config) *string { return &c.WeChat.AppID })},
	{"PETITIOND_WECHAT_APPSECRET", str(func(c *Config) *string { return &c.WeChat.AppSecret })},
	{"PETITIOND_WECHAT_AES_KEY", str(func(c *Config) *string { return &c.WeChat.AESKey })},
	{"PETITIOND_MINIPROGRAM_APPID", str(func(c *Config) *string { return &c.WeChat.MiniProgramAppID })},
	{"PETITIOND_MINIPROGRAM_SECRET", str(func(c *Config) *string { return &c.WeChat.MiniProgramSecret })},
	{"PETITIOND_WECHAT_API_BASE", str(func(c *Config) *string { return &c.WeChat.APIBase })},
	{"PETITIOND_WECHAT_MODE", str(func(c *Config) *string { return &c.Bot.Mode })},
	{"PETITIOND_BOT_REPLAY_WINDOW", dur(func(c *Config) *time.Duration { return &c.Bot.ReplayWindow })},
	{"PETITIOND_BOT_SESSION_IDLE", dur(func(c *Config) *time.Duration { return &c.Bot.SessionIdle })},
	{"PETITIOND_BOT_REPLY_BUDGET", dur(func(c *Config) *time.Duration { return &c.Bot.ReplyBudget })},
	{"PETITIOND_BOT_CONSOLE", boolean(func(c *Config) *bool { return &c.Bot.Console })},
	{"PETITIOND_API_SESSION_TTL", dur(func(c *Config) *time.Duration { return &c.API.SessionTTL })},
	{"PETITIOND_API_RATE_WINDOW", dur(func(c *Config) *time.Duration { return &c.API.RateWindow })},
	{"PETITIOND_API_RATE_PER_IP", positiveInt(func(c *Config) *int { return &c.API.RatePerIP })},
	{"PETITIOND_API_RATE_PER_OPENID", positiveInt(func(c *Config) *int { return &c.API.RatePerOpenID })},
	{"PETITIOND_API_SUBMITS_PER_HOUR", positiveInt(func(c *Config) *int { return &c.API.SubmitsPerHour })},
	{"PETITIOND_API_TRUSTED_PROXIES", list(func(c *Config) *[]string { return &c.API.TrustedProxies })},
	{"PETITIOND_WORKBENCH_SESSION_IDLE", dur(func(c *Config) *time.Duration { return &c.Workbench.SessionIdle })},
}

// envBindings is every PETITIOND_* name Load reads; sections that live in
// their own file (jobs) keep their list there.
func envBindings() []envBinding { return slices.Concat(coreEnv, jobsEnv) }

// EnvNames lists the environment variables Load reads, for documentation
// and tests.
func EnvNames() []string {
	all := envBindings()
	names := make([]string, len(all))
	for i, b := range all {
		names[i] = b.name
	}
	return names
}

// Load reads the YAML file at path (missing is fine when optional) and then
// the environment (looked up through getenv, normally os.Getenv).
func Load(path string, optional bool, getenv func(string) string) (Config, error) {
	c := Default()
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
			return c, fmt.Errorf("config %s: %w", path, err)
		}
		if c.ConfigDir == "" {
			c.ConfigDir = filepath.Dir(path)
		}
	case errors.Is(err, os.ErrNotExist) && optional:
	default:
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	for _, e := range envBindings() {
		if v := getenv(e.name); v != "" {
			if err := e.set(&c, v); err != nil {
				return c, fmt.Errorf("config %s=%q: %w", e.name, v, err)
			}
		}
	}
	return c, c.Validate()
}

var prefixPattern = regexp.MustCompile(`^[A-Z]{1,4}$`)

// Validate fails fast and names the offending key.
func (c Config) Validate() error {
	if _, err := time.LoadLocation(c.Timezone); err != nil {
		return fmt.Errorf("config timezone (PETITIOND_TIMEZONE) %q: %w", c.Timezone, err)
	}
	if c.HTTPAddr == "" {
		return errors.New("config http_addr (PETITIOND_HTTP_ADDR) must not be empty")
	}
	if c.DataDir == "" {
		return errors.New("config data_dir (PETITIOND_DATA_DIR) must not be empty")
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		return fmt.Errorf("config database_url (PETITIOND_DATABASE_URL): want postgres://… or empty for embedded SQLite")
	}
	if c.RedisURL != "" {
		u, err := url.Parse(c.RedisURL)
		if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss" && u.Scheme != "redis-sentinel") {
			return fmt.Errorf("config redis_url (PETITIOND_REDIS_URL): want redis://, rediss:// or redis-sentinel://")
		}
	}
	switch c.DataCipher {
	case "aes-gcm", "sm4-gcm":
	default:
		return fmt.Errorf("config data_cipher (PETITIOND_DATA_CIPHER) %q: want aes-gcm or sm4-gcm", c.DataCipher)
	}
	if !prefixPattern.MatchString(c.TrackingPrefix) {
		return fmt.Errorf("config tracking_prefix (PETITIOND_TRACKING_PREFIX) %q: want 1 to 4 capital letters", c.TrackingPrefix)
	}
	switch c.LogFormat {
	case "json", "text":
	default:
		return fmt.Errorf("config log_format (PETITIOND_LOG_FORMAT) %q: want json or text", c.LogFormat)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("config log_level (PETITIOND_LOG_LEVEL) %q: want debug, info, warn or error", c.LogLevel)
	}
	if c.ShutdownTimeout <= 0 || c.RelayInterval <= 0 {
		return errors.New("config shutdown_timeout and relay_interval must be positive")
	}
	if u := c.WeChat.APIBase; !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return fmt.Errorf("config wechat.api_base (PETITIOND_WECHAT_API_BASE) %q: want an http(s) URL", u)
	}
	if err := c.Jobs.validate(); err != nil {
		return err
	}
	if err := c.Bot.validate(c.WeChat.AESKey); err != nil {
		return err
	}
	if err := c.Workbench.Validate(); err != nil {
		return err
	}
	return nil
}

// EmbeddedDatabase reports whether no database is configured: SQLite in the data dir.
func (c Config) EmbeddedDatabase() bool { return c.DatabaseURL == "" }

// EmbeddedRedis reports whether no Redis is configured: an in-process one.
func (c Config) EmbeddedRedis() bool { return c.RedisURL == "" }

// Location returns the configured time zone (validated by Load).
func (c Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}
