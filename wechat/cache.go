package wechat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/silenceper/wechat/v2/cache"
)

// DefaultCachePrefix prefixes every key silenceper stores through RedisCache.
const DefaultCachePrefix = "petitiond:wechat:"

// redisCallTimeout bounds the context-free methods: silenceper's token code
// calls Get/Set without a context and must not hang on a stuck Redis.
const redisCallTimeout = 3 * time.Second

// RedisCache is silenceper's cache.Cache over our go-redis v9 client, so the
// access token is fetched once and shared by every instance. silenceper's own
// caches do not fit: its memory cache has a data race and is per process, and
// its Redis cache opens a second connection pool with go-redis v8.
//
// Values are stored as JSON, as silenceper's Redis cache does, so a cached
// string comes back as a string (its token code type-asserts val.(string)).
type RedisCache struct {
	rdb    redis.UniversalClient
	prefix string
}

var _ cache.ContextCache = (*RedisCache)(nil)

// NewRedisCache returns a cache whose keys all start with prefix.
func NewRedisCache(rdb redis.UniversalClient, prefix string) *RedisCache {
	return &RedisCache{rdb: rdb, prefix: prefix}
}

func (c *RedisCache) key(k string) string { return c.prefix + k }

// Get returns nil when the key is missing or Redis fails: silenceper then
// fetches a fresh token, which is the best it can do without Redis.
func (c *RedisCache) Get(key string) interface{} {
	ctx, cancel := context.WithTimeout(context.Background(), redisCallTimeout)
	defer cancel()
	return c.GetContext(ctx, key)
}

// GetContext is Get bounded by ctx.
func (c *RedisCache) GetContext(ctx context.Context, key string) interface{} {
	raw, err := c.rdb.Get(ctx, c.key(key)).Bytes()
	if err != nil {
		return nil
	}
	var v interface{}
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil
	}
	return v
}

// Set stores val for timeout. silenceper computes the timeout as expires_in
// minus a margin, which can come out zero or negative: such a value is not
// worth caching, so any old one is removed instead.
func (c *RedisCache) Set(key string, val interface{}, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), redisCallTimeout)
	defer cancel()
	return c.SetContext(ctx, key, val, timeout)
}

// SetContext is Set bounded by ctx.
func (c *RedisCache) SetContext(ctx context.Context, key string, val interface{}, timeout time.Duration) error {
	if timeout <= 0 {
		return c.DeleteContext(ctx, key)
	}
	raw, err := json.Marshal(val)
	if err != nil {
		return fmt.Errorf("wechat cache: encode %s: %w", key, err)
	}
	if err := c.rdb.Set(ctx, c.key(key), raw, timeout).Err(); err != nil {
		return fmt.Errorf("wechat cache: set %s: %w", key, err)
	}
	return nil
}

// IsExist reports whether key is cached; a Redis failure counts as absent.
func (c *RedisCache) IsExist(key string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), redisCallTimeout)
	defer cancel()
	return c.IsExistContext(ctx, key)
}

// IsExistContext is IsExist bounded by ctx.
func (c *RedisCache) IsExistContext(ctx context.Context, key string) bool {
	n, err := c.rdb.Exists(ctx, c.key(key)).Result()
	return err == nil && n > 0
}

// Delete removes key; a missing key is not an error.
func (c *RedisCache) Delete(key string) error {
	ctx, cancel := context.WithTimeout(context.Background(), redisCallTimeout)
	defer cancel()
	return c.DeleteContext(ctx, key)
}

// DeleteContext is Delete bounded by ctx.
func (c *RedisCache) DeleteContext(ctx context.Context, key string) error {
	if err := c.rdb.Del(ctx, c.key(key)).Err(); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("wechat cache: delete %s: %w", key, err)
	}
	return nil
}
