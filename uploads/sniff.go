package uploads

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig checks what Strip kept
	_ "image/png"
)

// Accepted image types.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	WebP = "image/webp"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// Sniff names the image type from the bytes alone; "" when it is none of
// the accepted ones. File names and Content-Type headers are never asked.
func Sniff(b []byte) string {
	switch {
	case len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return JPEG
	case bytes.HasPrefix(b, pngSignature):
		return PNG
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return WebP
	}
	return ""
}

// Strip returns the image without the metadata that identifies a person or
// a place: EXIF (GPS, device, time), XMP, IPTC, comments and text chunks.
// It walks the container format and copies the picture data untouched, so
// nothing is re-encoded and the quality stays as the person sent it.
func Strip(mime string, b []byte) ([]byte, error) {
	var (
		out []byte
		err error
	)
	switch mime {
	case JPEG:
		out, err = stripJPEG(b)
	case PNG:
		out, err = stripPNG(b)
	case WebP:
		out, err = stripWebP(b)
	default:
		return nil, ErrUnsupportedType
	}
	if err != nil {
		return nil, err
	}
	if mime != WebP {
		if _, _, err := image.DecodeConfig(bytes.NewReader(out)); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
	}
	return out, nil
}
