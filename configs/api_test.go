package configs

import (
	"testing"
	"time"
)

func TestAPISection(t *testing.T) {
	c, err := Load("", true, env(map[string]string{
		"PETITIOND_API_SESSION_TTL": "24h", "PETITIOND_API_RATE_PER_IP": "50", "PETITIOND_API_RATE_PER_OPENID": "10",
		"PETITIOND_API_RATE_WINDOW": "30s", "PETITIOND_API_SUBMITS_PER_HOUR": "5", "PETITIOND_API_TRUSTED_PROXIES": "10.0.0.1, 172.16.0.0/12",
	}))
	if err != nil {
		t.Fatal(err)
	}
	a := c.API.WithDefaults()
	if a.SessionTTL != 24*time.Hour || a.RatePerIP != 50 || a.RatePerOpenID != 10 || a.RateWindow != 30*time.Second ||
		a.SubmitsPerHour != 5 || len(a.TrustedProxies) != 2 || a.TrustedProxies[1] != "172.16.0.0/12" {
		t.Errorf("API section %+v", a)
	}
	d := API{}.WithDefaults()
	if d.SessionTTL != 7*24*time.Hour || d.RatePerIP <= 0 || d.RatePerOpenID <= 0 || d.SubmitsPerHour <= 0 || d.RateWindow != time.Minute {
		t.Errorf("defaults %+v", d)
	}
	if _, err := Load("", true, env(map[string]string{"PETITIOND_API_RATE_PER_IP": "-3"})); err == nil {
		t.Error("a negative rate limit was accepted")
	}
}
