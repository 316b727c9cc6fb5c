package jobs

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Signature headers of every webhook petitiond sends or accepts.
const (
	HeaderTimestamp = "X-Petitiond-Timestamp" // Unix seconds
	HeaderSignature = "X-Petitiond-Signature" // sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))
	HeaderDelivery  = "X-Petitiond-Delivery"  // the same for every retry of one delivery
)

// Sign returns the signature header value of body sent at timestamp.
func Sign(secret, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(timestamp))
	m.Write([]byte("."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// SignatureValid compares in constant time.
func SignatureValid(secret, timestamp string, body []byte, signature string) bool {
	return secret != "" && hmac.Equal([]byte(Sign(secret, timestamp, body)), []byte(signature))
}

// permanentError is a failure that retrying will not change (the receiver
// refused the request, the secret is missing): the task stops retrying.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

func isPermanentHTTP(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

// Webhooks posts signed JSON to HTTPS endpoints: the units' own systems and
// the outbound-call provider.
type Webhooks struct {
	Client *http.Client
	// Secret looks up a secret by the environment variable that holds it.
	Secret func(name string) string
	Now    func() time.Time
}

// Post sends body to url, signed with the secret held by secretEnv (or
// given directly as secret). A 2xx answer is success, 4xx is permanent
// (the receiver will not take it), anything else may be retried.
func (w *Webhooks) Post(ctx context.Context, url, secret, delivery string, body []byte) ([]byte, error) {
	if secret == "" {
		return nil, &permanentError{fmt.Errorf("webhook %s: no secret configured", url)}
	}
	ts := strconv.FormatInt(w.Now().Unix(), 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, &permanentError{fmt.Errorf("webhook %s: %w", url, err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(HeaderTimestamp, ts)
	req.Header.Set(HeaderSignature, Sign(secret, ts, body))
	req.Header.Set(HeaderDelivery, delivery)
	resp, err := w.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("webhook %s: %w", url, err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return answer, nil
	case resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusRequestTimeout:
		return nil, &permanentError{fmt.Errorf("webhook %s: refused with HTTP %d", url, resp.StatusCode)}
	}
	return nil, fmt.Errorf("webhook %s: HTTP %d", url, resp.StatusCode)
}
