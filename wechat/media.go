package wechat

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"

	"github.com/silenceper/wechat/v2/util"
)

// MaxMediaBytes caps a download: WeChat's temporary media are at most 10 MB
// (video), 2 MB (voice) and 10 MB (image).
const MaxMediaBytes = 20 << 20

// maxEnvelopeBytes caps the JSON WeChat sends instead of a file.
const maxEnvelopeBytes = 64 << 10

// DownloadMedia copies the temporary media mediaID (from an image, voice or
// video message) to w and returns its content type. silenceper only builds
// the URL (GetMediaURL, with a context-free token fetch), so the request is
// made here, through the same hooked util.DefaultHTTPClient.
func (c *Client) DownloadMedia(ctx context.Context, mediaID string, w io.Writer) (string, error) {
	if err := c.configured(officialAccountApp); err != nil {
		return "", fmt.Errorf("download media: %w", err)
	}
	ctx = c.route(ctx)
	var contentType string
	err := c.retryStaleToken(ctx, officialAccountApp, func() error {
		tok, err := c.token(ctx, officialAccountApp)
		if err != nil {
			return err
		}
		q := url.Values{"access_token": {tok}, "media_id": {mediaID}}
		contentType, err = c.fetchMedia(ctx, DefaultAPIBase+"/cgi-bin/media/get?"+q.Encode(), w, true)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("download media: %w", err)
	}
	return contentType, nil
}

// fetchMedia streams uri to w. WeChat answers with the file itself, or with
// JSON: an error, or for video a {"video_url"} to follow once.
func (c *Client) fetchMedia(ctx context.Context, uri string, w io.Writer, followVideo bool) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, uri, nil)
	if err != nil {
		return "", wrapErr("build media request", err)
	}
	resp, err := util.DefaultHTTPClient.Do(req)
	if err != nil {
		return "", wrapErr("get media", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("get media: http status %d", resp.StatusCode)
	}
	contentType := resp.Header.Get("Content-Type")
	if isEnvelope(contentType) {
		raw, err := io.ReadAll(io.LimitReader(resp.Body, maxEnvelopeBytes))
		if err != nil {
			return "", wrapErr("read media answer", err)
		}
		var video struct {
			VideoURL string `json:"video_url"`
		}
		if err := decodeAnswer(raw, &video); err != nil {
			return "", err
		}
		if video.VideoURL != "" && followVideo {
			return c.fetchMedia(ctx, video.VideoURL, w, false)
		}
		// JSON without errcode or video_url: hand it over as the file.
		if _, err := io.Copy(w, bytes.NewReader(raw)); err != nil {
			return "", fmt.Errorf("write media: %w", err)
		}
		return contentType, nil
	}
	n, err := io.Copy(w, io.LimitReader(resp.Body, MaxMediaBytes+1))
	if err != nil {
		return "", wrapErr("copy media", err)
	}
	if n > MaxMediaBytes {
		return "", errors.New("copy media: larger than MaxMediaBytes")
	}
	return contentType, nil
}

// isEnvelope reports whether a media answer is WeChat's JSON, which it labels
// application/json or text/plain.
func isEnvelope(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return contentType == ""
	}
	return mt == "application/json" || mt == "text/plain"
}
