package configs

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// API configures the mini-program API: sessions and rate limits. Zero
// values mean the defaults of WithDefaults.
type API struct {
	// SessionTTL is how long a login lasts without use; every request
	// extends it (sliding).
	SessionTTL time.Duration `yaml:"session_ttl"`
	// RateWindow is the window of the rate limits below.
	RateWindow time.Duration `yaml:"rate_window"`
	// RatePerIP and RatePerOpenID bound requests per window from one
	// client address and from one logged-in person.
	RatePerIP     int `yaml:"rate_per_ip"`
	RatePerOpenID int `yaml:"rate_per_openid"`
	// SubmitsPerHour bounds new cases and uploads per person per hour.
	SubmitsPerHour int `yaml:"submits_per_hour"`
	// TrustedProxies are the reverse proxies (IPs or CIDRs) whose
	// X-Forwarded-For is believed when telling clients apart.
	TrustedProxies []string `yaml:"trusted_proxies"`
}

// WithDefaults fills unset values.
func (a API) WithDefaults() API {
	if a.SessionTTL <= 0 {
		a.SessionTTL = 7 * 24 * time.Hour
	}
	if a.RateWindow <= 0 {
		a.RateWindow = time.Minute
	}
	if a.RatePerIP <= 0 {
		a.RatePerIP = 600
	}
	if a.RatePerOpenID <= 0 {
		a.RatePerOpenID = 120
	}
	if a.SubmitsPerHour <= 0 {
		a.SubmitsPerHour = 60
	}
	return a
}

func positiveInt(f func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return fmt.Errorf("want a positive whole number")
		}
		*f(c) = n
		return nil
	}
}

func list(f func(*Config) *[]string) func(*Config, string) error {
	return func(c *Config, v string) error {
		var out []string
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		*f(c) = out
		return nil
	}
}
