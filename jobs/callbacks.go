package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/redis/go-redis/v9"

	"petitiond/cases"
)

// CallbackPath is where the outbound-call provider posts call results.
const CallbackPath = "/api/v1/callbacks/followup"

// CallbackConfig configures FollowUpCallback.
type CallbackConfig struct {
	Secret string
	Calls  *cases.CallTasks
	Redis  redis.UniversalClient
	// MaxSkew is how far the timestamp may be from now (default 5 minutes);
	// a signature is remembered twice as long, so a replay is refused
	// whether or not its timestamp is still fresh.
	MaxSkew time.Duration
	Now     func() time.Time
}

// CallbackRequest is the provider's result of one call attempt.
type CallbackRequest struct {
	TaskID string `json:"task_id"`
	// Attempt is the attempt number of the call request (0-based); a result
	// for an attempt already recorded is acknowledged and changes nothing.
	Attempt int    `json:"attempt"`
	Outcome string `json:"outcome"` // 满意, 基本满意, 不满意, 无法联系
	Comment string `json:"comment,omitempty"`
}

// CallbackResponse is the task after the result.
type CallbackResponse struct {
	TaskID   string `json:"task_id"`
	Status   string `json:"status"` // open, done, cancelled
	Attempts int    `json:"attempts"`
	Outcome  string `json:"outcome,omitempty"`
	// NextAttemptAt: when the task stays open, the next call is due then.
	NextAttemptAt *time.Time `json:"next_attempt_at,omitempty"`
}

const maxCallbackBody = 16 << 10

// FollowUpCallback is POST /api/v1/callbacks/followup: the provider's call
// result, signed like every webhook (X-Petitiond-Timestamp, X-Petitiond-
// Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))).
// Stale timestamps and bad signatures are 401, a replayed signature 409.
func FollowUpCallback(cfg CallbackConfig) fiber.Handler {
	if cfg.MaxSkew <= 0 {
		cfg.MaxSkew = 5 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return func(c *fiber.Ctx) error {
		body := c.Body()
		if len(body) > maxCallbackBody {
			return fiber.ErrRequestEntityTooLarge
		}
		ts, sig := c.Get(HeaderTimestamp), c.Get(HeaderSignature)
		sec, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || cfg.Now().Sub(time.Unix(sec, 0)).Abs() > cfg.MaxSkew {
			return fiber.NewError(fiber.StatusUnauthorized, "时间戳缺失或已过期")
		}
		if !SignatureValid(cfg.Secret, ts, body, sig) {
			return fiber.NewError(fiber.StatusUnauthorized, "签名无效")
		}
		var req CallbackRequest
		if err := json.Unmarshal(body, &req); err != nil || req.TaskID == "" {
			return fiber.ErrBadRequest
		}
		ctx := c.UserContext()
		fresh, err := cfg.Redis.SetNX(ctx, "petitiond:jobs:callback:"+sig, "1", 2*cfg.MaxSkew).Result()
		if err != nil {
			return fiber.NewError(fiber.StatusServiceUnavailable, "暂时无法处理，请稍后重试")
		}
		if !fresh {
			return fiber.NewError(fiber.StatusConflict, "重复的回调请求")
		}
		task, err := recordCall(ctx, cfg.Calls, req)
		if err != nil {
			// Let the provider retry the same result with a new signature.
			_ = cfg.Redis.Del(context.WithoutCancel(ctx), "petitiond:jobs:callback:"+sig).Err()
			return err
		}
		out := CallbackResponse{TaskID: task.ID, Status: task.Status, Attempts: task.Attempts, Outcome: task.Outcome}
		if task.Status == cases.CallOpen {
			due := task.DueAt
			out.NextAttemptAt = &due
		}
		return c.JSON(out)
	}
}

// recordCall records the result unless it was recorded already.
func recordCall(ctx context.Context, calls *cases.CallTasks, req CallbackRequest) (*cases.CallTask, error) {
	task, err := calls.Get(ctx, req.TaskID)
	if err != nil {
		return nil, err
	}
	if req.Attempt < task.Attempts {
		return task, nil
	}
	task, err = calls.RecordAttempt(ctx, req.TaskID, ProviderCaller, req.Outcome, req.Comment)
	switch {
	case errors.Is(err, cases.ErrTaskClosed):
		return nil, fiber.NewError(fiber.StatusConflict, "该回访任务已结束")
	case errors.Is(err, cases.ErrNotAssigned):
		return nil, fiber.NewError(fiber.StatusConflict, "该回访任务已由人工接手")
	}
	return task, err
}
