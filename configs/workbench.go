package configs

import (
	"fmt"
	"time"
)

// Workbench configures the staff workbench: sessions and the login limit.
// The reverse proxies whose X-Forwarded-* headers are believed are the
// API's (api.trusted_proxies): one list for the whole HTTP server.
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
	return nil
}
