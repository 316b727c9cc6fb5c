package uploads

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrCorrupt}, args...)...)
}

// stripJPEG keeps JFIF (APP0), ICC colour profiles (APP2), Adobe (APP14)
// and every non-APP segment; it drops EXIF/XMP (APP1), IPTC (APP13), the
// other APPn segments, comments, and anything after the end marker (where
// some phones append a video). The EXIF orientation is carried over in a
// minimal EXIF block of its own, so upright photos stay upright.
func stripJPEG(b []byte) ([]byte, error) {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil, corrupt("no JPEG start marker")
	}
	out := make([]byte, 0, len(b))
	out = append(out, 0xFF, 0xD8)
	orientation, placed, frame := 0, false, false
	i := 2
	for {
		if i >= len(b) || b[i] != 0xFF {
			return nil, corrupt("JPEG segment expected at byte %d", i)
		}
		for i < len(b) && b[i] == 0xFF {
			i++
		}
		if i >= len(b) {
			return nil, corrupt("JPEG ends inside a marker")
		}
		m := b[i]
		i++
		if m == 0xD9 { // end of image
			if !frame {
				return nil, corrupt("JPEG without a frame")
			}
			return append(out, 0xFF, 0xD9), nil
		}
		if (m >= 0xD0 && m <= 0xD7) || m == 0x01 {
			out = append(out, 0xFF, m)
			continue
		}
		if i+2 > len(b) {
			return nil, corrupt("JPEG segment length missing")
		}
		n := int(binary.BigEndian.Uint16(b[i:]))
		if n < 2 || i+n > len(b) {
			return nil, corrupt("JPEG segment overruns the file")
		}
		seg, next := b[i+2:i+n], i+n
		isApp := m >= 0xE0 && m <= 0xEF
		keep := true
		switch {
		case m == 0xE0:
			keep = bytes.HasPrefix(seg, []byte("JFIF\x00")) // JFXX carries a thumbnail
		case m == 0xE1:
			if orientation == 0 {
				orientation = exifOrientation(seg)
			}
			keep = false
		case m == 0xE2:
			keep = bytes.HasPrefix(seg, []byte("ICC_PROFILE\x00"))
		case m == 0xEE:
		case isApp, m == 0xFE:
			keep = false
		}
		if !placed && !isApp && m != 0xFE {
			// The first segment after the APPn block: the orientation goes
			// here, after JFIF's APP0 which must come first.
			if orientation > 1 && orientation <= 8 {
				out = append(out, orientationSegment(orientation)...)
			}
			placed = true
		}
		if m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC {
			frame = true
		}
		if keep {
			out = append(out, 0xFF, m)
			out = append(out, b[i:next]...)
		}
		i = next
		if m != 0xDA {
			continue
		}
		// Entropy-coded data runs to the next marker that is neither a
		// stuffed zero nor a restart marker.
		j := i
		for {
			if j >= len(b) {
				return nil, corrupt("JPEG scan data without an end")
			}
			if b[j] != 0xFF {
				j++
				continue
			}
			k := j + 1
			for k < len(b) && b[k] == 0xFF {
				k++
			}
			if k < len(b) && (b[k] == 0x00 || (b[k] >= 0xD0 && b[k] <= 0xD7)) {
				j = k + 1
				continue
			}
			break
		}
		out = append(out, b[i:j]...)
		i = j
	}
}

// exifOrientation reads tag 0x0112 from IFD0 of an APP1 Exif payload; 0
// when absent or unreadable.
func exifOrientation(seg []byte) int {
	if !bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
		return 0
	}
	t := seg[6:]
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	off := int(bo.Uint32(t[4:]))
	if off < 8 || off+2 > len(t) {
		return 0
	}
	count := int(bo.Uint16(t[off:]))
	for e := 0; e < count; e++ {
		p := off + 2 + 12*e
		if p+12 > len(t) {
			return 0
		}
		if bo.Uint16(t[p:]) == 0x0112 && bo.Uint16(t[p+2:]) == 3 {
			return int(bo.Uint16(t[p+8:]))
		}
	}
	return 0
}

// orientationSegment is an APP1 Exif block holding nothing but the
// orientation tag.
func orientationSegment(o int) []byte {
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at 8
		0, 1, // one entry
		0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, byte(o), 0, 0, // Orientation SHORT 1 = o
		0, 0, 0, 0} // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

// pngDropped are the chunks that carry text, EXIF and time stamps.
var pngDropped = map[string]bool{"tEXt": true, "zTXt": true, "iTXt": true, "eXIf": true, "tIME": true}

// stripPNG copies every chunk but the dropped ones, and nothing after IEND.
func stripPNG(b []byte) ([]byte, error) {
	out := append(make([]byte, 0, len(b)), pngSignature...)
	i := len(pngSignature)
	first := true
	for {
		if i+8 > len(b) {
			return nil, corrupt("PNG ends before IEND")
		}
		n := int(binary.BigEndian.Uint32(b[i:]))
		typ := string(b[i+4 : i+8])
		end := i + 12 + n
		if n < 0 || n > len(b) || end > len(b) {
			return nil, corrupt("PNG chunk %q overruns the file", typ)
		}
		if first && typ != "IHDR" {
			return nil, corrupt("PNG does not start with IHDR")
		}
		first = false
		if !pngDropped[typ] {
			out = append(out, b[i:end]...)
		}
		i = end
		if typ == "IEND" {
			return out, nil
		}
	}
}

// VP8X flag bits for the metadata chunks.
const (
	vp8xEXIF = 0x08
	vp8xXMP  = 0x04
)

// stripWebP drops the EXIF and XMP chunks of the RIFF container, clears
// their flags in VP8X and fixes the RIFF size.
func stripWebP(b []byte) ([]byte, error) {
	size := int(binary.LittleEndian.Uint32(b[4:8]))
	if size < 4 || size+8 > len(b) {
		return nil, corrupt("WebP RIFF size does not match the file")
	}
	b = b[:size+8]
	out := append(make([]byte, 0, len(b)), b[:12]...)
	image := false
	for i := 12; i < len(b); {
		if i+8 > len(b) {
			return nil, corrupt("WebP chunk header truncated")
		}
		fourcc := string(b[i : i+4])
		n := int(binary.LittleEndian.Uint32(b[i+4:]))
		end := i + 8 + n + n%2
		if n < 0 || n > len(b) || i+8+n > len(b) {
			return nil, corrupt("WebP chunk %q overruns the file", fourcc)
		}
		if end > len(b) {
			end = len(b) // a missing pad byte on the last chunk
		}
		switch fourcc {
		case "EXIF", "XMP ":
		case "VP8X":
			if n < 10 {
				return nil, corrupt("WebP VP8X chunk too short")
			}
			start := len(out)
			out = append(out, b[i:end]...)
			out[start+8] &^= vp8xEXIF | vp8xXMP
		default:
			if fourcc == "VP8 " || fourcc == "VP8L" || fourcc == "ANMF" {
				image = true
			}
			out = append(out, b[i:end]...)
		}
		i = end
	}
	if !image {
		return nil, corrupt("WebP without image data")
	}
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-8))
	return out, nil
}
