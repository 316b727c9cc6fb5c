package configs

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Jobs configures the workers, the scheduler and the jobs' HTTP routes.
// The rhythm of oversight and follow-up (warning, reminder and survey days)
// is domain policy and lives in deadlines.yaml.
type Jobs struct {
	// Concurrency is the number of tasks one worker process runs at once
	// (default 10).
	Concurrency int `yaml:"concurrency"`
	// ReconcileHorizon: each minute the reconciler queues the timers due
	// within this much of now (default 5m).
	ReconcileHorizon time.Duration `yaml:"reconcile_horizon"`
	// Admin is the login of the read-only queue monitor at /admin/queues;
	// without a password the monitor is not mounted.
	Admin        Admin        `yaml:"admin"`
	CallProvider CallProvider `yaml:"call_provider"`
	// CallbackMaxSkew is how far a callback's timestamp may be from now
	// (default 5m).
	CallbackMaxSkew time.Duration `yaml:"callback_max_skew"`
}

// Admin is the queue monitor's credential. Put a bcrypt hash in the file
// (htpasswd -nbBC 10 admin PASSWORD) or the password in the environment
// (PETITIOND_ADMIN_PASSWORD), never a plain password in the file.
type Admin struct {
	User         string `yaml:"user"`
	PasswordHash string `yaml:"password_hash"`
	Password     string `yaml:"-"`
}

// CallProvider is the optional outbound-call service for follow-up calls:
// requests are posted to URL signed with Secret (PETITIOND_CALL_PROVIDER_SECRET);
// it posts results to CallbackURL (this server's /api/v1/callbacks/followup).
type CallProvider struct {
	URL         string `yaml:"url"`
	CallbackURL string `yaml:"callback_url"`
	Secret      string `yaml:"-"`
}

// Enabled reports whether a provider is configured.
func (p CallProvider) Enabled() bool { return p.URL != "" }

// WithDefaults fills the zero values.
func (j Jobs) WithDefaults() Jobs {
	if j.Concurrency == 0 {
		j.Concurrency = 10
	}
	if j.ReconcileHorizon == 0 {
		j.ReconcileHorizon = 5 * time.Minute
	}
	if j.CallbackMaxSkew == 0 {
		j.CallbackMaxSkew = 5 * time.Minute
	}
	if j.Admin.User == "" {
		j.Admin.User = "admin"
	}
	return j
}

func (j Jobs) validate() error {
	j = j.WithDefaults()
	switch {
	case j.Concurrency < 1 || j.Concurrency > 1000:
		return errors.New("config jobs.concurrency (PETITIOND_JOBS_CONCURRENCY) must be between 1 and 1000")
	case j.ReconcileHorizon < time.Minute:
		return errors.New("config jobs.reconcile_horizon must be at least 1m (the reconciler runs every minute)")
	case j.CallbackMaxSkew < 10*time.Second:
		return errors.New("config jobs.callback_max_skew must be at least 10s")
	case j.Admin.PasswordHash != "" && !strings.HasPrefix(j.Admin.PasswordHash, "$2"):
		return errors.New("config jobs.admin.password_hash (PETITIOND_ADMIN_PASSWORD_HASH) must be a bcrypt hash ($2a$…, $2b$…)")
	}
	if p := j.CallProvider; p.Enabled() {
		if u, err := url.Parse(p.URL); err != nil || u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("config jobs.call_provider.url (PETITIOND_CALL_PROVIDER_URL): want https://…")
		}
		if len(p.Secret) < 16 {
			return errors.New("PETITIOND_CALL_PROVIDER_SECRET must be set (at least 16 characters) when a call provider is configured")
		}
	}
	return nil
}

func integer(f func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("want a whole number")
		}
		*f(c) = n
		return nil
	}
}

var jobsEnv = []envBinding{
	{"PETITIOND_JOBS_CONCURRENCY", integer(func(c *Config) *int { return &c.Jobs.Concurrency })},
	{"PETITIOND_ADMIN_USER", str(func(c *Config) *string { return &c.Jobs.Admin.User })},
	{"PETITIOND_ADMIN_PASSWORD", str(func(c *Config) *string { return &c.Jobs.Admin.Password })},
	{"PETITIOND_ADMIN_PASSWORD_HASH", str(func(c *Config) *string { return &c.Jobs.Admin.PasswordHash })},
	{"PETITIOND_CALL_PROVIDER_URL", str(func(c *Config) *string { return &c.Jobs.CallProvider.URL })},
	{"PETITIOND_CALL_PROVIDER_SECRET", str(func(c *Config) *string { return &c.Jobs.CallProvider.Secret })},
	{"PETITIOND_CALL_PROVIDER_CALLBACK_URL", str(func(c *Config) *string { return &c.Jobs.CallProvider.CallbackURL })},
}
