package uploads

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func testImage() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 16, 8))
	for x := 0; x < 16; x++ {
		for y := 0; y < 8; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 16), uint8(y * 32), 90, 255})
		}
	}
	return img
}

// gpsExif is an APP1 Exif payload as a phone writes it: orientation 6, a
// camera model, and a GPS IFD with a latitude reference and a position.
func gpsExif() []byte {
	bo := binary.LittleEndian
	t := []byte("II*\x00\x08\x00\x00\x00")
	// IFD0 at 8: 3 entries
	ifd0 := make([]byte, 2+3*12+4)
	bo.PutUint16(ifd0, 3)
	entry := func(buf []byte, n int, tag, typ uint16, count, val uint32) {
		p := 2 + n*12
		bo.PutUint16(buf[p:], tag)
		bo.PutUint16(buf[p+2:], typ)
		bo.PutUint32(buf[p+4:], count)
		bo.PutUint32(buf[p+8:], val)
	}
	model := []byte("PhoneMaker X1 SN-0042\x00")
	modelOff := uint32(8 + len(ifd0))
	gpsOff := modelOff + uint32(len(model))
	entry(ifd0, 0, 0x0112, 3, 1, 6)
	entry(ifd0, 1, 0x0110, 2, uint32(len(model)), modelOff)
	entry(ifd0, 2, 0x8825, 4, 1, gpsOff)
	gps := make([]byte, 2+2*12+4)
	bo.PutUint16(gps, 2)
	entry(gps, 0, 0x0001, 2, 2, uint32('N'))
	entry(gps, 1, 0x0002, 5, 3, gpsOff+uint32(len(gps)))
	rational := make([]byte, 24)
	for i, v := range []uint32{31, 1, 14, 1, 2222, 100} {
		bo.PutUint32(rational[i*4:], v)
	}
	t = append(t, ifd0...)
	t = append(t, model...)
	t = append(t, gps...)
	t = append(t, rational...)
	return append([]byte("Exif\x00\x00"), t...)
}

func segment(marker byte, payload []byte) []byte {
	s := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(payload)+2))
	return append(s, payload...)
}

// phoneJPEG inserts EXIF with GPS, XMP, IPTC and a comment after SOI, and a
// trailer after EOI, into a real JPEG.
func phoneJPEG(t *testing.T) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testImage(), &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	var out []byte
	out = append(out, b[:2]...)
	out = append(out, segment(0xE1, gpsExif())...)
	out = append(out, segment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>GPSLatitude 31.2</x:xmpmeta>"))...)
	out = append(out, segment(0xED, []byte("Photoshop 3.0\x008BIM byline: Zhang San"))...)
	out = append(out, segment(0xFE, []byte("shot at home"))...)
	out = append(out, b[2:]...)
	return append(out, []byte("MotionPhoto_Data trailing video")...)
}

func TestStripJPEG(t *testing.T) {
	in := phoneJPEG(t)
	if Sniff(in) != JPEG {
		t.Fatal("not sniffed as JPEG")
	}
	out, err := Strip(JPEG, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"GPS", "PhoneMaker", "SN-0042", "xmpmeta", "Zhang San", "shot at home", "MotionPhoto", "8BIM"} {
		if bytes.Contains(out, []byte(leak)) {
			t.Errorf("%q survived stripping", leak)
		}
	}
	if bytes.Contains(out, []byte{0x25, 0x88}) { // GPS IFD pointer tag, little-endian
		t.Error("GPS IFD pointer survived")
	}
	var app1 [][]byte
	walkSegments(t, out, func(m byte, seg []byte) {
		if m == 0xE1 {
			app1 = append(app1, seg)
		}
	})
	if len(app1) != 1 || exifOrientation(app1[0]) != 6 {
		t.Fatalf("want one EXIF block with orientation 6, got %d blocks", len(app1))
	}
	img, err := jpeg.Decode(bytes.NewReader(out))
	if err != nil || img.Bounds().Dx() != 16 {
		t.Fatalf("stripped JPEG does not decode: %v", err)
	}
	// Stripping twice changes nothing.
	again, err := Strip(JPEG, out)
	if err != nil || !bytes.Equal(again, out) {
		t.Errorf("second strip differs: %v", err)
	}
}

// walkSegments calls fn for each marker segment before the first scan.
func walkSegments(t *testing.T, b []byte, fn func(m byte, seg []byte)) {
	t.Helper()
	for i := 2; i+4 <= len(b); {
		m := b[i+1]
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		fn(m, b[i+4:i+2+n])
		if m == 0xDA {
			return
		}
		i += 2 + n
	}
}

func pngChunk(typ string, data []byte) []byte {
	c := make([]byte, 8, 12+len(data))
	binary.BigEndian.PutUint32(c, uint32(len(data)))
	copy(c[4:], typ)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

func TestStripPNG(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, testImage()); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	ihdrEnd := 8 + 12 + 13
	var in []byte
	in = append(in, b[:ihdrEnd]...)
	in = append(in, pngChunk("eXIf", gpsExif())...)
	in = append(in, pngChunk("tEXt", []byte("Author\x00Li Si"))...)
	in = append(in, pngChunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00GPS"))...)
	in = append(in, pngChunk("tIME", []byte{7, 234, 11, 2, 10, 0, 0})...)
	in = append(in, b[ihdrEnd:]...)
	in = append(in, "trailing"...)
	out, err := Strip(Sniff(in), in)
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"GPS", "Li Si", "eXIf", "tIME", "trailing", "PhoneMaker"} {
		if bytes.Contains(out, []byte(leak)) {
			t.Errorf("%q survived stripping", leak)
		}
	}
	if !bytes.Equal(out, b) {
		t.Error("stripped PNG differs from the clean original")
	}
	if _, err := png.Decode(bytes.NewReader(out)); err != nil {
		t.Fatal(err)
	}
}

func riffChunk(fourcc string, data []byte) []byte {
	c := append([]byte(fourcc), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(c[4:], uint32(len(data)))
	c = append(c, data...)
	if len(data)%2 == 1 {
		c = append(c, 0)
	}
	return c
}

func webp(chunks ...[]byte) []byte {
	body := []byte("WEBP")
	for _, c := range chunks {
		body = append(body, c...)
	}
	out := append([]byte("RIFF"), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(body)))
	return append(out, body...)
}

func TestStripWebP(t *testing.T) {
	vp8x := make([]byte, 10)
	vp8x[0] = vp8xEXIF | vp8xXMP | 0x10 // alpha stays
	vp8l := []byte{0x2f, 0x0f, 0xc0, 0x01, 0x00, 0x07, 0x10, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00}
	in := webp(riffChunk("VP8X", vp8x), riffChunk("VP8L", vp8l), riffChunk("EXIF", gpsExif()), riffChunk("XMP ", []byte("<x:xmpmeta>GPS</x:xmpmeta>")))
	if Sniff(in) != WebP {
		t.Fatal("not sniffed as WebP")
	}
	out, err := Strip(WebP, in)
	if err != nil {
		t.Fatal(err)
	}
	want := webp(riffChunk("VP8X", []byte{0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0}), riffChunk("VP8L", vp8l))
	if !bytes.Equal(out, want) {
		t.Errorf("stripped WebP\n got %x\nwant %x", out, want)
	}
	if _, err := Strip(WebP, webp(riffChunk("EXIF", gpsExif()))); !errors.Is(err, ErrCorrupt) {
		t.Errorf("WebP without image data: %v", err)
	}
}

func TestSniffAndCorrupt(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []byte
		want string
	}{
		{"text", []byte("hello, this is not an image"), ""},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), ""},
		{"pdf", []byte("%PDF-1.7"), ""},
		{"riff wave", []byte("RIFF\x10\x00\x00\x00WAVEfmt "), ""},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0}, JPEG},
		{"png", append(append([]byte{}, pngSignature...), 0), PNG},
	} {
		if got := Sniff(tt.in); got != tt.want {
			t.Errorf("%s: Sniff = %q, want %q", tt.name, got, tt.want)
		}
	}
	for _, tt := range []struct {
		mime string
		in   []byte
	}{
		{JPEG, []byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00}},
		{JPEG, append([]byte{0xFF, 0xD8}, segment(0xFE, []byte("no frame"))...)},
		{PNG, append(append([]byte{}, pngSignature...), pngChunk("tEXt", []byte("a\x00b"))...)},
		{PNG, append(append([]byte{}, pngSignature...), 0, 0, 0, 13, 'I', 'H', 'D', 'R')},
		{WebP, []byte("RIFF\xff\xff\x00\x00WEBP")},
	} {
		if _, err := Strip(tt.mime, tt.in); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s %x: err %v, want ErrCorrupt", tt.mime, tt.in, err)
		}
	}
}
