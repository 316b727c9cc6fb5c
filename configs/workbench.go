package configs

import (
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// Workbench configures the staff workbench: sessions, the login limit and
// the reverse proxies whose X-Forwarded-* headers are believed.
type Workbench struct {
	// SessionIdle ends a session after this long without a request.
	SessionIdle time.Duration `yaml:"session_idle"`
	// SessionMax ends a session this long after sign-in, however busy.
	SessionMax time.Duration `yaml:"session_max"`
	// LoginMaxFailures wrong passwords for one username within LoginWindow
	// lock that username for LoginLockout; LoginMaxFailuresIP does the same
	// for one client address (guessing across many usernames).
	LoginMaxFailures   int           `yaml:"login_max_failures"`
	LoginMaxFailuresIP int           `yaml:"login_max_failures_ip"`
	LoginWindow        time.Duration `yaml:"login_window"`
	LoginLockout       time.Duration `yaml:"login_lockout"`
	// TrustedProxies are the addresses or CIDR ranges of the TLS-terminating
	// proxies: only from them are X-Forwarded-Proto (Secure cookies) and
	// X-Forwarded-For (the client address of the login limit) believed.
	TrustedProxies []string `yaml:"trusted_proxies"`
}

// WorkbenchDefaults returns the shipped workbench settings.
func WorkbenchDefaults() Workbench {
	return Workbench{
		SessionIdle:        30 * time.Minute,
		SessionMax:         12 * time.Hour,
		LoginMaxFailures:   5,
		LoginMaxFailuresIP: 20,
		LoginWindow:        15 * time.Minute,
		LoginLockout:       15 * time.Minute,
	}
}

// Validate names the offending key.
func (w Workbench) Validate() error {
	switch {
	case w.SessionIdle <= 0 || w.SessionMax <= 0:
		return fmt.Errorf("config workbench.session_idle and session_max must be positive")
	case w.SessionIdle > w.SessionMax:
		return fmt.Errorf("config workbench.session_idle (%s) must not exceed session_max (%s)", w.SessionIdle, w.SessionMax)
	case w.LoginMaxFailures <= 0 || w.LoginMaxFailuresIP <= 0:
		return fmt.Errorf("config workbench.login_max_failures and login_max_failures_ip must be positive")
	case w.LoginWindow <= 0 || w.LoginLockout <= 0:
		return fmt.Errorf("config workbench.login_window and login_lockout must be positive")
	}
	if _, err := w.ProxyPrefixes(); err != nil {
		return err
	}
	return nil
}

// ProxyPrefixes parses TrustedProxies (single addresses become /32 or /128).
func (w Workbench) ProxyPrefixes() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range w.TrustedProxies {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("config workbench.trusted_proxies (PETITIOND_WORKBENCH_TRUSTED_PROXIES) %q: want an IP address or CIDR", s)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

func setTrustedProxies(c *Config, v string) error {
	c.Workbench.TrustedProxies = strings.Split(v, ",")
	_, err := c.Workbench.ProxyPrefixes()
	return err
}
