package configs

import (
	"strings"
	"testing"
	"time"
)

func TestJobsSection(t *testing.T) {
	c, err := Load("", true, env(map[string]string{
		"PETITIOND_JOBS_CONCURRENCY": "4", "PETITIOND_ADMIN_PASSWORD": "pw",
		"PETITIOND_CALL_PROVIDER_URL": "https://calls.example.com/v1", "PETITIOND_CALL_PROVIDER_SECRET": "0123456789abcdef",
	}))
	if err != nil {
		t.Fatal(err)
	}
	j := c.Jobs.WithDefaults()
	if j.Concurrency != 4 || j.Admin.User != "admin" || j.Admin.Password != "pw" || !j.CallProvider.Enabled() ||
		j.ReconcileHorizon != 5*time.Minute || j.CallbackMaxSkew != 5*time.Minute {
		t.Errorf("jobs %+v", j)
	}
	for _, bad := range []map[string]string{
		{"PETITIOND_JOBS_CONCURRENCY": "0x"},
		{"PETITIOND_JOBS_CONCURRENCY": "-1"},
		{"PETITIOND_ADMIN_PASSWORD_HASH": "plain"},
		{"PETITIOND_CALL_PROVIDER_URL": "http://calls.example.com", "PETITIOND_CALL_PROVIDER_SECRET": "0123456789abcdef"},
		{"PETITIOND_CALL_PROVIDER_URL": "https://calls.example.com"},
	} {
		if _, err := Load("", true, env(bad)); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if _, err := Load("", true, env(map[string]string{"PETITIOND_JOBS_CONCURRENCY": "x"})); err == nil || !strings.Contains(err.Error(), "PETITIOND_JOBS_CONCURRENCY") {
		t.Errorf("error does not name the variable: %v", err)
	}
}
