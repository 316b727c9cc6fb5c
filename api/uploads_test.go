package api

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

func pngBytes(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// gpsJPEG is a photo with an EXIF block holding a GPS position.
func gpsJPEG(t testing.TB) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x88\x25\x00\x04\x00\x00\x00\x01\x00\x00\x00\x1a\x00\x00\x00\x00")
	tiff = append(tiff, "\x00\x01\x00\x01\x00\x02\x00\x00\x00\x02N\x00\x00\x00\x00\x00GPS 31.2304N 121.4737E"...)
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{0xFF, 0xD8}, seg...)
	out = append(out, payload...)
	return append(out, b.Bytes()[2:]...)
}

func TestUploads(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	tok := h.login(t, "mp-up", "")

	// The bytes decide, not the name or the header.
	r := h.upload(t, tok, "photo.jpg", "image/jpeg", pngBytes(t))
	if r.status != 201 || r.str("mime") != "image/png" || r.str("id") == "" {
		t.Fatalf("PNG named .jpg: %d %s", r.status, r.body)
	}
	pngID := r.str("id")
	r = h.upload(t, tok, "evil.png", "image/png", []byte("<script>alert(1)</script> not an image at all"))
	if code, _ := r.errCode(); r.status != 415 || code != "unsupported_media_type" {
		t.Errorf("text named .png: %d %s", r.status, r.body)
	}
	r = h.upload(t, tok, "broken.jpg", "image/jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0})
	if r.status != 422 {
		t.Errorf("truncated JPEG: %d %s", r.status, r.body)
	}
	big := append(pngBytes(t), make([]byte, 10<<20)...)
	if r := h.upload(t, tok, "big.png", "image/png", big); r.status != 413 {
		t.Errorf("over 10 MiB: %d %s", r.status, r.body)
	}
	// Over the app's body limit the server refuses before any handler runs,
	// still in the error shape (app.Test cannot show this: it needs a socket).
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go h.app.Listener(ln)
	defer h.app.Shutdown()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/uploads HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: %d\r\n\r\n", 13<<20)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 413 || !bytes.Contains(b, []byte(`"too_large"`)) {
		t.Errorf("over the body limit: %d %.200s", resp.StatusCode, b)
	}
	if r := h.do(t, "POST", "/api/v1/uploads", tok, map[string]string{"file": "x"}); r.status != 415 {
		t.Errorf("JSON instead of multipart: %d %s", r.status, r.body)
	}

	// GPS is gone from what is stored and served back.
	r = h.upload(t, tok, "IMG_0001.JPG", "image/jpeg", gpsJPEG(t))
	if r.status != 201 || r.str("mime") != "image/jpeg" {
		t.Fatalf("JPEG: %d %s", r.status, r.body)
	}
	jpegID := r.str("id")
	got := h.do(t, "GET", "/api/v1/uploads/"+jpegID, tok, nil)
	if got.status != 200 || got.header.Get("Content-Type") != "image/jpeg" || bytes.Contains(got.body, []byte("GPS")) || bytes.Contains(got.body, []byte("Exif")) {
		t.Errorf("served JPEG: %d, GPS kept: %v", got.status, bytes.Contains(got.body, []byte("GPS")))
	}
	if _, err := jpeg.Decode(bytes.NewReader(got.body)); err != nil {
		t.Errorf("served JPEG does not decode: %v", err)
	}
	// The same photo twice is one upload.
	if again := h.upload(t, tok, "copy.jpg", "image/jpeg", gpsJPEG(t)); again.str("id") != jpegID {
		t.Errorf("duplicate upload got a new id")
	}

	// Attach, and others see nothing.
	c := complaint("占道经营，见照片")
	c["attachments"] = []string{pngID, jpegID}
	r = h.do(t, "POST", "/api/v1/cases", tok, c)
	atts, _ := r.json["attachments"].([]any)
	if r.status != 201 || len(atts) != 2 {
		t.Fatalf("case with photos: %d %s", r.status, r.body)
	}
	other := h.login(t, "mp-peek", "")
	if r := h.do(t, "GET", "/api/v1/uploads/"+jpegID, other, nil); r.status != 404 {
		t.Errorf("another person's photo: %d", r.status)
	}
	// At most nine images per case, supplements included.
	no := h.do(t, "GET", "/api/v1/cases", tok, nil).json["cases"].([]any)[0].(map[string]any)["tracking_no"].(string)
	var more []string
	for i := range 8 {
		img := image.NewGray(image.Rect(0, 0, 2+i, 2))
		var b bytes.Buffer
		png.Encode(&b, img)
		more = append(more, h.upload(t, tok, "p.png", "image/png", b.Bytes()).str("id"))
	}
	r = h.do(t, "POST", "/api/v1/cases/"+no+"/supplements", tok, map[string]any{"attachments": more})
	if _, field := r.errCode(); r.status != 422 || field != "attachments" || !strings.Contains(r.errMessage(), "9") {
		t.Errorf("eleventh image: %d %s", r.status, r.body)
	}
	r = h.do(t, "POST", "/api/v1/cases/"+no+"/supplements", tok, map[string]any{"text": "又拍了几张", "attachments": more[:7]})
	if atts, _ := r.json["attachments"].([]any); r.status != 200 || len(atts) != 9 {
		t.Errorf("supplement: %d %s", r.status, r.body)
	}
}
