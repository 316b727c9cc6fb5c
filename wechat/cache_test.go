package wechat

import (
	"context"
	"testing"
	"time"

	"petitiond/testenv"
)

func TestRedisCache(t *testing.T) {
	rdb := testenv.Redis(t, testenv.DBWeChat)
	c := NewRedisCache(rdb, "test:")
	ctx := context.Background()

	if c.Get("missing") != nil || c.IsExist("missing") {
		t.Fatal("missing key reported present")
	}
	if err := c.Set("gowechat_officialaccount__access_token_wx1", "TOKEN", time.Minute); err != nil {
		t.Fatal(err)
	}
	// silenceper type-asserts val.(string).
	if v, ok := c.Get("gowechat_officialaccount__access_token_wx1").(string); !ok || v != "TOKEN" {
		t.Errorf("Get = %#v", c.Get("gowechat_officialaccount__access_token_wx1"))
	}
	if ttl := rdb.TTL(ctx, "test:gowechat_officialaccount__access_token_wx1").Val(); ttl <= 0 || ttl > time.Minute {
		t.Errorf("stored under the prefix with TTL %v", ttl)
	}
	if !c.IsExistContext(ctx, "gowechat_officialaccount__access_token_wx1") {
		t.Error("IsExist false after Set")
	}
	// A token expiring within silenceper's safety margin is not cached.
	if err := c.Set("gowechat_officialaccount__access_token_wx1", "OLD", -time.Second); err != nil {
		t.Fatal(err)
	}
	if c.Get("gowechat_officialaccount__access_token_wx1") != nil {
		t.Error("non-positive timeout left a value behind")
	}
	if err := c.Set("k", map[string]any{"n": 1.0}, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete("k"); err != nil || c.IsExist("k") {
		t.Errorf("Delete: %v", err)
	}
	if err := c.Delete("k"); err != nil {
		t.Errorf("deleting a missing key: %v", err)
	}
}

func TestRedisCacheSurvivesRedisDown(t *testing.T) {
	rdb := testenv.Redis(t, testenv.DBWeChat)
	c := NewRedisCache(rdb, "test:")
	_ = rdb.Close()
	if c.Get("k") != nil || c.IsExist("k") {
		t.Error("closed Redis should read as a miss")
	}
	if err := c.Set("k", "v", time.Minute); err == nil {
		t.Error("Set on closed Redis succeeded")
	}
}
