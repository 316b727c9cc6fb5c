package configs

import (
	"fmt"
	"strconv"
	"time"
)

// Bot configures the Official Account bot (/wechat) and its chat console.
// Its texts are not here but in bot.yaml, which the city edits.
type Bot struct {
	// Mode is the message encryption mode chosen in the WeChat console:
	// plain, compatible or safe. Empty means safe when an EncodingAESKey is
	// set, else plain. In safe mode a push without encryption is refused.
	Mode string `yaml:"mode"`
	// ReplayWindow is how far a push's timestamp may be from our clock
	// before it is refused as a replay.
	ReplayWindow time.Duration `yaml:"replay_window"`
	// SessionIdle is how long a half-finished conversation is kept.
	SessionIdle time.Duration `yaml:"session_idle"`
	// ReplyBudget is how long a push may take before the person gets a
	// holding reply and the real answer follows as a customer-service
	// message (WeChat gives up after 5 s and retries).
	ReplyBudget time.Duration `yaml:"reply_budget"`
	// Console serves the chat console (GET /dev/chat) outside embedded mode,
	// where it is always on.
	Console bool `yaml:"console"`
}

func defaultBot() Bot {
	return Bot{ReplayWindow: 5 * time.Minute, SessionIdle: 30 * time.Minute, ReplyBudget: time.Second}
}

func boolean(f func(*Config) *bool) func(*Config, string) error {
	return func(c *Config, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("want true or false")
		}
		*f(c) = b
		return nil
	}
}

func (b Bot) validate(aesKey string) error {
	switch b.Mode {
	case "", "plain":
	case "compatible", "safe":
		if aesKey == "" {
			return fmt.Errorf("config bot.mode (PETITIOND_WECHAT_MODE) %q needs wechat.aes_key (PETITIOND_WECHAT_AES_KEY)", b.Mode)
		}
	default:
		return fmt.Errorf("config bot.mode (PETITIOND_WECHAT_MODE) %q: want plain, compatible or safe", b.Mode)
	}
	if b.ReplayWindow <= 0 || b.SessionIdle <= 0 || b.ReplyBudget <= 0 {
		return fmt.Errorf("config bot.replay_window, bot.session_idle and bot.reply_budget must be positive")
	}
	if b.ReplyBudget > 4*time.Second {
		return fmt.Errorf("config bot.reply_budget (PETITIOND_BOT_REPLY_BUDGET) %s: WeChat waits 5 s at most; want ≤ 4s", b.ReplyBudget)
	}
	return nil
}
